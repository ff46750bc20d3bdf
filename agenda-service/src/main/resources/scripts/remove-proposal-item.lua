-- Takes a withdrawn proposal off the agenda for good, atomically: deletes its item if it has one
-- (freeing the item's slots) and remembers the proposal as withdrawn, so create-agenda-item.lua
-- never places it again, whichever of the two calls arrives first.
--
-- KEYS[1] items:     hash item id -> item JSON
-- KEYS[2] slots:     hash "day|startTime|room" -> item id
-- KEYS[3] proposals: hash proposal id -> item id
-- KEYS[4] withdrawn: set of withdrawn proposal ids
-- KEYS[5] version:   string, a new token after every change
-- ARGV[1] proposal id
-- ARGV[2] the version token to set
--
-- Returns 1 when an item was deleted, else 0.

local proposalId = ARGV[1]
redis.call('SADD', KEYS[4], proposalId)
local deleted = 0
local id = redis.call('HGET', KEYS[3], proposalId)
if id then
  local json = redis.call('HGET', KEYS[1], id)
  if json then
    local item = cjson.decode(json)
    -- items stored before workshops existed have no list of slots: they claim the one they start in
    local slots = item['slots'] or { item['day'] .. '|' .. item['startTime'] .. '|' .. item['room'] }
    for _, slot in ipairs(slots) do
      if redis.call('HGET', KEYS[2], slot) == id then
        redis.call('HDEL', KEYS[2], slot)
      end
    end
    redis.call('HDEL', KEYS[1], id)
    deleted = 1
  end
  redis.call('HDEL', KEYS[3], proposalId)
end
redis.call('SET', KEYS[5], ARGV[2])
return deleted
