package dev.tocsin.publisher.web;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.ComponentStatuses;
import dev.tocsin.publisher.domain.Ids;
import dev.tocsin.publisher.domain.PageIndicator;
import dev.tocsin.publisher.domain.PublicIncident;
import dev.tocsin.publisher.domain.PublicMaintenance;
import dev.tocsin.publisher.domain.PublicState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Renders a {@link PublicState} as the bodies of Statuspage's public API v2 ({@code summary.json},
 * {@code status.json}, {@code components.json}, {@code incidents.json}, {@code incidents/unresolved.json},
 * {@code scheduled-maintenances.json} and its {@code upcoming} / {@code active} variants): plain maps
 * and lists, with the keys and value types of Statuspage's current responses, ready for Jackson.
 * Public ids are derived from our ids ({@link Ids}), timestamps are ISO-8601 UTC with milliseconds.
 *
 * <p>Component groups of the catalog are shown Statuspage's way: a group is itself a component entry
 * ({@code "group": true}, its members' ids in {@code components}, the worst member status) placed right
 * before its members, which point back to it with {@code group_id}.
 */
public final class StatuspageJson {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Page page;

    /**
     * The page block.
     *
     * @param id        page id
     * @param name      page name
     * @param url       public URL of the page
     * @param timeZone  IANA time zone name of the page
     * @param createdAt when the page (and thus its catalog components) was set up
     */
    public record Page(String id, String name, String url, String timeZone, Instant createdAt) {}

    public StatuspageJson(Page page) {
        this.page = page;
    }

    public Map<String, Object> summary(PublicState state) {
        Map<String, Object> out = pageEnvelope(state);
        out.put("components", componentList(state));
        out.put("incidents", incidentList(state, i -> !i.resolved()));
        out.put("scheduled_maintenances", maintenanceList(state, m -> m.upcoming() || m.active()));
        out.put("status", statusBlock(state));
        return out;
    }

    public Map<String, Object> status(PublicState state) {
        Map<String, Object> out = pageEnvelope(state);
        out.put("status", statusBlock(state));
        return out;
    }

    public Map<String, Object> components(PublicState state) {
        Map<String, Object> out = pageEnvelope(state);
        out.put("components", componentList(state));
        return out;
    }

    public Map<String, Object> incidents(PublicState state) {
        Map<String, Object> out = pageEnvelope(state);
        out.put("incidents", incidentList(state, i -> true));
        return out;
    }

    public Map<String, Object> unresolvedIncidents(PublicState state) {
        Map<String, Object> out = pageEnvelope(state);
        out.put("incidents", incidentList(state, i -> !i.resolved()));
        return out;
    }

    public Map<String, Object> scheduledMaintenances(PublicState state) {
        Map<String, Object> out = pageEnvelope(state);
        out.put("scheduled_maintenances", maintenanceList(state, m -> true));
        return out;
    }

    public Map<String, Object> upcomingMaintenances(PublicState state) {
        Map<String, Object> out = pageEnvelope(state);
        out.put("scheduled_maintenances", maintenanceList(state, PublicMaintenance::upcoming));
        return out;
    }

    public Map<String, Object> activeMaintenances(PublicState state) {
        Map<String, Object> out = pageEnvelope(state);
        out.put("scheduled_maintenances", maintenanceList(state, PublicMaintenance::active));
        return out;
    }

    /** ISO-8601 UTC with milliseconds, or null. */
    public static String time(Instant at) {
        return at == null ? null : TIME.format(at);
    }

    private Map<String, Object> pageEnvelope(PublicState state) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", page.id());
        p.put("name", page.name());
        p.put("url", page.url());
        p.put("time_zone", page.timeZone());
        p.put("updated_at", time(state.asOf()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("page", p);
        return out;
    }

    private Map<String, Object> statusBlock(PublicState state) {
        PageIndicator indicator = state.indicator();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("indicator", indicator.indicator());
        s.put("description", indicator.description(state.messages()));
        return s;
    }

    /**
     * Components in display order ({@link ComponentCatalog#rows}): a group entry right before its members,
     * positions 1..n in that order. The page indicator never sees a group: it is computed from
     * {@link PublicState#components()}, products only.
     */
    private List<Map<String, Object>> componentList(PublicState state) {
        List<Map<String, Object>> list = new ArrayList<>();
        int position = 1;
        for (ComponentCatalog.Row row : state.catalog().rows(state.components().keySet())) {
            if (row.grouped()) {
                list.add(group(state, row, position++));
            }
            for (String product : row.products()) {
                list.add(component(state, product, state.components().get(product), position++));
            }
        }
        return list;
    }

    private Map<String, Object> component(PublicState state, String product, ComponentStatus status, int position) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", Ids.component(product));
        c.put("name", state.catalog().displayName(product));
        c.put("status", ComponentStatuses.wireName(status));
        c.put("created_at", time(page.createdAt()));
        c.put("updated_at", time(componentUpdatedAt(state, product)));
        c.put("position", position);
        c.put("description", null);
        c.put("showcase", true);
        c.put("start_date", null);
        c.put(
                "group_id",
                state.catalog().groupOf(product).map(StatuspageJson::groupId).orElse(null));
        c.put("page_id", page.id());
        c.put("group", false);
        c.put("only_show_if_degraded", false);
        return c;
    }

    /**
     * A group as Statuspage shows it: a component entry with {@code group: true} listing its members' ids,
     * with the worst status of its members and the latest of their changes.
     */
    private Map<String, Object> group(PublicState state, ComponentCatalog.Row row, int position) {
        ComponentStatus status = ComponentStatus.OPERATIONAL;
        Instant updatedAt = page.createdAt();
        List<String> memberIds = new ArrayList<>();
        for (String product : row.products()) {
            status = ComponentStatuses.worse(
                    status, state.components().getOrDefault(product, ComponentStatus.OPERATIONAL));
            Instant memberUpdatedAt = componentUpdatedAt(state, product);
            if (memberUpdatedAt.isAfter(updatedAt)) {
                updatedAt = memberUpdatedAt;
            }
            memberIds.add(Ids.component(product));
        }
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("id", groupId(row.group()));
        g.put("name", row.group());
        g.put("status", ComponentStatuses.wireName(status));
        g.put("created_at", time(page.createdAt()));
        g.put("updated_at", time(updatedAt));
        g.put("position", position);
        g.put("description", null);
        g.put("showcase", true);
        g.put("start_date", null);
        g.put("group_id", null);
        g.put("page_id", page.id());
        g.put("group", true);
        g.put("only_show_if_degraded", false);
        g.put("components", memberIds);
        return g;
    }

    /** Public id of a component group, derived from its name. */
    public static String groupId(String groupName) {
        return Ids.stable("component-group", groupName);
    }

    /** Latest change of an incident or maintenance touching the component, else the page's creation. */
    private Instant componentUpdatedAt(PublicState state, String product) {
        Instant latest = page.createdAt();
        for (PublicIncident i : state.incidents()) {
            if (i.product().equals(product) && i.updatedAt().isAfter(latest)) {
                latest = i.updatedAt();
            }
        }
        for (PublicMaintenance m : state.maintenances()) {
            if (m.products().contains(product) && m.updatedAt().isAfter(latest)) {
                latest = m.updatedAt();
            }
        }
        return latest;
    }

    private List<Map<String, Object>> incidentList(PublicState state, Predicate<PublicIncident> filter) {
        return state.incidents().stream()
                .filter(filter)
                .map(i -> incident(state, i))
                .toList();
    }

    private Map<String, Object> incident(PublicState state, PublicIncident i) {
        String id = Ids.incident(i.incidentId());
        ComponentStatus current = i.resolved()
                ? ComponentStatus.OPERATIONAL
                : state.components().getOrDefault(i.product(), ComponentStatus.OPERATIONAL);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", i.name());
        m.put("status", i.postmortem() ? "postmortem" : i.status().name().toLowerCase(Locale.ROOT));
        m.put("created_at", time(i.createdAt()));
        m.put("updated_at", time(i.updatedAt()));
        m.put("monitoring_at", time(i.monitoringAt()));
        m.put("resolved_at", time(i.resolvedAt()));
        m.put("impact", i.impact().name().toLowerCase(Locale.ROOT));
        m.put("shortlink", page.url() + "/incidents/" + id);
        m.put("started_at", time(i.createdAt()));
        m.put("page_id", page.id());
        List<Map<String, Object>> updates = new ArrayList<>();
        for (int n = 0; n < i.updates().size(); n++) {
            PublicIncident.Update u = i.updates().get(n);
            boolean oldest = n == i.updates().size() - 1;
            String oldStatus = ComponentStatuses.wireName(oldest ? ComponentStatus.OPERATIONAL : i.componentStatus());
            String newStatus = ComponentStatuses.wireName(
                    u.status() == PublicStatus.RESOLVED ? ComponentStatus.OPERATIONAL : i.componentStatus());
            Map<String, Object> affected = new LinkedHashMap<>();
            affected.put("code", Ids.component(i.product()));
            affected.put("name", state.catalog().displayName(i.product()));
            affected.put("old_status", oldStatus);
            affected.put("new_status", newStatus);
            updates.add(update(
                    id,
                    u.id(),
                    u.status().name().toLowerCase(Locale.ROOT),
                    u.body(),
                    u.createdAt(),
                    List.of(affected)));
        }
        m.put("incident_updates", updates);
        m.put("components", List.of(component(state, i.product(), current, position(state, i.product()))));
        return m;
    }

    private static Map<String, Object> update(
            String parentId, String id, String status, String body, Instant at, Object affectedComponents) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", id);
        u.put("status", status);
        u.put("body", body);
        u.put("incident_id", parentId);
        u.put("created_at", time(at));
        u.put("updated_at", time(at));
        u.put("display_at", time(at));
        u.put("affected_components", affectedComponents);
        u.put("deliver_notifications", true);
        u.put("custom_tweet", null);
        u.put("tweet_id", null);
        return u;
    }

    /** A product's position in {@link #componentList}, counting group entries; after the list if not in it. */
    private static int position(PublicState state, String product) {
        int position = 1;
        for (ComponentCatalog.Row row : state.catalog().rows(state.components().keySet())) {
            if (row.grouped()) {
                position++;
            }
            for (String p : row.products()) {
                if (p.equals(product)) {
                    return position;
                }
                position++;
            }
        }
        return position;
    }

    private List<Map<String, Object>> maintenanceList(PublicState state, Predicate<PublicMaintenance> filter) {
        return state.maintenances().stream()
                .filter(filter)
                .map(m -> maintenance(state, m))
                .toList();
    }

    private Map<String, Object> maintenance(PublicState state, PublicMaintenance mw) {
        String id = Ids.maintenance(mw.windowId());
        boolean done = mw.state() == MaintenanceState.COMPLETED || mw.state() == MaintenanceState.CANCELLED;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", mw.name());
        m.put("status", mw.state().name().toLowerCase(Locale.ROOT));
        m.put("created_at", time(mw.updatedAt()));
        m.put("updated_at", time(mw.updatedAt()));
        m.put("monitoring_at", mw.state() == MaintenanceState.VERIFYING ? time(mw.updatedAt()) : null);
        m.put(
                "resolved_at",
                done
                        ? time(
                                mw.state() == MaintenanceState.COMPLETED
                                        ? completedAt(mw, state.asOf())
                                        : mw.updatedAt())
                        : null);
        m.put("impact", "maintenance");
        m.put("shortlink", page.url() + "/incidents/" + id);
        m.put("started_at", time(mw.scheduledFor()));
        m.put("page_id", page.id());
        m.put(
                "incident_updates",
                List.of(update(
                        id,
                        Ids.stable(
                                "maintenance-update", mw.windowId(), mw.state().name()),
                        mw.state().name().toLowerCase(Locale.ROOT),
                        mw.body(),
                        mw.updatedAt(),
                        null)));
        List<Map<String, Object>> components = new ArrayList<>();
        for (String product : mw.products()) {
            ComponentStatus status = state.components().getOrDefault(product, ComponentStatus.OPERATIONAL);
            components.add(component(state, product, status, position(state, product)));
        }
        m.put("components", components);
        m.put("scheduled_for", time(mw.scheduledFor()));
        m.put("scheduled_until", time(mw.scheduledUntil()));
        return m;
    }

    /**
     * When a completed window ended: the earlier of its scheduled end and its last change (an operator
     * completing early), never later than the state itself.
     */
    private static Instant completedAt(PublicMaintenance mw, Instant asOf) {
        Instant end = mw.updatedAt().isBefore(mw.scheduledUntil()) ? mw.updatedAt() : mw.scheduledUntil();
        return end.isAfter(asOf) ? asOf : end;
    }
}
