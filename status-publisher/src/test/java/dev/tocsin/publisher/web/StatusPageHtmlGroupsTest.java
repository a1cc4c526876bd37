package dev.tocsin.publisher.web;

import static dev.tocsin.publisher.web.Html.element;
import static dev.tocsin.publisher.web.Html.elements;
import static dev.tocsin.publisher.web.Html.text;
import static dev.tocsin.publisher.web.Pages.NOW;
import static dev.tocsin.publisher.web.Pages.incident;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.Severity;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.PublicState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Component groups on the page: a heading with the worst member status over a nested list of members. */
class StatusPageHtmlGroupsTest {

    /** chat, meet, mail with chat and mail in "Messaging & Mail" (a name that needs escaping). */
    private static final ComponentCatalog GROUPED =
            Pages.CATALOG.withGroups(groups("Messaging & Mail", List.of("chat", "mail")));

    /** A Sev-2 (partial outage) on chat. */
    private static final List<Incident> SEV2_ON_CHAT =
            List.of(incident("inc-chat-1").severity(Severity.SEV2).build());

    private static String render(ComponentCatalog catalog, String language) {
        return StatusPageHtml.render(
                PublicState.of(catalog, SEV2_ON_CHAT, List.of(), NOW, Messages.forLanguage(language)), "/");
    }

    @Test
    void ungroupedComponentsRenderAsBefore() {
        String components = element(render(Pages.CATALOG, "en"), "id=\"components\"");

        assertThat(components).doesNotContain("data-group=", "<h3");
        assertThat(components)
                .contains("<ul class=\"components\">\n"
                        + "<li class=\"component\" data-component=\"chat\" data-status=\"partial_outage\">"
                        + "<span class=\"component-name\">Chat</span> <span class=\"status s-partial_outage\">"
                        + "<span class=\"symbol\" aria-hidden=\"true\">▲</span> Partial outage</span></li>\n"
                        + "<li class=\"component\" data-component=\"meet\" data-status=\"operational\">"
                        + "<span class=\"component-name\">Meet</span> <span class=\"status s-operational\">"
                        + "<span class=\"symbol\" aria-hidden=\"true\">✓</span> Operational</span></li>\n");
    }

    @Test
    void groupedComponentsRenderNestedUnderTheirGroupHeading() {
        String html = render(GROUPED, "en");

        // the group is one item of the components list with its name as a heading
        String group = element(html, "data-group=\"Messaging &amp; Mail\"");
        assertThat(group).startsWith("<li ");
        assertThat(group)
                .containsPattern("<h3 id=\"(group-[0-9a-z]{12}-name)\" class=\"group-name\">Messaging &amp; Mail</h3>");
        // its members are a nested list labelled by the heading, in catalog order, with the usual hooks
        String members = element(group, "class=\"components members\"");
        assertThat(members).startsWith("<ul ").contains("aria-labelledby=\"group-");
        assertThat(elements(members, "data-component="))
                .extracting(Html::text)
                .containsExactly("Chat ▲ Partial outage", "Mail ✓ Operational");
        // the ungrouped product stays a plain item of the outer list, after the group (the group took chat's place)
        List<String> topLevel = elements(element(html, "id=\"components\""), "<li class=\"component");
        assertThat(topLevel)
                .extracting(item -> item.substring(0, item.indexOf('>') + 1))
                .containsExactly(
                        "<li class=\"component-group\" data-group=\"Messaging &amp; Mail\" data-status=\"partial_outage\">",
                        "<li class=\"component\" data-component=\"meet\" data-status=\"operational\">");
    }

    @Test
    void groupHeadingShowsTheWorstStatusOfItsMembersAsSymbolAndText() {
        String group = element(render(GROUPED, "en"), "data-group=");

        assertThat(group).contains("data-status=\"partial_outage\"");
        String heading = element(group, "class=\"group-heading\"");
        assertThat(text(heading)).isEqualTo("Messaging & Mail ▲ Partial outage");
    }

    @Test
    void groupStatusIsLocalizedLikeComponentStatus() {
        Messages german = Messages.forLanguage("de");

        String heading = element(element(render(GROUPED, "de"), "data-group="), "class=\"group-heading\"");

        assertThat(text(heading)).isEqualTo("Messaging & Mail ▲ " + german.text("component.status.PARTIAL_OUTAGE"));
    }

    @Test
    void everyComponentKeepsItsHookWhenGrouped() {
        List<String> components = elements(render(GROUPED, "en"), "data-component=");

        assertThat(components)
                .extracting(Html::text)
                .containsExactly("Chat ▲ Partial outage", "Mail ✓ Operational", "Meet ✓ Operational");
    }

    @Test
    void bannerCountsProductsNotGroups() {
        String banner = element(render(GROUPED, "en"), "id=\"page-status\"");

        assertThat(banner).contains("data-indicator=\"minor\"");
        assertThat(text(banner)).startsWith("▲ Minor Service Outage");
    }

    private static Map<String, List<String>> groups(String name, List<String> products) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put(name, products);
        return groups;
    }
}
