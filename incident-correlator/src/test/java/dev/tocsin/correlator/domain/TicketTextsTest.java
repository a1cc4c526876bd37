package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.minutes;
import static dev.tocsin.correlator.domain.TestData.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.TicketUpdate;
import dev.tocsin.avro.TicketUpdateKind;
import dev.tocsin.avro.TriageOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reasons and the standard-troubleshooting reply in the ticket's language. */
class TicketTextsTest {

    private final Harness h = new Harness();

    @Test
    void everyKeyAndPlaceholderExistsInEnglishGermanAndJapanese() {
        assertThat(TicketTexts.CATALOG.inconsistencies()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "de", "ja"})
    void everyAreaOfTheShippedPolicyHasANameAndChecksInEveryLanguage(String language) {
        Policy.defaults().customerResponsibility().keySet().forEach(area -> {
            assertThat(TicketTexts.CATALOG.catalogOf(language)).as(area).containsKeys("area." + area, "check." + area);
        });
    }

    @Test
    void germanReportGetsReasonAndReplyInGermanNamingTheArea() {
        Outcome outcome = h.report(
                report("T-1").subject("Seit wir das WLAN im Büro umgestellt haben, brechen Anrufe ab"), minutes(0));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(update -> {
            assertThat(update.getTriageOutcome()).isEqualTo(TriageOutcome.STANDARD_TROUBLESHOOTING);
            assertThat(update.getLanguage()).isEqualTo("de");
            assertThat(update.getReason())
                    .startsWith("customer-responsibility: wi-fi")
                    .contains("WLAN und drahtloser Zugang liegt in der Verantwortung des Kunden");
            assertThat(update.getReply())
                    .startsWith("Vielen Dank für Ihre Meldung")
                    .contains("Access Points");
        });
    }

    @Test
    void japaneseReportGetsReasonAndReplyInJapanese() {
        Outcome outcome = h.report(report("T-1").subject("社内の無線LANを変更してから通話が途切れます"), minutes(0));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(update -> {
            assertThat(update.getLanguage()).isEqualTo("ja");
            assertThat(update.getReason())
                    .startsWith("customer-responsibility: wi-fi")
                    .contains("お客様の責任範囲");
            assertThat(update.getReply()).startsWith("ご報告ありがとうございます").contains("アクセスポイント");
        });
    }

    @Test
    void theSourcesLocaleWinsOverTheTextsLanguage() {
        Outcome outcome =
                h.report(report("T-1").language("ja").subject("Firewall change, chat does not load"), minutes(0));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(update -> {
            assertThat(update.getLanguage()).isEqualTo("ja");
            assertThat(update.getReply()).contains("ファイアウォール");
        });
    }

    @Test
    void englishReasonsKeepTheirFormerWording() {
        Outcome outcome = h.report(report("T-1").subject("Chat is slow"), minutes(0));

        assertThat(outcome.ticketUpdates()).singleElement().satisfies(update -> {
            assertThat(update.getLanguage()).isEqualTo("en");
            assertThat(update.getReason())
                    .isEqualTo("single-customer: 1 of 3 organizations needed reported chat within PT1H");
            assertThat(update.getReply()).isNull();
        });
    }

    @Test
    void theTicketsLanguageIsUsedForEveryLaterUpdateOfThatTicket() {
        h.report(report("T-1").org("org-1").subject("Der Chat lädt nicht, bitte prüfen"), minutes(0));
        h.report(report("T-2").org("org-2").subject("チャットが表示されません"), minutes(1));
        Outcome third = h.report(report("T-3").org("org-3").subject("Chat does not load"), minutes(2));

        assertThat(third.ticketUpdates())
                .extracting(TicketUpdate::getTicketId, TicketUpdate::getLanguage)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("T-1", "de"),
                        org.assertj.core.groups.Tuple.tuple("T-2", "ja"),
                        org.assertj.core.groups.Tuple.tuple("T-3", "en"));
        assertThat(third.ticketUpdates())
                .filteredOn(u -> u.getTicketId().equals("T-1"))
                .singleElement()
                .satisfies(u -> assertThat(u.getReason())
                        .startsWith("customer-report-wave:")
                        .contains("verknüpft"));
        assertThat(third.ticketUpdates())
                .filteredOn(u -> u.getTicketId().equals("T-2"))
                .singleElement()
                .satisfies(u -> assertThat(u.getReason())
                        .startsWith("customer-report-wave:")
                        .contains("リンクしました"));

        // a later report of the German ticket in English keeps the German ticket German
        Outcome repeat = h.report(report("T-1").org("org-1").subject("Still broken"), minutes(3));
        assertThat(repeat.ticketUpdates())
                .allSatisfy(u -> assertThat(u.getLanguage()).isEqualTo("de"));
        assertThat(h.state.ticket("T-1"))
                .get()
                .satisfies(t -> assertThat(t.getLanguage()).isEqualTo("de"));
    }

    @Test
    void anAreaAddedByAPolicyFileGetsItsIdAndTheGenericReply() {
        assertThat(TicketTexts.areaName("de", "printers")).isEqualTo("printers");
        assertThat(TicketTexts.reply("de", "printers"))
                .contains("printers")
                .contains(TicketTexts.format("de", "check.generic"));
        assertThat(TicketTexts.reply("fr", "wi-fi")).isEqualTo(TicketTexts.reply("en", "wi-fi"));
    }

    @Test
    void statusChangeUpdatesCarryTheTicketsLanguage() {
        h.report(report("T-1").org("org-1").subject("Der Chat lädt nicht, bitte prüfen"), minutes(0));
        h.report(report("T-2").org("org-2").subject("チャットが表示されません"), minutes(1));
        h.report(report("T-3").org("org-3").subject("Chat does not load"), minutes(2));
        String id = h.onlyIncident().getIncidentId();

        Outcome resolved = h.command(TestData.command(dev.tocsin.avro.CommandType.RESOLVE, id), minutes(5));

        assertThat(resolved.ticketUpdates())
                .filteredOn(u -> u.getKind() == TicketUpdateKind.RESOLVED_FOLLOW_UP_REQUIRED)
                .extracting(TicketUpdate::getTicketId, TicketUpdate::getLanguage)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("T-1", "de"),
                        org.assertj.core.groups.Tuple.tuple("T-2", "ja"),
                        org.assertj.core.groups.Tuple.tuple("T-3", "en"));
    }
}
