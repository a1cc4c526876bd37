package dev.tocsin.correlator.domain;

import static dev.tocsin.correlator.domain.TestData.alert;
import static dev.tocsin.correlator.domain.TestData.command;
import static dev.tocsin.correlator.domain.TestData.minutes;
import static dev.tocsin.correlator.domain.TestData.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CommandType;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.IncidentEventType;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SeverityHint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rule 4: single customer, platform, global (P1G). */
class ScopeRulesTest {

    @Test
    void monitoringAlertMakesTheIncidentPlatformLevel() {
        Harness h = new Harness();
        h.alert(alert("fp-1"), minutes(0));

        assertThat(h.onlyIncident().getScope()).isEqualTo(Scope.PLATFORM);
    }

    @Test
    void oneOrganizationWithoutAlertIsSingleCustomerThenSeveralArePlatform() {
        // with a threshold of one organization a single report opens an incident
        Harness h = Harness.withPolicy("triage: {organizations: 1}");
        h.report(report("T-1").org("org-1"), minutes(0));
        assertThat(h.onlyIncident().getScope()).isEqualTo(Scope.SINGLE_CUSTOMER);
        assertThat(h.onlyIncident().getSla().getRestoreDue())
                .as("restore targets are platform-only")
                .isNull();

        Outcome second = h.report(report("T-2").org("org-2"), minutes(1));

        assertThat(h.onlyIncident().getScope()).isEqualTo(Scope.PLATFORM);
        assertThat(Harness.types(second)).contains(IncidentEventType.SCOPE_CHANGED);
    }

    @Test
    void fiveOrganizationsMakeTheIncidentGlobalAndSeverity1() {
        Harness h = new Harness();
        h.alert(alert("fp-1").hint(SeverityHint.MEDIUM), minutes(0));
        for (int org = 1; org <= 4; org++) {
            h.report(report("T-" + org).org("org-" + org), minutes(org));
        }
        assertThat(h.onlyIncident().getScope()).isEqualTo(Scope.PLATFORM);

        Outcome fifth = h.report(report("T-5").org("org-5"), minutes(5));

        Incident incident = h.onlyIncident();
        assertThat(incident.getOrganizationCount()).isEqualTo(5);
        assertThat(incident.getScope()).isEqualTo(Scope.GLOBAL);
        assertThat(incident.getSeverity()).isEqualTo(Severity.SEV1);
        assertThat(incident.getPublished()).isTrue();
        // hourly communication updates from the latest public update (the opening)
        assertThat(incident.getSla().getNextUpdateDue()).isEqualTo(minutes(0).plus(Duration.ofHours(1)));
        assertThat(Harness.types(fifth))
                .contains(
                        IncidentEventType.SCOPE_CHANGED,
                        IncidentEventType.PUBLISHED,
                        IncidentEventType.SEVERITY_CHANGED);
    }

    @Test
    void scopeNeverNarrowsAutomatically() {
        Harness h = new Harness();
        h.alert(alert("fp-1"), minutes(0));
        for (int org = 1; org <= 5; org++) {
            h.report(report("T-" + org).org("org-" + org), minutes(org));
        }
        h.command(
                command(CommandType.UNLINK_TICKET, h.onlyIncident().getIncidentId())
                        .ticket("T-5"),
                minutes(10));

        assertThat(h.onlyIncident().getOrganizationCount()).isEqualTo(4);
        assertThat(h.onlyIncident().getScope()).isEqualTo(Scope.GLOBAL);
    }
}
