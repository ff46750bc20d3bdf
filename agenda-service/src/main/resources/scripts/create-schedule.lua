-- Creates an empty personal schedule, unless its token is taken.
--
-- KEYS[1] the schedule: hash 'since' -> when it was created, agenda item id -> when it was added
-- ARGV[1] now (ISO instant), ARGV[2] when the schedule expires (Unix seconds)
--
-- Returns 1 when created, 0 when a schedule with this token exists.

if redis.call('HSETNX', KEYS[1], 'since', ARGV[1]) == 0 then
  return 0
end
redis.call('EXPIREAT', KEYS[1], ARGV[2])
return 1
