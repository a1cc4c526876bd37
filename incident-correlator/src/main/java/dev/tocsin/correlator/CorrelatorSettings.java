package dev.tocsin.correlator;

import dev.tocsin.correlator.topology.CorrelatorMetrics;
import dev.tocsin.runtime.config.Setting;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Settings of incident-correlator; listed with every other setting in docs/CONFIGURATION.md. */
public final class CorrelatorSettings {

    public static final int DEFAULT_PORT = 8082;

    public static final Setting<String> POLICY = Setting.string(
            "TOCSIN_CORRELATOR_POLICY",
            null,
            "YAML or JSON policy file (windows, thresholds, severity and SLA tables, calendar); merged over the bundled defaults");
    public static final Setting<Duration> CLOCK_INTERVAL = Setting.duration(
                    "TOCSIN_CORRELATOR_CLOCK_INTERVAL",
                    "10s",
                    "how often quiet periods and SLA clocks are checked while no input arrives")
            .formerly("TOCSIN_CORRELATOR_CLOCK_INTERVAL_MS", ChronoUnit.MILLIS);
    public static final Setting<Duration> SNAPSHOT_INTERVAL = Setting.duration(
                    "TOCSIN_CORRELATOR_SNAPSHOT_INTERVAL",
                    "100ms",
                    "coalescing interval of incident snapshots: an incident's churn (alerts, evidence) is written to tocsin.incidents at most once per interval; lifecycle changes at once")
            .formerly("TOCSIN_CORRELATOR_SNAPSHOT_INTERVAL_MS", ChronoUnit.MILLIS);
    public static final Setting<String> APPLICATION_SERVER = Setting.string(
            "TOCSIN_CORRELATOR_APPLICATION_SERVER",
            null,
            "host:port other instances reach this one's query API on (Kafka Streams application.server); unset for one instance");

    public static final Setting<Integer> METRICS_MAX_PRODUCTS = Setting.integer(
            "TOCSIN_CORRELATOR_METRICS_MAX_PRODUCTS",
            CorrelatorMetrics.DEFAULT_MAX_PRODUCTS,
            "distinct products labelled in tocsin_correlator_open_incidents (products come from alert labels, so the label set is capped); incidents of later products count under product=\"other\"");
    public static final Setting<Duration> RETENTION_RESOLVED = Setting.duration(
            "TOCSIN_CORRELATOR_RETENTION_RESOLVED",
            "30d",
            "how long a resolved incident (with its tracking, ticket links and linked tickets) is kept after it resolved; never shorter than its reopen window, 7 days (case reopen) and its RCA target; then a tombstone goes to tocsin.incidents");
    public static final Setting<Duration> RETENTION_ALERTS = Setting.duration(
            "TOCSIN_CORRELATOR_RETENTION_ALERTS",
            "30d",
            "how long a resolved alert that is not held, not an inhibit source and whose incident is gone is kept after it was last seen");
    public static final Setting<Duration> RETENTION_TICKETS = Setting.duration(
            "TOCSIN_CORRELATOR_RETENTION_TICKETS",
            "30d",
            "how long a ticket linked to no incident is kept after it was triaged or last linked (at least 7 days); "
                    + "a ticket's owner is kept this plus 7 days after the ticket's last report");
    public static final Setting<Duration> PRUNE_INTERVAL = Setting.duration(
                    "TOCSIN_CORRELATOR_PRUNE_INTERVAL",
                    "60s",
                    "how often (wall clock) the pruner looks at a slice of each store")
            .formerly("TOCSIN_CORRELATOR_PRUNE_INTERVAL_MS", ChronoUnit.MILLIS);
    public static final Setting<Integer> PRUNE_BATCH = Setting.integer(
            "TOCSIN_CORRELATOR_PRUNE_BATCH",
            1000,
            "entries of each store (incidents, alerts, tickets, ticket owners) the pruner looks at per task and tick; it resumes where it stopped");
    public static final Setting<Integer> MANAGEMENT_PORT = Setting.integer(
            "TOCSIN_CORRELATOR_MANAGEMENT_PORT",
            9082,
            "port of /metrics, /health and /ready (Kubernetes port name 'management'); never the query API port");
    public static final Setting<List<String>> OPERATOR_TOKENS = Setting.secretList(
            "TOCSIN_CORRELATOR_OPERATOR_TOKENS",
            "bearer tokens of operators on the query API: every route (comma-separated; secret)");
    public static final Setting<List<String>> OPERATOR_BASIC = Setting.secretList(
            "TOCSIN_CORRELATOR_OPERATOR_BASIC_AUTH",
            "user:password pairs of operators on the query API (comma-separated; secret)");
    public static final Setting<List<String>> SUPPORT_TOKENS = Setting.secretList(
            "TOCSIN_CORRELATOR_SUPPORT_TOKENS",
            "bearer tokens of support on the query API: incidents and tickets, not alerts (comma-separated; secret)");
    public static final Setting<List<String>> SUPPORT_BASIC = Setting.secretList(
            "TOCSIN_CORRELATOR_SUPPORT_BASIC_AUTH",
            "user:password pairs of support on the query API (comma-separated; secret)");

    private CorrelatorSettings() {}

    public static List<Setting<?>> all() {
        return List.of(
                POLICY,
                CLOCK_INTERVAL,
                SNAPSHOT_INTERVAL,
                APPLICATION_SERVER,
                MANAGEMENT_PORT,
                OPERATOR_TOKENS,
                OPERATOR_BASIC,
                SUPPORT_TOKENS,
                SUPPORT_BASIC,
                METRICS_MAX_PRODUCTS,
                RETENTION_RESOLVED,
                RETENTION_ALERTS,
                RETENTION_TICKETS,
                PRUNE_INTERVAL,
                PRUNE_BATCH);
    }
}
