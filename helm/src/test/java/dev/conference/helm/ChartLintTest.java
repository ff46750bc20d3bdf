package dev.conference.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real Helm lints every chart and renders every variant; the schemas refuse bad values. */
class ChartLintTest {

    static List<String> charts() {
        return Charts.allCharts();
    }

    static List<String> variants() {
        return Charts.variants();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void everyChartPassesStrictLint(String chart) {
        LintResult result = Charts.lint(chart);
        assertThat(result.getMessages()).as("%s lint", chart).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
        assertThat(result.isFailed()).as("%s lint failed: %s", chart, result.getMessages()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void theUmbrellaRendersInEveryVariant(String variant) {
        assertThat(Charts.umbrella(variant).workloads()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend-service", "c4p-service", "agenda-service", "email-service"})
    void everyServiceChartRendersOnItsOwn(String service) {
        Manifests m = Manifests.parse(Charts.render(service, List.of(), Map.of()));
        assertThat(m.workloads()).anyMatch(w -> service.equals(w.component()));
        assertThat(m.ofKind("Service")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"frontend-service.image.tag=latest", "c4p-service.replicaCount=-1", "agenda-service.containerPort=0",
            "email-service.smtp.auth=sometimes", "postgresql.image.tag=latest", "frontend-service.organizers.usernames[0]=Olivia",
            "c4p-service.probes.startup.periodSeconds=0", "nosuchsetting=1", "c4p-service.securityContext.readOnlyRootFilesystem=false",
            "frontend-service.config.Not_A_Property=1", "c4p-service.jvm.heap=lots", "agenda-service.managementPort=0",
            "c4p-service.database.egressCidrs[0]=db.example.org", "frontend-service.rollout.analysis.maxErrorRatio=2",
            "email-service.autoscaling.targetCPU=most", "redis.maxMemoryPolicy=allkeys-random",
            "c4p-service.config.c4p\\.outbox\\.retention=a week"})
    void theSchemasRefuseValuesThatCannotWork(String set) {
        String[] kv = set.split("=", 2);
        assertThatThrownBy(() -> Charts.render("conference-platform", List.of(), Map.of(kv[0], kv[1])))
                .as(set).hasMessageContaining("schema");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql.enabled=false", "redis.enabled=false", "mailpit.enabled=false"})
    void turningAStoreOffWithoutNamingTheExternalOneFailsWithTheValueToSet(String set) {
        String[] kv = set.split("=", 2);
        assertThatThrownBy(() -> Charts.render("conference-platform", List.of(), Map.of(kv[0], kv[1])))
                .hasMessageContaining("is false: set");
    }
}
