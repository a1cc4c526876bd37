package dev.tocsin.publisher.domain;

import static dev.tocsin.publisher.domain.TestData.CATALOG;
import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.MaintenanceState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaintenanceViewTest {

    private static final Instant START = T0.plus(Duration.ofDays(7));
    private static final Instant END = START.plus(Duration.ofHours(6));

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
            "SCHEDULED, IN_PROGRESS, true",
            "SCHEDULED, CANCELLED, true",
            "IN_PROGRESS, VERIFYING, true",
            "IN_PROGRESS, COMPLETED, true",
            "VERIFYING, COMPLETED, true",
            "VERIFYING, IN_PROGRESS, true",
            "SCHEDULED, COMPLETED, false",
            "SCHEDULED, VERIFYING, false",
            "IN_PROGRESS, SCHEDULED, false",
            "IN_PROGRESS, CANCELLED, false",
            "COMPLETED, IN_PROGRESS, false",
            "CANCELLED, SCHEDULED, false",
            "COMPLETED, COMPLETED, true",
    })
    void maintenanceMovesScheduledInProgressVerifyingCompletedOrCancelled(MaintenanceState from, MaintenanceState to,
                                                                         boolean allowed) {
        assertThat(MaintenanceView.canTransition(from, to)).isEqualTo(allowed);
    }

    @Test
    void scheduledWindowStartsAndCompletesWithTheClock() {
        var w = window("w1", MaintenanceState.SCHEDULED, START, END, "chat");

        assertThat(MaintenanceView.effectiveState(w, START.minusMillis(1))).isEqualTo(MaintenanceState.SCHEDULED);
        assertThat(MaintenanceView.effectiveState(w, START)).isEqualTo(MaintenanceState.IN_PROGRESS);
        assertThat(MaintenanceView.effectiveState(w, END)).isEqualTo(MaintenanceState.COMPLETED);
    }

    @Test
    void operatorStatesAreShownAsSet() {
        assertThat(MaintenanceView.effectiveState(window("w", MaintenanceState.VERIFYING, START, END, "chat"), T0))
                .isEqualTo(MaintenanceState.VERIFYING);
        assertThat(MaintenanceView.effectiveState(window("w", MaintenanceState.CANCELLED, START, END, "chat"), START))
                .isEqualTo(MaintenanceState.CANCELLED);
    }

    @Test
    void noticeCarriesWindowComponentsDescriptionAndReason() {
        var w = window("w1", MaintenanceState.SCHEDULED, Instant.parse("2026-03-20T22:00:00Z"),
                Instant.parse("2026-03-21T04:00:00Z"), "chat", "meet");

        PublicMaintenance view = MaintenanceView.view(w, CATALOG, Messages.english(), T0);

        assertThat(view.state()).isEqualTo(MaintenanceState.SCHEDULED);
        assertThat(view.upcoming()).isTrue();
        assertThat(view.body()).isEqualTo("Maintenance of Chat, Meet is scheduled from 2026-03-20 22:00 UTC to "
                + "2026-03-21 04:00 UTC.\nShort read-only period.\nReason: Security patches.");
    }

    @Test
    void noticeIsLocalizedInGermanAndJapanese() {
        var w = window("w1", MaintenanceState.IN_PROGRESS, START, END, "chat", "meet");

        assertThat(MaintenanceView.view(w, CATALOG, Messages.forLanguage("de"), T0).body())
                .startsWith("Die geplante Wartung von Chat, Meet läuft gerade.").contains("Grund: Security patches.");
        assertThat(MaintenanceView.view(w, CATALOG, Messages.forLanguage("ja"), T0).body())
                .startsWith("Chat、Meetの定期メンテナンスを実施中です。").contains("理由：Security patches.");
    }
}
