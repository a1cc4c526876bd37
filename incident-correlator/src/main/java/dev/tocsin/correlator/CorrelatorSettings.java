package dev.tocsin.correlator;

import java.util.List;

import dev.tocsin.correlator.topology.CorrelatorMetrics;
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

    public static final Setting<Integer> METRICS_MAX_PRODUCTS = Setting.integer("TOCSIN_CORRELATOR_METRICS_MAX_PRODUCTS",
            CorrelatorMetrics.DEFAULT_MAX_PRODUCTS,
            "distinct products labelled in tocsin_correlator_open_incidents (products come from alert labels, so the label set is capped); incidents of later products count under product=\"other\"");

    private CorrelatorSettings() {
    }

    public static List<Setting<?>> all() {
        return List.of(POLICY, CLOCK_INTERVAL_MS, SNAPSHOT_INTERVAL_MS, APPLICATION_SERVER, METRICS_MAX_PRODUCTS);
    }
}
