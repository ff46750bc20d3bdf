-- Adds an agenda item to a personal schedule, atomically with the checks: the schedule exists,
-- the item is on the agenda, and the schedule holds fewer than the most talks allowed. Adding an
-- item that is already there changes nothing but the expiry.
--
-- KEYS[1] the schedule: hash 'since' -> when it was created, agenda item id -> when it was added
-- KEYS[2] the agenda's items: hash item id -> item JSON
-- ARGV[1] agenda item id, ARGV[2] now (ISO instant), ARGV[3] when the schedule expires (Unix seconds),
-- ARGV[4] the most talks a schedule may hold
--
-- Returns 'ADDED', 'NO_SCHEDULE', 'NO_ITEM' or 'FULL'.

if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'NO_SCHEDULE'
end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then
  return 'NO_ITEM'
end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  local most = tonumber(ARGV[4])
  local talks = redis.call('HLEN', KEYS[1]) - 1
  if talks >= most then
    -- talks taken off the agenda since they were added do not count: drop them first
    for _, id in ipairs(redis.call('HKEYS', KEYS[1])) do
      if id ~= 'since' and redis.call('HEXISTS', KEYS[2], id) == 0 then
        redis.call('HDEL', KEYS[1], id)
        talks = talks - 1
      end
    end
    if talks >= most then
      return 'FULL'
    end
  end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
redis.call('EXPIREAT', KEYS[1], ARGV[3])
return 'ADDED'
