package dev.tocsin.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.TimelineEntry;
import dev.tocsin.console.TestIncidents;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.PublicProducts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The detail page's public view: the status page's own wording per language, or the page's reason to withhold. */
class PublicViewTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final ComponentCatalog CATALOG = ComponentCatalog.of(Map.of("chat", "Chat"));
    private static final PublicViewSection SECTION = new PublicViewSection(
            "http://status.example/", CATALOG, PublicProducts.of(CATALOG, "unclassified"), Duration.ofDays(30));

    private static Incident published(String product, Scope scope) {
        Incident incident = TestIncidents.incident(
                "chat-00000001", product, Severity.SEV2, scope, PublicStatus.IDENTIFIED, true, true);
        incident.setTitle("Acme Corp cannot log in");
        incident.setTimeline(List.of(
                TimelineEntry.newBuilder()
                        .setAt(Instant.parse("2026-12-01T10:05:00Z"))
                        .setType(IncidentEventType.UPDATE_POSTED)
                        .setActor("oscar")
                        .setMessage("Messages are delayed; we found the cause.")
                        .setIsPublic(true)
                        .setStatus(PublicStatus.IDENTIFIED)
                        .build(),
                TimelineEntry.newBuilder()
                        .setAt(Instant.parse("2026-12-01T10:06:00Z"))
                        .setType(IncidentEventType.UPDATE_POSTED)
                        .setActor("oscar")
                        .setMessage("internal: broker 7 lost its disk")
                        .setIsPublic(false)
                        .build()));
        return incident;
    }

    @Test
    void aPublicIncidentIsShownInGermanAsTheStatusPageWordsIt() {
        String html = SECTION.render(published("chat", Scope.PLATFORM), NOW);
        String german = html.substring(html.indexOf("lang=\"de\""), html.indexOf("lang=\"ja\""));
        assertThat(german)
                .contains("Deutsch")
                .contains("Teilausfall von Chat")
                .contains("Ursache erkannt")
                .contains("Betroffene Komponente: Chat")
                .contains("Messages are delayed; we found the cause.")
                .contains("Veröffentlicht am 01.12.2026, 10:05 UTC");
    }

    @Test
    void aPublicIncidentIsShownInJapaneseAsTheStatusPageWordsIt() {
        String html = SECTION.render(published("chat", Scope.PLATFORM), NOW);
        String japanese = html.substring(html.indexOf("lang=\"ja\""));
        assertThat(japanese)
                .contains("日本語")
                .contains("Chatの部分的な障害")
                .contains("原因特定")
                .contains("影響を受けるコンポーネント：Chat")
                .contains("2026年12月1日 10:05（UTC）に投稿");
    }

    @Test
    void thePublicViewNeverShowsTheInternalTitleActorsOrInternalEntries() {
        String html = SECTION.render(published("chat", Scope.PLATFORM), NOW);
        assertThat(html)
                .contains("Partial outage of Chat")
                .doesNotContain("Acme Corp")
                .doesNotContain("oscar")
                .doesNotContain("broker 7")
                .doesNotContain("Withheld");
    }

    @Test
    void anUnpublishedIncidentIsWithheldWithThePublishersReason() {
        Incident incident = published("chat", Scope.PLATFORM);
        incident.setPublished(false);
        assertThat(SECTION.render(incident, NOW))
                .contains("data-withheld=\"not-published\"")
                .contains("Withheld from the status page:</strong> not published yet")
                .doesNotContain("class=\"public-language\"")
                .doesNotContain("Messages are delayed");
    }

    @Test
    void anIncidentOfAProductOutsideTheComponentsIsWithheldEvenWhenPublished() {
        assertThat(SECTION.render(published("kafka-broker-7", Scope.PLATFORM), NOW))
                .contains("data-withheld=\"unknown-product\"")
                .contains("<code>kafka-broker-7</code> is not a public component");
    }

    @Test
    void singleCustomerAndMergedIncidentsAreWithheldWithTheirReasons() {
        assertThat(SECTION.render(published("chat", Scope.SINGLE_CUSTOMER), NOW))
                .contains("data-withheld=\"single-customer\"");
        Incident merged = published("chat", Scope.PLATFORM);
        merged.setMergedInto("chat-00000009");
        assertThat(SECTION.render(merged, NOW))
                .contains("data-withheld=\"merged\"")
                .contains("<a href=\"/incidents/chat-00000009\">chat-00000009</a>");
    }

    @Test
    void anIncidentTheConsoleHasNotReceivedSaysItsPublicViewIsUnknown() {
        assertThat(SECTION.render(null, NOW))
                .contains("public view is unknown")
                .contains("href=\"http://status.example/?locale=ja\"");
    }
}
