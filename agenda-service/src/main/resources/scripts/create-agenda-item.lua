-- Places a new session on the first free place of the grid, atomically: Redis runs a script without
-- interleaving other commands, so concurrent callers on any replica never claim the same slot. A talk
-- takes one slot, a workshop two consecutive slots of one room; all of a place's slots are claimed, or none.
--
-- KEYS[1] items:     hash item id -> item JSON
-- KEYS[2] slots:     hash "day|startTime|room" -> item id (the claimed slots)
-- KEYS[3] proposals: hash proposal id -> item id
-- KEYS[4] version:   string, a new token after every change (read caches compare it, see AgendaSnapshotCache)
-- KEYS[5] withdrawn: set of the proposal ids that were withdrawn (see remove-proposal-item.lua)
-- ARGV[1..5]  item id, proposal id, title, abstract, speaker name
-- ARGV[6..8]  format (TALK or WORKSHOP), level ('' when not stated), speaker bio ('' when none)
-- ARGV[9]     the version token to set when the item is placed
-- ARGV[10]    n, the number of consecutive slots the item takes
-- ARGV[11..]  the places in fill order, 2 + 2n values each: day, room, then n times startTime, endTime
--
-- Returns {'WITHDRAWN'} when the proposal was withdrawn, {'EXISTING', json} when it already has an
-- item (nothing changes in either case), {'CREATED', json} after placing it, or {'FULL'} when no place is free.

if redis.call('SISMEMBER', KEYS[5], ARGV[2]) == 1 then
  return {'WITHDRAWN'}
end

local existingId = redis.call('HGET', KEYS[3], ARGV[2])
if existingId then
  local existing = redis.call('HGET', KEYS[1], existingId)
  if existing then
    return {'EXISTING', existing}
  end
end

local n = tonumber(ARGV[10])
for i = 11, #ARGV, 2 + 2 * n do
  local day, room = ARGV[i], ARGV[i + 1]
  local keys = {}
  for j = 0, n - 1 do
    local key = day .. '|' .. ARGV[i + 2 + 2 * j] .. '|' .. room
    if redis.call('HEXISTS', KEYS[2], key) == 1 then
      keys = nil
      break
    end
    keys[#keys + 1] = key
  end
  if keys then
    for _, key in ipairs(keys) do
      redis.call('HSET', KEYS[2], key, ARGV[1])
    end
    local item = {
      ['id'] = ARGV[1], ['proposalId'] = ARGV[2], ['title'] = ARGV[3], ['abstract'] = ARGV[4],
      ['speakerName'] = ARGV[5], ['format'] = ARGV[6], ['day'] = day, ['startTime'] = ARGV[i + 2],
      ['endTime'] = ARGV[i + 1 + 2 * n], ['room'] = room, ['slots'] = keys }
    if ARGV[7] ~= '' then
      item['level'] = ARGV[7]
    end
    if ARGV[8] ~= '' then
      item['speakerBio'] = ARGV[8]
    end
    local json = cjson.encode(item)
    redis.call('HSET', KEYS[1], ARGV[1], json)
    redis.call('HSET', KEYS[3], ARGV[2], ARGV[1])
    redis.call('SET', KEYS[4], ARGV[9])
    return {'CREATED', json}
  end
end
return {'FULL'}
