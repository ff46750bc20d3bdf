package dev.conference.helm;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The umbrella chart's Prometheus queries: the rules of files/rules/ and the targets and variables of
 * the Grafana dashboards in files/dashboards/, with the dashboards' variables replaced so that each is
 * a query Prometheus can run.
 */
public final class Observability {

    /** A query and where it comes from, for messages. */
    public record Query(String where, String expr) {

        @Override
        public String toString() {
            return where;
        }
    }

    /** A rule of the rules file: an alert (with its annotations and labels) or a recording rule. */
    public record Rule(String group, String alert, String record, String expr, Map<String, String> labels,
                       Map<String, String> annotations) {

        public String name() {
            return alert != null ? alert : record;
        }
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");

    private Observability() {
    }

    public static Path rulesFile() {
        return Charts.root().resolve("helm/conference-platform/files/rules/conference-platform.yaml");
    }

    public static Path promtoolTests() {
        return Charts.root().resolve("helm/src/test/promtool");
    }

    public static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(Charts.root().resolve("helm/conference-platform/files/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules file as the chart and promtool read it. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> rulesDocument() {
        try {
            return Serialization.unmarshal(Files.readString(rulesFile()), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) rulesDocument().get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                rules.add(new Rule((String) group.get("name"), (String) rule.get("alert"), (String) rule.get("record"),
                        (String) rule.get("expr"), (Map<String, String>) rule.getOrDefault("labels", Map.of()),
                        (Map<String, String>) rule.getOrDefault("annotations", Map.of())));
            }
        }
        return rules;
    }

    public static List<Query> ruleQueries() {
        return rules().stream().map(r -> new Query((r.alert() != null ? "alert " : "record ") + r.name(), r.expr())).toList();
    }

    /**
     * Every query of every dashboard: each panel target's expr and each query variable's
     * {@code label_values(selector, label)} as {@code count by (label) (selector)}, with
     * {@code $namespace} the given namespace, {@code $application} any service and
     * {@code $__rate_interval} five minutes.
     */
    @SuppressWarnings("unchecked")
    public static List<Query> dashboardQueries(String namespace) {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboards()) {
            Map<String, Object> dashboard;
            try {
                dashboard = Serialization.jsonMapper().readValue(Files.readString(file), Map.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String name = file.getFileName().toString();
            Map<String, Object> templating = (Map<String, Object>) dashboard.getOrDefault("templating", Map.of());
            for (Map<String, Object> variable : (List<Map<String, Object>>) templating.getOrDefault("list", List.of())) {
                if (variable.get("query") instanceof Map<?, ?> query && query.get("query") instanceof String text) {
                    Matcher values = LABEL_VALUES.matcher(text);
                    if (!values.matches()) {
                        throw new IllegalStateException(name + ": variable " + variable.get("name") + " is not label_values(…): " + text);
                    }
                    queries.add(new Query(name + " variable " + variable.get("name"),
                            substitute("count by (" + values.group(2) + ") (" + values.group(1) + ")", namespace)));
                }
            }
            for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
                List<Map<String, Object>> targets = (List<Map<String, Object>>) panel.getOrDefault("targets", List.of());
                for (Map<String, Object> target : targets) {
                    queries.add(new Query(name + " panel \"" + panel.get("title") + "\" " + target.get("refId"),
                            substitute((String) target.get("expr"), namespace)));
                }
            }
        }
        return queries;
    }

    private static String substitute(String expr, String namespace) {
        return expr.replace("$__rate_interval", "5m").replace("$namespace", namespace).replace("$application", ".*");
    }

    /**
     * The metric names a query reads: the identifiers that are neither functions, keywords, label names
     * (inside braces or a by/without/on/ignoring list), numbers nor durations.
     */
    public static Set<String> metricNames(String expr) {
        String text = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "{}")
                .replaceAll("\\[[^]]*]", "[]")
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher identifier = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\()?").matcher(text);
        while (identifier.find()) {
            String name = identifier.group(1);
            boolean function = identifier.group(2) != null;
            if (!function && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}
