-- Moves an item to another place of the grid as a whole, atomically: it releases all the slots it
-- held and claims all the target slots, unless another item holds one of them.
--
-- KEYS[1] items:   hash item id -> item JSON
-- KEYS[2] slots:   hash "day|startTime|room" -> item id
-- KEYS[3] version: string, a new token after every change
-- ARGV[1] item id
-- ARGV[2], ARGV[3] the target day and room
-- ARGV[4] the version token to set
-- ARGV[5..] the target time slots, consecutive, as many as the item takes: startTime, endTime each
--
-- Returns {'MOVED', json}, {'TAKEN', n} (the n-th target slot, from 1, is another item's) or {'NOT_FOUND'}.

local id = ARGV[1]
local json = redis.call('HGET', KEYS[1], id)
if not json then
  return {'NOT_FOUND'}
end

local day, room = ARGV[2], ARGV[3]
local targets = {}
for i = 5, #ARGV, 2 do
  local target = day .. '|' .. ARGV[i] .. '|' .. room
  local holder = redis.call('HGET', KEYS[2], target)
  if holder and holder ~= id then
    return {'TAKEN', tostring(#targets + 1)}
  end
  targets[#targets + 1] = target
end

local item = cjson.decode(json)
-- items stored before workshops existed have no list of slots: they claim the one they start in
local current = item['slots'] or { item['day'] .. '|' .. item['startTime'] .. '|' .. item['room'] }
for _, slot in ipairs(current) do
  if redis.call('HGET', KEYS[2], slot) == id then
    redis.call('HDEL', KEYS[2], slot)
  end
end
for _, target in ipairs(targets) do
  redis.call('HSET', KEYS[2], target, id)
end

item['day'], item['startTime'], item['endTime'], item['room'] = day, ARGV[5], ARGV[#ARGV], room
item['slots'] = targets
json = cjson.encode(item)
redis.call('HSET', KEYS[1], id, json)
redis.call('SET', KEYS[3], ARGV[4])
return {'MOVED', json}
