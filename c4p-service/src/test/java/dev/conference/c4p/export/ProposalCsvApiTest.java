package dev.conference.c4p.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conference.c4p.C4pIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

class ProposalCsvApiTest extends C4pIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static final String HEADER = "id,title,speakerName,speakerEmail,format,level,status,submittedAt,decidedAt,"
            + "decidedBy,averageScore,reviewCount,scores";

    @Test
    void theExportIsACsvAttachmentWithAHeaderRowAndCrLfLineEnds() {
        ResponseEntity<byte[]> answer = http.get().uri("/proposals.csv?q={q}", UUID.randomUUID()).retrieve()
                .toEntity(byte[].class);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        MediaType type = answer.getHeaders().getContentType();
        assertThat(type).isNotNull();
        assertThat(type.isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        assertThat(type.getCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(answer.getHeaders().getFirst("Content-Disposition"))
                .isEqualTo("attachment; filename=\"proposals.csv\"");
        assertThat(new String(answer.getBody(), StandardCharsets.UTF_8)).isEqualTo(HEADER + "\r\n");
    }

    @Test
    void eachProposalIsARowWithItsScoresAndFormulasNeutralised() {
        String tag = "csv" + UUID.randomUUID().toString().substring(0, 8);
        String formula = submitAs("=HYPERLINK(\"http://evil.example\",\"" + tag + "\")", "+Mallory, Esq.");
        String plain = submitAs(tag + " plain talk", "Ada Lovelace");
        review(formula, "olivia", "{\"score\":4}");
        review(formula, "rita", "{\"score\":3}");
        decide(plain, "REJECTED");

        List<String> lines = lines("/proposals.csv?q={q}&sort=score", tag);

        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).isEqualTo(HEADER);
        assertThat(lines.get(1)).startsWith(formula + ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"" + tag
                        + "\"\")\",\"'+Mallory, Esq.\",speaker@example.com,TALK,,PENDING,")
                .endsWith(",,,3.5,2,olivia:4; rita:3");
        assertThat(lines.get(2)).startsWith(plain + "," + tag + " plain talk,Ada Lovelace,speaker@example.com,TALK,,REJECTED,")
                .endsWith(",olivia,,0,");
    }

    @Test
    void theExportTakesTheListsFilters() {
        String tag = "csvf" + UUID.randomUUID().toString().substring(0, 8);
        String pending = submit(tag + " pending");
        String approved = submit(tag + " approved");
        decide(approved, "APPROVED");
        review(approved, "rita", "{\"score\":5}");

        assertThat(ids("/proposals.csv?q={q}&status=APPROVED", tag)).containsExactly(approved);
        assertThat(ids("/proposals.csv?q={q}", tag)).containsExactly(approved, pending);
        assertThat(idsAs("rita", "/proposals.csv?q={q}&reviewed=notMine", tag)).containsExactly(pending);
        assertThat(idsAs("rita", "/proposals.csv?q={q}&reviewed=mine&sort=score", tag)).containsExactly(approved);
    }

    @Test
    void moreProposalsThanOneBatchAreAllExported() {
        String tag = "csvb" + UUID.randomUUID().toString().substring(0, 8);
        int count = ProposalCsvExport.BATCH + 3;
        jdbc.sql("""
                        insert into proposal (id, title, abstract, speaker_name, speaker_email, status, tracking_token,
                                              submitted_at)
                        select gen_random_uuid(), :tag || ' ' || i, 'A.', 'Ada', 'ada@example.com', 'PENDING',
                               md5(:tag || i), now() - i * interval '1 second'
                        from generate_series(1, :count) i
                        """)
                .param("tag", tag).param("count", count).update();

        List<String> ids = ids("/proposals.csv?q={q}", tag);

        assertThat(ids).hasSize(count).doesNotHaveDuplicates();
    }

    @Test
    void aBadFilterIsAProblem() {
        ResponseEntity<String> answer = get("/proposals.csv?sort=title");

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(isProblem(answer)).isTrue();
    }

    private String submitAs(String title, String speaker) {
        ResponseEntity<String> created = postJson("/proposals", """
                {"title":%s,"abstract":"A.","speakerName":%s,"speakerEmail":"speaker@example.com"}
                """.formatted(quote(title), quote(speaker)));
        assertThat(created.getStatusCode().value()).as(created.toString()).isEqualTo(201);
        return read(created, "$.id");
    }

    private List<String> lines(String path, Object... variables) {
        return linesAs(null, path, variables);
    }

    private List<String> linesAs(String user, String path, Object... variables) {
        ResponseEntity<String> answer = http.get().uri(path, variables)
                .headers(headers -> {
                    if (user != null) {
                        headers.set("X-Organizer", user);
                    }
                })
                .retrieve().toEntity(String.class);
        assertThat(answer.getStatusCode().value()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.getBody()).endsWith("\r\n");
        return Arrays.asList(answer.getBody().split("\r\n"));
    }

    private List<String> ids(String path, Object... variables) {
        return idsAs(null, path, variables);
    }

    private List<String> idsAs(String user, String path, Object... variables) {
        return linesAs(user, path, variables).stream().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
    }
}
