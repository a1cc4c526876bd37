package dev.tocsin.publisher.web;

import static dev.tocsin.publisher.web.Html.element;
import static dev.tocsin.publisher.web.Html.elements;
import static dev.tocsin.publisher.web.Html.text;
import static dev.tocsin.publisher.web.Pages.NOW;
import static dev.tocsin.publisher.web.Pages.incident;
import static dev.tocsin.publisher.web.Pages.state;
import static dev.tocsin.publisher.web.Pages.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.Weekday;
import dev.tocsin.avro.WeeklyRecurrence;
import dev.tocsin.publisher.domain.Ids;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.PublicState;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusPageHtmlTest {

    @Test
    void bannerShowsTheIndicatorDescription() {
        // Given a Sev-2 on chat: one component in partial outage
        PublicState state = Pages.sev2OnChatWithUpcomingMaintenance("en");

        // When
        String banner = element(StatusPageHtml.render(state, "/"), "id=\"page-status\"");

        // Then
        assertThat(banner).contains("data-indicator=\"minor\"");
        assertThat(text(banner)).startsWith("▲ Minor Service Outage").contains("Last updated 20 Mar 2026, 12:00 UTC");
    }

    @Test
    void quietPageSaysAllSystemsOperationalAndNoIncidents() {
        String html = StatusPageHtml.render(state("en", List.of(), List.of()), "/");

        assertThat(text(element(html, "id=\"page-status\""))).contains("All Systems Operational");
        assertThat(text(element(html, "id=\"active-incidents\""))).contains("No incidents reported.");
        assertThat(text(element(html, "id=\"upcoming-maintenance\""))).contains("No maintenance scheduled.");
        assertThat(text(element(html, "id=\"past-incidents\""))).contains("No incidents in the last 14 days.");
        assertThat(html).doesNotContain("id=\"active-maintenance\"");
    }

    @Test
    void everyComponentIsListedInCatalogOrderWithItsStatusText() {
        String html = StatusPageHtml.render(Pages.sev2OnChatWithUpcomingMaintenance("en"), "/");

        List<String> components = elements(html, "data-component=");
        assertThat(components).hasSize(3);
        assertThat(components.get(0)).contains("data-component=\"chat\"", "data-status=\"partial_outage\"");
        assertThat(text(components.get(0))).isEqualTo("Chat ▲ Partial outage");
        assertThat(text(components.get(1))).isEqualTo("Meet ✓ Operational");
        assertThat(text(components.get(2))).isEqualTo("Mail ✓ Operational");
    }

    @Test
    void activeIncidentShowsItsUpdatesNewestFirstWithLocalizedStatusBodyAndTime() {
        // Given an incident with three public updates and one internal note
        PublicState state = state(
                "en",
                List.of(incident("inc-7")
                        .severity(Severity.SEV1)
                        .status(PublicStatus.MONITORING)
                        .publicMessage(
                                NOW.minus(Duration.ofMinutes(50)),
                                IncidentEventType.UPDATE_POSTED,
                                "Calls fail to connect.")
                        .internalNote(NOW.minus(Duration.ofMinutes(45)), "rolled back deploy 4711 on cluster eu-3")
                        .publicMessage(
                                NOW.minus(Duration.ofMinutes(40)), IncidentEventType.UPDATE_POSTED, "Cause found.")
                        .publicMessage(
                                NOW.minus(Duration.ofMinutes(10)),
                                IncidentEventType.UPDATE_POSTED,
                                "Fix deployed, watching.")
                        .build()),
                List.of());

        // When
        String incident = element(StatusPageHtml.render(state, "/"), "data-incident=\"" + Ids.incident("inc-7") + "\"");

        // Then
        assertThat(incident).contains("data-status=\"monitoring\"");
        assertThat(text(element(incident, "<h3"))).isEqualTo("✖ Major outage of Chat");
        List<String> updates = elements(incident, "class=\"update\"");
        assertThat(updates)
                .extracting(Html::text)
                .containsExactly(
                        "Monitoring Fix deployed, watching. Posted 20 Mar 2026, 11:50 UTC",
                        "Investigating Cause found. Posted 20 Mar 2026, 11:20 UTC",
                        "Investigating Calls fail to connect. Posted 20 Mar 2026, 11:10 UTC");
        assertThat(updates.get(0)).contains("<time datetime=\"2026-03-20T11:50:00Z\">");
        assertThat(incident).doesNotContain("rolled back", "eu-3");
    }

    @Test
    void singleCustomerIncidentNeverAppears() {
        // Given a single-customer Sev-1 on meet, whose internal title names the customer
        PublicState state = state(
                "en",
                List.of(incident("inc-acme")
                        .product("meet")
                        .severity(Severity.SEV1)
                        .scope(Scope.SINGLE_CUSTOMER)
                        .publicMessage(
                                NOW.minus(Duration.ofMinutes(5)),
                                IncidentEventType.UPDATE_POSTED,
                                "ACME cannot join calls.")
                        .build()),
                List.of());

        // When
        String html = StatusPageHtml.render(state, "/");

        // Then
        assertThat(html)
                .doesNotContain("ACME", "inc-acme", "internal title", Ids.incident("inc-acme"), "data-incident=");
        assertThat(element(html, "data-component=\"meet\"")).contains("data-status=\"operational\"");
        assertThat(text(element(html, "id=\"page-status\""))).contains("All Systems Operational");
    }

    @Test
    void internalIncidentIdsTitlesAndActorsNeverAppear() {
        String html = StatusPageHtml.render(Pages.sev2OnChatWithUpcomingMaintenance("en"), "/");

        assertThat(html)
                .contains("data-incident=\"" + Ids.incident("inc-chat-1") + "\"")
                .doesNotContain("inc-chat-1", "internal title", "alice.operator");
    }

    @Test
    void statusIsTextNotColourOnly() {
        // Given every component status at once
        PublicState state = state(
                "en",
                List.of(
                        incident("a").product("chat").severity(Severity.SEV1).build(),
                        incident("b").product("meet").severity(Severity.SEV2).build(),
                        incident("c").product("mail").severity(Severity.SEV3).build(),
                        incident("d").product("zoom").severity(Severity.SEV4).build()),
                List.of(window(
                        "mw", MaintenanceState.IN_PROGRESS, NOW.minusSeconds(60), NOW.plusSeconds(3600), "docs")));

        String html = StatusPageHtml.render(state, "/");

        // Then each status has its own words and its own symbol; the colour class only repeats them
        assertThat(text(element(html, "data-component=\"chat\""))).endsWith("✖ Major outage");
        assertThat(text(element(html, "data-component=\"meet\""))).endsWith("▲ Partial outage");
        assertThat(text(element(html, "data-component=\"mail\""))).endsWith("◐ Degraded performance");
        assertThat(text(element(html, "data-component=\"zoom\""))).endsWith("✓ Operational");
        assertThat(text(element(html, "data-component=\"docs\""))).endsWith("◆ Under maintenance");
        assertThat(elements(html, "class=\"symbol\""))
                .allSatisfy(s -> assertThat(s).contains("aria-hidden=\"true\""));
        assertThat(text(element(html, "id=\"page-status\""))).contains("Partial System Outage");
    }

    @Test
    void componentUnderMaintenanceSaysSoInWords() {
        PublicState state = state(
                "en",
                List.of(),
                List.of(window(
                        "mw", MaintenanceState.IN_PROGRESS, NOW.minusSeconds(60), NOW.plusSeconds(3600), "mail")));

        String html = StatusPageHtml.render(state, "/");

        assertThat(text(element(html, "data-component=\"mail\""))).isEqualTo("Mail ◆ Under maintenance");
        assertThat(text(element(html, "id=\"page-status\""))).startsWith("◆ Service Under Maintenance");
    }

    @Test
    void coloursKeepContrastOfAtLeastFourAndAHalfToOneOnWhite() {
        String html = StatusPageHtml.render(state("en", List.of(), List.of()), "/");
        String css = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));

        Matcher colours = Pattern.compile("(?:color|--c):(#[0-9a-fA-F]{6})").matcher(css);
        int checked = 0;
        while (colours.find()) {
            String colour = colours.group(1);
            if (!colour.equalsIgnoreCase("#ffffff")) {
                assertThat(contrastOnWhite(colour)).as(colour).isGreaterThanOrEqualTo(4.5);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(7);
    }

    @Test
    void operatorTextIsEscaped() {
        // Given operator texts with markup, quotes and a control character
        String body = "<script>alert(1)</script> & \"quoted\" 'single' <img src=x onerror=alert(2)>\u0007";
        PublicState state = state(
                "en",
                List.of(incident("inc-x")
                        .publicMessage(NOW.minusSeconds(60), IncidentEventType.UPDATE_POSTED, body)
                        .build()),
                List.of(dev.tocsin.avro.MaintenanceWindow.newBuilder(window(
                                "mw",
                                MaintenanceState.SCHEDULED,
                                NOW.plus(Duration.ofDays(1)),
                                NOW.plus(Duration.ofDays(2)),
                                "chat"))
                        .setTitle("<b>Upgrade</b>")
                        .setDescription("a < b")
                        .setReason("\"why\" & how")
                        .build()));

        // When
        String html = StatusPageHtml.render(state, "/\"><script>x</script>");

        // Then
        assertThat(html)
                .doesNotContain("<script", "<img", "<b>", "\u0007", "onerror=alert(2)>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;")
                .contains("&lt;b&gt;Upgrade&lt;/b&gt;", "a &lt; b", "Reason: &quot;why&quot; &amp; how");
        assertThat(text(element(html, "class=\"update\""))).contains(body.replace("\u0007", ""));
    }

    @Test
    void pastIncidentsOlderThanFourteenDaysAreLeftOut() {
        // Given incidents resolved 1 day, exactly 14 days and 14 days + 1 minute before now
        PublicState state = state(
                "en",
                List.of(
                        resolvedDaysAgo("recent", Duration.ofDays(1)),
                        resolvedDaysAgo("edge", Duration.ofDays(14)),
                        resolvedDaysAgo("old", Duration.ofDays(14).plusMinutes(1))),
                List.of());

        // When
        String past = element(StatusPageHtml.render(state, "/"), "id=\"past-incidents\"");

        // Then
        assertThat(text(element(past, "<h2"))).isEqualTo("Past incidents (last 14 days)");
        assertThat(past).contains(Ids.incident("recent"), Ids.incident("edge")).doesNotContain(Ids.incident("old"));
        assertThat(past.indexOf(Ids.incident("recent"))).isLessThan(past.indexOf(Ids.incident("edge")));
        assertThat(text(element(past, "data-incident=\"" + Ids.incident("recent") + "\"")))
                .contains("Resolved 19 Mar 2026, 12:00 UTC", "Resolved Fixed recent.");
    }

    @Test
    void resolvedIncidentIsNotActive() {
        PublicState state = state("en", List.of(resolvedDaysAgo("done", Duration.ofHours(2))), List.of());

        String html = StatusPageHtml.render(state, "/");

        assertThat(element(html, "id=\"active-incidents\""))
                .doesNotContain(Ids.incident("done"))
                .contains("No incidents reported.");
        assertThat(element(html, "id=\"past-incidents\"")).contains(Ids.incident("done"));
    }

    @Test
    void activeAndUpcomingMaintenanceShowTitleWindowComponentsDescriptionAndReason() {
        // Given one window in progress, one upcoming and one completed
        PublicState state = state(
                "en",
                List.of(),
                List.of(
                        window(
                                "now",
                                MaintenanceState.IN_PROGRESS,
                                NOW.minus(Duration.ofHours(1)),
                                NOW.plus(Duration.ofHours(1)),
                                "chat"),
                        window(
                                "soon",
                                MaintenanceState.SCHEDULED,
                                NOW.plus(Duration.ofDays(1)),
                                NOW.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)),
                                "mail",
                                "meet"),
                        window(
                                "done",
                                MaintenanceState.COMPLETED,
                                NOW.minus(Duration.ofDays(1)),
                                NOW.minus(Duration.ofDays(1)).plusSeconds(600),
                                "chat")));

        // When
        String html = StatusPageHtml.render(state, "/");

        // Then
        String active = element(html, "id=\"active-maintenance\"");
        assertThat(text(active))
                .startsWith("Maintenance in progress")
                .contains("◆ Database upgrade", "Status: In progress", "Affected components: Chat");
        String upcoming = element(html, "data-maintenance=\"" + Ids.maintenance("soon") + "\"");
        assertThat(text(upcoming))
                .isEqualTo("◆ Database upgrade Status: Scheduled "
                        + "From 21 Mar 2026, 12:00 UTC to 21 Mar 2026, 14:00 UTC Affected components: Mail, Meet "
                        + "Short read-only period. Reason: Security patches.");
        assertThat(upcoming)
                .contains("<time datetime=\"2026-03-21T12:00:00Z\">", "<time datetime=\"2026-03-21T14:00:00Z\">");
        assertThat(element(html, "id=\"upcoming-maintenance\""))
                .contains(Ids.maintenance("soon"))
                .doesNotContain(Ids.maintenance("now"));
        assertThat(html).doesNotContain(Ids.maintenance("done"));
    }

    @Test
    void recurringMaintenanceShowsItsNextOccurrenceAndHowItRepeats() {
        // Given every Sunday 02:30 Berlin time, on Friday 20 March: next is Sunday 22 March, 02:30 CET = 01:30 UTC
        MaintenanceWindow weekly = MaintenanceWindow.newBuilder(window(
                        "weekly",
                        MaintenanceState.SCHEDULED,
                        NOW.minus(Duration.ofDays(30)),
                        NOW.plus(Duration.ofDays(365)),
                        "chat"))
                .setRecurrence(new WeeklyRecurrence(List.of(Weekday.SUNDAY), "02:30", 120, "Europe/Berlin"))
                .build();

        String english = element(
                StatusPageHtml.render(state("en", List.of(), List.of(weekly)), "/"),
                "data-maintenance=\"" + Ids.maintenance("weekly") + "\"");
        String german = element(
                StatusPageHtml.render(state("de", List.of(), List.of(weekly)), "/"),
                "data-maintenance=\"" + Ids.maintenance("weekly") + "\"");

        assertThat(text(english))
                .contains(
                        "Status: Scheduled",
                        "From 22 Mar 2026, 01:30 UTC to 22 Mar 2026, 03:30 UTC",
                        "Every Sunday at 02:30 (Europe/Berlin)");
        assertThat(text(german)).contains("Jeden Sonntag um 02:30 (Europe/Berlin)");
    }

    @Test
    void germanAndJapanesePagesAreTranslated() {
        String en = StatusPageHtml.render(Pages.sev2OnChatWithUpcomingMaintenance("en"), "/");
        String de = StatusPageHtml.render(Pages.sev2OnChatWithUpcomingMaintenance("de"), "/");
        String ja = StatusPageHtml.render(Pages.sev2OnChatWithUpcomingMaintenance("ja"), "/");

        assertThat(de).startsWith("<!DOCTYPE html>\n<html lang=\"de\">");
        assertThat(text(de))
                .contains(
                        "Systemstatus",
                        "Geringfügiger Dienstausfall",
                        "Zuletzt aktualisiert: 20.03.2026, 12:00 UTC",
                        "Komponenten",
                        "Chat ▲ Teilausfall",
                        "Meet ✓ Betriebsbereit",
                        "Aktuelle Vorfälle",
                        "Teilausfall von Chat",
                        "Ursache erkannt",
                        "Veröffentlicht am 20.03.2026, 11:30 UTC",
                        "Geplante Wartungen",
                        "Status: Geplant",
                        "Von 21.03.2026, 12:00 UTC bis 21.03.2026, 14:00 UTC",
                        "Betroffene Komponenten: Mail, Meet",
                        "Grund: Security patches.",
                        "Vergangene Vorfälle (letzte 14 Tage)",
                        "Aktualisierungen abonnieren (Atom-Feed)");
        assertThat(ja).startsWith("<!DOCTYPE html>\n<html lang=\"ja\">");
        assertThat(text(ja))
                .contains(
                        "システムステータス",
                        "軽微なサービス障害が発生しています",
                        "最終更新：2026年3月20日 12:00（UTC）",
                        "コンポーネント",
                        "Chat ▲ 部分的な障害",
                        "発生中のインシデント",
                        "Chatの部分的な障害",
                        "原因特定",
                        "2026年3月20日 11:30（UTC）に投稿",
                        "今後のメンテナンス",
                        "ステータス：予定",
                        "影響を受けるコンポーネント：Mail、Meet",
                        "理由：Security patches.",
                        "過去のインシデント（過去14日間）",
                        "更新情報を購読（Atom フィード）");

        // No English catalog sentence leaks into the translated pages
        for (String english : List.of(
                "System status",
                "Minor Service Outage",
                "Last updated",
                "Components",
                "Partial outage",
                "Active incidents",
                "Identified",
                "Posted",
                "Upcoming maintenance",
                "Scheduled",
                "Affected",
                "Reason",
                "Past incidents",
                "Subscribe",
                "Skip to")) {
            assertThat(text(en)).contains(english);
            assertThat(text(de)).as("de").doesNotContain(english);
            assertThat(text(ja)).as("ja").doesNotContain(english);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "ja"})
    void everyPageTextKeyIsTranslatedInEveryLanguage(String language) {
        Messages.catalogOf("en").keySet().stream()
                .filter(key -> key.startsWith("page.") || key.startsWith("feed."))
                .forEach(key -> assertThat(Messages.catalogOf(language)).as(key).containsKey(key));
    }

    @Test
    void languageSwitcherLinksEveryLocaleWithHreflangAndMarksTheCurrentOne() {
        String html = StatusPageHtml.render(Pages.sev2OnChatWithUpcomingMaintenance("de"), "/status?locale=de#x");

        String nav = element(html, "<nav");
        assertThat(nav)
                .contains("aria-label=\"Sprache\"")
                .contains("<a href=\"/status?locale=en\" hreflang=\"en\" lang=\"en\">English</a>")
                .contains("<a href=\"/status?locale=de\" hreflang=\"de\" lang=\"de\" aria-current=\"page\">Deutsch</a>")
                .contains("<a href=\"/status?locale=ja\" hreflang=\"ja\" lang=\"ja\">日本語</a>");
        assertThat(html).contains("<link rel=\"alternate\" hreflang=\"ja\" href=\"/status?locale=ja\">");
    }

    @Test
    void pageAdvertisesTheAtomFeedInItsLanguage() {
        String html = StatusPageHtml.render(Pages.sev2OnChatWithUpcomingMaintenance("ja"), "/");

        assertThat(html)
                .contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"history.atom?locale=ja\" "
                        + "title=\"システムステータスの履歴\">");
        assertThat(text(element(html, "<footer"))).isEqualTo("更新情報を購読（Atom フィード）");
    }

    @Test
    void pageLoadsNoExternalAssets() {
        String html =
                StatusPageHtml.render(Pages.sev2OnChatWithUpcomingMaintenance("en"), "https://status.example.com");

        assertThat(html)
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<img")
                .doesNotContainIgnoringCase("<iframe")
                .doesNotContainIgnoringCase("src=")
                .doesNotContainIgnoringCase("stylesheet")
                .doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("url(")
                .doesNotContainIgnoringCase("@font-face");
        // the browser enforces it too: nothing but the inline style sheet (by hash) may load
        assertThat(html)
                .containsPattern("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'sha256-[A-Za-z0-9+/=]{44}'; base-uri 'none'; form-action 'none'\">");
        // links only navigate: language variants, the feed and the skip link
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (hrefs.find()) {
            assertThat(hrefs.group(1))
                    .matches("https://status\\.example\\.com\\?locale=(en|de|ja)|history\\.atom\\?locale=en|#main");
        }
    }

    @Test
    void pageIsSemanticAndFitsAPhone() {
        String html = StatusPageHtml.render(Pages.sev2OnChatWithUpcomingMaintenance("en"), "/");

        assertThat(html)
                .startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
                .contains(
                        "<meta charset=\"utf-8\">",
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .contains(
                        "<header>", "<main id=\"main\">", "<footer>", "<h1>System status</h1>", "<ol class=\"updates\"")
                .contains("<section id=\"components\" aria-labelledby=\"components-heading\">")
                .doesNotContainPattern("(?<![-\\w])width:\\s*\\d+px");
        assertThat(elements(html, "<h1")).hasSize(1);
        assertThat(elements(html, "<section"))
                .extracting(s -> s.substring(0, s.indexOf('>')))
                .allSatisfy(start -> assertThat(start).contains("aria-labelledby="));
    }

    @Test
    void timesAreUtcInTheFormatOfTheLanguage() {
        assertThat(timeOf("en")).isEqualTo("<time datetime=\"2026-03-20T11:30:00Z\">20 Mar 2026, 11:30 UTC</time>");
        assertThat(timeOf("de")).isEqualTo("<time datetime=\"2026-03-20T11:30:00Z\">20.03.2026, 11:30 UTC</time>");
        assertThat(timeOf("ja")).isEqualTo("<time datetime=\"2026-03-20T11:30:00Z\">2026年3月20日 11:30（UTC）</time>");
    }

    private static String timeOf(String language) {
        String update = element(
                StatusPageHtml.render(Pages.sev2OnChatWithUpcomingMaintenance(language), "/"), "class=\"update\"");
        return element(update, "<time");
    }

    private static dev.tocsin.avro.Incident resolvedDaysAgo(String id, Duration ago) {
        return incident(id)
                .openedAt(NOW.minus(ago).minus(Duration.ofHours(1)))
                .publicMessage(
                        NOW.minus(ago).minus(Duration.ofMinutes(50)),
                        IncidentEventType.UPDATE_POSTED,
                        "Looking into " + id + ".")
                .resolvedAt(NOW.minus(ago), "Fixed " + id + ".")
                .build();
    }

    /** WCAG 2 contrast ratio of a colour against white. */
    private static double contrastOnWhite(String hex) {
        double[] channels = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            channels[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        double luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
        return 1.05 / (luminance + 0.05);
    }
}
