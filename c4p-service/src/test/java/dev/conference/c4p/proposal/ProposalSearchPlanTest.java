package dev.conference.c4p.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.testsupport.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The organizers' search and listings read indexes, not the whole table: PostgreSQL's plans for the SQL
 * the service really sends, over 20,000 analyzed proposals in a database of this test's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.jpa.properties.hibernate.session_factory.statement_inspector=dev.conference.c4p.proposal.RecordedStatements",
        "c4p.agenda.url=http://127.0.0.1:9",
        "c4p.email.url=http://127.0.0.1:9"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProposalSearchPlanTest {

    private static final int PROPOSALS = 20_000;
    private static final int SIZE = 20;
    private static final TestPostgres.Database database = TestPostgres.newDatabase("c4p_plan");

    @Autowired
    ProposalService proposals;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        database.registerAsDataSource(registry);
    }

    /** Titles, abstracts and speakers of random words (md5 hex), a third of them rejected; one abstract says "quokka". */
    @BeforeAll
    void manyProposals() {
        jdbc.sql("""
                        insert into proposal (id, title, abstract, speaker_name, speaker_email, status, tracking_token,
                                              submitted_at, decided_at, decided_by)
                        select gen_random_uuid(), 'Talk ' || md5(i || 't'),
                               repeat(md5(i || 'a') || ' ', 20) || case when i = 12346 then 'the quokka way' else '' end,
                               'Speaker ' || md5(i || 's'), 'speaker' || i || '@example.com',
                               case when i % 3 = 0 then 'REJECTED' else 'PENDING' end, md5(i || 'k'),
                               now() - i * interval '1 minute',
                               case when i % 3 = 0 then now() end, case when i % 3 = 0 then 'olivia' end
                        from generate_series(1, :count) i
                        """)
                .param("count", PROPOSALS).update();
        // A third reviewed twice, with averages from 1 to 5.
        jdbc.sql("update proposal set review_count = 2, score_total = 2 + abs(hashtext(title)) % 9 "
                + "where abs(hashtext(abstract)) % 3 = 0").update();
        jdbc.sql("vacuum analyze proposal").update();
    }

    @Test
    void searchReadsTheTrigramIndexes() {
        List<String> plan = planOf(null, "QuokKa", 0);

        assertThat(plan).anyMatch(line -> line.contains("proposal_abstract_trgm"))
                .anyMatch(line -> line.contains("proposal_title_trgm"))
                .noneMatch(line -> line.contains("Seq Scan"));
    }

    @Test
    void searchWithinAStatusReadsTheTrigramIndexes() {
        List<String> plan = planOf(ProposalStatus.PENDING, "quokka", 0);

        assertThat(plan).anyMatch(line -> line.contains("_trgm")).noneMatch(line -> line.contains("Seq Scan"));
    }

    @Test
    void aListPageReadsTheNewestFirstIndexWithoutSorting() {
        List<String> plan = planOf(null, null, 3);

        assertThat(plan).anyMatch(line -> line.contains("proposal_newest_first"))
                .noneMatch(line -> line.contains("Sort"));
    }

    @Test
    void aListPageOfOneStatusReadsAnIndexInItsOrderWithoutSorting() {
        List<String> plan = planOf(ProposalStatus.REJECTED, null, 3);

        // A third of the proposals are rejected: the newest-first index with a filter is as good as the status index.
        assertThat(plan).anyMatch(line -> line.matches(".*Index Scan using proposal_(by_status|newest_first).*"))
                .noneMatch(line -> line.contains("Seq Scan"))
                .noneMatch(line -> line.contains("Sort"));
    }

    @Test
    void aListPageByScoreReadsTheScoreIndexWithoutSorting() {
        List<String> plan = planOf(null, null, 3, ProposalOrder.SCORE);

        assertThat(plan).anyMatch(line -> line.contains("proposal_by_score"))
                .noneMatch(line -> line.contains("Sort"))
                .noneMatch(line -> line.contains("Seq Scan"));
    }

    @Test
    void aListPageByScoreComesInScoreOrder() {
        ProposalPage page = proposals.list(new ProposalSearch(null, null), ProposalOrder.SCORE, 0, SIZE);

        assertThat(page.items()).extracting(item -> item.reviews().averageScore())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void aSearchMatchingMostProposalsCountsThemOnlyUpToTheLimitAndReadsNoFurther() {
        RecordedStatements.clear();
        ProposalPage page = proposals.list(new ProposalSearch(null, "SPEAKER"), ProposalOrder.NEWEST, 0, SIZE);

        assertThat(page.totalItems()).isEqualTo(ProposalPage.COUNTED_TEXT_MATCHES);
        assertThat(page.totalItemsExact()).isFalse();
        assertThat(page.totalPages()).isEqualTo(ProposalPage.COUNTED_TEXT_MATCHES / SIZE);
        assertThat(page.items()).hasSize(SIZE);
        String count = RecordedStatements.all().stream()
                .filter(sql -> sql.startsWith("select") && !sql.contains(" order by ") && sql.contains(" from proposal "))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("the listing sent no count: " + RecordedStatements.all()));
        List<String> plan = jdbc.sql("explain analyze " + count)
                .params("%speaker%", "%speaker%", "%speaker%", "%speaker%", ProposalPage.COUNTED_TEXT_MATCHES + 1)
                .query(String.class).list();
        assertThat(plan.getFirst()).as("the count's plan: %s", plan).startsWith("Limit");
        assertThat(plan).as("the count stops after the limit").anyMatch(line -> line.matches(
                ".*actual time=.* rows=" + (ProposalPage.COUNTED_TEXT_MATCHES + 1) + " loops=1.*"));
    }

    @Test
    void aSearchPageBeyondTheCountedMatchesCountsThroughThatPage() {
        ProposalPage page = proposals.list(new ProposalSearch(null, "speaker"), ProposalOrder.NEWEST, 60, SIZE);

        assertThat(page.totalItems()).isEqualTo(61 * SIZE);
        assertThat(page.totalItemsExact()).isFalse();
        assertThat(page.items()).hasSize(SIZE);
    }

    @Test
    void aSearchWithFewMatchesAndAListingWithoutTextCountExactly() {
        ProposalPage quokka = proposals.list(new ProposalSearch(null, "quokka"), ProposalOrder.NEWEST, 0, SIZE);
        ProposalPage rejected = proposals.list(new ProposalSearch(ProposalStatus.REJECTED, null), ProposalOrder.NEWEST, 2, SIZE);
        ProposalPage lastOfSearch = proposals.list(new ProposalSearch(ProposalStatus.REJECTED, "speaker"), ProposalOrder.NEWEST,
                PROPOSALS / 3 / SIZE, SIZE);

        assertThat(quokka.totalItems()).isOne();
        assertThat(quokka.totalItemsExact()).isTrue();
        assertThat(rejected.totalItems()).isEqualTo(PROPOSALS / 3);
        assertThat(rejected.totalItemsExact()).isTrue();
        assertThat(lastOfSearch.totalItems()).as("the last page of a search knows the total").isEqualTo(PROPOSALS / 3);
        assertThat(lastOfSearch.totalItemsExact()).isTrue();
    }

    @Test
    void theSpeakersSearchedExpressionsKeepFineStatistics() {
        List<Integer> targets = jdbc.sql("""
                        select a.attstattarget from pg_attribute a join pg_class i on i.oid = a.attrelid
                        where i.relname in ('proposal_speaker_name_trgm', 'proposal_speaker_email_trgm') and a.attnum = 1""")
                .query(Integer.class).list();

        assertThat(targets).hasSize(2).containsOnly(1000);
    }

    @Test
    void aListingPlansEachStatementForItsOwnParametersWithinItsTransactionOnly() {
        String inside = transactions.execute(status -> {
            proposals.list(new ProposalSearch(null, "speaker"), ProposalOrder.NEWEST, 0, SIZE);
            return jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
        });
        String after = transactions.execute(status -> jdbc.sql("select current_setting('plan_cache_mode')").query(String.class)
                .single());
        String withoutText = transactions.execute(status -> {
            proposals.list(new ProposalSearch(ProposalStatus.REJECTED, null), ProposalOrder.NEWEST, 0, SIZE);
            return jdbc.sql("select current_setting('plan_cache_mode')").query(String.class).single();
        });

        assertThat(inside).isEqualTo("force_custom_plan");
        assertThat(after).isEqualTo("auto");
        assertThat(withoutText).as("a listing without text keeps the usual plans").isEqualTo("auto");
    }

    private List<String> planOf(ProposalStatus status, String text, int page) {
        return planOf(status, text, page, ProposalOrder.NEWEST);
    }

    /** Lists a page as the API does, then asks PostgreSQL how it runs the select of that page. */
    private List<String> planOf(ProposalStatus status, String text, int page, ProposalOrder order) {
        RecordedStatements.clear();
        ProposalPage listed = proposals.list(new ProposalSearch(status, text), order, page, SIZE);
        assertThat(listed.items()).as("the listing found proposals").isNotEmpty();
        String select = RecordedStatements.all().stream()
                .filter(sql -> sql.startsWith("select") && sql.contains(" from proposal ") && sql.contains(" order by "))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("the listing sent no select: " + RecordedStatements.all()));
        List<Object> parameters = new ArrayList<>();
        for (int at = select.indexOf('?'); at >= 0; at = select.indexOf('?', at + 1)) {
            String before = select.substring(Math.max(0, at - 24), at).toLowerCase(Locale.ROOT);
            if (before.contains("like")) {
                parameters.add("%" + text.toLowerCase(Locale.ROOT) + "%");
            } else if (before.contains("status")) {
                parameters.add(status.name());
            } else if (before.contains("offset")) {
                parameters.add(page * SIZE);
            } else {
                parameters.add(SIZE);
            }
        }
        List<String> plan = jdbc.sql("explain " + select).params(parameters).query(String.class).list();
        assertThat(plan).as("the plan of %s", select).isNotEmpty();
        return plan;
    }
}
