package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Where alerts and reports come from, with everything both doors need to know of it: the HTTP
 * route a source posts to, the value of the {@code format} header naming it on
 * {@code tocsin.ingest.raw}, and the normalizer that reads its payloads (the same through either door).
 */
public enum Source {
    ALERTMANAGER(
            "/api/v1/alerts/alertmanager",
            "alertmanager",
            true,
            false,
            (normalizers, body, ctx) -> normalizers.alerts().alertmanager(body, ctx)),
    GRAFANA(
            "/api/v1/alerts/grafana",
            "grafana",
            true,
            false,
            (normalizers, body, ctx) -> normalizers.alerts().grafana(body, ctx)),
    PAGERDUTY(
            "/api/v1/alerts/pagerduty",
            "pagerduty",
            false,
            false,
            (normalizers, body, ctx) -> normalizers.alerts().pagerduty(body, ctx, normalizers.pagerDuty())),
    GENERIC_ALERT(
            "/api/v1/alerts",
            "generic-alert",
            false,
            false,
            (normalizers, body, ctx) -> normalizers.alerts().generic(body, ctx)),
    ZENDESK(
            "/api/v1/reports/zendesk",
            "zendesk",
            false,
            true,
            (normalizers, body, ctx) -> normalizers.reports().zendesk(body, ctx)),
    GENERIC_REPORT(
            "/api/v1/reports",
            "generic-report",
            false,
            true,
            (normalizers, body, ctx) -> normalizers.reports().generic(body, ctx));

    /** The header of a raw record naming its source ({@link #format()}). */
    public static final String FORMAT_HEADER = "format";

    private final String path;
    private final String format;
    private final boolean groupWebhook;
    private final boolean yieldsReports;
    private final Reader reader;

    Source(String path, String format, boolean groupWebhook, boolean yieldsReports, Reader reader) {
        this.path = path;
        this.format = format;
        this.groupWebhook = groupWebhook;
        this.yieldsReports = yieldsReports;
        this.reader = reader;
    }

    /** The HTTP route this source posts to. */
    public String path() {
        return path;
    }

    /** Its value of the {@code format} header on the raw topic; also its name in metrics. */
    public String format() {
        return format;
    }

    /**
     * Whether its senders batch a whole alert group into one webhook and retry only 5xx
     * (Alertmanager, Grafana): such a webhook may be large and hold many alerts.
     */
    public boolean groupWebhook() {
        return groupWebhook;
    }

    /** Whether it yields {@code CustomerReport}s; else {@code MonitoringAlert}s. */
    public boolean yieldsReports() {
        return yieldsReports;
    }

    /**
     * The alerts or reports of one payload, in payload order; throws {@link InvalidPayloadException}
     * naming every violation.
     */
    public List<? extends SpecificRecord> normalize(Normalizers normalizers, JsonNode body, IngestContext ctx) {
        return reader.read(normalizers, body, ctx);
    }

    /** The source a {@code format} header value names (any case, blanks around ignored). */
    public static Optional<Source> fromFormat(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(source -> source.format.equals(wanted))
                .findFirst();
    }

    /** Every {@code format} header value, for messages naming what is expected. */
    public static List<String> formats() {
        return Arrays.stream(values()).map(Source::format).toList();
    }

    @FunctionalInterface
    private interface Reader {
        List<? extends SpecificRecord> read(Normalizers normalizers, JsonNode body, IngestContext ctx);
    }
}
