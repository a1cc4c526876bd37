package dev.tocsin.correlator.http;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
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
import org.apache.kafka.streams.KafkaStreams;
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
        app.get("/api/v1/incidents/{id}", ctx -> oneIncident(ctx, incident -> IncidentJson.full(incident)),
                QueryRole.OPERATOR, QueryRole.SUPPORT);
        app.get("/api/v1/incidents/{id}/alerts", this::alertsOf, QueryRole.OPERATOR);
        app.get("/api/v1/incidents/{id}/tickets", this::ticketsOf, QueryRole.OPERATOR, QueryRole.SUPPORT);
        app.get("/api/v1/tickets/{ticketId}", this::ticket, QueryRole.OPERATOR, QueryRole.SUPPORT);
    }

    private void list(Context ctx) {
        String status = Optional.ofNullable(ctx.queryParam("status")).orElse("open");
        if (!List.of("open", "resolved", "all").contains(status)) {
            throw new ProblemException(Problem.invalid("status must be open, resolved or all",
                    List.of(new Problem.FieldError("status", "must be open, resolved or all, was '" + status + "'"))));
        }
        String product = ctx.queryParam("product");
        List<Map<String, Object>> found = new ArrayList<>();
        try (KeyValueIterator<String, Incident> all = store(CorrelatorStores.INCIDENTS, Incident.class).all()) {
            all.forEachRemaining(entry -> {
                Incident incident = entry.value;
                boolean resolved = incident.getStatus() == PublicStatus.RESOLVED;
                if ((product == null || product.equals(incident.getProduct()))
                        && (status.equals("all") || resolved == status.equals("resolved"))) {
                    found.add(IncidentJson.summary(incident));
                }
            });
        }
        if (!router.isLocal(ctx)) {
            for (HostInfo other : router.otherInstances()) {
                found.addAll(listFrom(other, ctx));
            }
        }
        found.sort(Comparator.comparing((Map<String, Object> m) -> String.valueOf(m.get("openedAt"))).reversed());
        ctx.json(Map.of("incidents", found));
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
        try (KeyValueIterator<String, TrackedAlert> range = alerts.range(product + CorrelatorStores.SEPARATOR,
                CorrelatorStores.prefixEnd(product))) {
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
        try (KeyValueIterator<String, Incident> it = store(CorrelatorStores.INCIDENTS, Incident.class).all()) {
            it.forEachRemaining(entry -> all.add(entry.value));
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Incident incident : all) {
                if (incident.getMergedInto() != null && members.contains(incident.getMergedInto())
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
        try (KeyValueIterator<String, String> range = index.range(id + CorrelatorStores.SEPARATOR,
                CorrelatorStores.prefixEnd(id))) {
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
        return router.answeredByOwner(ctx, CorrelatorStores.INCIDENTS,
                () -> IncidentIds.productOf(incidentId).orElseThrow(() -> notFound("incident", incidentId)));
    }

    private List<Map<String, Object>> listFrom(HostInfo other, Context ctx) {
        HttpResponse<String> answer = router.get(other, "/api/v1/incidents?" + InstanceRouter.withLocal(ctx.queryString()));
        if (answer == null || answer.statusCode() != 200) {
            throw unavailable();
        }
        try {
            Map<String, List<Map<String, Object>>> body = ServiceHttpServer.JSON.readValue(answer.body(),
                    new TypeReference<>() { });
            return body.getOrDefault("incidents", List.of());
        } catch (Exception e) {
            throw unavailable();
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
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
            throw new ProblemException(Problem.invalid(name + " must be an integer from 0 to " + max,
                    List.of(new Problem.FieldError(name, "must be an integer from 0 to " + max + ", was '" + raw + "'"))));
        }
    }

    private static ProblemException notFound(String what, String id) {
        return new ProblemException(Problem.of(404, "Not Found", "No " + what + " with id '" + id + "'."));
    }

    private static ProblemException unavailable() {
        return new ProblemException(Problem.of(503, "Service Unavailable",
                "Incident state is being restored or rebalanced; retry shortly."), Map.of("Retry-After", "2"));
    }
}
