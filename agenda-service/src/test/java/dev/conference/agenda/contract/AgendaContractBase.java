package dev.conference.agenda.contract;

import dev.conference.agenda.config.AgendaProperties;
import dev.conference.agenda.grid.AgendaGrid;
import dev.conference.agenda.item.AgendaItemStore;
import dev.conference.agenda.item.CreateAgendaItem;
import dev.conference.agenda.item.Format;
import dev.conference.agenda.item.Level;
import dev.conference.testsupport.TestRedis;
import io.restassured.module.mockmvc.RestAssuredMockMvc;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.context.WebApplicationContext;

/**
 * Base of the verifier tests generated from {@code contracts/}: the real agenda-service on the default
 * grid and a Redis key space of its own, holding two talks the contracts refer to by id (the second
 * with a level and a speaker bio), and one withdrawn proposal.
 */
@SpringBootTest
public abstract class AgendaContractBase {

    /** On the agenda in the first slot: 2027-05-12 09:00-09:45, Main Hall. */
    public static final UUID FIRST_ITEM = UUID.fromString("0a9e0d00-0000-4000-8000-000000000001");
    public static final UUID FIRST_PROPOSAL = UUID.fromString("c4900000-0000-4000-8000-000000000001");
    /** On the agenda in the second slot: 2027-05-12 09:00-09:45, Room A. */
    public static final UUID SECOND_ITEM = UUID.fromString("0a9e0d00-0000-4000-8000-000000000002");
    public static final UUID SECOND_PROPOSAL = UUID.fromString("c4900000-0000-4000-8000-000000000002");
    /** Withdrawn: taken off the agenda, so creating an item for it answers 410. */
    public static final UUID WITHDRAWN_PROPOSAL = UUID.fromString("c4900000-0000-4000-8000-0000000000dd");

    private static final TestRedis.KeySpace REDIS = TestRedis.newKeySpace("agenda-contracts");

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        REDIS.register(registry, "agenda.key-prefix");
    }

    @Autowired
    WebApplicationContext context;
    @Autowired
    AgendaItemStore store;
    @Autowired
    AgendaGrid grid;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    AgendaProperties properties;

    @BeforeEach
    void agendaWithTwoTalks() {
        redis.delete(redis.keys(properties.keyPrefix() + "*"));
        store.create(FIRST_ITEM, new CreateAgendaItem(FIRST_PROPOSAL, "Records in depth",
                "Everything about Java records.", "Ada Lovelace"), grid.runs(1));
        store.create(SECOND_ITEM, new CreateAgendaItem(SECOND_PROPOSAL, "Virtual threads, really",
                "What changes and what does not.", "Grace Hopper", Format.TALK, Level.INTERMEDIATE,
                "Grace Hopper wrote the first compiler."), grid.runs(1));
        store.removeWithdrawn(WITHDRAWN_PROPOSAL);
        RestAssuredMockMvc.webAppContextSetup(context);
    }
}
