package dev.conference.platform.bench;

import dev.conference.platform.Platform;
import dev.conference.platform.ServiceProcess;
import dev.conference.testsupport.TestPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Organizer search and listing over 20,000 proposals, through c4p-service's HTTP API: p99 with the
 * trigram and ordered indexes, and, as the reference in the same run, with only the indexes the schema
 * had before them (a sequential scan for every search, a sort for every page).
 *
 * <p>The proposals are written straight into the database (titles and abstracts of words drawn with a
 * Zipf-like frequency from a made-up vocabulary, made-up speakers), so that no outbox event is
 * created and the relay stays idle. Not part of the test suite. Run with
 * {@code ./mvnw -pl platform-tests verify -Dtest=SearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * after the services are built.
 */
class SearchBenchmark {

    private static final int PROPOSALS = 20_000;
    private static final int VOCABULARY = 5_000;
    private static final int CLIENTS = 2;
    private static final int WARM_UP = 300;
    private static final int REQUESTS = 1_500;
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "pa", "qu", "ri",
            "do", "fe", "gu", "ha", "ji", "bo", "ce", "wy", "xo", "ly", "nu", "te", "sor", "ban", "tel", "mor", "ist"};

    private final Random random = new Random(42);
    private final List<String> words = new ArrayList<>();
    private final List<String> surnames = new ArrayList<>();

    @Test
    void searchAndListingLatency() throws Exception {
        TestPostgres.Database database = TestPostgres.newDatabase("search_bench");
        ServiceProcess c4p = new ServiceProcess("c4p-service", Platform.freePort(), ServiceProcess.asInContainer("c4p-service"), Map.of(
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password(),
                "c4p.agenda.url", "http://127.0.0.1:9",
                "c4p.email.url", "http://127.0.0.1:9"));
        try {
            c4p.start().awaitReady(Duration.ofSeconds(120));
            vocabulary();
            load(database);
            HttpClient http = HttpClient.newHttpClient();
            List<String> searches = searches();
            List<String> listings = listings();

            run(http, c4p, searches, WARM_UP);
            run(http, c4p, listings, WARM_UP);
            Map<String, List<Double>> searchByPath = new TreeMap<>();
            List<Double> indexedSearch = run(http, c4p, searches, REQUESTS, searchByPath);
            List<Double> indexedList = run(http, c4p, listings, REQUESTS);

            execute(database, """
                    drop index proposal_title_trgm, proposal_abstract_trgm, proposal_speaker_name_trgm,
                        proposal_speaker_email_trgm, proposal_newest_first, proposal_by_status;
                    create index proposal_by_status on proposal (status, submitted_at);
                    analyze proposal""");
            run(http, c4p, searches, WARM_UP);
            run(http, c4p, listings, WARM_UP);
            List<Double> scanSearch = run(http, c4p, searches, REQUESTS);
            List<Double> scanList = run(http, c4p, listings, REQUESTS);

            BenchReport report = new BenchReport("search");
            report.line("%d proposals, %d requests per row by %d concurrent clients, page size 20", PROPOSALS, REQUESTS, CLIENTS);
            report.line("%-34s %8s %8s %8s %8s", "request", "p50 ms", "p90 ms", "p99 ms", "max ms");
            line(report, "search, indexes", indexedSearch);
            line(report, "search, reference (no indexes)", scanSearch);
            line(report, "list page, indexes", indexedList);
            line(report, "list page, reference (no indexes)", scanList);
            report.line("p99 ratio indexes / reference: search %.2f, list %.2f",
                    BenchReport.quantile(indexedSearch, 0.99) / BenchReport.quantile(scanSearch, 0.99),
                    BenchReport.quantile(indexedList, 0.99) / BenchReport.quantile(scanList, 0.99));
            report.line("slowest searches with the indexes, by median:");
            searchByPath.entrySet().stream()
                    .sorted(Comparator.comparingDouble(e -> -median(e.getValue())))
                    .limit(6)
                    .forEach(e -> report.line("  %-50s median %7.1f ms", e.getKey(), median(e.getValue())));
            report.write();
        } finally {
            c4p.stop();
        }
    }

    private static double median(List<Double> latencies) {
        return BenchReport.quantile(latencies.stream().sorted().toList(), 0.5);
    }

    private static void line(BenchReport report, String what, List<Double> sorted) {
        report.line("%-34s %8.1f %8.1f %8.1f %8.1f", what, BenchReport.quantile(sorted, 0.5),
                BenchReport.quantile(sorted, 0.9), BenchReport.quantile(sorted, 0.99), sorted.getLast());
    }

    /** Sends the paths round-robin from {@link #CLIENTS} clients and returns the latencies in ms, sorted. */
    private static List<Double> run(HttpClient http, ServiceProcess c4p, List<String> paths, int count) throws Exception {
        return run(http, c4p, paths, count, new TreeMap<>());
    }

    /** As {@link #run(HttpClient, ServiceProcess, List, int)}, and adds each path's latencies to {@code byPath}. */
    private static List<Double> run(HttpClient http, ServiceProcess c4p, List<String> paths, int count,
                                    Map<String, List<Double>> byPath) throws Exception {
        List<Callable<List<Map.Entry<String, Double>>>> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int first = client;
            clients.add(() -> {
                List<Map.Entry<String, Double>> latencies = new ArrayList<>();
                for (int i = first; i < count; i += CLIENTS) {
                    String path = paths.get(i % paths.size());
                    HttpRequest request = HttpRequest.newBuilder(URI.create(c4p.url() + path)).build();
                    long started = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies.add(Map.entry(path, (System.nanoTime() - started) / 1e6));
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(response.statusCode() + " " + response.body());
                    }
                }
                return latencies;
            });
        }
        List<Double> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (Future<List<Map.Entry<String, Double>>> latencies : pool.invokeAll(clients)) {
                for (Map.Entry<String, Double> latency : latencies.get()) {
                    all.add(latency.getValue());
                    byPath.computeIfAbsent(latency.getKey(), k -> new ArrayList<>()).add(latency.getValue());
                }
            }
        }
        Collections.sort(all);
        return all;
    }

    /**
     * What organizers type: words of every frequency (from one in three proposals to a handful), speakers'
     * surnames, fragments of words, an email address; a third of them within one status.
     */
    private List<String> searches() {
        List<String> texts = new ArrayList<>();
        for (int rank : new int[] {3, 10, 30, 100, 300, 1000, 3000, 4900}) {
            texts.add(words.get(rank));
        }
        for (int i = 0; i < 6; i++) {
            texts.add(surnames.get(random.nextInt(surnames.size())));
        }
        texts.add(words.get(40).substring(0, 3));
        texts.add(words.get(700).substring(1, 5));
        texts.add("1234@example");
        texts.add("Conference");
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String status = switch (i % 3) {
                case 0 -> "&status=PENDING";
                case 1 -> "";
                default -> "&status=APPROVED";
            };
            paths.add("/proposals?q=" + URLEncoder.encode(texts.get(i), StandardCharsets.UTF_8) + status);
        }
        return paths;
    }

    /** Pages 0 to 49 of all proposals and of each status, newest first. */
    private static List<String> listings() {
        List<String> paths = new ArrayList<>();
        for (int page = 0; page < 50; page++) {
            paths.add("/proposals?page=" + page);
            paths.add("/proposals?status=PENDING&page=" + page);
            paths.add("/proposals?status=APPROVED&page=" + page);
            paths.add("/proposals?status=REJECTED&page=" + page);
        }
        return paths;
    }

    private void vocabulary() {
        while (words.size() < VOCABULARY) {
            StringBuilder word = new StringBuilder();
            for (int s = 2 + random.nextInt(3); s > 0; s--) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (!words.contains(word.toString())) {
                words.add(word.toString());
            }
        }
        for (int i = 0; i < 400; i++) {
            surnames.add(capitalized(words.get(random.nextInt(VOCABULARY))) + "son");
        }
    }

    /** A word of rank r comes about 1/(r+1) as often as the most frequent one. */
    private String word() {
        double u = random.nextDouble();
        int rank = (int) Math.floor(Math.exp(u * Math.log(VOCABULARY + 1.0))) - 1;
        return words.get(Math.min(rank, VOCABULARY - 1));
    }

    private String sentence(int wordCount) {
        StringBuilder text = new StringBuilder(capitalized(word()));
        for (int i = 1; i < wordCount; i++) {
            text.append(' ').append(word());
        }
        return text.toString();
    }

    private void load(TestPostgres.Database database) throws Exception {
        Instant now = Instant.now();
        try (Connection db = database.connect();
             PreparedStatement insert = db.prepareStatement("""
                     insert into proposal (id, title, abstract, speaker_name, speaker_email, status, tracking_token,
                                           submitted_at, decided_at, decided_by)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            db.setAutoCommit(false);
            for (int i = 0; i < PROPOSALS; i++) {
                String first = capitalized(words.get(random.nextInt(VOCABULARY)));
                String surname = surnames.get(random.nextInt(surnames.size()));
                int dice = random.nextInt(10);
                String status = dice < 7 ? "PENDING" : dice < 9 ? "REJECTED" : "APPROVED";
                Timestamp submitted = Timestamp.from(now.minusSeconds(PROPOSALS - i));
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, sentence(4 + random.nextInt(6)) + (i % 50 == 0 ? " at Conference" : ""));
                insert.setString(3, sentence(60 + random.nextInt(90)) + ".");
                insert.setString(4, first + " " + surname);
                insert.setString(5, first.toLowerCase() + "." + surname.toLowerCase() + i + "@example.com");
                insert.setString(6, status);
                insert.setString(7, UUID.randomUUID().toString());
                insert.setTimestamp(8, submitted);
                insert.setTimestamp(9, status.equals("PENDING") ? null : Timestamp.from(now));
                insert.setString(10, status.equals("PENDING") ? null : "olivia");
                insert.addBatch();
                if (i % 500 == 499) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            db.commit();
        }
        execute(database, "vacuum analyze proposal");
    }

    private static void execute(TestPostgres.Database database, String sql) throws Exception {
        try (Connection db = database.connect(); Statement statement = db.createStatement()) {
            for (String part : sql.split(";")) {
                statement.execute(part);
            }
        }
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
