package dev.tocsin.publisher.web;

import static dev.tocsin.avro.ComponentStatus.MAJOR_OUTAGE;
import static dev.tocsin.avro.ComponentStatus.OPERATIONAL;
import static dev.tocsin.avro.ComponentStatus.UNDER_MAINTENANCE;
import static dev.tocsin.publisher.web.Html.element;
import static dev.tocsin.publisher.web.Html.elements;
import static dev.tocsin.publisher.web.Html.text;
import static dev.tocsin.publisher.web.Pages.CATALOG;
import static dev.tocsin.publisher.web.Pages.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.PublicState;
import dev.tocsin.publisher.domain.UptimeHistory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The uptime history on the page and as JSON. */
class StatusPageHtmlUptimeTest {

    /** Chat: one hour of major outage on 19 March; Meet: two hours of maintenance that day; Mail: no history. */
    private static PublicState state(String language) {
        UptimeHistory history = new UptimeHistory()
                .at("2026-03-18T00:00:00Z", "chat", OPERATIONAL)
                .at("2026-03-18T00:00:00Z", "meet", OPERATIONAL)
                .at("2026-03-19T02:00:00Z", "meet", UNDER_MAINTENANCE)
                .at("2026-03-19T04:00:00Z", "meet", OPERATIONAL)
                .at("2026-03-19T10:00:00Z", "chat", MAJOR_OUTAGE)
                .at("2026-03-19T11:00:00Z", "chat", OPERATIONAL);
        return PublicState.of(CATALOG, List.of(), List.of(), history.aggregates(), NOW, Messages.forLanguage(language));
    }

    private static String component(String html, String product) {
        return element(element(html, "id=\"uptime\""), "data-component=\"" + product + "\"");
    }

    @Test
    void everyComponentHasNinetyDailyBarsEachWithItsDateAndWorstStatusAsText() {
        String chat = component(StatusPageHtml.render(state("en"), "/"), "chat");

        List<String> bars = elements(chat, "class=\"bar ");
        assertThat(bars).hasSize(90);
        String outageDay = bars.stream()
                .filter(b -> b.contains("data-date=\"2026-03-19\""))
                .findFirst()
                .orElseThrow();
        assertThat(outageDay).contains("data-status=\"major_outage\"").contains("title=\"19 Mar 2026: Major outage\"");
        assertThat(text(outageDay)).isEqualTo("19 Mar 2026: Major outage");
        assertThat(bars.get(0)).contains("data-status=\"no_data\"");
        assertThat(text(bars.get(0))).endsWith(": No data");
        // 1 h of outage in 60 h observed (18 March to now), rounded down
        assertThat(text(element(chat, "class=\"uptime-figure\""))).isEqualTo("98.33 % uptime over the last 90 days");
        assertThat(text(element(chat, "class=\"uptime-days\""))).contains("19 Mar 2026: Major outage");
    }

    @Test
    void maintenanceIsShownApartAndKeepsFullUptime() {
        String meet = component(StatusPageHtml.render(state("en"), "/"), "meet");

        assertThat(element(meet, "data-date=\"2026-03-19\" data-status"))
                .contains("data-status=\"under_maintenance\"")
                .contains("s-under_maintenance");
        assertThat(text(element(meet, "class=\"uptime-figure\""))).startsWith("100.00 %");
    }

    @Test
    void componentWithoutHistorySaysNoData() {
        String mail = component(StatusPageHtml.render(state("en"), "/"), "mail");

        assertThat(text(element(mail, "class=\"uptime-figure\""))).isEqualTo("No data");
        assertThat(elements(mail, "class=\"bar "))
                .allSatisfy(bar -> assertThat(bar).contains("data-status=\"no_data\""));
        assertThat(mail).doesNotContain("uptime-days");
    }

    @Test
    void monthsAndDatesAreLocalized() {
        String chat = component(StatusPageHtml.render(state("de"), "/"), "chat");

        assertThat(text(element(chat, "data-month=\"2026-03\""))).isEqualTo("März 2026: 98,33 %");
        assertThat(text(element(chat, "data-month=\"2026-02\""))).isEqualTo("Februar 2026: Keine Daten");
        assertThat(text(element(component(StatusPageHtml.render(state("ja"), "/"), "chat"), "data-month=\"2026-03\"")))
                .isEqualTo("2026年3月：98.33%");
    }

    @Test
    void pageStaysScriptFreeUnderItsContentSecurityPolicy() {
        String html = StatusPageHtml.render(state("en"), "/");

        assertThat(html).contains("Content-Security-Policy").doesNotContain("<script", "style=\"");
        assertThat(html).contains("id=\"past-incidents\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonCarriesDailyStatusesSecondsAndUptimePerMonth() {
        Map<String, Object> json = UptimeJson.render(state("en"));

        assertThat(json).containsEntry("window_days", 90).containsEntry("partial_outage_weight", 0.3);
        List<Map<String, Object>> components = (List<Map<String, Object>>) json.get("components");
        assertThat(components).extracting(c -> c.get("component")).containsExactly("chat", "meet", "mail");
        Map<String, Object> chat = components.get(0);
        assertThat((Double) chat.get("uptime_percentage"))
                .isCloseTo(100.0 * (1 - 1.0 / 60), org.assertj.core.api.Assertions.within(1e-9));
        List<Map<String, Object>> days = (List<Map<String, Object>>) chat.get("days");
        assertThat(days).hasSize(90);
        assertThat(days.get(88))
                .containsEntry("date", "2026-03-19")
                .containsEntry("status", "major_outage")
                .containsEntry("seconds", Map.of("operational", 23 * 3600L, "major_outage", 3600L));
        assertThat(components.get(2)).containsEntry("uptime_percentage", null);
    }
}
