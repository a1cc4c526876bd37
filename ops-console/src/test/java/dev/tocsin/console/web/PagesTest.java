package dev.tocsin.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.Audience;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SlaDeadlines;
import dev.tocsin.avro.TimelineEntry;
import dev.tocsin.avro.WithheldNotification;
import dev.tocsin.console.TestIncidents;
import dev.tocsin.console.access.ConsoleRole;
import dev.tocsin.console.access.Session;
import dev.tocsin.console.domain.IncidentFilter;
import dev.tocsin.console.upstream.UpstreamAnswer;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.PublicProducts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
                        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null),
                null,
                NOW);
        assertThat(page)
                .contains("No silence.")
                .contains("No maintenance window.")
                .contains("No open unclassified incident.")
                .doesNotContain("action=\"/silences\"")
                .doesNotContain("action=\"/maintenance\"")
                .contains("Raw alerts are for operators");
    }

    @Test
    void eachHeldAlertShowsItsProductLabelsWhyItIsHeldSinceAndUntilWhen() throws Exception {
        JsonNode body = new ObjectMapper().readTree("""
                {"alerts":[
                  {"id":"chat|fp-1","product":"chat","fingerprint":"fp-1","summary":"latency <high>",
                   "labels":{"alertname":"ChatLatency","region":"eu-1"},
                   "hold":{"reason":"SILENCED","by":"s-1","since":"2026-12-01T09:00:00Z","until":"2026-12-01T12:00:00Z"}},
                  {"id":"voice|calls","product":"voice","fingerprint":"calls","summary":"calls fail","labels":{},
                   "hold":{"reason":"ABSORBED","by":"sip-0000abcd","since":"2026-12-01T09:30:00Z"}}],
                 "cursor":"MTpjaGF0fGZwLTE","next":"/api/v1/alerts?held=true&limit=50&cursor=MTpjaGF0fGZwLTE"}
                """);

        String section = QueuesPage.heldAlerts(new UpstreamAnswer(200, body));

        assertThat(section)
                .contains("<h2 id=\"held-h\">Held alerts</h2>")
                .contains("latency &lt;high&gt;")
                .contains("silenced by s-1")
                .contains("absorbed into upstream incident sip-0000abcd")
                .contains("<time datetime=\"2026-12-01T12:00:00Z\">")
                .contains("until what holds it resolves")
                .contains("alertname=&quot;ChatLatency&quot;, region=&quot;eu-1&quot;")
                .contains("href=\"/queues?heldCursor=MTpjaGF0fGZwLTE#held\"");
    }

    @Test
    void heldAlertsTheCorrelatorRefusesShowItsReason() {
        UpstreamAnswer refused = UpstreamAnswer.unreachable("incident-correlator", "connection refused");

        assertThat(QueuesPage.heldAlerts(refused))
                .contains(
                        "Held alerts are not available: incident-correlator could not be reached: connection refused");
    }

    @Test
    void internalNotesAreMarkedInternalInTheTimelineAndLeftOutOfThePublicUpdates() throws Exception {
        JsonNode incident = new ObjectMapper().readTree("""
                {"id":"chat-0000000a","title":"Chat slow","status":"INVESTIGATING","severity":3,
                 "scope":"PLATFORM","published":true,
                 "timeline":[
                  {"at":"2026-12-01T09:50:00Z","type":"UPDATE_POSTED","actor":"alice","status":"INVESTIGATING",
                   "message":"We are investigating.","public":true},
                  {"at":"2026-12-01T09:55:00Z","type":"UPDATE_POSTED","actor":"sue","status":"INVESTIGATING",
                   "message":"acme called about it","public":false}]}
                """);
        Session operator = new Session("s", "olga", ConsoleRole.OPERATOR, "token");
        UpstreamAnswer none = UpstreamAnswer.unreachable("correlator", "not in this test");

        // the same incident as its tocsin.incidents snapshot, which the public view renders with the publisher's rules
        Incident snapshot = TestIncidents.incident(
                "chat-0000000a", "chat", Severity.SEV3, Scope.PLATFORM, PublicStatus.INVESTIGATING, true, true);
        snapshot.setTimeline(List.of(
                TimelineEntry.newBuilder()
                        .setAt(Instant.parse("2026-12-01T09:50:00Z"))
                        .setType(IncidentEventType.UPDATE_POSTED)
                        .setActor("alice")
                        .setMessage("We are investigating.")
                        .setIsPublic(true)
                        .setStatus(PublicStatus.INVESTIGATING)
                        .build(),
                TimelineEntry.newBuilder()
                        .setAt(Instant.parse("2026-12-01T09:55:00Z"))
                        .setType(IncidentEventType.UPDATE_POSTED)
                        .setActor("sue")
                        .setMessage("acme called about it")
                        .setIsPublic(false)
                        .setStatus(PublicStatus.INVESTIGATING)
                        .build()));
        ComponentCatalog catalog = ComponentCatalog.of(Map.of("chat", "Chat"));
        PublicViewSection publicView = new PublicViewSection(
                "https://status.example.com", catalog, PublicProducts.of(catalog, "unclassified"), Duration.ofDays(30));

        String page = new DetailPage(Duration.ofMinutes(15), publicView)
                .render(operator, incident, new DetailPage.Extras(snapshot, none, 0, none, 0, null, null), NOW);

        String timeline = page.substring(page.indexOf("<ol class=\"timeline\">"), page.indexOf("id=\"public-h\""));
        assertThat(timeline)
                .contains("<span class=\"tag\">internal</span> <strong>UPDATE_POSTED</strong> by sue")
                .contains("acme called about it")
                .contains("<span class=\"tag\">public</span> <strong>UPDATE_POSTED</strong> by alice");
        String publicUpdates = page.substring(page.indexOf("id=\"public-h\""));
        assertThat(publicUpdates).contains("We are investigating.").doesNotContain("acme called");
        assertThat(page)
                .contains("<input type=\"checkbox\" name=\"internal\" value=\"true\">"
                        + " Internal note (operators and support only)");
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
                        List.of(stale, reminder),
                        null),
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
                                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                                null),
                        null,
                        NOW))
                .contains("No notification withheld.");
    }
}
