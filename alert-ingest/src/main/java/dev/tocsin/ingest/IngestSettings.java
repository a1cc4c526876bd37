package dev.tocsin.ingest;

import dev.tocsin.runtime.config.Setting;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/** Settings of alert-ingest; listed with every other setting in docs/CONFIGURATION.md. */
public final class IngestSettings {

    public static final int DEFAULT_PORT = 8080;
    public static final Setting<List<String>> ALERTS_TOKENS = list(
            "TOCSIN_INGEST_ALERTS_TOKENS", "bearer tokens accepted on /api/v1/alerts/** (comma-separated; secret)");
    public static final Setting<List<String>> ALERTS_BASIC = list(
            "TOCSIN_INGEST_ALERTS_BASIC_AUTH",
            "user:password pairs accepted on /api/v1/alerts/** (comma-separated; secret)");
    public static final Setting<List<String>> REPORTS_TOKENS =
            list("TOCSIN_INGEST_REPORTS_TOKENS", "bearer tokens accepted on /api/v1/reports/** (secret)");
    public static final Setting<List<String>> REPORTS_BASIC =
            list("TOCSIN_INGEST_REPORTS_BASIC_AUTH", "user:password pairs accepted on /api/v1/reports/** (secret)");
    public static final Setting<List<String>> OPERATOR_TOKENS = list(
            "TOCSIN_INGEST_OPERATOR_TOKENS",
            "bearer tokens accepted on incident commands, maintenance, subscriptions and silences (secret)");
    public static final Setting<List<String>> OPERATOR_BASIC = list(
            "TOCSIN_INGEST_OPERATOR_BASIC_AUTH",
            "user:password pairs accepted on incident commands, maintenance, subscriptions and silences (secret)");
    public static final Setting<String> ZENDESK_SECRET = Setting.secret(
            "TOCSIN_INGEST_ZENDESK_SIGNING_SECRET",
            "Zendesk webhook signing secret; when set, /api/v1/reports/zendesk also requires a valid signature");
    public static final Setting<String> WEBHOOK_SIGNING_MASTER = Setting.secret(
            "TOCSIN_INGEST_WEBHOOK_SIGNING_MASTER",
            "master key of the per-subscription webhook secrets (the publisher's TOCSIN_PUBLISHER_WEBHOOK_SECRET); when set, "
                    + "the 202 answer to a WEBHOOK subscription carries its signing_secret");
    public static final Setting<Integer> MANAGEMENT_PORT = Setting.integer(
            "TOCSIN_INGEST_MANAGEMENT_PORT",
            9080,
            "port of /metrics, /health and /ready (Kubernetes port name 'management'); never the public API port");
    public static final Setting<Integer> MAX_BODY_BYTES = Setting.integer(
            "TOCSIN_INGEST_MAX_BODY_BYTES",
            1_048_576,
            "largest request body accepted on routes other than Alertmanager and Grafana (413 above)");
    public static final Setting<Integer> WEBHOOK_MAX_BODY_BYTES = Setting.integer(
            "TOCSIN_INGEST_WEBHOOK_MAX_BODY_BYTES",
            67_108_864,
            "largest body accepted on the Alertmanager and Grafana routes, which send a whole alert group "
                    + "in one webhook (413 above)");
    public static final Setting<Integer> WEBHOOK_MAX_ALERTS = Setting.integer(
            "TOCSIN_INGEST_WEBHOOK_MAX_ALERTS",
            1_000_000,
            "most alerts accepted in one Alertmanager or Grafana notification (422 above)");
    public static final Setting<Integer> IN_FLIGHT_BYTES = Setting.integer(
            "TOCSIN_INGEST_IN_FLIGHT_BYTES",
            134_217_728,
            "request-body bytes handled at once; further requests get 503 with Retry-After "
                    + "(a request alone is always admitted)");
    public static final Setting<Integer> MAX_ITEMS = Setting.integer(
            "TOCSIN_INGEST_MAX_ITEMS",
            1000,
            "most alerts or reports accepted in one request on routes other than Alertmanager and Grafana");
    public static final Setting<Integer> RATE_PER_SECOND = Setting.integer(
            "TOCSIN_INGEST_RATE_PER_SECOND",
            200,
            "requests per second allowed per route group and credential (token bucket refill)");
    public static final Setting<Integer> RATE_BURST = Setting.integer(
            "TOCSIN_INGEST_RATE_BURST", 400, "requests a credential may send at once before the rate applies");
    public static final Setting<List<String>> PRODUCT_LABELS = new Setting<>(
            "TOCSIN_INGEST_PRODUCT_LABELS",
            "product,service",
            IngestSettings::split,
            false,
            "alert labels naming the product, first match wins");
    public static final Setting<String> COMPONENT_LABEL =
            Setting.string("TOCSIN_INGEST_COMPONENT_LABEL", "component", "alert label naming the component");
    public static final Setting<String> REGION_LABEL =
            Setting.string("TOCSIN_INGEST_REGION_LABEL", "region", "alert label naming the region");
    public static final Setting<String> ZENDESK_PRODUCT_FIELD = Setting.string(
            "TOCSIN_INGEST_ZENDESK_PRODUCT_FIELD_ID", null, "Zendesk custom field id holding the product");
    public static final Setting<String> ZENDESK_PRODUCT_TAG_PREFIX = Setting.string(
            "TOCSIN_INGEST_ZENDESK_PRODUCT_TAG_PREFIX", "product_", "Zendesk tag prefix naming the product");
    public static final Setting<String> PRODUCT_CATALOG = Setting.string(
            "TOCSIN_INGEST_PRODUCT_CATALOG",
            null,
            "YAML or JSON file of products and their aliases; the bundled catalog when unset");
    public static final Setting<String> ROUTING_FILE = Setting.string(
            "TOCSIN_INGEST_ROUTING_FILE",
            null,
            "YAML or JSON file of routing rules giving a product to alerts and reports without a product label; "
                    + "none when unset");
    public static final Setting<Duration> KAFKA_TIMEOUT = Setting.duration(
                    "TOCSIN_INGEST_KAFKA_TIMEOUT",
                    "5s",
                    "how long a request waits for Kafka's acknowledgement before answering 503; the writers' "
                            + "transaction.timeout.ms is six times this")
            .formerly("TOCSIN_INGEST_KAFKA_TIMEOUT_MS", ChronoUnit.MILLIS);
    public static final Setting<String> INSTANCE_ID = Setting.string(
            "TOCSIN_INGEST_INSTANCE_ID",
            null,
            "this instance's stable name in its Kafka transactional ids: the same after every restart (e.g. the "
                    + "StatefulSet pod name), unique among running instances; required in production, 'local' locally");
    public static final Setting<Duration> PAGERDUTY_CATCH_UP = Setting.duration(
                    "TOCSIN_INGEST_PAGERDUTY_CATCH_UP",
                    "2s",
                    "how long a PagerDuty acknowledge/resolve whose dedup key is unknown waits for a trigger accepted "
                            + "by another instance to reach this instance's table before it is ignored")
            .formerly("TOCSIN_INGEST_PAGERDUTY_CATCH_UP_MS", ChronoUnit.MILLIS);
    public static final Setting<Duration> MAINTENANCE_CATCH_UP = Setting.duration(
                    "TOCSIN_INGEST_MAINTENANCE_CATCH_UP",
                    "2s",
                    "how long a DELETE of a maintenance window missing from "
                            + "this instance's table waits for the table to catch up before it is answered 404")
            .formerly("TOCSIN_INGEST_MAINTENANCE_CATCH_UP_MS", ChronoUnit.MILLIS);
    public static final Setting<Integer> WRITERS = Setting.integer(
            "TOCSIN_INGEST_WRITERS",
            2,
            "committer threads, each with its own transactional producer: Kafka transactions in flight at once, "
                    + "each shared by every request waiting when it begins");
    public static final Setting<Integer> PENDING_REQUESTS = Setting.integer(
            "TOCSIN_INGEST_PENDING_REQUESTS",
            512,
            "requests that may wait for a Kafka transaction; further requests get 503 with Retry-After");
    public static final Setting<Integer> RECORDS_PER_TRANSACTION = Setting.integer(
            "TOCSIN_INGEST_RECORDS_PER_TRANSACTION",
            20_000,
            "a transaction takes more waiting requests while it holds fewer records than this "
                    + "(one request is never split)");

    private IngestSettings() {}

    public static final Setting<Duration> PAGERDUTY_RETENTION = Setting.duration(
            "TOCSIN_INGEST_PAGERDUTY_RETENTION",
            "7d",
            "how long a PagerDuty dedup key whose latest event is a resolve is remembered; then a tombstone "
                    + "on tocsin.ingest.pagerduty-alerts forgets it");
    public static final Setting<Duration> SILENCE_RETENTION = Setting.duration(
            "TOCSIN_INGEST_SILENCE_RETENTION",
            "120h",
            "how long an expired silence is kept after it ended, Alertmanager's --data.retention; then a "
                    + "tombstone on tocsin.silences removes it everywhere");
    public static final Setting<Duration> RETENTION_SWEEP_INTERVAL = Setting.duration(
                    "TOCSIN_INGEST_RETENTION_SWEEP_INTERVAL",
                    "15m",
                    "how often the PagerDuty and silence tables are swept for entries past their retention")
            .formerly("TOCSIN_INGEST_RETENTION_SWEEP_INTERVAL_MS", ChronoUnit.MILLIS);

    public static List<Setting<?>> all() {
        return List.of(
                ALERTS_TOKENS,
                ALERTS_BASIC,
                REPORTS_TOKENS,
                REPORTS_BASIC,
                OPERATOR_TOKENS,
                OPERATOR_BASIC,
                ZENDESK_SECRET,
                WEBHOOK_SIGNING_MASTER,
                MANAGEMENT_PORT,
                MAX_BODY_BYTES,
                WEBHOOK_MAX_BODY_BYTES,
                WEBHOOK_MAX_ALERTS,
                IN_FLIGHT_BYTES,
                MAX_ITEMS,
                RATE_PER_SECOND,
                RATE_BURST,
                PRODUCT_LABELS,
                COMPONENT_LABEL,
                REGION_LABEL,
                ZENDESK_PRODUCT_FIELD,
                ZENDESK_PRODUCT_TAG_PREFIX,
                PRODUCT_CATALOG,
                ROUTING_FILE,
                KAFKA_TIMEOUT,
                INSTANCE_ID,
                PAGERDUTY_CATCH_UP,
                MAINTENANCE_CATCH_UP,
                WRITERS,
                PENDING_REQUESTS,
                RECORDS_PER_TRANSACTION,
                PAGERDUTY_RETENTION,
                SILENCE_RETENTION,
                RETENTION_SWEEP_INTERVAL);
    }

    private static Setting<List<String>> list(String env, String description) {
        return Setting.secretList(env, description);
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
