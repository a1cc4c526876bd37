package dev.tocsin.publisher.web;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.TimelineEntry;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.PublicState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for the states the page and feed tests render (shared with the browser tests). */
public final class Pages {

    public static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
    public static final ComponentCatalog CATALOG =
            ComponentCatalog.of(linked("chat", "Chat", "meet", "Meet", "mail", "Mail"));

    private Pages() {}

    /** A state with the given incidents and windows at {@link #NOW} in a language. */
    public static PublicState state(String language, List<Incident> incidents, List<MaintenanceWindow> windows) {
        return PublicState.of(CATALOG, incidents, windows, NOW, Messages.forLanguage(language));
    }

    /**
     * The showcase page: an active Sev-2 on chat with one public update, and an upcoming maintenance of
     * mail and meet tomorrow.
     */
    public static PublicState sev2OnChatWithUpcomingMaintenance(String language) {
        return state(
                language,
                List.of(incident("inc-chat-1")
                        .severity(Severity.SEV2)
                        .status(PublicStatus.IDENTIFIED)
                        .openedAt(NOW.minus(Duration.ofMinutes(40)))
                        .publicMessage(
                                NOW.minus(Duration.ofMinutes(30)),
                                IncidentEventType.UPDATE_POSTED,
                                "Messages are delayed by up to five minutes.")
                        .build()),
                List.of(window(
                        "mw-1",
                        MaintenanceState.SCHEDULED,
                        NOW.plus(Duration.ofDays(1)),
                        NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)),
                        "mail",
                        "meet")));
    }

    public static IncidentBuilder incident(String id) {
        return new IncidentBuilder(id);
    }

    public static MaintenanceWindow window(
            String id, MaintenanceState state, Instant start, Instant end, String... products) {
        return MaintenanceWindow.newBuilder()
                .setWindowId(id)
                .setProducts(List.of(products))
                .setTitle("Database upgrade")
                .setDescription("Short read-only period.")
                .setReason("Security patches.")
                .setStartsAt(start)
                .setEndsAt(end)
                .setState(state)
                .setUpdatedAt(NOW.minus(Duration.ofDays(2)))
                .build();
    }

    /** An incident: published, PLATFORM scope, Sev-3 on chat, investigating, opened an hour before {@link #NOW}. */
    public static final class IncidentBuilder {
        private final Incident.Builder b;
        private final List<TimelineEntry> timeline = new ArrayList<>();

        IncidentBuilder(String id) {
            Instant opened = NOW.minus(Duration.ofHours(1));
            b = Incident.newBuilder()
                    .setIncidentId(id)
                    .setProduct("chat")
                    .setTitle("internal title " + id)
                    .setSeverity(Severity.SEV3)
                    .setScope(Scope.PLATFORM)
                    .setStatus(PublicStatus.INVESTIGATING)
                    .setPublished(true)
                    .setOpenedAt(opened)
                    .setUpdatedAt(opened);
        }

        public IncidentBuilder product(String product) {
            b.setProduct(product);
            return this;
        }

        public IncidentBuilder severity(Severity severity) {
            b.setSeverity(severity);
            return this;
        }

        public IncidentBuilder scope(Scope scope) {
            b.setScope(scope);
            return this;
        }

        public IncidentBuilder status(PublicStatus status) {
            b.setStatus(status);
            return this;
        }

        public IncidentBuilder openedAt(Instant at) {
            b.setOpenedAt(at).setUpdatedAt(at);
            return this;
        }

        /** Resolved at the given moment, with a public RESOLVED message. */
        public IncidentBuilder resolvedAt(Instant at, String message) {
            b.setStatus(PublicStatus.RESOLVED).setResolvedAt(at).setUpdatedAt(at);
            return publicMessage(at, IncidentEventType.RESOLVED, message);
        }

        public IncidentBuilder publicMessage(Instant at, IncidentEventType type, String message) {
            timeline.add(TimelineEntry.newBuilder()
                    .setAt(at)
                    .setType(type)
                    .setActor("alice.operator")
                    .setMessage(message)
                    .setIsPublic(true)
                    .build());
            b.setLatestPublicMessage(message);
            return this;
        }

        public IncidentBuilder internalNote(Instant at, String message) {
            timeline.add(TimelineEntry.newBuilder()
                    .setAt(at)
                    .setType(IncidentEventType.OTHER)
                    .setActor("bob.operator")
                    .setMessage(message)
                    .setIsPublic(false)
                    .build());
            return this;
        }

        public Incident build() {
            return b.setTimeline(new ArrayList<>(timeline)).build();
        }
    }

    private static Map<String, String> linked(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
