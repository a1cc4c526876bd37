package dev.tocsin.ingest.http;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.Subscription;
import dev.tocsin.ingest.domain.AlertNormalizers;
import dev.tocsin.ingest.domain.IdempotencyKeys;
import dev.tocsin.ingest.domain.IngestContext;
import dev.tocsin.ingest.domain.InvalidPayloadException;
import dev.tocsin.ingest.domain.OperatorInput;
import dev.tocsin.ingest.domain.ProductCatalog;
import dev.tocsin.ingest.domain.ReportNormalizers;
import dev.tocsin.ingest.domain.Violation;
import dev.tocsin.ingest.kafka.KafkaUnavailableException;
import dev.tocsin.ingest.kafka.PagerDutyMemory;
import dev.tocsin.ingest.kafka.TableCatchUp;
import dev.tocsin.ingest.kafka.TransactionalWriter;
import dev.tocsin.ingest.kafka.WriterBusyException;
import dev.tocsin.runtime.http.Credentials;
import dev.tocsin.runtime.http.Problem;
import dev.tocsin.runtime.http.ProblemException;
import dev.tocsin.schemas.registry.SchemaRegistryException;
import dev.tocsin.schemas.rules.WebhookSecrets;
import dev.tocsin.schemas.topics.IncidentIds;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The HTTP front door. Every write route runs the same steps: authenticate the route group,
 * rate-limit the credential, insist on JSON within the route's size limit, parse it straight from
 * the socket, normalize (a rejected payload writes nothing and gets a problem body naming each bad
 * field), then write all records in one Kafka transaction (shared with concurrent requests) and
 * answer 202 only once Kafka acknowledged it.
 *
 * <p>A 4xx other than 429 means the payload can never succeed; anything that may pass later
 * (overload, Kafka or the registry unavailable) is a 503 or 429 with {@code Retry-After}. Group
 * webhooks (Alertmanager, Grafana) get 503 where others get 429, because those senders retry only
 * 5xx and drop a notification after any 4xx.
 */
public final class IngestApi {

    private static final Logger LOG = LoggerFactory.getLogger(IngestApi.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String RETRY_AFTER_SECONDS = "5";
    private static final String RETRY_AFTER_BUSY_SECONDS = "1";
    /** Most bytes one record may take: Kafka's default producer and broker limits are about 1 MiB including overhead. */
    static final int MAX_RECORD_BYTES = 1_000_000;
    /**
     * Routes whose senders batch whole alert groups into one webhook and retry only 5xx: they get
     * the large body limit, and overload answers them 503, never 429.
     */
    private static final Set<String> GROUP_WEBHOOKS = Set.of("alertmanager", "grafana");

    private final AlertNormalizers alerts;
    private final AlertNormalizers groupWebhooks;
    private final ReportNormalizers reports;
    private final Topics topics;
    private final TransactionalWriter writer;
    private final Map<RouteGroup, Credentials> credentials;
    private final ZendeskSignature zendeskSignature;
    private final RateLimiter rateLimiter;
    private final IngestMetrics metrics;
    private final BodyLimits limits;
    private final InFlightBytes inFlight;
    private final Clock clock;
    private final MaintenanceLookup maintenance;
    private final PagerDutyMemory pagerDuty;
    private final ProductCatalog catalog;
    /** Master key of the webhook secrets told in subscription answers; null: none told. */
    private String webhookSigningMaster;
    /** How long a DELETE waits for a window missing from the lookup table (it lags the topic). */
    private Duration maintenanceCatchUp = Duration.ZERO;

    /**
     * Finds the current version of a maintenance window, so PUT and DELETE can enforce the state
     * machine and DELETE can cancel it keeping its details.
     */
    @FunctionalInterface
    public interface MaintenanceLookup {
        MaintenanceWindow find(String windowId);
    }

    /**
     * How large bodies may be: {@code webhookBytes} on the group-webhook routes, {@code otherBytes}
     * elsewhere; {@code inFlightBytes} bounds the bodies being handled at once (503 above).
     */
    public record BodyLimits(int otherBytes, int webhookBytes, long inFlightBytes) {
        public BodyLimits {
            if (otherBytes < 1 || webhookBytes < 1 || inFlightBytes < 1) {
                throw new IllegalArgumentException("body limits must be positive");
            }
        }

        /** The largest body any route accepts. */
        public int largest() {
            return Math.max(otherBytes, webhookBytes);
        }

        int forRoute(String route) {
            return GROUP_WEBHOOKS.contains(route) ? webhookBytes : otherBytes;
        }
    }

    /**
     * @param groupWebhooks the alert normalizers for Alertmanager and Grafana, whose notifications hold a
     *                      whole alert group (their own item limit)
     */
    public IngestApi(AlertNormalizers alerts, AlertNormalizers groupWebhooks, ReportNormalizers reports, Topics topics,
                     TransactionalWriter writer, Map<RouteGroup, Credentials> credentials,
                     ZendeskSignature zendeskSignature, RateLimiter rateLimiter, IngestMetrics metrics,
                     BodyLimits limits, Clock clock, MaintenanceLookup maintenance, PagerDutyMemory pagerDuty,
                     ProductCatalog catalog) {
        this.alerts = alerts;
        this.groupWebhooks = groupWebhooks;
        this.reports = reports;
        this.topics = topics;
        this.writer = writer;
        this.credentials = Map.copyOf(credentials);
        this.zendeskSignature = zendeskSignature;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.limits = limits;
        this.inFlight = new InFlightBytes(limits.inFlightBytes());
        metrics.inFlightBytes(inFlight::used);
        this.clock = clock;
        this.maintenance = maintenance;
        this.pagerDuty = pagerDuty;
        this.catalog = catalog;
    }

    /**
     * How long a DELETE of a maintenance window not (yet) in this instance's table waits for the
     * table to catch up before answering 404; default none.
     */
    public IngestApi waitingForMaintenanceTable(Duration catchUp) {
        this.maintenanceCatchUp = catchUp;
        return this;
    }

    /**
     * With a master key, the 202 answer to a WEBHOOK subscription carries its signing secret,
     * derived from the key and the subscription id ({@link WebhookSecrets}): the subscriber is
     * told it once, and it is stored nowhere.
     */
    public IngestApi answeringWebhookSecrets(String master) {
        this.webhookSigningMaster = master == null || master.isEmpty() ? null : master;
        return this;
    }

    public void register(Javalin app) {
        app.post("/api/v1/alerts/alertmanager", ctx -> alerts(ctx, "alertmanager", groupWebhooks::alertmanager));
        app.post("/api/v1/alerts/grafana", ctx -> alerts(ctx, "grafana", groupWebhooks::grafana));
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
            if (normalized.isEmpty()) {
                return new Batch(List.of(), List.of(), topics.alerts().name(), Map.of("ignored", AlertNormalizers.IGNORED_UNKNOWN_DEDUP_KEY));
            }
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
            IncidentCommand command = OperatorInput.command(incidentId, body, context, ctx.header(IdempotencyKeys.HEADER));
            command.setProduct(product);
            Batch batch = records(topics.incidentCommands(), List.of(command), c -> product, IncidentCommand::getCommandId);
            // the id a retry with the same Idempotency-Key gets again
            return new Batch(batch.records(), batch.ids(), batch.topic(), Map.of("commandId", command.getCommandId()));
        });
    }

    private void putMaintenance(Context ctx) {
        handle(ctx, "maintenance", RouteGroup.OPERATOR, true, (body, context) -> {
            String id = ctx.pathParam("id");
            MaintenanceWindow window = OperatorInput.maintenance(id, body, context, catalog, maintenance.find(id));
            return records(topics.maintenanceWindows(), List.of(window), MaintenanceWindow::getWindowId,
                    MaintenanceWindow::getWindowId);
        });
    }

    private void deleteMaintenance(Context ctx) {
        handle(ctx, "maintenance", RouteGroup.OPERATOR, false, (body, context) -> {
            String id = ctx.pathParam("id");
            // the table follows the topic a moment later: a DELETE right after its PUT waits for it
            MaintenanceWindow previous = id.isBlank() ? null : TableCatchUp.await(() -> maintenance.find(id),
                    maintenanceCatchUp);
            if (previous == null && !id.isBlank()) { // never a product-less cancellation that tells followers nothing
                throw rejected("maintenance", "unknown-maintenance-window", 404, "Not Found", "No maintenance window '"
                        + id + "' is known (waited " + maintenanceCatchUp.toMillis() + " ms for the table); nothing "
                        + "was written. If it was created a moment ago, retry.", List.of(), Map.of());
            }
            MaintenanceWindow cancelled = OperatorInput.cancelled(previous, id, context);
            return records(topics.maintenanceWindows(), List.of(cancelled), MaintenanceWindow::getWindowId,
                    MaintenanceWindow::getWindowId);
        });
    }

    private void putSubscription(Context ctx) {
        handle(ctx, "subscription", RouteGroup.OPERATOR, true, (body, context) -> {
            Subscription subscription = OperatorInput.subscription(ctx.pathParam("id"), body, context, catalog);
            Batch batch = records(topics.subscriptions(), List.of(subscription), Subscription::getSubscriptionId,
                    Subscription::getSubscriptionId);
            if (webhookSigningMaster == null || subscription.getChannel() != NotificationChannel.WEBHOOK) {
                return batch;
            }
            return new Batch(batch.records(), batch.ids(), batch.topic(), Map.of("signing_secret",
                    WebhookSecrets.derive(webhookSigningMaster, subscription.getSubscriptionId())));
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

    /** One request's records, their ids for the answer, the topic for metrics, and more for the answer. */
    record Batch(List<ProducerRecord<byte[], byte[]>> records, List<String> ids, String topic,
                         Map<String, Object> answer) {
        Batch(List<ProducerRecord<byte[], byte[]>> records, List<String> ids, String topic) {
            this(records, ids, topic, Map.of());
        }
    }

    @FunctionalInterface
    private interface Normalizer<T> {
        List<T> apply(JsonNode body, IngestContext context);
    }

    @FunctionalInterface
    interface BatchMaker {
        Batch make(JsonNode body, IngestContext context);
    }

    <V> Batch records(Topic<String, V> topic, List<V> values, Function<V, String> key, Function<V, String> id) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(values.size());
        List<String> ids = new ArrayList<>(values.size());
        for (V value : values) {
            byte[] k = topic.keySerde().serializer().serialize(topic.name(), key.apply(value));
            byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
            if (k.length + v.length > MAX_RECORD_BYTES) {
                // can never be stored: refuse it before it could fail the transaction it would share
                String field = values.size() == 1 ? "$" : "[" + ids.size() + "]";
                throw new InvalidPayloadException(List.of(new Violation(field, "is " + (k.length + v.length)
                        + " bytes once stored, more than the " + MAX_RECORD_BYTES + " one Kafka record may hold")));
            }
            records.add(new ProducerRecord<>(topic.name(), k, v));
            ids.add(id.apply(value));
        }
        return new Batch(records, ids, topic.name());
    }

    private void handle(Context ctx, String route, RouteGroup group, boolean hasBody, BatchMaker maker) {
        int status = 500;
        InFlightBytes.Reservation reserved = null;
        try {
            String who = authenticate(ctx, route, group);
            rateLimit(route, group, who);
            IngestContext context = new IngestContext(clock.instant(), () -> UUID.randomUUID().toString());
            Batch batch;
            if (hasBody) {
                reserved = admit(ctx, route);
                batch = make(route, maker, readBody(ctx, route), context); // the parsed tree is garbage once made
            } else {
                batch = make(route, maker, null, context);
            }
            if (!batch.records().isEmpty()) {
                write(route, batch);
            }
            status = 202;
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("accepted", batch.ids().size());
            answer.put("topic", batch.topic());
            answer.put("ids", batch.ids());
            answer.putAll(batch.answer());
            ctx.status(202).json(answer);
        } catch (ProblemException e) {
            status = e.problem().status();
            throw e;
        } finally {
            if (reserved != null) {
                reserved.close();
            }
            metrics.request(route, status);
        }
    }

    Batch make(String route, BatchMaker maker, JsonNode body, IngestContext context) {
        try {
            return maker.make(body, context);
        } catch (InvalidPayloadException e) {
            throw rejected(route, "invalid-payload", 422, "Unprocessable payload",
                    e.violations().size() + " problem(s) with the payload: " + summary(e.violations()),
                    e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.reason())).toList(), Map.of());
        } catch (SchemaRegistryException e) {
            LOG.warn("Schema registry unavailable for {}, answering 503: {}", route, e.getMessage());
            throw unavailable(route, "registry-unavailable",
                    "The schema registry could not be reached; nothing was written. Retry later.", RETRY_AFTER_SECONDS);
        } catch (InvalidStateStoreException e) {
            LOG.info("Lookup table not queryable yet for {}, answering 503: {}", route, e.getMessage());
            throw unavailable(route, "state-not-ready",
                    "A lookup table is still being restored; nothing was written. Retry later.", RETRY_AFTER_BUSY_SECONDS);
        }
    }

    String authenticate(Context ctx, String route, RouteGroup group) {
        Credentials accepted = credentials.get(group);
        if (accepted == null || accepted.isEmpty()) {
            return "anonymous"; // only possible in the local stack; production refuses to start without credentials
        }
        return accepted.authenticate(ctx.header("Authorization")).orElseThrow(() -> rejected(route, "unauthorized", 401,
                "Unauthorized", "Valid credentials are required for this route.", List.of(),
                Map.of("WWW-Authenticate", Credentials.CHALLENGE)));
    }

    void rateLimit(String route, RouteGroup group, String who) {
        long wait = rateLimiter.acquire(group.label() + "/" + who);
        if (wait > 0) {
            throw rejected(route, "rate-limited", GROUP_WEBHOOKS.contains(route) ? 503 : 429, "Too Many Requests",
                    "Rate limit for " + group.label() + " routes exceeded; retry after " + wait + " s.", List.of(),
                    Map.of("Retry-After", String.valueOf(wait)));
        }
    }

    /** Checks type and declared size, then reserves the body's bytes from the in-flight budget (503 if taken). */
    InFlightBytes.Reservation admit(Context ctx, String route) {
        String type = ctx.contentType();
        if (type == null || !isJson(type)) {
            throw rejected(route, "unsupported-media-type", 415, "Unsupported Media Type",
                    "Content-Type must be application/json, was " + (type == null ? "missing" : "'" + type + "'") + ".",
                    List.of(), Map.of());
        }
        int limit = limits.forRoute(route);
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw tooLarge(route, declared + " bytes", limit);
        }
        InFlightBytes.Reservation reserved = inFlight.tryReserve(declared >= 0 ? declared : limit);
        if (reserved == null) {
            throw unavailable(route, "busy", "Too many request bytes are being handled right now ("
                    + inFlight.budget() + " at most); nothing was written. Retry later.", RETRY_AFTER_BUSY_SECONDS);
        }
        return reserved;
    }

    /** Parses the body straight from the socket (no copy of it in memory), failing once it passes the route's limit. */
    JsonNode readBody(Context ctx, String route) {
        int limit = limits.forRoute(route);
        LimitedInputStream in = new LimitedInputStream(ctx.bodyInputStream(), limit);
        try {
            if (route.equals("zendesk") && zendeskSignature != null) {
                byte[] raw = in.readAllBytes(); // the signature covers the exact bytes
                verifyZendesk(ctx, raw);
                return parse(JSON.createParser(raw), route, in, limit);
            }
            return parse(JSON.createParser(in), route, in, limit);
        } catch (IOException e) {
            throw unreadable(route, in, limit, e);
        }
    }

    private JsonNode parse(JsonParser parser, String route, LimitedInputStream in, int limit) {
        try (parser) {
            JsonNode node = JSON.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw rejected(route, "invalid-json", 400, "Invalid JSON", "The body is empty.", List.of(), Map.of());
            }
            return node;
        } catch (JsonProcessingException e) {
            if (in.exceeded()) {
                throw tooLarge(route, "over " + limit + " bytes", limit);
            }
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw rejected(route, "invalid-json", 400, "Invalid JSON", "The body is not valid JSON" + where + ": "
                    + e.getOriginalMessage(), List.of(), Map.of());
        } catch (IOException e) {
            throw unreadable(route, in, limit, e);
        }
    }

    /** Reading failed: past the limit (413), else the connection broke and the sender will not see any answer. */
    private ProblemException unreadable(String route, LimitedInputStream in, int limit, IOException e) {
        if (in.exceeded()) {
            return tooLarge(route, "over " + limit + " bytes", limit);
        }
        return rejected(route, "unreadable-body", 400, "Bad Request", "The body could not be read: " + e.getMessage(),
                List.of(), Map.of());
    }

    private ProblemException tooLarge(String route, String size, int limit) {
        return rejected(route, "too-large", 413, "Payload Too Large",
                "The body is " + size + "; at most " + limit + " are accepted on this route.", List.of(), Map.of());
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

    void write(String route, Batch batch) {
        long started = System.nanoTime();
        try {
            writer.write(batch.records());
        } catch (WriterBusyException e) {
            LOG.warn("Kafka writer busy for {}, answering 503: {}", route, e.getMessage());
            throw unavailable(route, "writer-busy",
                    "Too many requests are waiting for Kafka right now; nothing was written. Retry later.",
                    RETRY_AFTER_BUSY_SECONDS);
        } catch (KafkaUnavailableException e) {
            LOG.warn("Kafka write for {} failed, answering 503: {}", route, e.getMessage());
            throw unavailable(route, "kafka-unavailable",
                    "The records could not be stored right now; nothing was written. Retry later.", RETRY_AFTER_SECONDS);
        }
        metrics.kafkaWrite(Duration.ofNanos(System.nanoTime() - started));
        metrics.accepted(route, batch.topic(), batch.ids().size());
    }

    /** A 503 the sender should retry after {@code retryAfterSeconds}: nothing of the request was written. */
    ProblemException unavailable(String route, String reason, String detail, String retryAfterSeconds) {
        return rejected(route, reason, 503, "Service Unavailable", detail, List.of(), Map.of("Retry-After", retryAfterSeconds));
    }

    ProblemException rejected(String route, String reason, int status, String title, String detail,
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
