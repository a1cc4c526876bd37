package dev.tocsin.correlator.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {

    @Test
    void defaultsCarryTheDomainFigures() {
        Policy policy = Policy.defaults();

        assertThat(policy.reopenWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(policy.triageOrganizations()).isEqualTo(3);
        assertThat(policy.globalOrganizations()).isEqualTo(5);
        assertThat(policy.snapshotMembers()).isEqualTo(50);
        assertThat(policy.customerResponsibility())
                .containsKeys(
                        "network",
                        "wi-fi",
                        "dns",
                        "dhcp",
                        "vlan",
                        "firewall",
                        "bandwidth",
                        "qos",
                        "carrier",
                        "edge-appliance",
                        "phone-firmware",
                        "devices",
                        "site-environment",
                        "configuration",
                        "data-accuracy",
                        "credentials");
        assertThat(policy.severity().forAlert(Signal.AVAILABILITY, SeverityHint.CRITICAL))
                .isEqualTo(Severity.SEV1);
        assertThat(policy.severity().forAlert(Signal.ERROR_RATE, SeverityHint.CRITICAL))
                .isEqualTo(Severity.SEV2);
        assertThat(policy.severity().forPriority(CustomerPriority.P4)).isEqualTo(Severity.SEV4);
        assertThat(policy.sla().of(Severity.SEV1).firstResponse()).isEqualTo(SlaTarget.of(Duration.ofMinutes(15)));
        assertThat(policy.sla().of(Severity.SEV1).updateCadence()).isEqualTo(SlaTarget.of(Duration.ofHours(1)));
        assertThat(policy.sla().of(Severity.SEV1).restore()).isEqualTo(SlaTarget.of(Duration.ofHours(6)));
        assertThat(policy.sla().of(Severity.SEV2).updateCadence()).isEqualTo(SlaTarget.of(Duration.ofHours(2)));
        assertThat(policy.sla().of(Severity.SEV2).restore()).isEqualTo(SlaTarget.businessDays(2));
        assertThat(policy.sla().of(Severity.SEV3).updateCadence()).isEqualTo(SlaTarget.businessDays(1));
        assertThat(policy.sla().of(Severity.SEV3).restore()).isEqualTo(SlaTarget.businessDays(5));
        assertThat(policy.sla().of(Severity.SEV4).updateCadence()).isEqualTo(SlaTarget.businessDays(2));
        assertThat(policy.sla().of(Severity.SEV4).restore()).isNull();
        assertThat(policy.sla().rcaAfterResolve()).isEqualTo(SlaTarget.businessDays(5));
        assertThat(policy.sla().owesRca(Severity.SEV1)).isTrue();
        assertThat(policy.sla().owesRca(Severity.SEV2)).isFalse();
        assertThat(policy.calendar().workingDays()).hasSize(5).doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    }

    @Test
    void aYamlFileIsMergedOverTheDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, """
                triage:
                  organizations: 4
                customerResponsibility:
                  network: [lan]
                  printers: [printer]
                sla:
                  targets:
                    1: {firstResponse: PT10M}
                calendar:
                  zone: Europe/Berlin
                  holidays: [2026-12-25, 2026-12-26]
                """);

        Policy policy = Policy.load(file);

        assertThat(policy.triageOrganizations()).isEqualTo(4);
        assertThat(policy.triageWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.customerResponsibility().get("network"))
                .containsExactly(java.util.Map.entry("en", List.of("lan")));
        assertThat(policy.customerResponsibility()).containsKeys("dns", "printers");
        assertThat(policy.sla().of(Severity.SEV1).firstResponse()).isEqualTo(SlaTarget.of(Duration.ofMinutes(10)));
        assertThat(policy.sla().of(Severity.SEV1).updateCadence()).isEqualTo(SlaTarget.of(Duration.ofHours(1)));
        assertThat(policy.calendar().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(policy.calendar().holidays())
                .containsExactly(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-26"));
    }

    @Test
    void aJsonFileIsMergedOverTheDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, """
                {"correlation": {"flapWindow": "PT5M"}, "scope": {"globalOrganizations": 10}, "snapshot": {"members": 20}}
                """);

        Policy policy = Policy.load(file);

        assertThat(policy.flapWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.globalOrganizations()).isEqualTo(10);
        assertThat(policy.snapshotMembers()).isEqualTo(20);
    }

    @Test
    void anInvalidPolicyListsEveryProblemNamingItsField() {
        String yaml = """
                correlation:
                  window: 15 minutes
                  reopenWindow: -P1D
                triage:
                  organizations: 0
                snapshot:
                  members: many
                sevrity: {}
                severity:
                  byHint: {CRITICAL: 7}
                sla:
                  targets:
                    2: {firstResponse: soon}
                calendar:
                  zone: Mars/Olympus
                  workingDays: [MONDAY, FUNDAY]
                  holidays: [tomorrow]
                """;

        assertThatThrownBy(() -> Policy.parse(yaml, "bad.yaml"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("bad.yaml")
                .satisfies(e -> assertThat(((PolicyException) e).problems())
                        .contains(
                                "correlation.window: '15 minutes' is not an ISO-8601 duration (e.g. PT15M, P7D)",
                                "correlation.reopenWindow: must be positive, was -P1D",
                                "triage.organizations: must be between 1 and 10000, was 0",
                                "snapshot.members: must be a whole number, was 'many'",
                                "sevrity: unknown field",
                                "severity.byHint.CRITICAL: must be a severity 1..4, was '7'",
                                "calendar.zone: unknown time zone 'Mars/Olympus'",
                                "calendar.workingDays[1]: unknown day 'FUNDAY'",
                                "calendar.holidays[0]: 'tomorrow' is not a date (YYYY-MM-DD)"))
                .satisfies(e -> assertThat(((PolicyException) e).problems())
                        .anyMatch(p -> p.startsWith("sla.targets.2.firstResponse: 'soon'")));
    }

    @Test
    void aPolicyFileExtendsOneLanguageOfAnAreaAndKeepsTheOthers() {
        Policy policy = Policy.parse("""
                customerResponsibility:
                  wi-fi:
                    de: [funkstrecke]
                """, "test");

        assertThat(policy.customerResponsibility().get("wi-fi").get("de")).containsExactly("funkstrecke");
        assertThat(policy.customerResponsibility().get("wi-fi").get("ja")).contains("無線lan");
        assertThat(new CustomerResponsibility(policy.customerResponsibility(), policy.triageLanguages())
                        .match("Die Funkstrecke zum Lager ist gestört", null, null))
                .get()
                .extracting(CustomerResponsibility.Match::area)
                .isEqualTo("wi-fi");
    }

    @Test
    void vocabularyOfAnUndeclaredLanguageAndTooShortCompoundKeywordsAreRejected() {
        assertThatThrownBy(() -> Policy.parse("""
                triageLanguages:
                  de: {matching: compounds}
                  xx: {matching: sometimes}
                customerResponsibility:
                  network:
                    fr: [réseau]
                    de: [lan]
                """, "test"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).problems())
                        .contains(
                                "customerResponsibility.network.fr: language 'fr' is not declared in triageLanguages",
                                "customerResponsibility.network.de[0]: 'lan' is shorter than 4 characters, too unspecific to"
                                        + " match inside compounds; put it in a language with matching WORDS")
                        .anyMatch(p -> p.startsWith("triageLanguages.xx.matching: unknown Matching 'sometimes'")));
    }

    @Test
    void unreadableFilesAndNonObjectsAreReported(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Policy.load(dir.resolve("missing.yaml")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("cannot be read");
        Path list = dir.resolve("list.yaml");
        Files.writeString(list, "- a\n- b\n");
        assertThatThrownBy(() -> Policy.load(list))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("must be an object");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"triage\": ");
        assertThatThrownBy(() -> Policy.load(broken))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void anEmptyFileMeansTheDefaults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, "");

        assertThat(Policy.load(file)).isEqualTo(Policy.defaults());
    }
}
