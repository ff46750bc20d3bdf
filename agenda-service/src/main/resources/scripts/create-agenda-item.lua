-- Places a new talk in the first free grid slot, atomically: Redis runs a script without
-- interleaving other commands, so concurrent callers on any replica never claim the same slot.
--
-- KEYS[1] items:     hash item id -> item JSON
-- KEYS[2] slots:     hash "day|startTime|room" -> item id (the claimed slots)
-- KEYS[3] proposals: hash proposal id -> item id
-- KEYS[4] version:   string, a new token after every change (read caches compare it, see AgendaSnapshotCache)
-- ARGV[1..5] item id, proposal id, title, abstract, speaker name
-- ARGV[6]    the version token to set when the item is placed
-- ARGV[7..]  the grid slots in fill order, four values each: day, startTime, endTime, room
--
-- Returns {'EXISTING', json} when the proposal already has an item (nothing changes),
-- {'CREATED', json} after placing it, or {'FULL'} when no slot is free.

local existingId = redis.call('HGET', KEYS[3], ARGV[2])
if existingId then
  local existing = redis.call('HGET', KEYS[1], existingId)
  if existing then
    return {'EXISTING', existing}
  end
end

for i = 7, #ARGV, 4 do
  local day, startTime, endTime, room = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if redis.call('HSETNX', KEYS[2], day .. '|' .. startTime .. '|' .. room, ARGV[1]) == 1 then
    local item = cjson.encode({
      ['id'] = ARGV[1], ['proposalId'] = ARGV[2], ['title'] = ARGV[3], ['abstract'] = ARGV[4],
      ['speakerName'] = ARGV[5], ['day'] = day, ['startTime'] = startTime, ['endTime'] = endTime,
      ['room'] = room })
    redis.call('HSET', KEYS[1], ARGV[1], item)
    redis.call('HSET', KEYS[3], ARGV[2], ARGV[1])
    redis.call('SET', KEYS[4], ARGV[6])
    return {'CREATED', item}
  end
end
return {'FULL'}
