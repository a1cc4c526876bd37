package dev.tocsin.ingest.domain;

import static dev.tocsin.ingest.domain.Fixtures.RECEIVED_MILLIS;
import static dev.tocsin.ingest.domain.Fixtures.ctx;
import static dev.tocsin.ingest.domain.Fixtures.fixture;
import static dev.tocsin.ingest.domain.Fixtures.parse;
import static dev.tocsin.ingest.domain.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.ReportChannel;
import dev.tocsin.schemas.rules.ProductNames;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportNormalizersTest {

    private final ReportNormalizers reports =
            new ReportNormalizers(NormalizerSettings.defaults(), ProductCatalog.defaults());

    // --- Zendesk -------------------------------------------------------------------------------

    @Test
    void restTicketWithIntegerIdsIsNormalized() {
        // zd-01: Zendesk API docs ticket 35436, via web, priority high, no product tag
        CustomerReport report = reports.zendesk(fixture("zd-01"), ctx()).get(0);

        assertThat(report.getTicketId()).isEqualTo("35436");
        assertThat(report.getSource()).isEqualTo("zendesk");
        assertThat(report.getOrganizationId()).isEqualTo("509974");
        assertThat(report.getRequester()).isEqualTo("20978392");
        assertThat(report.getProduct()).isEqualTo("unclassified");
        assertThat(report.getSubject()).isEqualTo("Help, my printer is on fire!");
        assertThat(report.getDescription()).isEqualTo("The fire is very colorful.");
        assertThat(report.getChannel()).isEqualTo(ReportChannel.PORTAL);
        assertThat(report.getCreatedAt()).isEqualTo(Instant.parse("2009-07-20T22:55:29Z"));
        assertThat(report.getReceivedAt()).isEqualTo(RECEIVED_MILLIS);
        assertThat(report.getTags()).containsExactly("enterprise", "other_tag");
        assertThat(report.getSourceEvent()).isNull();
    }

    @Test
    void portalReportIsP4UntilReviewedKeepingOriginalPriority() {
        CustomerReport report = reports.zendesk(fixture("zd-01"), ctx()).get(0);

        assertThat(report.getCustomerPriority()).isEqualTo(CustomerPriority.P4);
        assertThat(report.getOriginalPriority()).isEqualTo("high");
        assertThat(report.getReviewed()).isFalse();
    }

    @Test
    void webhookEventWithStringIdsAndUpperCaseEnumsIsNormalized() {
        // zd-02: zen:event-type:ticket.created, ids as strings, priority "LOW", via web_service (the API)
        CustomerReport report = reports.zendesk(fixture("zd-02"), ctx()).get(0);

        assertThat(report.getTicketId()).isEqualTo("5158");
        assertThat(report.getOrganizationId()).isEqualTo("8447346622462");
        assertThat(report.getRequester()).isEqualTo("8447388090494");
        assertThat(report.getSubject()).isEqualTo("ticketinfo_2294a6e9ece2");
        assertThat(report.getChannel()).isEqualTo(ReportChannel.API);
        assertThat(report.getCustomerPriority()).isEqualTo(CustomerPriority.P4);
        assertThat(report.getOriginalPriority()).isEqualTo("LOW");
        assertThat(report.getCreatedAt()).isEqualTo(Instant.parse("2025-01-08T10:12:07Z"));
        assertThat(report.getSourceEvent()).isEqualTo("zen:event-type:ticket.created");
        assertThat(report.getTags()).containsExactly("ticket-info-test-tag");
    }

    @Test
    void eventBridgeTicketWithoutSubjectIsRejected() {
        // zd-03: an "Agent Assignment Changed" event; its ticket snapshot has no subject
        assertThat(violations(() -> reports.zendesk(fixture("zd-03"), ctx())))
                .containsExactly(new Violation("detail.ticket_event.ticket.subject", "required"));
    }

    @Test
    void eventBridgeTicketWithSubjectIsAccepted() {
        JsonNode body = fixture("zd-03");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.at("/detail/ticket_event/ticket"))
                .put("subject", "Chat down");

        CustomerReport report = reports.zendesk(body, ctx()).get(0);

        assertThat(report.getOrganizationId()).isEqualTo("10002");
        assertThat(report.getSourceEvent()).isEqualTo("Support Ticket: Agent Assignment Changed");
        assertThat(report.getCreatedAt())
                .as("cut to milliseconds")
                .isEqualTo(Instant.parse("2019-05-20T22:55:29.721Z"));
    }

    @Test
    void chatReportKeepsItsMappedPriority() {
        JsonNode body = parse("""
                {"ticket":{"id":1,"subject":"Chat widget down","priority":"urgent","organization_id":17,
                 "via":{"channel":"chat"},"tags":["vip","product_LiveChat"]}}
                """);
        CustomerReport report = reports.zendesk(body, ctx()).get(0);

        assertThat(report.getChannel()).isEqualTo(ReportChannel.CHAT);
        assertThat(report.getCustomerPriority()).isEqualTo(CustomerPriority.P1);
        assertThat(report.getOriginalPriority()).isEqualTo("urgent");
        assertThat(report.getProduct()).as("product tag through the catalog").isEqualTo("chat");
        assertThat(report.getCreatedAt()).as("missing created_at is receivedAt").isEqualTo(RECEIVED_MILLIS);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            {"ticket":{"id":1,"subject":"s","organization_id":1,"locale":"de-CH"}}                       | de
            {"ticket":{"id":1,"subject":"s","organization_id":1,"requester":{"id":5,"locale":"ja"}}}     | ja
            {"ticket":{"id":1,"subject":"s","organization_id":1,"locale":"en-US","requester":{"locale":"de"}}} | en
            {"ticket":{"id":1,"subject":"s","organization_id":1}}                                         | null
            """)
    void zendeskLocaleOfTheTicketElseOfTheRequesterIsTheReportsLanguage(String body, String language) {
        assertThat(reports.zendesk(parse(body), ctx()).get(0).getLanguage()).isEqualTo(language);
    }

    @Test
    void productComesFromTheConfiguredCustomField() {
        ReportNormalizers withField = new ReportNormalizers(
                NormalizerSettings.defaults().withZendeskProductFieldId("27642"),
                ProductCatalog.of(java.util.Map.of("talk", List.of("745"))));

        assertThat(withField.zendesk(fixture("zd-01"), ctx()).get(0).getProduct())
                .isEqualTo("talk");
    }

    @Test
    void organizationFallsBackToTheRequestersAndIsOtherwiseRequired() {
        JsonNode viaRequester =
                parse("{\"ticket\":{\"id\":1,\"subject\":\"s\",\"requester\":{\"id\":5,\"organization_id\":99}}}");
        JsonNode none = parse("{\"ticket\":{\"id\":1,\"subject\":\"s\"}}");

        assertThat(reports.zendesk(viaRequester, ctx()).get(0).getOrganizationId())
                .isEqualTo("99");
        assertThat(violations(() -> reports.zendesk(none, ctx())))
                .containsExactly(new Violation(
                        "ticket.organization_id",
                        "missing: neither the ticket nor its requester names an organization"));
    }

    @ParameterizedTest(name = "via {0} -> {1}")
    @CsvSource(textBlock = """
            web, PORTAL
            email, EMAIL
            chat, CHAT
            native_messaging, CHAT
            voice, PHONE
            api, API
            web_service, API
            twitter, OTHER
            """)
    void viaChannelMapsToTheReportChannel(String via, ReportChannel channel) {
        assertThat(ReportChannels.fromZendesk(via)).isEqualTo(channel);
    }

    @Test
    void nonTicketEventsAndUnknownShapesAreRejected() {
        assertThat(violations(() ->
                        reports.zendesk(parse("{\"type\":\"zen:event-type:user.created\",\"detail\":{}}"), ctx())))
                .containsExactly(new Violation(
                        "type", "only ticket events are customer reports, got 'zen:event-type:user.created'"));
        assertThat(violations(() -> reports.zendesk(parse("{\"type\":\"zen:event-type:ticket.created\"}"), ctx())))
                .containsExactly(new Violation("detail", "required: the ticket is missing"));
        assertThat(violations(() -> reports.zendesk(parse("{\"hello\":1}"), ctx())))
                .extracting(Violation::field)
                .containsExactly("$");
    }

    @Test
    void unknownZendeskPriorityIsAViolation() {
        JsonNode body = parse("{\"ticket\":{\"id\":1,\"subject\":\"s\",\"organization_id\":1,\"priority\":\"meh\"}}");
        assertThat(violations(() -> reports.zendesk(body, ctx())))
                .containsExactly(
                        new Violation("ticket.priority", "unknown value 'meh'; allowed: urgent, high, normal, low"));
    }

    // --- generic --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} via {1} -> {2}")
    @CsvSource(textBlock = """
            P1,     phone,  P1, PHONE
            urgent, chat,   P1, CHAT
            high,   portal, P4, PORTAL
            P2,     email,  P4, EMAIL
            normal, ,       P4, OTHER
            low,    chat,   P4, CHAT
            ,       phone,  P4, PHONE
            """)
    void genericReportPriorityFollowsTheChannelPolicy(
            String priority, String channel, CustomerPriority expected, ReportChannel expectedChannel) {
        String json = "{\"ticketId\":\"T-1\",\"organizationId\":\"org-17\",\"subject\":\"s\""
                + (priority != null ? ",\"priority\":\"" + priority + "\"" : "")
                + (channel != null ? ",\"channel\":\"" + channel + "\"" : "") + "}";
        CustomerReport report = reports.generic(parse(json), ctx()).get(0);

        assertThat(report.getCustomerPriority()).isEqualTo(expected);
        assertThat(report.getChannel()).isEqualTo(expectedChannel);
        assertThat(report.getOriginalPriority()).isEqualTo(priority);
        assertThat(report.getReviewed()).isFalse();
    }

    @Test
    void fullGenericReportIsNormalized() {
        JsonNode body = parse("""
                [{"ticketId":"T-1","source":"portal","organizationId":"org-17","requester":"ana@example.com",
                  "product":"LiveChat","subject":"Widget down","description":"since 10:00","priority":"P1",
                  "channel":"PHONE","createdAt":"2024-05-01T12:00:00.987654+02:00","tags":["a","b"],"locale":"ja_JP"},
                 {"ticketId":"T-2","organizationId":"org-18","subject":"Other"}]
                """);
        List<CustomerReport> list = reports.generic(body, ctx());

        CustomerReport report = list.get(0);
        assertThat(report.getSource()).isEqualTo("portal");
        assertThat(report.getProduct()).isEqualTo("chat");
        assertThat(report.getRequester()).isEqualTo("ana@example.com");
        assertThat(report.getCreatedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00.987Z"));
        assertThat(report.getTags()).containsExactly("a", "b");
        assertThat(report.getLanguage()).isEqualTo("ja");
        assertThat(list.get(1).getLanguage())
                .as("no locale: the correlator detects it")
                .isNull();
        assertThat(list.get(1).getProduct())
                .as("no product: unclassified")
                .isEqualTo(ProductNames.DEFAULT_UNCLASSIFIED);
        assertThat(list.get(1).getSource()).isEqualTo("generic");
    }

    @Test
    void genericReportViolationsAreAllReported() {
        JsonNode body =
                parse("{\"priority\":\"whenever\",\"channel\":\"pigeon\",\"createdAt\":\"today\",\"tags\":\"a,b\"}");
        assertThat(violations(() -> reports.generic(body, ctx())))
                .containsExactly(
                        new Violation("ticketId", "required"),
                        new Violation("organizationId", "required"),
                        new Violation("subject", "required"),
                        new Violation(
                                "priority",
                                "unknown value 'whenever'; allowed: p1, p2, p3, p4, urgent, high, normal, low"),
                        new Violation(
                                "channel", "unknown value 'pigeon'; allowed: portal, email, chat, phone, api, other"),
                        new Violation(
                                "createdAt",
                                "not an RFC 3339 timestamp with offset: 'today' (e.g. 2024-05-01T12:00:00.123456789+02:00)"),
                        new Violation("tags", "must be an array, got a string"));
    }

    @Test
    void moreReportsThanTheLimitAreRejected() {
        ReportNormalizers limited = new ReportNormalizers(
                NormalizerSettings.defaults().withMaxItemsPerRequest(1), ProductCatalog.defaults());
        JsonNode body = parse(
                "[{\"ticketId\":\"1\",\"organizationId\":\"o\",\"subject\":\"s\"},{\"ticketId\":\"2\",\"organizationId\":\"o\",\"subject\":\"s\"}]");
        assertThat(violations(() -> limited.generic(body, ctx())))
                .containsExactly(new Violation("$", "holds 2 reports, more than the limit of 1 per request"));
    }
}
