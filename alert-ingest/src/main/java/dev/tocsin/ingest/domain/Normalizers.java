package dev.tocsin.ingest.domain;

import java.util.Objects;

/**
 * What a {@link Source} reads its payloads with: the alert and report normalizers, and the
 * PagerDuty alerts known so far (acknowledge and resolve take their product from the trigger).
 */
public record Normalizers(AlertNormalizers alerts, ReportNormalizers reports, KnownAlerts pagerDuty) {

    public Normalizers {
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(pagerDuty, "pagerDuty");
    }
}
