package dev.conference.c4p.contract;

import dev.conference.testsupport.TestPostgres;
import io.restassured.module.mockmvc.RestAssuredMockMvc;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.context.WebApplicationContext;

/**
 * Base of the verifier tests generated from {@code contracts/}: the real c4p-service on a PostgreSQL
 * database of its own, holding the proposals the contracts refer to, with reviews (two of the approved
 * workshop, one of the older pending talk) and each proposal's history.
 */
@SpringBootTest
public abstract class C4pContractBase {

    static final UUID PENDING = UUID.fromString("c4900000-0000-4000-8000-000000000011");
    static final UUID ALSO_PENDING = UUID.fromString("c4900000-0000-4000-8000-000000000012");
    static final UUID APPROVED = UUID.fromString("c4900000-0000-4000-8000-000000000013");
    static final UUID REJECTED = UUID.fromString("c4900000-0000-4000-8000-000000000014");

    private static final TestPostgres.Database DATABASE = TestPostgres.newDatabase("c4p_contracts");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.registerAsDataSource(registry);
    }

    @Autowired
    WebApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void fourProposals() {
        jdbc.sql("delete from outbox_event").update();
        jdbc.sql("delete from review").update();
        jdbc.sql("delete from proposal_event").update();
        jdbc.sql("delete from proposal").update();
        insert(PENDING, "Records in depth", "Everything about Java records.", "Ada Lovelace", "ada@example.com",
                "PENDING", "2027-01-10T09:00:00Z", "track-records-in-depth");
        insert(ALSO_PENDING, "Virtual threads, really", "What changes and what does not.", "Grace Hopper",
                "grace@example.com", "PENDING", "2027-01-11T09:00:00Z", "track-virtual-threads");
        insert(APPROVED, "Outboxes in practice", "Never lose a side effect.", "Barbara Liskov", "barbara@example.com",
                "APPROVED", "2027-01-09T09:00:00Z", "track-outboxes");
        insert(REJECTED, "Everything is a monad", "Really everything.", "Edsger Dijkstra", "edsger@example.com",
                "REJECTED", "2027-01-08T09:00:00Z", "track-monads");
        jdbc.sql("update proposal set decided_at = timestamptz '2027-01-12T10:00:00Z', decided_by = 'olivia' "
                + "where id in (:ids)").param("ids", List.of(APPROVED, REJECTED)).update();
        jdbc.sql("update proposal set format = 'WORKSHOP', level = 'ADVANCED', speaker_bio = :bio where id = :id")
                .param("bio", "Barbara designs abstractions.\nShe teaches them too.").param("id", APPROVED).update();
        review(APPROVED, "olivia", 5, "Great workshop.", "2027-01-10T12:00:00Z");
        review(APPROVED, "rita", 4, null, "2027-01-11T12:00:00Z");
        review(PENDING, "rita", 3, "Needs a clearer outline.", "2027-01-11T15:00:00Z");
        jdbc.sql("""
                        insert into proposal_event (proposal_id, type, at, actor, detail)
                        select id, 'SUBMITTED', submitted_at, speaker_name, null from proposal
                        union all
                        select id, 'DECIDED', decided_at, decided_by, status from proposal where decided_at is not null
                        """).update();
        RestAssuredMockMvc.webAppContextSetup(context);
    }

    /** A review with its history entry, and the proposal's totals brought up to date. */
    private void review(UUID proposal, String reviewer, int score, String comment, String at) {
        OffsetDateTime reviewedAt = OffsetDateTime.parse(at);
        jdbc.sql("insert into review (proposal_id, reviewer, score, comment, reviewed_at) "
                        + "values (:proposal, :reviewer, :score, :comment, :at)")
                .param("proposal", proposal).param("reviewer", reviewer).param("score", score)
                .param("comment", comment).param("at", reviewedAt).update();
        jdbc.sql("insert into proposal_event (proposal_id, type, at, actor, detail) "
                        + "values (:proposal, 'REVIEWED', :at, :reviewer, :detail)")
                .param("proposal", proposal).param("at", reviewedAt).param("reviewer", reviewer)
                .param("detail", "score " + score).update();
        jdbc.sql("update proposal set review_count = review_count + 1, score_total = score_total + :score where id = :id")
                .param("score", score).param("id", proposal).update();
    }

    private void insert(UUID id, String title, String abstractText, String speaker, String email, String status,
                        String submittedAt, String token) {
        jdbc.sql("""
                        insert into proposal (id, title, abstract, speaker_name, speaker_email, status, tracking_token,
                                              submitted_at, decided_at)
                        values (:id, :title, :abstract, :speaker, :email, :status, :token, :submitted,
                                case when :status = 'PENDING' then null else :submitted end)
                        """)
                .param("id", id).param("title", title).param("abstract", abstractText).param("speaker", speaker)
                .param("email", email).param("status", status).param("token", token)
                .param("submitted", OffsetDateTime.parse(submittedAt))
                .update();
    }
}
