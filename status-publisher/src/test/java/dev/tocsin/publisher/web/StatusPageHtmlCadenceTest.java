package dev.tocsin.publisher.web;

import static dev.tocsin.publisher.web.Html.element;
import static dev.tocsin.publisher.web.Html.text;
import static dev.tocsin.publisher.web.Pages.NOW;
import static dev.tocsin.publisher.web.Pages.incident;
import static dev.tocsin.publisher.web.Pages.state;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.SlaDeadlines;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An active incident on the page says when its next update is due, or since when it is overdue. */
class StatusPageHtmlCadenceTest {

    private static Incident due(Instant nextUpdate, PublicStatus status) {
        Incident base = incident("inc-chat-1")
                .status(status)
                .openedAt(NOW.minus(Duration.ofHours(1)))
                .build();
        return Incident.newBuilder(base)
                .setSla(SlaDeadlines.newBuilder().setNextUpdateDue(nextUpdate).build())
                .setResolvedAt(status == PublicStatus.RESOLVED ? NOW.minus(Duration.ofMinutes(5)) : null)
                .build();
    }

    @Test
    void activeIncidentSaysWhenTheNextUpdateIsDue() {
        String html = StatusPageHtml.render(
                state("en", List.of(due(NOW.plus(Duration.ofHours(2)), PublicStatus.IDENTIFIED)), List.of()), "/");

        String cadence = element(element(html, "id=\"active-incidents\""), "class=\"cadence\"");
        assertThat(cadence).contains("data-next-update=\"2026-03-20T14:00:00Z\"");
        assertThat(text(cadence)).isEqualTo("Next update by 20 Mar 2026, 14:00 UTC");
    }

    @Test
    void passedDeadlineIsShownAsUpdateOverdue() {
        String html = StatusPageHtml.render(
                state("de", List.of(due(NOW.minus(Duration.ofMinutes(30)), PublicStatus.IDENTIFIED)), List.of()), "/");

        String cadence = element(html, "class=\"cadence overdue\"");
        assertThat(text(cadence)).isEqualTo("Aktualisierung überfällig seit 20.03.2026, 11:30 UTC");
    }

    @Test
    void cadenceIsLocalizedInJapanese() {
        String html = StatusPageHtml.render(
                state("ja", List.of(due(NOW.plus(Duration.ofHours(2)), PublicStatus.INVESTIGATING)), List.of()), "/");

        assertThat(text(element(html, "class=\"cadence\""))).isEqualTo("次回の更新予定：2026年3月20日 14:00（UTC）まで");
    }

    @Test
    void resolvedIncidentShowsNoCadence() {
        String html = StatusPageHtml.render(
                state("en", List.of(due(NOW.minus(Duration.ofMinutes(30)), PublicStatus.RESOLVED)), List.of()), "/");

        assertThat(html).doesNotContain("class=\"cadence");
    }
}
