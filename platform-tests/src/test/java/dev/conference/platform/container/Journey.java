package dev.conference.platform.container;

import com.jayway.jsonpath.JsonPath;
import dev.conference.platform.Site;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.awaitility.Awaitility;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * The journey through a running frontend, as kind/smoke.sh walks it on a cluster: the site and the
 * agenda answer, a speaker submits with the CSRF token, the organizer logs in and approves, the talk
 * is on the agenda and the SMTP sink holds both emails (read over IMAP).
 */
final class Journey {

    private final String frontend;
    private final int imapPort;
    private final String organizerPassword;
    private Runnable whenUnanswered = () -> { };

    Journey(String frontend, int imapPort, String organizerPassword) {
        this.frontend = frontend;
        this.imapPort = imapPort;
        this.organizerPassword = organizerPassword;
    }

    /** What to collect when a request gets no answer at all (thread dumps, logs), before it is sent again. */
    Journey whenUnanswered(Runnable diagnostics) {
        this.whenUnanswered = diagnostics;
        return this;
    }

    /** Waits until each readiness probe answers 200, as the kubelet waits before a Service sends a pod traffic. */
    Journey awaitReady(Map<String, String> readinessUrls, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        readinessUrls.forEach((service, url) -> Awaitility.await(service + " is ready").atMost(timeout)
                .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200));
        return this;
    }

    /** Waits until the site answers and reaches c4p-service and agenda-service; for runs without readiness probes. */
    Journey awaitSite(Duration timeout) {
        Site site = new Site(frontend);
        Awaitility.await("the site answers through the frontend").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> site.get("/api/cfp").statusCode() == 200 && site.get("/api/agenda").statusCode() == 200);
        return this;
    }

    /** Submit, log in, approve; the talk reaches the agenda and the speaker's inbox gets both emails. */
    void walk(String title) {
        Site site = new Site(frontend);
        assertThat(site.page("/").statusCode()).isEqualTo(200);
        HttpResponse<String> agenda = site.get("/api/agenda");
        assertThat(agenda.statusCode()).isEqualTo(200);
        assertThat(agenda.headers().firstValue("Content-Type").orElse("")).contains("json");

        String speaker = speaker();
        HttpResponse<String> submitted = submitHonouringRetryAfter(site, proposal(title, speaker));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String id = JsonPath.read(submitted.body(), "$.id");

        Site organizer = loggedInOrganizer();
        HttpResponse<String> decided = organizer.postJson("/api/proposals/" + id + "/decision", "{\"decision\":\"APPROVED\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);

        Awaitility.await("the talk is on the agenda").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> JsonPath.<List<Object>>read(site.get("/api/agenda").body(),
                        "$..[?(@.proposalId == '" + id + "')]").size() == 1);
        Awaitility.await("both emails reached the SMTP server").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    List<String> subjects = subjectsTo(speaker);
                    return subjects.stream().anyMatch(s -> s.contains("received")) && subjects.stream().anyMatch(s -> s.contains("accepted"));
                });
        List<String> subjects = subjectsTo(speaker);
        assertThat(subjects).filteredOn(s -> s.contains("accepted")).hasSize(1);
        assertThat(subjects).allMatch(s -> s.contains("received") || s.contains("accepted"));
    }

    Site loggedInOrganizer() {
        Site organizer = new Site(frontend);
        organizer.page("/admin");
        HttpResponse<String> login = organizer.logIn("organizer", organizerPassword);
        assertThat(login.statusCode()).as("organizer login: %s", login.body()).isBetween(200, 299);
        return organizer;
    }

    List<String> subjectsTo(String address) {
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "2000");
        properties.put("mail.imap.timeout", "5000");
        try (Store store = Session.getInstance(properties).getStore("imap")) {
            store.connect("127.0.0.1", imapPort, address, address);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            inbox.close(false);
            return subjects;
        } catch (AuthenticationFailedException e) {
            return List.of(); // nothing was sent to that address yet
        } catch (MessagingException e) {
            throw new IllegalStateException("reading the SMTP sink's mailbox of " + address + " over IMAP", e);
        }
    }

    static String speaker() {
        return "speaker-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static String proposal(String title, String speakerEmail) {
        return """
                {"title":"%s","abstract":"Run hardened, as the chart runs it.","speakerName":"Ada Container","speakerEmail":"%s"}
                """.formatted(title, speakerEmail);
    }

    /**
     * Right after a start the c4p routes' breaker may still be open from the calls that failed while
     * c4p-service was starting (or half-open and reopened by its first, slow answers): the gateway then
     * answers 503 with Retry-After, and a client that waits as told gets through. A submission that got
     * no answer at all within the client's timeout is sent again, as a speaker would press the button
     * again (the first may have been taken: the journey then counts on one "received" email or more).
     * At most three tries; each wait is written to the report, so that a platform that needs it is seen.
     */
    private HttpResponse<String> submitHonouringRetryAfter(Site site, String proposal) {
        HttpResponse<String> answer = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            long started = System.nanoTime();
            try {
                answer = site.postJson("/api/proposals", proposal);
            } catch (IllegalStateException e) {
                if (attempt == 3 || !(e.getCause() instanceof HttpTimeoutException)) {
                    throw e;
                }
                ContainerReport.line("journey: the submission got no answer within %.0f s (%s), sent again",
                        Images.seconds(started), e.getMessage());
                whenUnanswered.run();
                continue;
            }
            if (answer.statusCode() != 503 || attempt == 3) {
                return answer;
            }
            long seconds = answer.headers().firstValue("Retry-After").map(Long::parseLong).orElse(5L);
            ContainerReport.line("journey: the submission was answered 503 (%s), tried again after Retry-After %d s",
                    answer.body(), seconds);
            try {
                Thread.sleep(Duration.ofSeconds(Math.min(seconds, 10)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
        return answer;
    }
}
