-- Deletes an item and frees its slots and its proposal, atomically.
--
-- KEYS[1] items:     hash item id -> item JSON
-- KEYS[2] slots:     hash "day|startTime|room" -> item id
-- KEYS[3] proposals: hash proposal id -> item id
-- KEYS[4] version:   string, a new token after every change
-- ARGV[1] item id
-- ARGV[2] the version token to set
--
-- Returns 1 when the item existed, else 0.

local id = ARGV[1]
local json = redis.call('HGET', KEYS[1], id)
if not json then
  return 0
end

local item = cjson.decode(json)
-- items stored before workshops existed have no list of slots: they claim the one they start in
local slots = item['slots'] or { item['day'] .. '|' .. item['startTime'] .. '|' .. item['room'] }
for _, slot in ipairs(slots) do
  if redis.call('HGET', KEYS[2], slot) == id then
    redis.call('HDEL', KEYS[2], slot)
  end
end
if redis.call('HGET', KEYS[3], item['proposalId']) == id then
  redis.call('HDEL', KEYS[3], item['proposalId'])
end
redis.call('HDEL', KEYS[1], id)
redis.call('SET', KEYS[4], ARGV[2])
return 1
