package dev.conference.agenda.schedule;

import dev.conference.agenda.config.AgendaProperties;
import dev.conference.agenda.item.AgendaItemStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Repository;

/**
 * Personal schedules in Redis: one hash per schedule, {@code <prefix>schedule:<token>}, with the field
 * {@code since} (when it was created, so an empty schedule exists too) and one field per talk (agenda
 * item id → when it was added). Every change runs as a script that also sets the key's expiry.
 */
@Repository
public class ScheduleStore {

    static final String CREATED_FIELD = "since";

    private static final RedisScript<Long> CREATE = RedisScript.of(new ClassPathResource("scripts/create-schedule.lua"),
            Long.class);
    private static final RedisScript<String> ADD = RedisScript.of(new ClassPathResource("scripts/add-schedule-talk.lua"),
            String.class);
    private static final RedisScript<Long> REMOVE = RedisScript.of(
            new ClassPathResource("scripts/remove-schedule-talk.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final String keyPrefix;
    private final String itemsKey;

    public ScheduleStore(StringRedisTemplate redis, AgendaProperties properties, AgendaItemStore items) {
        this.redis = redis;
        this.keyPrefix = properties.keyPrefix() + "schedule:";
        this.itemsKey = items.itemsKey();
    }

    public enum Addition { ADDED, NO_SCHEDULE, NO_ITEM, FULL }

    /** Creates an empty schedule; false when the token is taken. */
    public boolean create(ScheduleToken token, Instant now, Instant expiresAt) {
        return redis.execute(CREATE, List.of(key(token)), now.toString(), seconds(expiresAt)) == 1L;
    }

    public Addition add(ScheduleToken token, UUID itemId, Instant now, Instant expiresAt, int mostTalks) {
        String reply = redis.execute(ADD, List.of(key(token), itemsKey), itemId.toString(), now.toString(),
                seconds(expiresAt), Integer.toString(mostTalks));
        return Addition.valueOf(reply);
    }

    /** Removes the talk if the schedule has it; false when there is no such schedule. */
    public boolean remove(ScheduleToken token, UUID itemId, Instant expiresAt) {
        return redis.execute(REMOVE, List.of(key(token)), itemId.toString(), seconds(expiresAt)) == 1L;
    }

    /** The ids of the schedule's talks, or empty when there is no such schedule. */
    public Optional<Set<String>> talkIds(ScheduleToken token) {
        Set<String> fields = redis.<String, String>opsForHash().keys(key(token));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Set<String> ids = new HashSet<>(fields);
        ids.remove(CREATED_FIELD);
        return Optional.of(ids);
    }

    String key(ScheduleToken token) {
        return keyPrefix + token.value();
    }

    private static String seconds(Instant instant) {
        return Long.toString(instant.getEpochSecond());
    }
}
