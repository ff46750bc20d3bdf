-- Removes an agenda item from a personal schedule; removing one that is not there changes nothing
-- but the expiry.
--
-- KEYS[1] the schedule: hash 'since' -> when it was created, agenda item id -> when it was added
-- ARGV[1] agenda item id, ARGV[2] when the schedule expires (Unix seconds)
--
-- Returns 1 when the schedule exists, else 0.

if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('EXPIREAT', KEYS[1], ARGV[2])
return 1
