package dev.tocsin.ingest.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Values of the {@code format} header on {@code tocsin.ingest.raw}: which normalizer reads the record. */
public enum RawFormat {
    ALERTMANAGER("alertmanager"),
    GRAFANA("grafana"),
    PAGERDUTY("pagerduty"),
    GENERIC_ALERT("generic-alert"),
    ZENDESK("zendesk"),
    GENERIC_REPORT("generic-report");

    public static final String HEADER = "format";

    private final String headerValue;

    RawFormat(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }

    public static Optional<RawFormat> fromHeader(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.headerValue.equals(wanted)).findFirst();
    }
}
