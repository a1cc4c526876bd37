package dev.tocsin.publisher.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.SubscriptionScope;
import dev.tocsin.avro.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builders for test data with sensible defaults. */
public final class TestData {

    public static final Instant T0 = Instant.parse("2026-03-20T10:00:00Z");
    public static final ComponentCatalog CATALOG =
            ComponentCatalog.of(linked("chat", "Chat", "meet", "Meet", "mail", "Mail"));

    private TestData() {}

    private static Map<String, String> linked(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    public static IncidentBuilder incident(String id) {
        return new IncidentBuilder(id);
    }

    public static final class IncidentBuilder {
        private final Incident.Builder b;
        private final List<TimelineEntry> timeline = new ArrayList<>();

        IncidentBuilder(String id) {
            b = Incident.newBuilder()
                    .setIncidentId(id)
                    .setProduct("chat")
                    .setTitle("internal title " + id)
                    .setSeverity(Severity.SEV3)
                    .setScope(Scope.PLATFORM)
                    .setStatus(PublicStatus.INVESTIGATING)
                    .setPublished(true)
                    .setOpenedAt(T0)
                    .setUpdatedAt(T0);
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

        public IncidentBuilder published(boolean published) {
            b.setPublished(published);
            return this;
        }

        public IncidentBuilder mergedInto(String target) {
            b.setMergedInto(target);
            return this;
        }

        public IncidentBuilder resolvedAt(Instant at) {
            b.setResolvedAt(at);
            return this;
        }

        public IncidentBuilder openedAt(Instant at) {
            b.setOpenedAt(at);
            return this;
        }

        public IncidentBuilder updatedAt(Instant at) {
            b.setUpdatedAt(at);
            return this;
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

        Incident.Builder raw() {
            return b.setTimeline(new ArrayList<>(timeline));
        }

        public Incident build() {
            return raw().build();
        }
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
                .setUpdatedAt(T0)
                .build();
    }

    public static Subscription subscription(String id, SubscriptionScope scope, String target, String locale) {
        return Subscription.newBuilder()
                .setSubscriptionId(id)
                .setScope(scope)
                .setTarget(target)
                .setChannel(NotificationChannel.EMAIL)
                .setAddress(id + "@example.com")
                .setLocale(locale)
                .setCreatedAt(T0)
                .build();
    }

    public static PublicState state(Instant now, List<Incident> incidents, List<MaintenanceWindow> windows) {
        return PublicState.of(CATALOG, incidents, windows, now, Messages.english());
    }
}
