package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.SubscriptionScope;
import dev.tocsin.avro.WeeklyRecurrence;
import dev.tocsin.schemas.rules.MaintenanceSchedule;
import dev.tocsin.schemas.rules.MaintenanceTransitions;
import dev.tocsin.schemas.rules.ProductNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Parses what operators and subscribers send to the ops API: incident commands, maintenance
 * windows and subscriptions. Like the normalizers, each method returns a complete record or throws
 * {@link InvalidPayloadException} listing every violation; ids of path parameters are validated
 * too (field {@code incidentId}, {@code windowId}, {@code subscriptionId}).
 */
public final class OperatorInput {

    /** Every command type but ABSORB_DEPENDANT_ALERT, which the correlator sends itself between partitions. */
    private static final Set<CommandType> OPERATOR_COMMANDS =
            EnumSet.complementOf(EnumSet.of(CommandType.ABSORB_DEPENDANT_ALERT));

    /** Locales notifications are written in. */
    public static final Set<String> LOCALES = Set.of("en", "de", "ja");
    /** Locale of a subscription that names none. */
    public static final String DEFAULT_LOCALE = "en";

    private OperatorInput() {}

    /**
     * An operator command on an incident.
     * <pre>
     * {"type":"ACKNOWLEDGE|SET_SEVERITY|SET_STATUS|POST_UPDATE|MERGE|RESOLVE|REOPEN|LINK_TICKET|UNLINK_TICKET|PUBLISH",
     *  "actor":"...", "severity":1-4, "status":"investigating|identified|monitoring|resolved", "message":"...",
     *  "targetIncidentId":"...", "ticketId":"...", "organizationId":"...", "reason":"...", "product":"optional",
     *  "componentStatus":"operational|degraded_performance|partial_outage|major_outage|under_maintenance",
     *  "internal":false}
     * </pre>
     * actor is always required; SET_SEVERITY needs severity 1-4 (also {@code "SEV2"}), SET_STATUS a
     * status (any case) or a componentStatus, POST_UPDATE a message, MERGE a targetIncidentId other
     * than the incident, LINK_TICKET and UNLINK_TICKET a ticketId. componentStatus (Statuspage wire
     * names or the enum names, any case) is only allowed on PUBLISH and SET_STATUS, and not together
     * with status resolved (the override ends when the incident resolves). internal (a JSON boolean,
     * default false) is only allowed on POST_UPDATE: true makes the update an internal note that never
     * reaches the status page, notifications or tickets. Fields a type does not
     * use are still checked when given.
     *
     * <p>With an idempotency key (the {@code Idempotency-Key} header; null: none) the command id is derived from the key
     * and the incident ({@link IdempotencyKeys}), so a retry is written with the same id; without
     * one it is fresh. An invalid key is a violation of field {@code Idempotency-Key}.
     */
    public static IncidentCommand command(String incidentId, JsonNode body, IngestContext ctx, String idempotencyKey) {
        Objects.requireNonNull(ctx, "ctx");
        Violations violations = new Violations();
        String id = pathId(incidentId, "incidentId", violations);
        if (idempotencyKey != null) {
            IdempotencyKeys.valid(idempotencyKey, violations);
        }
        requireObject(body, "an incident command", violations);
        CommandType type = JsonFields.enumValue(
                JsonFields.requiredText(body, "type", "type", violations), OPERATOR_COMMANDS, "type", violations);
        String actor = JsonFields.requiredText(body, "actor", "actor", violations);
        Severity severity = severity(body, violations);
        PublicStatus status = JsonFields.enumValue(
                JsonFields.text(body, "status", "status", violations), PublicStatus.class, "status", violations);
        String message = JsonFields.text(body, "message", "message", violations);
        String target = JsonFields.text(body, "targetIncidentId", "targetIncidentId", violations);
        String ticketId = JsonFields.text(body, "ticketId", "ticketId", violations);
        String organizationId = JsonFields.text(body, "organizationId", "organizationId", violations);
        String reason = JsonFields.text(body, "reason", "reason", violations);
        String product = JsonFields.text(body, "product", "product", violations);
        // a non-boolean internal is reported by flag; only a real true or false counts as given
        boolean internalGiven = JsonFields.has(body, "internal")
                && JsonFields.field(body, "internal").isBoolean();
        boolean internal = JsonFields.flag(body, "internal", false, "internal", violations);
        int before = violations.size();
        ComponentStatus componentStatus = JsonFields.enumValue(
                JsonFields.text(body, "componentStatus", "componentStatus", violations),
                ComponentStatus.class,
                "componentStatus",
                violations);
        // given = present and not blank; a wrong type or an unknown value was reported already
        boolean componentStatusGiven = componentStatus != null || violations.size() > before;

        if (type != null) {
            if (componentStatusGiven
                    && type != CommandType.PUBLISH
                    && type != CommandType.SET_STATUS
                    && violations.size() == before) {
                violations.add("componentStatus", "only PUBLISH and SET_STATUS carry componentStatus");
            }
            if (internalGiven && type != CommandType.POST_UPDATE) {
                violations.add(
                        "internal", "only POST_UPDATE carries internal (an internal note instead of a public update)");
            }
            switch (type) {
                case SET_SEVERITY ->
                    requirePresent(severity, body, "severity", "SET_SEVERITY needs a severity 1-4", violations);
                case SET_STATUS -> {
                    // a componentStatus alone is a valid SET_STATUS: it changes only the component status
                    if (!componentStatusGiven) {
                        requirePresent(
                                status,
                                body,
                                "status",
                                "SET_STATUS needs a status: " + JsonFields.allowed(PublicStatus.class),
                                violations);
                    }
                    if (status == PublicStatus.RESOLVED && componentStatus != null) {
                        violations.add(
                                "componentStatus",
                                "not with status resolved: the component status override ends"
                                        + " when the incident resolves");
                    }
                }
                case POST_UPDATE -> requirePresent(message, body, "message", "POST_UPDATE needs a message", violations);
                case MERGE -> {
                    requirePresent(
                            target, body, "targetIncidentId", "MERGE needs the incident to merge into", violations);
                    if (target != null && target.equals(id)) {
                        violations.add("targetIncidentId", "an incident cannot be merged into itself");
                    }
                }
                case LINK_TICKET, UNLINK_TICKET ->
                    requirePresent(ticketId, body, "ticketId", type + " needs a ticketId", violations);
                default -> {
                    // ACKNOWLEDGE, RESOLVE, REOPEN, PUBLISH need nothing beyond the actor
                }
            }
        }
        violations.throwIfAny();
        return IncidentCommand.newBuilder()
                .setCommandId(
                        idempotencyKey != null
                                ? IdempotencyKeys.commandId(id, idempotencyKey)
                                : ctx.ids().get())
                .setIncidentId(id)
                .setProduct(ProductNames.normalize(product))
                .setType(type)
                .setActor(actor)
                .setReason(reason)
                .setSeverity(severity)
                .setStatus(status)
                .setMessage(message)
                .setTargetIncidentId(target)
                .setTicketId(ticketId)
                .setOrganizationId(organizationId)
                .setComponentStatus(componentStatus)
                .setInternal(internal)
                .setIssuedAt(Timestamps.millis(ctx.receivedAt()))
                .build();
    }

    /** A new maintenance window; see {@link #maintenance(String, JsonNode, IngestContext, ProductCatalog, MaintenanceWindow)}. */
    public static MaintenanceWindow maintenance(
            String windowId, JsonNode body, IngestContext ctx, ProductCatalog catalog) {
        return maintenance(windowId, body, ctx, catalog, null);
    }

    /**
     * A maintenance window (PUT, so the whole window), replacing {@code previous} (null when new).
     * <pre>
     * {"products":["chat"], "startsAt":"RFC 3339", "endsAt":"RFC 3339", "title":"...", "description":"...",
     *  "reason":"...", "state":"optional: scheduled|in_progress|verifying|completed|cancelled",
     *  "recurrence": {"days":["sunday"], "startTime":"02:30", "duration":"PT2H", "timeZone":"Europe/Berlin"},
     *  "maxOverrun":"PT4H"}
     * </pre>
     * products (non-empty; canonical catalog names, duplicates dropped), title, startsAt before endsAt
     * are required. Without a recurrence the window is one-off [startsAt, endsAt); with one (see
     * {@link MaintenanceRecurrenceInput}) startsAt and endsAt bound the series, which must have an
     * occurrence between them. state defaults to the previous window's state unless that is final,
     * else SCHEDULED; a change of state must be allowed by {@link MaintenanceTransitions} (field
     * {@code state} names from and to).
     */
    public static MaintenanceWindow maintenance(
            String windowId, JsonNode body, IngestContext ctx, ProductCatalog catalog, MaintenanceWindow previous) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(catalog, "catalog");
        Violations violations = new Violations();
        String id = pathId(windowId, "windowId", violations);
        requireObject(body, "a maintenance window", violations);
        List<String> products = new ArrayList<>();
        for (String product : JsonFields.textList(body, "products", "products", violations)) {
            String canonical = catalog.canonical(product);
            if (!products.contains(canonical)) {
                products.add(canonical);
            }
        }
        if (products.isEmpty() && !hasWrongType(body, "products")) {
            violations.add("products", "required: at least one affected product");
        }
        String title = JsonFields.requiredText(body, "title", "title", violations);
        Instant startsAt = Timestamps.required(body, "startsAt", "startsAt", violations);
        Instant endsAt = Timestamps.required(body, "endsAt", "endsAt", violations);
        if (startsAt != null && endsAt != null && !startsAt.isBefore(endsAt)) {
            violations.add("endsAt", "must be after startsAt");
        }
        String description = JsonFields.text(body, "description", "description", violations);
        String reason = JsonFields.text(body, "reason", "reason", violations);
        MaintenanceState state = JsonFields.enumValue(
                JsonFields.text(body, "state", "state", violations), MaintenanceState.class, "state", violations);
        WeeklyRecurrence recurrence = MaintenanceRecurrenceInput.recurrence(body, violations);
        Integer maxOverrun = MaintenanceRecurrenceInput.maxOverrunMinutes(body, violations);
        if (state == null) {
            // an edit that names no state keeps a running window running
            state = previous != null
                            && !MaintenanceTransitions.next(previous.getState()).isEmpty()
                    ? previous.getState()
                    : MaintenanceState.SCHEDULED;
        }
        if (previous != null && !MaintenanceTransitions.allowed(previous.getState(), state)) {
            violations.add("state", illegalTransition(previous.getState(), state));
        }
        violations.throwIfAny();
        MaintenanceWindow window = MaintenanceWindow.newBuilder()
                .setWindowId(id)
                .setProducts(products)
                .setTitle(title)
                .setDescription(description)
                .setReason(reason)
                .setStartsAt(Timestamps.millis(startsAt))
                .setEndsAt(Timestamps.millis(endsAt))
                .setState(state)
                .setRecurrence(recurrence)
                .setMaxOverrunMinutes(maxOverrun)
                .setUpdatedAt(Timestamps.millis(ctx.receivedAt()))
                .setStateSince(stateSince(previous, state, Timestamps.millis(ctx.receivedAt())))
                .build();
        if (recurrence != null
                && MaintenanceSchedule.nextAfter(window, window.getStartsAt().minusMillis(1))
                        .isEmpty()) {
            violations.add("recurrence", "no occurrence starts between startsAt and endsAt");
            violations.throwIfAny();
        }
        return window;
    }

    /** When the window entered {@code state}: kept from the previous version when an edit keeps the state. */
    private static Instant stateSince(MaintenanceWindow previous, MaintenanceState state, Instant now) {
        if (previous == null || previous.getState() != state) {
            return now;
        }
        return previous.getStateSince() != null ? previous.getStateSince() : previous.getUpdatedAt();
    }

    private static String illegalTransition(MaintenanceState from, MaintenanceState to) {
        var next = MaintenanceTransitions.next(from);
        return "illegal transition from " + from + " to " + to + "; from " + from + " a window can go "
                + (next.isEmpty()
                        ? "nowhere (final)"
                        : "to " + next.stream().map(Enum::name).sorted().toList());
    }

    /**
     * The window a DELETE leaves behind: the previous version marked CANCELLED, keeping its products
     * and times, so every follower learns which products the cancellation frees. There is no
     * cancellation without the previous version (a product-less one would tell followers nothing):
     * the caller finds it first. Cancelling a CANCELLED window again is harmless; a COMPLETED one
     * cannot be cancelled (field {@code state}).
     *
     * @throws NullPointerException     if previous is null (and the window id is valid)
     * @throws IllegalArgumentException if previous belongs to another window id
     */
    public static MaintenanceWindow cancelled(MaintenanceWindow previous, String windowId, IngestContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        Violations violations = new Violations();
        String id = pathId(windowId, "windowId", violations);
        violations.throwIfAny();
        Objects.requireNonNull(previous, "previous: the window to cancel");
        Instant now = Timestamps.millis(ctx.receivedAt());
        if (!id.equals(previous.getWindowId())) {
            throw new IllegalArgumentException("previous window " + previous.getWindowId() + " is not window " + id);
        }
        if (!MaintenanceTransitions.allowed(previous.getState(), MaintenanceState.CANCELLED)) {
            violations.add("state", illegalTransition(previous.getState(), MaintenanceState.CANCELLED));
            violations.throwIfAny();
        }
        return MaintenanceWindow.newBuilder(previous)
                .setState(MaintenanceState.CANCELLED)
                .setUpdatedAt(now)
                .setStateSince(stateSince(previous, MaintenanceState.CANCELLED, now))
                .build();
    }

    /**
     * A subscription (PUT).
     * <pre>
     * {"scope":"INCIDENT|PRODUCT|ALL", "target":"incident id or product", "channel":"EMAIL|SMS|WEBHOOK",
     *  "address":"...", "locale":"en|de|ja"}
     * </pre>
     * target is required unless the scope is ALL (and dropped for ALL); a PRODUCT target becomes its
     * canonical name. The address is checked for its channel; locale defaults to en, and a regional
     * tag ({@code de-CH}) counts as its language.
     */
    public static Subscription subscription(
            String subscriptionId, JsonNode body, IngestContext ctx, ProductCatalog catalog) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(catalog, "catalog");
        Violations violations = new Violations();
        String id = pathId(subscriptionId, "subscriptionId", violations);
        requireObject(body, "a subscription", violations);
        SubscriptionScope scope = JsonFields.enumValue(
                JsonFields.requiredText(body, "scope", "scope", violations),
                SubscriptionScope.class,
                "scope",
                violations);
        String target = JsonFields.text(body, "target", "target", violations);
        if (scope == SubscriptionScope.ALL) {
            target = null;
        } else if (scope != null && target == null && !hasWrongType(body, "target")) {
            violations.add(
                    "target",
                    "required for scope " + scope + ": the "
                            + (scope == SubscriptionScope.INCIDENT ? "incident id" : "product"));
        } else if (scope == SubscriptionScope.PRODUCT && target != null) {
            target = catalog.canonical(target);
        }
        NotificationChannel channel = JsonFields.enumValue(
                JsonFields.requiredText(body, "channel", "channel", violations),
                NotificationChannel.class,
                "channel",
                violations);
        String address = JsonFields.requiredText(body, "address", "address", violations);
        if (channel != null && address != null) {
            address = Addresses.check(channel, address, "address", violations);
        }
        String locale = locale(JsonFields.text(body, "locale", "locale", violations), violations);
        violations.throwIfAny();
        return Subscription.newBuilder()
                .setSubscriptionId(id)
                .setScope(scope)
                .setTarget(target)
                .setChannel(channel)
                .setAddress(address)
                .setLocale(locale)
                .setCreatedAt(Timestamps.millis(ctx.receivedAt()))
                .build();
    }

    private static String locale(String text, Violations violations) {
        if (text == null) {
            return DEFAULT_LOCALE;
        }
        String language = text.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        if (LOCALES.contains(language)) {
            return language;
        }
        violations.add("locale", "unknown value '" + JsonFields.clip(text) + "'; allowed: en, de, ja");
        return null;
    }

    /** Severity 1-4 as a number, a digit string or SEV1..SEV4; null when absent. */
    private static Severity severity(JsonNode body, Violations violations) {
        JsonNode node = JsonFields.field(body, "severity");
        if (node == null) {
            return null;
        }
        String text = node.isIntegralNumber() || node.isTextual()
                ? JsonFields.scalarText(node).trim()
                : null;
        if (text != null) {
            String digits = text.toUpperCase(Locale.ROOT).startsWith("SEV") ? text.substring(3) : text;
            switch (digits) {
                case "1":
                    return Severity.SEV1;
                case "2":
                    return Severity.SEV2;
                case "3":
                    return Severity.SEV3;
                case "4":
                    return Severity.SEV4;
                default:
                    break;
            }
        }
        violations.add(
                "severity",
                "must be 1, 2, 3 or 4 (SEV1 critical .. SEV4 low), got "
                        + (text != null ? "'" + JsonFields.clip(text) + "'" : JsonFields.kind(node)));
        return null;
    }

    private static void requirePresent(
            Object value, JsonNode body, String field, String reason, Violations violations) {
        // a value of the wrong type or an unknown value was reported already
        if (value == null && (JsonFields.field(body, field) == null || isBlankText(body, field))) {
            violations.add(field, reason);
        }
    }

    private static boolean isBlankText(JsonNode body, String field) {
        JsonNode node = JsonFields.field(body, field);
        return node != null && node.isTextual() && node.textValue().isBlank();
    }

    private static boolean hasWrongType(JsonNode body, String field) {
        JsonNode node = JsonFields.field(body, field);
        return node != null && !node.isArray() && JsonFields.scalarText(node) == null;
    }

    private static void requireObject(JsonNode body, String what, Violations violations) {
        if (body == null || !body.isObject()) {
            violations.add(Violations.ROOT, "must be a JSON object (" + what + "), got " + JsonFields.kind(body));
        }
    }

    private static String pathId(String id, String field, Violations violations) {
        if (id == null || id.isBlank()) {
            violations.add(field, "required: the id in the path must not be blank");
            return null;
        }
        return id.trim();
    }
}
