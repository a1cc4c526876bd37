package dev.tocsin.ingest.http;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Subscription;
import dev.tocsin.ingest.domain.AlertNormalizers;
import dev.tocsin.ingest.domain.IngestContext;
import dev.tocsin.ingest.domain.InvalidPayloadException;
import dev.tocsin.ingest.domain.OperatorInput;
import dev.tocsin.ingest.domain.ProductCatalog;
import dev.tocsin.ingest.domain.ReportNormalizers;
import dev.tocsin.ingest.domain.Violation;
import dev.tocsin.ingest.kafka.KafkaUnavailableException;
import dev.tocsin.ingest.kafka.PagerDutyMemory;
import dev.tocsin.ingest.kafka.TransactionalWriter;
import dev.tocsin.runtime.http.Problem;
import dev.tocsin.runtime.http.ProblemException;
import dev.tocsin.schemas.registry.SchemaRegistryException;
import dev.tocsin.schemas.topics.IncidentIds;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The HTTP front door. Every write route runs the same steps: authenticate the route group,
 * rate-limit the credential, insist on JSON within the size limit, normalize (a rejected payload
 * writes nothing and gets a problem body naming each bad field), then write all records in one
 * Kafka transaction and answer 202 only once Kafka acknowledged it (503 with Retry-After if not).
 */
public final class IngestApi {

    private static final Logger LOG = LoggerFactory.getLogger(IngestApi.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String RETRY_AFTER_SECONDS = "5";

    private final AlertNormalizers alerts;
    private final ReportNormalizers reports;
    private final Topics topics;
    private final TransactionalWriter writer;
    private final Map<RouteGroup, Credentials> credentials;
    private final ZendeskSignature zendeskSignature;
    private final RateLimiter rateLimiter;
    private final IngestMetrics metrics;
    private final int maxBodyBytes;
    private final Clock clock;
    private final MaintenanceLookup maintenance;
    private final PagerDutyMemory pagerDuty;
    private final ProductCatalog catalog;

    /** Finds the current version of a maintenance window, so DELETE can cancel it keeping its details. */
    @FunctionalInterface
    public interface MaintenanceLookup {
        MaintenanceWindow find(String windowId);
    }

    public IngestApi(AlertNormalizers alerts, ReportNormalizers reports, Topics topics, TransactionalWriter writer,
                     Map<RouteGroup, Credentials> credentials, ZendeskSignature zendeskSignature, RateLimiter rateLimiter,
                     IngestMetrics metrics, int maxBodyBytes, Clock clock, MaintenanceLookup maintenance,
                     PagerDutyMemory pagerDuty, ProductCatalog catalog) {
        this.alerts = alerts;
        this.reports = reports;
        this.topics = topics;
        this.writer = writer;
        this.credentials = Map.copyOf(credentials);
        this.zendeskSignature = zendeskSignature;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.maintenance = maintenance;
        this.pagerDuty = pagerDuty;
        this.catalog = catalog;
    }

    public void register(Javalin app) {
        app.post("/api/v1/alerts/alertmanager", ctx -> alerts(ctx, "alertmanager", alerts::alertmanager));
        app.post("/api/v1/alerts/grafana", ctx -> alerts(ctx, "grafana", alerts::grafana));
        app.post("/api/v1/alerts/pagerduty", this::pagerDuty);
        app.post("/api/v1/alerts", ctx -> alerts(ctx, "generic-alert", alerts::generic));
        app.post("/api/v1/reports/zendesk", ctx -> reports(ctx, "zendesk", reports::zendesk));
        app.post("/api/v1/reports", ctx -> reports(ctx, "generic-report", reports::generic));
        app.post("/api/v1/incidents/{id}/commands", this::command);
        app.put("/api/v1/maintenance/{id}", this::putMaintenance);
        app.delete("/api/v1/maintenance/{id}", this::deleteMaintenance);
        app.put("/api/v1/subscriptions/{id}", this::putSubscription);
        app.delete("/api/v1/subscriptions/{id}", this::deleteSubscription);
    }

    private void alerts(Context ctx, String route, Normalizer<MonitoringAlert> normalizer) {
        handle(ctx, route, RouteGroup.ALERTS, true, (body, context) -> {
            List<MonitoringAlert> normalized = normalizer.apply(body, context);
            return records(topics.alerts(), normalized, MonitoringAlert::getProduct, MonitoringAlert::getAlertId);
        });
    }

    /** PagerDuty alerts also go, keyed by dedup key, to the table later acknowledges and resolves look up. */
    private void pagerDuty(Context ctx) {
        List<MonitoringAlert> written = new ArrayList<>();
        handle(ctx, "pagerduty", RouteGroup.ALERTS, true, (body, context) -> {
            List<MonitoringAlert> normalized = alerts.pagerduty(body, context, pagerDuty);
            written.addAll(normalized);
            Batch byProduct = records(topics.alerts(), normalized, MonitoringAlert::getProduct, MonitoringAlert::getAlertId);
            Batch byFingerprint = records(topics.pagerDutyAlerts(), normalized, MonitoringAlert::getFingerprint,
                    MonitoringAlert::getAlertId);
            List<ProducerRecord<byte[], byte[]>> both = new ArrayList<>(byProduct.records());
            both.addAll(byFingerprint.records());
            return new Batch(both, byProduct.ids(), byProduct.topic());
        });
        pagerDuty.written(written);
    }

    private void reports(Context ctx, String route, Normalizer<CustomerReport> normalizer) {
        handle(ctx, route, RouteGroup.REPORTS, true, (body, context) -> {
            List<CustomerReport> normalized = normalizer.apply(body, context);
            return records(topics.customerReports(), normalized, CustomerReport::getProduct, CustomerReport::getTicketId);
        });
    }

    private void command(Context ctx) {
        handle(ctx, "incident-command", RouteGroup.OPERATOR, true, (body, context) -> {
            String incidentId = ctx.pathParam("id");
            String product = IncidentIds.productOf(incidentId).orElseThrow(() -> new InvalidPayloadException(List.of(
                    new Violation("id", "'" + incidentId + "' is not an incident id (<product>-<8 hex digits>)"))));
            IncidentCommand command = OperatorInput.command(incidentId, body, context);
            command.setProduct(product);
            return records(topics.incidentCommands(), List.of(command), c -> product, IncidentCommand::getCommandId);
        });
    }

    private void putMaintenance(Context ctx) {
        handle(ctx, "maintenance", RouteGroup.OPERATOR, true, (body, context) -> {
            MaintenanceWindow window = OperatorInput.maintenance(ctx.pathParam("id"), body, context, catalog);
            return records(topics.maintenanceWindows(), List.of(window), MaintenanceWindow::getWindowId,
                    MaintenanceWindow::getWindowId);
        });
    }

    private void deleteMaintenance(Context ctx) {
        handle(ctx, "maintenance", RouteGroup.OPERATOR, false, (body, context) -> {
            String id = ctx.pathParam("id");
            MaintenanceWindow cancelled = OperatorInput.cancelled(maintenance.find(id), id, context);
            return records(topics.maintenanceWindows(), List.of(cancelled), MaintenanceWindow::getWindowId,
                    MaintenanceWindow::getWindowId);
        });
    }

    private void putSubscription(Context ctx) {
        handle(ctx, "subscription", RouteGroup.OPERATOR, true, (body, context) -> {
            Subscription subscription = OperatorInput.subscription(ctx.pathParam("id"), body, context, catalog);
            return records(topics.subscriptions(), List.of(subscription), Subscription::getSubscriptionId,
                    Subscription::getSubscriptionId);
        });
    }

    private void deleteSubscription(Context ctx) {
        handle(ctx, "subscription", RouteGroup.OPERATOR, false, (body, context) -> {
            String id = ctx.pathParam("id");
            // a tombstone: the compacted topic forgets the subscription
            return new Batch(List.of(new ProducerRecord<>(topics.subscriptions().name(), id.getBytes(UTF_8), null)),
                    List.of(id), topics.subscriptions().name());
        });
    }

    /** One request's records, their ids for the answer, and the topic for metrics. */
    private record Batch(List<ProducerRecord<byte[], byte[]>> records, List<String> ids, String topic) {
    }

    @FunctionalInterface
    private interface Normalizer<T> {
        List<T> apply(JsonNode body, IngestContext context);
    }

    @FunctionalInterface
    private interface BatchMaker {
        Batch make(JsonNode body, IngestContext context);
    }

    private <V> Batch records(Topic<String, V> topic, List<V> values, Function<V, String> key, Function<V, String> id) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(values.size());
        List<String> ids = new ArrayList<>(values.size());
        for (V value : values) {
            String k = key.apply(value);
            records.add(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), k),
                    topic.valueSerde().serializer().serialize(topic.name(), value)));
            ids.add(id.apply(value));
        }
        return new Batch(records, ids, topic.name());
    }

    private void handle(Context ctx, String route, RouteGroup group, boolean hasBody, BatchMaker maker) {
        int status = 500;
        try {
            String who = authenticate(ctx, route, group);
            rateLimit(route, group, who);
            byte[] raw = hasBody ? body(ctx, route) : new byte[0];
            if (route.equals("zendesk") && zendeskSignature != null) {
                verifyZendesk(ctx, raw);
            }
            JsonNode body = hasBody ? parse(raw, route) : null;
            IngestContext context = new IngestContext(clock.instant(), () -> UUID.randomUUID().toString());
            Batch batch;
            try {
                batch = maker.make(body, context);
            } catch (InvalidPayloadException e) {
                throw rejected(route, "invalid-payload", 422, "Unprocessable payload",
                        e.violations().size() + " problem(s) with the payload: " + summary(e.violations()),
                        e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.reason())).toList(), Map.of());
            } catch (SchemaRegistryException e) {
                LOG.warn("Schema registry unavailable for {}, answering 503: {}", route, e.getMessage());
                throw rejected(route, "registry-unavailable", 503, "Service Unavailable",
                        "The schema registry could not be reached; nothing was written. Retry later.", List.of(),
                        Map.of("Retry-After", RETRY_AFTER_SECONDS));
            }
            write(route, batch);
            status = 202;
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", batch.ids().size());
            answer.put("topic", batch.topic());
            answer.put("ids", batch.ids());
            ctx.status(202).json(answer);
        } catch (ProblemException e) {
            status = e.problem().status();
            throw e;
        } finally {
            metrics.request(route, status);
        }
    }

    private String authenticate(Context ctx, String route, RouteGroup group) {
        Credentials accepted = credentials.get(group);
        if (accepted == null || accepted.isEmpty()) {
            return "anonymous"; // only possible in the local stack; production refuses to start without credentials
        }
        return accepted.authenticate(ctx.header("Authorization")).orElseThrow(() -> rejected(route, "unauthorized", 401,
                "Unauthorized", "Valid credentials are required for this route.", List.of(),
                Map.of("WWW-Authenticate", "Bearer realm=\"tocsin\", Basic realm=\"tocsin\"")));
    }

    private void rateLimit(String route, RouteGroup group, String who) {
        long wait = rateLimiter.acquire(group.label() + "/" + who);
        if (wait > 0) {
            throw rejected(route, "rate-limited", 429, "Too Many Requests",
                    "Rate limit for " + group.label() + " routes exceeded; retry after " + wait + " s.", List.of(),
                    Map.of("Retry-After", String.valueOf(wait)));
        }
    }

    private byte[] body(Context ctx, String route) {
        String type = ctx.contentType();
        if (type == null || !isJson(type)) {
            throw rejected(route, "unsupported-media-type", 415, "Unsupported Media Type",
                    "Content-Type must be application/json, was " + (type == null ? "missing" : "'" + type + "'") + ".",
                    List.of(), Map.of());
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge(route, declared);
        }
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length > maxBodyBytes) {
            throw tooLarge(route, raw.length);
        }
        return raw;
    }

    private ProblemException tooLarge(String route, long size) {
        return rejected(route, "too-large", 413, "Payload Too Large",
                "The body is " + size + " bytes; at most " + maxBodyBytes + " are accepted.", List.of(), Map.of());
    }

    private static boolean isJson(String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return base.equals("application/json") || (base.startsWith("application/") && base.endsWith("+json"));
    }

    private void verifyZendesk(Context ctx, byte[] raw) {
        String reason = zendeskSignature.rejection(ctx.header(ZendeskSignature.SIGNATURE_HEADER),
                ctx.header(ZendeskSignature.TIMESTAMP_HEADER), raw);
        if (reason != null) {
            LOG.warn("Rejected Zendesk webhook from {}: {}", ctx.ip(), reason);
            throw rejected("zendesk", "bad-signature", 403, "Forbidden", "The webhook signature is not valid.",
                    List.of(), Map.of());
        }
    }

    private JsonNode parse(byte[] raw, String route) {
        try {
            JsonNode node = JSON.readTree(raw);
            if (node == null || node.isMissingNode()) {
                throw rejected(route, "invalid-json", 400, "Invalid JSON", "The body is empty.", List.of(), Map.of());
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw rejected(route, "invalid-json", 400, "Invalid JSON", "The body is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), List.of(), Map.of());
        } catch (java.io.IOException e) {
            throw rejected(route, "invalid-json", 400, "Invalid JSON", "The body could not be read.", List.of(), Map.of());
        }
    }

    private void write(String route, Batch batch) {
        long started = System.nanoTime();
        try {
            writer.write(batch.records());
        } catch (KafkaUnavailableException e) {
            LOG.warn("Kafka write for {} failed, answering 503: {}", route, e.getMessage());
            throw rejected(route, "kafka-unavailable", 503, "Service Unavailable",
                    "The records could not be stored right now; nothing was written. Retry later.", List.of(),
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        metrics.kafkaWrite(Duration.ofNanos(System.nanoTime() - started));
        metrics.accepted(route, batch.topic(), batch.ids().size());
    }

    private ProblemException rejected(String route, String reason, int status, String title, String detail,
                                      List<Problem.FieldError> errors, Map<String, String> headers) {
        metrics.rejected(route, reason);
        Problem problem = new Problem("https://tocsin.dev/problems/" + reason, title, status, detail, errors);
        return new ProblemException(problem, headers);
    }

    private static String summary(List<Violation> violations) {
        return violations.stream().limit(3).map(v -> v.field() + ": " + v.reason())
                .reduce((a, b) -> a + "; " + b).orElse("") + (violations.size() > 3 ? "; ..." : "");
    }
}
