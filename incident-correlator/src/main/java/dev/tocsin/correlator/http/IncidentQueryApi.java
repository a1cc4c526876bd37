package dev.tocsin.correlator.http;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Silence;
import dev.tocsin.correlator.state.TicketRecord;
import dev.tocsin.correlator.state.TrackedAlert;
import dev.tocsin.correlator.topology.CorrelatorStores;
import dev.tocsin.runtime.http.InstanceRouter;
import dev.tocsin.runtime.http.InstanceToken;
import dev.tocsin.runtime.http.Problem;
import dev.tocsin.runtime.http.ProblemException;
import dev.tocsin.runtime.http.ServiceHttpServer;
import dev.tocsin.schemas.topics.IncidentIds;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Incident queries served from the correlator's state stores (interactive queries). State is
 * partitioned by product: a query for one incident goes to the instance that owns its product
 * (the product is part of the incident id) and is proxied there if that is another instance;
 * list and ticket queries ask every instance and merge. Requests between instances carry
 * {@code local=true} and the instances' shared token so they are answered from local state only.
 * Every route needs operator or support credentials ({@link QueryRole}); alerts are for operators.
 */
public final class IncidentQueryApi {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final KafkaStreams streams;
    private final InstanceRouter router;

    /**
     * @param self      this instance's {@code application.server}, or null when it runs alone
     * @param instances the secret requests between instances carry
     */
    public IncidentQueryApi(KafkaStreams streams, HostInfo self, InstanceToken instances) {
        this.streams = streams;
        this.router = new InstanceRouter(streams, self, IncidentQueryApi::unavailable, instances);
    }

    /** The routes, each with the roles it admits (checked by RoleAccess before the handler runs). */
    public void register(Javalin app) {
        app.get("/api/v1/incidents", this::list, QueryRole.OPERATOR, QueryRole.SUPPORT);
        app.get(
                "/api/v1/incidents/{id}",
                ctx -> oneIncident(ctx, incident -> IncidentJson.full(incident)),
                QueryRole.OPERATOR,
                QueryRole.SUPPORT);
        app.get("/api/v1/incidents/{id}/alerts", this::alertsOf, QueryRole.OPERATOR);
        app.get("/api/v1/incidents/{id}/tickets", this::ticketsOf, QueryRole.OPERATOR, QueryRole.SUPPORT);
        app.get("/api/v1/tickets/{ticketId}", this::ticket, QueryRole.OPERATOR, QueryRole.SUPPORT);
        app.get("/api/v1/alerts", this::heldAlerts, QueryRole.OPERATOR);
    }

    /**
     * A page of incidents in id order ({@link IncidentPages}): each local partition's store is read
     * from the cursor on (a lazy range; a product filter seeks to the
     * product's ids), for at most {@code limit} matches or {@link #SCAN_BUDGET} ids; other instances
     * answer the same query locally and the slices are merged.
     */
    private void list(Context ctx) {
        String status = Optional.ofNullable(ctx.queryParam("status")).orElse("open");
        if (!List.of("open", "resolved", "all").contains(status)) {
            throw new ProblemException(Problem.invalid(
                    "status must be open, resolved or all",
                    List.of(new Problem.FieldError("status", "must be open, resolved or all, was '" + status + "'"))));
        }
        String product = ctx.queryParam("product");
        int limit = limit(ctx);
        String position = position(ctx);
        List<IncidentPages.Slice> slices = new ArrayList<>();
        for (int partition : localPartitions()) {
            slices.add(localSlice(partition, status, product, position, limit));
        }
        if (!router.isLocal(ctx)) {
            for (HostInfo other : router.otherInstances()) {
                slices.add(sliceFrom(other, "/api/v1/incidents", "incidents", ctx));
            }
        }
        IncidentPages.Page page = IncidentPages.merge(slices, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incidents", page.items());
        if (page.next() != null) {
            String cursor = IncidentPages.cursor(page.next());
            String next = "/api/v1/incidents?status=" + status
                    + (product == null ? "" : "&product=" + URLEncoder.encode(product, StandardCharsets.UTF_8))
                    + "&limit=" + limit + "&cursor=" + cursor;
            body.put("cursor", cursor);
            body.put("next", next);
            ctx.header("Link", "<" + next + ">; rel=\"next\"");
        }
        ctx.json(body);
    }

    /**
     * A page of the alerts held back by a silence, an inhibit rule or an upstream incident, in
     * {@code <product>|<fingerprint>} order, paged like the incident list ({@link IncidentPages}):
     * each local partition's held-alerts index is read from the cursor on, other instances answer
     * locally, the slices are merged. Only {@code held=true} is served: the alerts attached to an
     * incident are listed under the incident.
     */
    private void heldAlerts(Context ctx) {
        String held = ctx.queryParam("held");
        if (!"true".equals(held)) {
            String rule = "must be true (alerts attached to an incident are under /api/v1/incidents/{id}/alerts)";
            throw unprocessable("held " + rule, new Problem.FieldError("held", rule + ", was '" + held + "'"));
        }
        String product = ctx.queryParam("product");
        int limit = limit(ctx);
        String position = position(ctx);
        Function<String, Optional<Instant>> silenceEnds = silenceEnds();
        List<IncidentPages.Slice> slices = new ArrayList<>();
        for (int partition : localPartitions()) {
            slices.add(heldSlice(
                    store(CorrelatorStores.HELD_ALERTS, String.class, partition),
                    store(CorrelatorStores.ALERTS, TrackedAlert.class, partition),
                    silenceEnds,
                    product,
                    position,
                    limit));
        }
        if (!router.isLocal(ctx)) {
            for (HostInfo other : router.otherInstances()) {
                slices.add(sliceFrom(other, "/api/v1/alerts", "alerts", ctx));
            }
        }
        IncidentPages.Page page = IncidentPages.merge(slices, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alerts", page.items());
        if (page.next() != null) {
            String cursor = IncidentPages.cursor(page.next());
            String next = "/api/v1/alerts?held=true"
                    + (product == null ? "" : "&product=" + URLEncoder.encode(product, StandardCharsets.UTF_8))
                    + "&limit=" + limit + "&cursor=" + cursor;
            body.put("cursor", cursor);
            body.put("next", next);
            ctx.header("Link", "<" + next + ">; rel=\"next\"");
        }
        ctx.json(body);
    }

    /**
     * One partition's held alerts: the held-alerts index read lazily from the position on (a
     * product filter seeks to the product's keys), each entry's tracked alert read beside it; an
     * index entry whose alert is no longer held (the index is cleaned at the next reconsideration)
     * is skipped. Bounded like {@link #slice}.
     */
    static IncidentPages.Slice heldSlice(
            ReadOnlyKeyValueStore<String, String> heldIndex,
            ReadOnlyKeyValueStore<String, TrackedAlert> alerts,
            Function<String, Optional<Instant>> silenceEnds,
            String product,
            String position,
            int limit) {
        String from = position == null ? null : IncidentPages.after(position);
        String to = null;
        if (product != null) {
            String first = product + CorrelatorStores.SEPARATOR;
            from = from == null || from.compareTo(first) < 0 ? first : from;
            to = CorrelatorStores.prefixEnd(product);
        }
        List<Map<String, Object>> found = new ArrayList<>();
        String looked = null;
        int scanned = 0;
        try (KeyValueIterator<String, String> range = heldIndex.range(from, to)) {
            while (range.hasNext()) {
                if (found.size() >= limit || scanned >= SCAN_BUDGET) {
                    return new IncidentPages.Slice(found, looked);
                }
                String key = range.next().key;
                looked = key;
                scanned++;
                TrackedAlert alert = alerts.get(key);
                if (alert != null && alert.getHeldSince() != null) {
                    found.add(HeldAlertJson.of(alert, silenceEnds));
                }
            }
        }
        return new IncidentPages.Slice(found, null);
    }

    /** Silence ends from the global silences table (every instance holds every silence). */
    private Function<String, Optional<Instant>> silenceEnds() {
        ReadOnlyKeyValueStore<String, Silence> silences = store(CorrelatorStores.SILENCES, Silence.class);
        return id -> Optional.ofNullable(silences.get(id)).map(Silence::getEndsAt);
    }

    /** At most this many ids are looked at per partition and request: a rare status cannot make one page scan all history. */
    static final int SCAN_BUDGET = 10_000;

    private IncidentPages.Slice localSlice(int partition, String status, String product, String position, int limit) {
        return slice(store(CorrelatorStores.INCIDENTS, Incident.class, partition), status, product, position, limit);
    }

    /**
     * One partition's slice, read from the incidents store itself: a lazy range (the store reads
     * its values as the scan advances), and every incident the partition holds is in it, however
     * old the version that wrote it (the written-lifecycles store lacks incidents written before
     * snapshot coalescing existed).
     */
    static IncidentPages.Slice slice(
            ReadOnlyKeyValueStore<String, Incident> incidents,
            String status,
            String product,
            String position,
            int limit) {
        String from = position == null ? null : IncidentPages.after(position);
        String to = null;
        if (product != null) { // ids are <product>-<8 hex digits>: the product's ids lie in one range
            String first = product + "-";
            from = from == null || from.compareTo(first) < 0 ? first : from;
            to = product + "-g";
        }
        List<Map<String, Object>> found = new ArrayList<>();
        String looked = null;
        int scanned = 0;
        try (KeyValueIterator<String, Incident> range = incidents.range(from, to)) {
            while (range.hasNext()) {
                if (found.size() >= limit || scanned >= SCAN_BUDGET) {
                    return new IncidentPages.Slice(found, looked);
                }
                KeyValue<String, Incident> entry = range.next();
                looked = entry.key;
                scanned++;
                Incident incident = entry.value;
                if (incident != null
                        && (product == null || product.equals(incident.getProduct()))
                        && (status.equals("all")
                                || (incident.getStatus() == PublicStatus.RESOLVED) == status.equals("resolved"))) {
                    found.add(IncidentJson.summary(incident));
                }
            }
        }
        return new IncidentPages.Slice(found, null);
    }

    /** The partitions whose tasks this instance runs (the correlator has one sub-topology, all by product). */
    private List<Integer> localPartitions() {
        Set<Integer> partitions = new TreeSet<>();
        streams.metadataForLocalThreads()
                .forEach(thread -> thread.activeTasks()
                        .forEach(task -> partitions.add(task.taskId().partition())));
        return new ArrayList<>(partitions);
    }

    private static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return IncidentPages.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1 && value <= IncidentPages.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        String rule = "must be an integer from 1 to " + IncidentPages.MAX_LIMIT;
        throw unprocessable("limit " + rule, new Problem.FieldError("limit", rule + ", was '" + raw + "'"));
    }

    private static String position(Context ctx) {
        String cursor = ctx.queryParam("cursor");
        if (cursor == null) {
            return null;
        }
        return IncidentPages.position(cursor)
                .orElseThrow(() -> unprocessable(
                        "cursor is not one this API returned",
                        new Problem.FieldError(
                                "cursor", "must be the 'cursor' of a previous page, was '" + cursor + "'")));
    }

    /** A well-formed request with a value this API cannot take (a page size, a cursor). */
    private static ProblemException unprocessable(String detail, Problem.FieldError error) {
        return new ProblemException(new Problem(
                "https://tocsin.dev/problems/invalid-request", "Unprocessable request", 422, detail, List.of(error)));
    }

    private void oneIncident(Context ctx, Function<Incident, Object> render) {
        String id = ctx.pathParam("id");
        if (proxiedToOwner(ctx, id)) {
            return;
        }
        Incident incident = store(CorrelatorStores.INCIDENTS, Incident.class).get(id);
        if (incident == null) {
            throw notFound("incident", id);
        }
        ctx.json(render.apply(incident));
    }

    private void alertsOf(Context ctx) {
        String id = ctx.pathParam("id");
        if (proxiedToOwner(ctx, id)) {
            return;
        }
        String product = IncidentIds.productOf(id).orElseThrow(() -> notFound("incident", id));
        int offset = intParam(ctx, "offset", 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        java.util.Set<String> members = withMergedSources(id);
        List<Map<String, Object>> page = new ArrayList<>();
        int matched = 0;
        ReadOnlyKeyValueStore<String, TrackedAlert> alerts = store(CorrelatorStores.ALERTS, TrackedAlert.class);
        try (KeyValueIterator<String, TrackedAlert> range =
                alerts.range(product + CorrelatorStores.SEPARATOR, CorrelatorStores.prefixEnd(product))) {
            while (range.hasNext()) {
                TrackedAlert alert = range.next().value;
                if (members.contains(alert.getIncidentId())) {
                    if (matched >= offset && page.size() < limit) {
                        page.add(IncidentJson.trackedAlert(alert));
                    }
                    matched++;
                }
            }
        }
        ctx.json(page(page, offset, limit, matched));
    }

    /**
     * The incident and every incident merged into it (transitively): a merge moves counts and
     * links but leaves each alert's record naming the incident it first joined.
     */
    private java.util.Set<String> withMergedSources(String id) {
        java.util.Set<String> members = new java.util.HashSet<>(List.of(id));
        List<Incident> all = new ArrayList<>();
        try (KeyValueIterator<String, Incident> it =
                store(CorrelatorStores.INCIDENTS, Incident.class).all()) {
            it.forEachRemaining(entry -> all.add(entry.value));
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Incident incident : all) {
                if (incident.getMergedInto() != null
                        && members.contains(incident.getMergedInto())
                        && members.add(incident.getIncidentId())) {
                    grew = true;
                }
            }
        }
        return members;
    }

    private void ticketsOf(Context ctx) {
        String id = ctx.pathParam("id");
        if (proxiedToOwner(ctx, id)) {
            return;
        }
        int offset = intParam(ctx, "offset", 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        ReadOnlyKeyValueStore<String, String> index = store(CorrelatorStores.INCIDENT_TICKETS, String.class);
        ReadOnlyKeyValueStore<String, TicketRecord> tickets = store(CorrelatorStores.TICKETS, TicketRecord.class);
        List<Map<String, Object>> page = new ArrayList<>();
        int matched = 0;
        try (KeyValueIterator<String, String> range =
                index.range(id + CorrelatorStores.SEPARATOR, CorrelatorStores.prefixEnd(id))) {
            while (range.hasNext()) {
                String ticketId = range.next().value;
                if (matched >= offset && page.size() < limit) {
                    TicketRecord ticket = tickets.get(ticketId);
                    if (ticket != null) {
                        page.add(IncidentJson.ticketRecord(ticket));
                    }
                }
                matched++;
            }
        }
        ctx.json(page(page, offset, limit, matched));
    }

    private void ticket(Context ctx) {
        String ticketId = ctx.pathParam("ticketId");
        TicketRecord local = store(CorrelatorStores.TICKETS, TicketRecord.class).get(ticketId);
        if (local != null) {
            ctx.json(IncidentJson.ticketRecord(local));
            return;
        }
        if (!router.isLocal(ctx)) {
            for (HostInfo other : router.otherInstances()) {
                HttpResponse<String> answer = router.get(other, "/api/v1/tickets/" + ticketId + "?local=true");
                if (answer != null && answer.statusCode() == 200) {
                    ctx.contentType("application/json").result(answer.body());
                    return;
                }
            }
        }
        throw notFound("ticket", ticketId);
    }

    /** When another instance owns the incident's product (part of its id), answers with its response. */
    private boolean proxiedToOwner(Context ctx, String incidentId) {
        return router.answeredByOwner(
                ctx,
                CorrelatorStores.INCIDENTS,
                () -> IncidentIds.productOf(incidentId).orElseThrow(() -> notFound("incident", incidentId)));
    }

    /** Another instance's slice: its page of the same query from its local state. */
    private IncidentPages.Slice sliceFrom(HostInfo other, String path, String listName, Context ctx) {
        HttpResponse<String> answer = router.get(other, path + "?" + InstanceRouter.withLocal(ctx.queryString()));
        if (answer == null || answer.statusCode() != 200) {
            throw unavailable();
        }
        try {
            Map<String, Object> body = ServiceHttpServer.JSON.readValue(answer.body(), new TypeReference<>() {});
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) body.getOrDefault(listName, List.of());
            Object cursor = body.get("cursor");
            String position = cursor == null
                    ? null
                    : IncidentPages.position(cursor.toString()).orElseThrow();
            return new IncidentPages.Slice(items, position);
        } catch (Exception e) {
            throw unavailable();
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type) {
        try {
            return streams.store(
                    StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw unavailable();
        }
    }

    /** One partition's store: its keys in order (the all-partitions view concatenates partitions). */
    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type, int partition) {
        try {
            return streams.store(
                    StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                            .withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw unavailable();
        }
    }

    private static Map<String, Object> page(List<Map<String, Object>> items, int offset, int limit, int total) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("total", total);
        return out;
    }

    private static int intParam(Context ctx, String name, int fallback, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < 0 || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.invalid(
                    name + " must be an integer from 0 to " + max,
                    List.of(new Problem.FieldError(
                            name, "must be an integer from 0 to " + max + ", was '" + raw + "'"))));
        }
    }

    private static ProblemException notFound(String what, String id) {
        return new ProblemException(Problem.of(404, "Not Found", "No " + what + " with id '" + id + "'."));
    }

    private static ProblemException unavailable() {
        return new ProblemException(
                Problem.of(
                        503, "Service Unavailable", "Incident state is being restored or rebalanced; retry shortly."),
                Map.of("Retry-After", "2"));
    }
}
