-- Moves an item to another grid slot, atomically, unless another item holds that slot.
--
-- KEYS[1] items: hash item id -> item JSON
-- KEYS[2] slots: hash "day|startTime|room" -> item id
-- KEYS[3] version: string, a new token after every change
-- ARGV item id, then the target slot: day, startTime, endTime, room, then the version token to set
--
-- Returns {'MOVED', json}, {'TAKEN'} or {'NOT_FOUND'}.

local id = ARGV[1]
local json = redis.call('HGET', KEYS[1], id)
if not json then
  return {'NOT_FOUND'}
end

local target = ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[5]
local holder = redis.call('HGET', KEYS[2], target)
if holder and holder ~= id then
  return {'TAKEN'}
end

local item = cjson.decode(json)
local current = item['day'] .. '|' .. item['startTime'] .. '|' .. item['room']
if redis.call('HGET', KEYS[2], current) == id then
  redis.call('HDEL', KEYS[2], current)
end
redis.call('HSET', KEYS[2], target, id)

item['day'], item['startTime'], item['endTime'], item['room'] = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
json = cjson.encode(item)
redis.call('HSET', KEYS[1], id, json)
redis.call('SET', KEYS[3], ARGV[6])
return {'MOVED', json}
