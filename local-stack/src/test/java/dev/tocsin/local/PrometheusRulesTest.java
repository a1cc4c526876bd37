package dev.tocsin.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tocsin.correlator.CorrelatorService;
import dev.tocsin.ingest.IngestService;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.runtime.config.Environment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts (helm/tocsin/files/prometheus-rules.yaml) and the Grafana dashboard
 * (helm/tocsin/files/grafana-dashboard.json) query only series the three services expose: a renamed
 * metric fails here instead of silently never firing. The series are scraped from a running local stack.
 */
class PrometheusRulesTest {

    private static final Path FILES = Path.of("..", "helm", "tocsin", "files");
    /** Series Prometheus makes itself, not the services. */
    private static final Set<String> FROM_PROMETHEUS = Set.of("up");

    private static final Set<String> PROMQL_WORDS =
            Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "Inf", "NaN");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @TempDir
    static Path dataDir;

    private static final Set<String> exposed = new TreeSet<>();

    @BeforeAll
    static void scrapeEveryServiceAfterAnIncident() throws Exception {
        Map<String, String> vars =
                new HashMap<>(EphemeralStack.environment(dataDir).variables());
        vars.put("TOCSIN_PUBLISHER_WEBHOOKS_ENABLED", "true"); // webhook delivery meters exist only when it runs
        vars.put("TOCSIN_PUBLISHER_WEBHOOK_SECRET", "test-secret");
        try (LocalStack stack = new LocalStack()) {
            stack.start(new Environment(vars));
            HttpClient http = HttpClient.newHttpClient();
            // request and rejection counters are labelled by route and status: they appear with the first request
            http.send(
                    HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/v1/alerts/alertmanager"))
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .header("Content-Type", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            // open-incident gauges are labelled by product: they appear with the first incident
            DemoFeed feed = new DemoFeed(
                    stack.ingestUrl(),
                    stack.correlatorUrl(),
                    "local-dev-token",
                    "local-dev-token",
                    Duration.ofMinutes(10),
                    Clock.systemUTC());
            feed.post(
                    "/api/v1/alerts/alertmanager",
                    "alertmanager-chat-firing.json",
                    Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    1);
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline
                    && !(scrape(http, stack.managementUrl(CorrelatorService.NAME))
                                    .contains("tocsin_correlator_open_incidents{")
                            && !componentLatencyCount(scrape(http, stack.managementUrl(PublisherService.NAME)))
                                    .equals("0"))) {
                Thread.sleep(250);
            }
            for (String service : List.of(
                    stack.managementUrl(IngestService.NAME),
                    stack.managementUrl(CorrelatorService.NAME),
                    stack.managementUrl(PublisherService.NAME))) {
                String scrape = scrape(http, service);
                System.out.printf(
                        "%s: %d tocsin_* series, %d bytes scraped%n",
                        service,
                        scrape.lines()
                                .filter(line -> line.startsWith("tocsin_"))
                                .count(),
                        scrape.length());
                scrape.lines()
                        .filter(line -> !line.startsWith("#") && !line.isBlank())
                        .map(line -> line.split("[{ ]", 2)[0])
                        .forEach(exposed::add);
                scrape.lines()
                        .filter(line -> line.startsWith("tocsin_publisher_alert_to_status_seconds_sum")
                                || line.startsWith("tocsin_publisher_alert_to_status_seconds_count"))
                        .forEach(System.out::println);
            }
        }
    }

    /** The count of component status latencies recorded, as the scrape shows it ("0" when none yet). */
    private static String componentLatencyCount(String scrape) {
        return scrape.lines()
                .filter(line -> line.startsWith("tocsin_publisher_alert_to_status_seconds_count{")
                        && line.contains("type=\"COMPONENT_STATUS_CHANGED\""))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1).replace(".0", ""))
                .findFirst()
                .orElse("0");
    }

    private static String scrape(HttpClient http, String serviceUrl) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(serviceUrl + "/metrics"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static JsonNode rules() throws IOException {
        return new ObjectMapper(new YAMLFactory())
                .readTree(FILES.resolve("prometheus-rules.yaml").toFile());
    }

    private static List<JsonNode> alerts() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        rules().get("groups").forEach(group -> group.get("rules").forEach(alerts::add));
        return alerts;
    }

    @Test
    void everyAlertQueriesOnlySeriesTheServicesExpose() throws IOException {
        for (JsonNode alert : alerts()) {
            Set<String> names = metricNames(alert.get("expr").asText());
            assertThat(names)
                    .as(alert.get("alert").asText() + " queries a series")
                    .isNotEmpty();
            assertThat(names)
                    .as(alert.get("alert").asText())
                    .allSatisfy(name -> assertThat(exposed.contains(name) || FROM_PROMETHEUS.contains(name))
                            .as(name + " is on some service's /metrics")
                            .isTrue());
        }
    }

    @Test
    void everyAlertHasASeverityASummaryADescriptionAndAForDuration() throws IOException {
        List<JsonNode> alerts = alerts();
        assertThat(alerts)
                .extracting(a -> a.get("alert").asText())
                .contains(
                        "TocsinDeadLetters",
                        "TocsinStreamsLagHigh",
                        "TocsinSlaBreached",
                        "TocsinStatusPageLatencyHigh",
                        "TocsinNotificationsFailing",
                        "TocsinIngestRejectingHigh",
                        "TocsinServiceDown",
                        "TocsinNotReady")
                .doesNotHaveDuplicates();
        for (JsonNode alert : alerts) {
            String name = alert.get("alert").asText();
            assertThat(alert.path("labels").path("severity").asText()).as(name).isIn("critical", "warning", "info");
            assertThat(alert.path("annotations").path("summary").asText())
                    .as(name)
                    .isNotBlank();
            assertThat(alert.path("annotations").path("description").asText())
                    .as(name)
                    .isNotBlank();
            assertThat(alert.path("for").asText()).as(name).matches("\\d+[smh]");
        }
    }

    @Test
    void everyDashboardPanelQueriesOnlySeriesTheServicesExpose() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(FILES.resolve("grafana-dashboard.json")));
        List<String> expressions = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        dashboard.path("templating").path("list").forEach(variable -> {
            if (variable.path("query").isTextual()
                    && variable.path("query").asText().startsWith("label_values(")) {
                expressions.add(variable.path("query").asText().replaceFirst("^label_values\\(([^,)]+).*", "$1"));
            }
        });
        assertThat(expressions).hasSizeGreaterThan(10);
        for (String expr : expressions) {
            assertThat(metricNames(expr))
                    .as(expr)
                    .isNotEmpty()
                    .allSatisfy(name -> assertThat(exposed.contains(name) || FROM_PROMETHEUS.contains(name))
                            .as(name + " (in " + expr + ") is on some service's /metrics")
                            .isTrue());
        }
        assertThat(dashboard.path("templating").path("list").findValuesAsText("type"))
                .contains("datasource");
    }

    @Test
    void metricNamesAreReadFromPromqlWithoutFunctionsLabelsOrGroupings() {
        assertThat(
                        metricNames(
                                "histogram_quantile(0.99, sum by (le) (rate(a_bucket{x=\"y\", z=~\"$v\"}[$__rate_interval]))) > 60"))
                .containsExactly("a_bucket");
        assertThat(metricNames("sum by (service) (rate(b_total[5m])) / on (service) group_left sum(c) and up == 0"))
                .containsExactly("b_total", "c", "up");
    }

    /** The series an expression selects: identifiers that are no function, keyword, label or grouping. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\b(group_left|group_right)\\b", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            String rest = bare.substring(m.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean partOfNumber = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!function && !partOfNumber && !PROMQL_WORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }
}
