package dev.tocsin.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Audience;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SlaDeadlines;
import dev.tocsin.avro.WithheldNotification;
import dev.tocsin.console.TestIncidents;
import dev.tocsin.console.access.ConsoleRole;
import dev.tocsin.console.access.Session;
import dev.tocsin.console.domain.IncidentFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Session SUPPORT = new Session("s", "sue", ConsoleRole.SUPPORT, "token");

    private static Incident incident(String id, Severity severity, PublicStatus status) {
        return TestIncidents.incident(id, "chat", severity, Scope.PLATFORM, status, false, false);
    }

    @Test
    void rowsAreMostUrgentFirstWithEscapedTitlesAndSlaInWords() {
        Incident sev3 = incident("chat-00000003", Severity.SEV3, PublicStatus.INVESTIGATING);
        Incident sev1 = incident("chat-00000001", Severity.SEV1, PublicStatus.IDENTIFIED);
        sev1.setTitle("<img src=x onerror=alert(1)>");
        sev1.setSla(SlaDeadlines.newBuilder()
                .setFirstResponseDue(NOW.minus(Duration.ofMinutes(5)))
                .setNextUpdateDue(NOW.plus(Duration.ofMinutes(10)))
                .build());
        String rows = new ListPage("unclassified", Duration.ofMinutes(15))
                .rows(IncidentFilter.OPEN, List.of(sev3, sev1), NOW);
        assertThat(rows.indexOf("chat-00000001")).isLessThan(rows.indexOf("chat-00000003"));
        assertThat(rows)
                .doesNotContain("<img")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("class=\"sla-breached\">breached 5 min ago")
                .contains("class=\"sla-due-soon\">due in 10 min");
    }

    @Test
    void anEmptyListSaysSoRatherThanShowingNothing() {
        assertThat(new ListPage("unclassified", Duration.ofMinutes(15)).rows(IncidentFilter.OPEN, List.of(), NOW))
                .contains("No incidents match these filters.");
    }

    @Test
    void supportSeesTheQueuesWithoutTheFormsThatChangeThem() {
        String page = QueuesPage.render(
                SUPPORT,
                new QueuesPage.Queues(
                        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()),
                null,
                NOW);
        assertThat(page)
                .contains("No silence.")
                .contains("No maintenance window.")
                .contains("No open unclassified incident.")
                .doesNotContain("action=\"/silences\"")
                .doesNotContain("action=\"/maintenance\"");
    }

    @Test
    void withheldNotificationsShowWhoWouldHaveHeardAboutWhatAndWhyWithoutAnAddress() {
        WithheldNotification stale = WithheldNotification.newBuilder()
                .setWithheldId("w-1")
                .setReason("stale")
                .setDetail("changed 4320 min before it was announced; changes older than the notify age notify nobody")
                .setAudience(Audience.SUBSCRIBER)
                .setRecipients(3)
                .setIncidentId("chat-0000aaaa")
                .setEventId("ev-1")
                .setChangedAt(NOW.minus(Duration.ofDays(3)))
                .setAt(NOW)
                .build();
        WithheldNotification reminder = WithheldNotification.newBuilder(stale)
                .setWithheldId("w-2")
                .setAudience(Audience.OPERATIONS)
                .setChannel(NotificationChannel.EMAIL)
                .setRecipients(1)
                .setIncidentId(null)
                .setMaintenanceId("mw-<1>")
                .build();

        String page = QueuesPage.render(
                SUPPORT,
                new QueuesPage.Queues(
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(stale, reminder)),
                null,
                NOW);

        assertThat(page)
                .contains("Withheld, with the reason")
                .contains("subscriber · 3 subscriptions")
                .contains("operations · email")
                .contains("href=\"/incidents/chat-0000aaaa\"")
                .contains("mw-&lt;1&gt;")
                .contains("<strong>stale</strong>: changed 4320 min");
    }

    @Test
    void withNothingWithheldTheQueueSaysSo() {
        assertThat(QueuesPage.render(
                        SUPPORT,
                        new QueuesPage.Queues(
                                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()),
                        null,
                        NOW))
                .contains("No notification withheld.");
    }
}
