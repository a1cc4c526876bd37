package dev.tocsin.publisher.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.publisher.domain.PublicState;
import org.junit.jupiter.api.Test;

/** The Atom feed of one component holds its incidents and the maintenance touching it, under its own id and title. */
class ComponentFeedTest {

    private static final String PAGE = "https://status.example.com/";

    @Test
    void componentFeedHoldsOnlyThatComponentsIncidentsAndMaintenance() {
        PublicState state = Pages.sev2OnChatWithUpcomingMaintenance("en");

        String chat = AtomFeed.render(state, PAGE, "chat");
        assertThat(chat)
                .contains(
                        "<id>urn:tocsin:status-history:en:chat</id>",
                        "<title type=\"text\">Status history of Chat</title>",
                        "Messages are delayed by up to five minutes.")
                .doesNotContain("Database upgrade");

        String mail = AtomFeed.render(state, PAGE, "mail");
        assertThat(mail).contains("Database upgrade").doesNotContain("Messages are delayed");

        String whole = AtomFeed.render(state, PAGE);
        assertThat(whole).contains("<id>urn:tocsin:status-history:en</id>", "Database upgrade", "Messages are delayed");
    }

    @Test
    void componentFeedTitleIsTranslated() {
        assertThat(AtomFeed.render(Pages.sev2OnChatWithUpcomingMaintenance("de"), PAGE, "chat"))
                .contains("<title type=\"text\">Statusverlauf von Chat</title>");
    }

    @Test
    void pageLinksTheSubscriptionFormOnlyWhenSubscriptionsAreOn() {
        PublicState state = Pages.sev2OnChatWithUpcomingMaintenance("ja");
        assertThat(StatusPageHtml.render(state, "", true))
                .contains("<a id=\"subscribe\" href=\"subscribe?locale=ja\">メールまたは Webhook で購読</a>");
        assertThat(StatusPageHtml.render(state, "")).doesNotContain("id=\"subscribe\"");
    }
}
