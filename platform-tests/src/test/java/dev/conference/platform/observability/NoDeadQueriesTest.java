package dev.conference.platform.observability;

import static dev.conference.testsupport.Eventually.eventually;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.conference.helm.Observability;
import dev.conference.platform.Platform;
import dev.conference.platform.PlatformTest;
import dev.conference.platform.ServiceProcess;
import dev.conference.platform.Site;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * No dashboard panel and no rule reads a metric the services do not expose: a real Prometheus scrapes
 * the four services while a journey runs through them (a submission and a decision through the
 * frontend, an SMTP outage, an agenda read answered from the copy while agenda-service is down), loads
 * the chart's rules, and then every dashboard query, every recording rule and every metric an alert
 * reads must return data.
 */
class NoDeadQueriesTest extends PlatformTest {

    /**
     * Series that only Kubernetes components expose (kube-state-metrics, the kubelet's cAdvisor), which
     * services run as processes cannot have. A query of anything else must find data.
     */
    static final Set<String> FROM_KUBERNETES = Set.of("kube_pod_container_status_restarts_total");

    private static final String NAMESPACE = "conference";
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @Test
    void everyDashboardQueryAndEveryRuleFindsDataAfterAJourneyThroughTheServices() {
        LocalPrometheus.assumeInstalled();
        List<ServiceProcess> services = List.of(platform.frontend, platform.c4p, platform.agenda, platform.email);
        try (LocalPrometheus prometheus = LocalPrometheus.start(NAMESPACE, services, Observability.rulesFile())) {
            journey();

            List<String> dead = awaitNoDeadQueries(prometheus);

            assertThat(dead).as("queries without data after the journey (Prometheus scraped %s)",
                    services.stream().map(ServiceProcess::name).toList()).isEmpty();
            assertThat(applications(prometheus)).as("the application label of jvm_info, which the dashboard's Service variable lists")
                    .containsExactlyInAnyOrder("frontend-service", "c4p-service", "agenda-service", "email-service");
        }
    }

    /** Submit and decide through the frontend, an email while SMTP is down, agenda reads while agenda-service is down. */
    private void journey() {
        Site site = new Site(platform.frontend.url());
        assertThat(site.page("/").statusCode()).isEqualTo(200);
        assertThat(site.get("/api/agenda").statusCode()).isEqualTo(200);
        HttpResponse<String> submitted = site.postJson("/api/proposals", """
                {"title":"Dashboards without dead queries","abstract":"Every panel shows something.",\
                "speakerName":"Grace Hopper","speakerEmail":"%s"}""".formatted(newSpeakerEmail()));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String id = JsonPath.read(submitted.body(), "$.id");
        Site organizer = new Site(platform.frontend.url());
        organizer.page("/admin");
        assertThat(organizer.logIn(Platform.ORGANIZER, platform.organizerPassword).statusCode()).isBetween(200, 299);
        HttpResponse<String> decided = organizer.postJson("/api/proposals/" + id + "/decision", "{\"decision\":\"APPROVED\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        eventually(Duration.ofSeconds(30), () -> "DELIVERED".equals(deliveryOf(id, "AGENDA_ENTRY", "status"))
                && "DELIVERED".equals(deliveryOf(id, "DECISION_EMAIL", "status")), "the decision's side effects are delivered");

        platform.smtp.stop();
        try {
            String waiting = submit("Mail later", newSpeakerEmail());
            eventually(Duration.ofSeconds(20), () -> deliveryOf(waiting, "RECEIVED_EMAIL", "lastError") != null,
                    "email-service failed to send while SMTP is down");
        } finally {
            platform.smtp.start();
        }

        assertThat(site.get("/api/agenda").statusCode()).isEqualTo(200);
        platform.agenda.stop();
        try {
            sleep(Duration.ofMillis(1500)); // past the micro-cache
            HttpResponse<String> stale = site.get("/api/agenda");
            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.headers().firstValue("X-Agenda-Stale")).hasValue("true");
            assertThat(site.get("/api/agenda/" + UUID.randomUUID()).statusCode()).as("an item no copy holds").isEqualTo(503);
        } finally {
            platform.agenda.start().awaitReady(Duration.ofSeconds(90));
        }
        eventually(Duration.ofSeconds(20), () -> site.get("/api/agenda").headers().firstValue("X-Agenda-Stale").isEmpty(),
                "the agenda is answered fresh again");
    }

    /** Until every query finds data or {@link #SETTLE} passes: the queries still without data. */
    private static List<String> awaitNoDeadQueries(LocalPrometheus prometheus) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        List<String> dead;
        do {
            sleep(Duration.ofSeconds(2));
            dead = deadQueries(prometheus);
        } while (!dead.isEmpty() && System.nanoTime() < deadline);
        return dead;
    }

    private static List<String> deadQueries(LocalPrometheus prometheus) {
        List<String> dead = new ArrayList<>();
        for (Map<String, Object> rule : prometheus.rules()) {
            if (!"ok".equals(rule.get("health"))) {
                dead.add("rule " + rule.get("name") + ": health " + rule.get("health") + " " + rule.getOrDefault("lastError", ""));
            }
        }
        for (Observability.Query query : Observability.dashboardQueries(NAMESPACE)) {
            if (prometheus.query(query.expr()).isEmpty()) {
                dead.add(query.where() + ": " + query.expr());
            }
        }
        for (Observability.Rule rule : Observability.rules()) {
            if (rule.record() != null && prometheus.query(rule.record()).isEmpty()) {
                dead.add("record " + rule.record() + " (no data for its expression): " + rule.expr());
            }
            for (String metric : Observability.metricNames(rule.expr())) {
                if (!FROM_KUBERNETES.contains(metric)
                        && prometheus.query("count({__name__=\"" + metric + "\", namespace=\"" + NAMESPACE + "\"})").isEmpty()) {
                    dead.add(rule.name() + " reads " + metric + ", which no service exposes");
                }
            }
        }
        return dead;
    }

    private static Set<String> applications(LocalPrometheus prometheus) {
        Set<String> applications = new TreeSet<>();
        for (Map<String, Object> series : prometheus.query("count by (application) (jvm_info{namespace=\"" + NAMESPACE + "\"})")) {
            applications.add(String.valueOf(((Map<?, ?>) series.get("metric")).get("application")));
        }
        return applications;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
