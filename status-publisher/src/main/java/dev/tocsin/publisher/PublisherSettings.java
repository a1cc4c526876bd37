package dev.tocsin.publisher;

import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.Notifications;
import dev.tocsin.publisher.topology.PageOptions;
import dev.tocsin.runtime.config.CommonSettings;
import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.Setting;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings of status-publisher; listed with every other setting in docs/CONFIGURATION.md. */
public final class PublisherSettings {

    public static final int DEFAULT_PORT = 8083;

    public static final Setting<Map<String, String>> COMPONENTS = new Setting<>(
            "TOCSIN_PUBLISHER_COMPONENTS",
            null,
            PublisherSettings::parseComponents,
            false,
            "components in display order as product=Display name, comma-separated (e.g. chat=Chat,voice=Voice); "
                    + "the allow-list of public products: incidents of any other product never appear publicly; required unless TOCSIN_ENV=local");
    public static final Setting<Map<String, List<String>>> COMPONENT_GROUPS = new Setting<>(
            "TOCSIN_PUBLISHER_COMPONENT_GROUPS",
            null,
            PublisherSettings::parseGroups,
            false,
            "component groups in display order as Group name=product,product;Other group=product (a group shows its worst member's status)");
    public static final Setting<String> PAGE_NAME = Setting.string(
            "TOCSIN_PUBLISHER_PAGE_NAME", "Tocsin Status", "name of the status page (Statuspage page.name)");
    public static final Setting<String> PAGE_URL = Setting.string(
            "TOCSIN_PUBLISHER_PAGE_URL",
            "http://localhost:8083",
            "public URL of the status page, used in page.url and the Atom feed");
    public static final Setting<java.time.Duration> CLOCK_INTERVAL = Setting.duration(
                    "TOCSIN_PUBLISHER_CLOCK_INTERVAL",
                    "10s",
                    "how often the page is re-evaluated without input (maintenance starts and ends on time, reminders)")
            .formerly("TOCSIN_PUBLISHER_CLOCK_INTERVAL_MS", ChronoUnit.MILLIS);
    public static final Setting<java.time.Duration> PAGE_INTERVAL = Setting.duration(
                    "TOCSIN_PUBLISHER_PAGE_INTERVAL",
                    "100ms",
                    "how long incident changes are gathered before the page (component statuses, indicator) is evaluated once for all of them")
            .formerly("TOCSIN_PUBLISHER_PAGE_INTERVAL_MS", ChronoUnit.MILLIS);
    public static final Setting<java.time.Duration> HISTORY = Setting.duration(
                    "TOCSIN_PUBLISHER_HISTORY",
                    "30d",
                    "how long resolved incidents, finished maintenance and notification dedup keys are kept")
            .formerly("TOCSIN_PUBLISHER_HISTORY_DAYS", ChronoUnit.DAYS);
    public static final Setting<java.time.Duration> NOTIFY_MAX_AGE = Setting.duration(
                    "TOCSIN_PUBLISHER_NOTIFY_MAX_AGE",
                    "24h",
                    "changes older than this (event time vs wall clock) notify nobody, so a replay or backlog never sends old news")
            .formerly("TOCSIN_PUBLISHER_NOTIFY_MAX_AGE_MINUTES", ChronoUnit.MINUTES);
    public static final Setting<java.time.Duration> MAINTENANCE_REMINDER = Setting.duration(
                    "TOCSIN_PUBLISHER_MAINTENANCE_REMINDER",
                    "7d",
                    "how long before a maintenance window its reminder goes to operations and subscribers")
            .formerly("TOCSIN_PUBLISHER_MAINTENANCE_REMINDER_HOURS", ChronoUnit.HOURS);
    public static final Setting<NotificationChannel> OPERATIONS_CHANNEL = new Setting<>(
            "TOCSIN_PUBLISHER_OPERATIONS_CHANNEL",
            "EMAIL",
            v -> NotificationChannel.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT)),
            false,
            "channel of operations reminders (UPDATE_DUE, SLA_BREACHED, maintenance): EMAIL, SMS or WEBHOOK");
    public static final Setting<String> OPERATIONS_ADDRESS = Setting.string(
            "TOCSIN_PUBLISHER_OPERATIONS_ADDRESS", "operations@localhost", "where operations reminders go");
    public static final Setting<String> OPERATIONS_LOCALE = Setting.string(
            "TOCSIN_PUBLISHER_OPERATIONS_LOCALE", "en", "language of operations reminders: en, de or ja");
    public static final Setting<String> APPLICATION_SERVER = Setting.string(
            "TOCSIN_PUBLISHER_APPLICATION_SERVER",
            null,
            "host:port other instances reach this one's HTTP API on (Kafka Streams application.server); unset for one instance");

    public static final Setting<Integer> MANAGEMENT_PORT = Setting.integer(
            "TOCSIN_PUBLISHER_MANAGEMENT_PORT",
            9083,
            "port of /metrics, /health and /ready (Kubernetes port name 'management'); never the public page's port");

    private PublisherSettings() {}

    public static List<Setting<?>> all() {
        return List.of(
                COMPONENTS,
                COMPONENT_GROUPS,
                PAGE_NAME,
                PAGE_URL,
                CLOCK_INTERVAL,
                PAGE_INTERVAL,
                HISTORY,
                NOTIFY_MAX_AGE,
                MAINTENANCE_REMINDER,
                OPERATIONS_CHANNEL,
                OPERATIONS_ADDRESS,
                OPERATIONS_LOCALE,
                APPLICATION_SERVER,
                MANAGEMENT_PORT);
    }

    /** The processors' options from the environment. */
    public static PageOptions pageOptions(Environment env) {
        ComponentCatalog catalog;
        try {
            catalog = ComponentCatalog.of(env.optional(COMPONENTS).orElse(Map.of()))
                    .withGroups(env.optional(COMPONENT_GROUPS).orElse(Map.of()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(COMPONENT_GROUPS.env() + ": " + e.getMessage());
        }
        String unclassified = env.get(CommonSettings.UNCLASSIFIED_PRODUCT);
        if (catalog.products().contains(unclassified)) {
            throw new ConfigException(COMPONENTS.env() + " (or " + COMPONENT_GROUPS.env() + ") lists '" + unclassified
                    + "', the unclassified product (" + CommonSettings.UNCLASSIFIED_PRODUCT.env()
                    + "), which is never public");
        }
        // an empty allow-list would publish nothing: in production that is a mistake, not a choice
        if (catalog.products().isEmpty() && !"local".equals(env.get(CommonSettings.ENVIRONMENT))) {
            throw new ConfigException(COMPONENTS.env() + " is required in production: it lists the public components "
                    + "(product=Display name,...), and incidents of any other product never appear publicly");
        }
        Notifications.OperationsContact operations = new Notifications.OperationsContact(
                "operations",
                env.get(OPERATIONS_CHANNEL),
                env.get(OPERATIONS_ADDRESS),
                Messages.resolve(env.get(OPERATIONS_LOCALE)));
        return new PageOptions(
                catalog,
                env.get(CLOCK_INTERVAL),
                env.get(HISTORY),
                env.get(NOTIFY_MAX_AGE),
                env.get(MAINTENANCE_REMINDER),
                operations,
                env.get(PAGE_INTERVAL),
                unclassified);
    }

    static Map<String, List<String>> parseGroups(String text) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String item : text.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("'" + item.trim() + "' is not 'Group name=product,product'");
            }
            List<String> products =
                    new java.util.ArrayList<>(parseComponents(parts[1]).keySet());
            if (groups.put(parts[0].trim(), products) != null) {
                throw new IllegalArgumentException("group '" + parts[0].trim() + "' is listed twice");
            }
        }
        return groups;
    }

    static Map<String, String> parseComponents(String text) {
        Map<String, String> components = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.split("=", 2);
            String product = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (!product.matches("[a-z0-9][a-z0-9._-]*")) {
                throw new IllegalArgumentException(
                        "'" + parts[0].trim() + "' is not a product name (letters, digits, . _ -)");
            }
            String name = parts.length == 2 && !parts[1].isBlank()
                    ? parts[1].trim()
                    : product.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + product.substring(1);
            components.put(product, name);
        }
        return components;
    }
}
