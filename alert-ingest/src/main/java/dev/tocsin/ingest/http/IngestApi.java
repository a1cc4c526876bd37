package dev.tocsin.ingest.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.tocsin.ingest.domain.Normalizers;
import dev.tocsin.ingest.domain.OperatorInput;
import dev.tocsin.ingest.domain.ProductCatalog;
import dev.tocsin.ingest.domain.Source;
import dev.tocsin.ingest.domain.Violation;
import dev.tocsin.ingest.http.BatchWriter.Batch;
import dev.tocsin.ingest.kafka.PagerDutyMemory;
import dev.tocsin.ingest.kafka.TableCatchUp;
import dev.tocsin.schemas.rules.WebhookSecrets;
import dev.tocsin.schemas.topics.IncidentIds;
import dev.tocsin.schemas.topics.Topics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The HTTP front door's write routes. {@link RouteGuard} has authenticated and rate-limited the
 * caller; each route then takes in the body ({@link RequestBodies}), normalizes it (a rejected
 * payload writes nothing and gets a problem body naming each bad field), and writes all records in
 * one Kafka transaction shared with concurrent requests ({@link BatchWriter}), answering 202 only
 * once Kafka acknowledged it.
 *
 * <p>A 4xx other than 429 means the payload can never succeed; anything that may pass later
 * (overload, Kafka or the registry unavailable) is a 503 or 429 with {@code Retry-After}. Group
 * webhooks (Alertmanager, Grafana) get 503 where others get 429, because those senders retry only
 * 5xx and drop a notification after any 4xx.
 */
public final class IngestApi {

    private static final Route COMMAND = Route.operator("incident-command");
    private static final Route MAINTENANCE = Route.operator("maintenance");
    private static final Route SUBSCRIPTION = Route.operator("subscription");

    private final Normalizers normalizers;
    private final Normalizers groupWebhookNormalizers;
    private final Topics topics;
    private final RequestBodies bodies;
    private final BatchWriter batches;
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
     * @param groupWebhookNormalizers what reads Alertmanager and Grafana notifications, which hold a
     *                                whole alert group (their own item limit)
     * @param pagerDuty               the PagerDuty alerts known (also in {@code normalizers}), told of each one written
     */
    public IngestApi(
            Normalizers normalizers,
            Normalizers groupWebhookNormalizers,
            Topics topics,
            RequestBodies bodies,
            BatchWriter batches,
            Clock clock,
            MaintenanceLookup maintenance,
            PagerDutyMemory pagerDuty,
            ProductCatalog catalog) {
        this.normalizers = normalizers;
        this.groupWebhookNormalizers = groupWebhookNormalizers;
        this.topics = topics;
        this.bodies = bodies;
        this.batches = batches;
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
        for (Source source : Source.values()) {
            Route route = Route.of(source);
            app.post(source.path(), ctx -> fromSource(ctx, route, source), route);
        }
        app.post("/api/v1/incidents/{id}/commands", this::command, COMMAND);
        app.put("/api/v1/maintenance/{id}", this::putMaintenance, MAINTENANCE);
        app.delete("/api/v1/maintenance/{id}", this::deleteMaintenance, MAINTENANCE);
        app.put("/api/v1/subscriptions/{id}", this::putSubscription, SUBSCRIPTION);
        app.delete("/api/v1/subscriptions/{id}", this::deleteSubscription, SUBSCRIPTION);
    }

    /** Alerts go keyed by product to the alerts topic, reports to the customer reports topic. */
    private void fromSource(Context ctx, Route route, Source source) {
        if (source == Source.PAGERDUTY) {
            pagerDuty(ctx, route);
            return;
        }
        Normalizers reading = source.groupWebhook() ? groupWebhookNormalizers : normalizers;
        handle(ctx, route, true, (body, context) -> {
            List<? extends SpecificRecord> normalized = source.normalize(reading, body, context);
            if (source.yieldsReports()) {
                return batches.records(
                        topics.customerReports(),
                        only(CustomerReport.class, normalized),
                        CustomerReport::getProduct,
                        CustomerReport::getTicketId);
            }
            return batches.records(
                    topics.alerts(),
                    only(MonitoringAlert.class, normalized),
                    MonitoringAlert::getProduct,
                    MonitoringAlert::getAlertId);
        });
    }

    /** PagerDuty alerts also go, keyed by dedup key, to the table later acknowledges and resolves look up. */
    private void pagerDuty(Context ctx, Route route) {
        List<MonitoringAlert> written = new ArrayList<>();
        handle(ctx, route, true, (body, context) -> {
            List<MonitoringAlert> normalized =
                    only(MonitoringAlert.class, Source.PAGERDUTY.normalize(normalizers, body, context));
            if (normalized.isEmpty()) {
                return new Batch(
                        List.of(),
                        List.of(),
                        topics.alerts().name(),
                        Map.of("ignored", AlertNormalizers.IGNORED_UNKNOWN_DEDUP_KEY));
            }
            written.addAll(normalized);
            Batch byProduct = batches.records(
                    topics.alerts(), normalized, MonitoringAlert::getProduct, MonitoringAlert::getAlertId);
            Batch byFingerprint = batches.records(
                    topics.pagerDutyAlerts(), normalized, MonitoringAlert::getFingerprint, MonitoringAlert::getAlertId);
            List<ProducerRecord<byte[], byte[]>> both = new ArrayList<>(byProduct.records());
            both.addAll(byFingerprint.records());
            return new Batch(both, byProduct.ids(), byProduct.topic());
        });
        pagerDuty.written(written);
    }

    private void command(Context ctx) {
        handle(ctx, COMMAND, true, (body, context) -> {
            String incidentId = ctx.pathParam("id");
            String product = IncidentIds.productOf(incidentId)
                    .orElseThrow(() -> new InvalidPayloadException(List.of(new Violation(
                            "id", "'" + incidentId + "' is not an incident id (<product>-<8 hex digits>)"))));
            IncidentCommand command =
                    OperatorInput.command(incidentId, body, context, ctx.header(IdempotencyKeys.HEADER));
            command.setProduct(product);
            Batch batch = batches.records(
                    topics.incidentCommands(), List.of(command), c -> product, IncidentCommand::getCommandId);
            // the id a retry with the same Idempotency-Key gets again
            return new Batch(batch.records(), batch.ids(), batch.topic(), Map.of("commandId", command.getCommandId()));
        });
    }

    private void putMaintenance(Context ctx) {
        handle(ctx, MAINTENANCE, true, (body, context) -> {
            String id = ctx.pathParam("id");
            MaintenanceWindow window = OperatorInput.maintenance(id, body, context, catalog, maintenance.find(id));
            return batches.records(
                    topics.maintenanceWindows(),
                    List.of(window),
                    MaintenanceWindow::getWindowId,
                    MaintenanceWindow::getWindowId);
        });
    }

    private void deleteMaintenance(Context ctx) {
        handle(ctx, MAINTENANCE, false, (body, context) -> {
            String id = ctx.pathParam("id");
            // the table follows the topic a moment later: a DELETE right after its PUT waits for it
            MaintenanceWindow previous =
                    id.isBlank() ? null : TableCatchUp.await(() -> maintenance.find(id), maintenanceCatchUp);
            if (previous == null && !id.isBlank()) { // never a product-less cancellation that tells followers nothing
                throw Rejection.of(
                        "unknown-maintenance-window",
                        404,
                        "Not Found",
                        "No maintenance window '" + id
                                + "' is known (waited " + maintenanceCatchUp.toMillis()
                                + " ms for the table); nothing was "
                                + "written. If it was created a moment ago, retry.");
            }
            MaintenanceWindow cancelled = OperatorInput.cancelled(previous, id, context);
            return batches.records(
                    topics.maintenanceWindows(),
                    List.of(cancelled),
                    MaintenanceWindow::getWindowId,
                    MaintenanceWindow::getWindowId);
        });
    }

    private void putSubscription(Context ctx) {
        handle(ctx, SUBSCRIPTION, true, (body, context) -> {
            Subscription subscription = OperatorInput.subscription(ctx.pathParam("id"), body, context, catalog);
            Batch batch = batches.records(
                    topics.subscriptions(),
                    List.of(subscription),
                    Subscription::getSubscriptionId,
                    Subscription::getSubscriptionId);
            if (webhookSigningMaster == null || subscription.getChannel() != NotificationChannel.WEBHOOK) {
                return batch;
            }
            return new Batch(
                    batch.records(),
                    batch.ids(),
                    batch.topic(),
                    Map.of(
                            "signing_secret",
                            WebhookSecrets.derive(webhookSigningMaster, subscription.getSubscriptionId())));
        });
    }

    private void deleteSubscription(Context ctx) {
        handle(ctx, SUBSCRIPTION, false, (body, context) -> {
            String id = ctx.pathParam("id");
            // a tombstone: the compacted topic forgets the subscription
            return new Batch(
                    List.of(new ProducerRecord<>(topics.subscriptions().name(), id.getBytes(UTF_8), null)),
                    List.of(id),
                    topics.subscriptions().name());
        });
    }

    @FunctionalInterface
    private interface BatchMaker {
        Batch make(JsonNode body, IngestContext context);
    }

    /** Takes in the body (if the route has one), makes the batch, writes it, and answers 202. */
    private void handle(Context ctx, Route route, boolean hasBody, BatchMaker maker) {
        IngestContext context =
                new IngestContext(clock.instant(), () -> UUID.randomUUID().toString());
        if (!hasBody) {
            answer(ctx, route, make(route, maker, null, context));
            return;
        }
        try (InFlightBytes.Reservation ignored = bodies.admit(ctx, route)) {
            // the parsed tree is garbage once made: it is not held while the batch waits for Kafka
            answer(ctx, route, make(route, maker, bodies.read(ctx, route), context));
        }
    }

    private Batch make(Route route, BatchMaker maker, JsonNode body, IngestContext context) {
        return batches.prepare(route, () -> maker.make(body, context));
    }

    private void answer(Context ctx, Route route, Batch batch) {
        if (!batch.records().isEmpty()) {
            batches.write(route, batch);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", batch.ids().size());
        answer.put("topic", batch.topic());
        answer.put("ids", batch.ids());
        answer.putAll(batch.answer());
        ctx.status(202).json(answer);
    }

    /** The normalized records as the type their source yields. */
    private static <T> List<T> only(Class<T> type, List<? extends SpecificRecord> records) {
        return records.stream().map(type::cast).toList();
    }
}
