package dev.tocsin.publisher.web;

import static dev.tocsin.publisher.web.Pages.NOW;
import static dev.tocsin.publisher.web.Pages.incident;
import static dev.tocsin.publisher.web.Pages.state;
import static dev.tocsin.publisher.web.Pages.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.MaintenanceState;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.publisher.domain.Ids;
import dev.tocsin.publisher.domain.PublicIncident;
import dev.tocsin.publisher.domain.PublicState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class AtomFeedTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String PAGE = "https://status.example.com/";

    @Test
    void atomFeedIsWellFormedAndNewestFirst() throws Exception {
        // Given two incidents with several updates and an upcoming maintenance
        PublicState state = state(
                "en",
                List.of(
                        incident("inc-1")
                                .severity(Severity.SEV2)
                                .openedAt(NOW.minus(Duration.ofHours(3)))
                                .publicMessage(
                                        NOW.minus(Duration.ofHours(3)),
                                        IncidentEventType.UPDATE_POSTED,
                                        "First of one.")
                                .resolvedAt(NOW.minus(Duration.ofHours(1)), "Done with one.")
                                .build(),
                        incident("inc-2")
                                .product("mail")
                                .openedAt(NOW.minus(Duration.ofHours(2)))
                                .publicMessage(
                                        NOW.minus(Duration.ofHours(2)),
                                        IncidentEventType.UPDATE_POSTED,
                                        "First of two.")
                                .publicMessage(
                                        NOW.minus(Duration.ofMinutes(5)),
                                        IncidentEventType.UPDATE_POSTED,
                                        "Second of two.")
                                .build()),
                List.of(window(
                        "mw",
                        MaintenanceState.SCHEDULED,
                        NOW.plus(Duration.ofDays(1)),
                        NOW.plus(Duration.ofDays(2)),
                        "chat")));

        // When
        Document feed = parse(AtomFeed.render(state, PAGE));

        // Then
        Element root = feed.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(root.getAttributeNS(XMLConstants.XML_NS_URI, "lang")).isEqualTo("en");
        assertThat(child(root, "id")).isEqualTo("urn:tocsin:status-history:en");
        assertThat(child(root, "title")).isEqualTo("System status history");
        assertThat(child(root, "author")).isEqualTo("Service operations");
        List<Element> entries = entries(feed);
        assertThat(entries)
                .extracting(e -> child(e, "content"))
                .containsExactly(
                        "Second of two.",
                        "Done with one.",
                        "First of two.",
                        "First of one.",
                        "Maintenance of Chat is scheduled from 2026-03-21 12:00 UTC to 2026-03-22 12:00 UTC.\n"
                                + "Short read-only period.\nReason: Security patches.");
        List<Instant> updated =
                entries.stream().map(e -> Instant.parse(child(e, "updated"))).toList();
        assertThat(updated).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(Instant.parse(child(root, "updated"))).isEqualTo(updated.get(0));
        for (Element e : entries) {
            assertThat(child(e, "id")).startsWith("urn:tocsin:");
            assertThat(child(e, "title")).isNotBlank();
            assertThat(((Element) e.getElementsByTagNameNS(ATOM, "content").item(0)).getAttribute("type"))
                    .isEqualTo("text");
            assertThat(((Element) e.getElementsByTagNameNS(ATOM, "link").item(0)).getAttribute("href"))
                    .startsWith(PAGE + "#");
        }
    }

    @Test
    void everyIncidentUpdateIsAnEntryWithItsStableIdAndLocalizedTitle() throws Exception {
        PublicState state = Pages.sev2OnChatWithUpcomingMaintenance("de");
        PublicIncident incident = state.incidents().get(0);

        Element entry = entries(parse(AtomFeed.render(state, PAGE))).get(0);

        assertThat(child(entry, "id"))
                .isEqualTo(
                        "urn:tocsin:incident-update:" + incident.latestUpdate().id());
        assertThat(child(entry, "title")).isEqualTo("Teilausfall von Chat - Ursache erkannt");
        assertThat(child(entry, "updated")).isEqualTo("2026-03-20T11:30:00Z");
        assertThat(child(entry, "content")).isEqualTo("Messages are delayed by up to five minutes.");
        assertThat(((Element) entry.getElementsByTagNameNS(ATOM, "link").item(0)).getAttribute("href"))
                .isEqualTo(PAGE + "#incident-" + Ids.incident("inc-chat-1"));
    }

    @Test
    void maintenanceNoticesAreEntries() throws Exception {
        Document feed = parse(AtomFeed.render(Pages.sev2OnChatWithUpcomingMaintenance("ja"), PAGE));

        Element maintenance = entries(feed).get(1);
        assertThat(child(maintenance, "id")).startsWith("urn:tocsin:maintenance-update:");
        assertThat(child(maintenance, "title")).isEqualTo("Database upgrade - 予定");
        assertThat(child(maintenance, "content")).startsWith("Mail、Meetのメンテナンスを");
    }

    @Test
    void entryIdsDoNotDependOnTheLanguage() throws Exception {
        List<String> en = entries(parse(AtomFeed.render(Pages.sev2OnChatWithUpcomingMaintenance("en"), PAGE))).stream()
                .map(e -> child(e, "id"))
                .toList();
        List<String> ja = entries(parse(AtomFeed.render(Pages.sev2OnChatWithUpcomingMaintenance("ja"), PAGE))).stream()
                .map(e -> child(e, "id"))
                .toList();

        assertThat(ja).isEqualTo(en).hasSize(2);
    }

    @Test
    void feedHoldsAtMostFiftyEntries() throws Exception {
        // Given 30 incidents with two updates each
        List<Incident> incidents = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            Instant at = NOW.minus(Duration.ofHours(n + 1));
            incidents.add(incident("inc-" + n)
                    .openedAt(at)
                    .publicMessage(at, IncidentEventType.UPDATE_POSTED, "first " + n)
                    .publicMessage(at.plusSeconds(60), IncidentEventType.UPDATE_POSTED, "second " + n)
                    .build());
        }

        List<Element> entries = entries(parse(AtomFeed.render(state("en", incidents, List.of()), PAGE)));

        assertThat(entries).hasSize(AtomFeed.MAX_ENTRIES);
        assertThat(child(entries.get(0), "content")).isEqualTo("second 0");
        assertThat(child(entries.get(49), "content")).isEqualTo("first 24");
    }

    @Test
    void emptyFeedIsUpdatedAtTheStatesMoment() throws Exception {
        Document feed = parse(AtomFeed.render(state("en", List.of(), List.of()), PAGE));

        assertThat(entries(feed)).isEmpty();
        assertThat(child(feed.getDocumentElement(), "updated")).isEqualTo("2026-03-20T12:00:00Z");
    }

    @Test
    void operatorTextInTheFeedIsEscapedAndStaysWellFormed() throws Exception {
        String body = "]]> <entry> & \"x\" 'y' \u0000\u0001\uFFFE end";
        PublicState state = state(
                "en",
                List.of(incident("inc-x")
                        .publicMessage(NOW.minusSeconds(60), IncidentEventType.UPDATE_POSTED, body)
                        .build()),
                List.of());

        Document feed = parse(AtomFeed.render(state, "https://status.example.com/?a=1&b=\"2\""));

        assertThat(entries(feed)).hasSize(1);
        assertThat(child(entries(feed).get(0), "content")).isEqualTo("]]> <entry> & \"x\" 'y'  end");
    }

    @Test
    void singleCustomerIncidentNeverAppearsInTheFeed() throws Exception {
        PublicState state = state(
                "en",
                List.of(incident("inc-acme")
                        .scope(Scope.SINGLE_CUSTOMER)
                        .publicMessage(NOW.minusSeconds(60), IncidentEventType.UPDATE_POSTED, "ACME is down")
                        .build()),
                List.of());

        String xml = AtomFeed.render(state, PAGE);

        assertThat(entries(parse(xml))).isEmpty();
        assertThat(xml).doesNotContain("ACME", "inc-acme");
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> entries(Document feed) {
        NodeList nodes = feed.getDocumentElement().getElementsByTagNameNS(ATOM, "entry");
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    /** Text of the first direct child element with the given Atom name. */
    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">");
    }
}
