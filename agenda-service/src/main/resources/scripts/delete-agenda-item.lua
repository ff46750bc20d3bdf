-- Deletes an item and frees its slot and its proposal, atomically.
--
-- KEYS[1] items:     hash item id -> item JSON
-- KEYS[2] slots:     hash "day|startTime|room" -> item id
-- KEYS[3] proposals: hash proposal id -> item id
-- ARGV[1] item id
--
-- Returns 1 when the item existed, else 0.

local id = ARGV[1]
local json = redis.call('HGET', KEYS[1], id)
if not json then
  return 0
end

local item = cjson.decode(json)
local slot = item['day'] .. '|' .. item['startTime'] .. '|' .. item['room']
if redis.call('HGET', KEYS[2], slot) == id then
  redis.call('HDEL', KEYS[2], slot)
end
if redis.call('HGET', KEYS[3], item['proposalId']) == id then
  redis.call('HDEL', KEYS[3], item['proposalId'])
end
redis.call('HDEL', KEYS[1], id)
return 1
