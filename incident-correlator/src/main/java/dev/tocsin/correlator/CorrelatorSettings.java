package dev.tocsin.correlator;

import java.util.List;

import dev.tocsin.runtime.config.Setting;

/** Settings of incident-correlator; listed with every other setting in docs/CONFIGURATION.md. */
public final class CorrelatorSettings {

    public static final int DEFAULT_PORT = 8082;

    public static final Setting<String> POLICY = Setting.string("TOCSIN_CORRELATOR_POLICY", null,
            "YAML or JSON policy file (windows, thresholds, severity and SLA tables, calendar); merged over the bundled defaults");
    public static final Setting<Integer> CLOCK_INTERVAL_MS = Setting.integer("TOCSIN_CORRELATOR_CLOCK_INTERVAL_MS", 10_000,
            "how often quiet periods and SLA clocks are checked while no input arrives");
    public static final Setting<Integer> SNAPSHOT_INTERVAL_MS = Setting.integer("TOCSIN_CORRELATOR_SNAPSHOT_INTERVAL_MS", 100,
            "coalescing interval of incident snapshots: an incident's churn (alerts, evidence) is written to tocsin.incidents at most once per interval; lifecycle changes at once");
    public static final Setting<String> APPLICATION_SERVER = Setting.string("TOCSIN_CORRELATOR_APPLICATION_SERVER", null,
            "host:port other instances reach this one's query API on (Kafka Streams application.server); unset for one instance");

    public static final Setting<Integer> MANAGEMENT_PORT = Setting.integer("TOCSIN_CORRELATOR_MANAGEMENT_PORT", 9082,
            "port of /metrics, /health and /ready (Kubernetes port name 'management'); never the query API port");
    public static final Setting<List<String>> OPERATOR_TOKENS = Setting.secretList("TOCSIN_CORRELATOR_OPERATOR_TOKENS",
            "bearer tokens of operators on the query API: every route (comma-separated; secret)");
    public static final Setting<List<String>> OPERATOR_BASIC = Setting.secretList("TOCSIN_CORRELATOR_OPERATOR_BASIC_AUTH",
            "user:password pairs of operators on the query API (comma-separated; secret)");
    public static final Setting<List<String>> SUPPORT_TOKENS = Setting.secretList("TOCSIN_CORRELATOR_SUPPORT_TOKENS",
            "bearer tokens of support on the query API: incidents and tickets, not alerts (comma-separated; secret)");
    public static final Setting<List<String>> SUPPORT_BASIC = Setting.secretList("TOCSIN_CORRELATOR_SUPPORT_BASIC_AUTH",
            "user:password pairs of support on the query API (comma-separated; secret)");

    private CorrelatorSettings() {
    }

    public static List<Setting<?>> all() {
        return List.of(POLICY, CLOCK_INTERVAL_MS, SNAPSHOT_INTERVAL_MS, APPLICATION_SERVER, MANAGEMENT_PORT,
                OPERATOR_TOKENS, OPERATOR_BASIC, SUPPORT_TOKENS, SUPPORT_BASIC);
    }
}
