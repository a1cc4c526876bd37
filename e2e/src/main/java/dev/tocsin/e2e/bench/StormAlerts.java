package dev.tocsin.e2e.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The benchmarks' alerts: alert {@code i} fires for {@code product-(i % products)} and is told apart
 * by its {@code instance} label (and fingerprint), so every index is a distinct active alert. The
 * same alerts are rendered for each receiver: an Alertmanager webhook group (what Alertmanager
 * sends to alert-ingest) and an Alertmanager API v2 POST (what Prometheus sends to Alertmanager).
 */
public final class StormAlerts {

    private StormAlerts() {}

    /** One Alertmanager v4 webhook group holding alerts {@code first .. first+count-1}. */
    public static byte[] webhook(long first, int count, int products, Instant startsAt) {
        return webhook(first, count, "product-", products, startsAt);
    }

    /** The same, for products named {@code productPrefix + (i % products)}. */
    public static byte[] webhook(long first, int count, String productPrefix, int products, Instant startsAt) {
        StringBuilder out = new StringBuilder(count * 420 + 300);
        out.append("{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"LatencyHigh\\\"}\",\"status\":\"firing\",")
                .append("\"receiver\":\"tocsin\",\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},")
                .append("\"externalURL\":\"http://alertmanager:9093\",\"truncatedAlerts\":0,\"alerts\":[");
        for (long i = first; i < first + count; i++) {
            if (i > first) {
                out.append(',');
            }
            out.append("{\"status\":\"firing\",");
            alertFields(out, i, productPrefix, products, startsAt);
            out.append(",\"endsAt\":\"0001-01-01T00:00:00Z\",\"fingerprint\":\"")
                    .append(fingerprint(i))
                    .append("\"}");
        }
        return out.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same alerts as a POST /api/v2/alerts body of Alertmanager (no endsAt: active until resolve_timeout). */
    static byte[] alertmanagerApi(long first, int count, int products, Instant startsAt) {
        StringBuilder out = new StringBuilder(count * 380 + 2).append('[');
        for (long i = first; i < first + count; i++) {
            if (i > first) {
                out.append(',');
            }
            out.append('{');
            alertFields(out, i, "product-", products, startsAt);
            out.append('}');
        }
        return out.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void alertFields(StringBuilder out, long i, String productPrefix, int products, Instant startsAt) {
        out.append("\"labels\":{\"alertname\":\"LatencyHigh\",\"product\":\"")
                .append(productPrefix)
                .append(i % products)
                .append("\",\"component\":\"api\",\"region\":\"eu-")
                .append(i % 3)
                .append("\",\"severity\":\"critical\",\"instance\":\"host-")
                .append(i)
                .append("\"},")
                .append("\"annotations\":{\"summary\":\"p99 latency above 2s\"},\"startsAt\":\"")
                .append(startsAt)
                .append("\",\"generatorURL\":\"http://prometheus:9090/graph\"");
    }

    /** The fingerprint of alert {@code i} (its instance label is {@code host-i}). */
    public static String fingerprint(long i) {
        String hex = Long.toHexString(i);
        return "0".repeat(16 - hex.length()) + hex;
    }
}
