package dev.tocsin.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.MaintenanceState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaintenanceTransitionsTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "SCHEDULED,   IN_PROGRESS, true",
        "IN_PROGRESS, VERIFYING,   true",
        "VERIFYING,   COMPLETED,   true",
        "IN_PROGRESS, COMPLETED,   true",
        "VERIFYING,   IN_PROGRESS, true",
        "SCHEDULED,   CANCELLED,   true",
        "IN_PROGRESS, CANCELLED,   true",
        "VERIFYING,   CANCELLED,   true",
        "SCHEDULED,   SCHEDULED,   true",
        "COMPLETED,   COMPLETED,   true",
        "CANCELLED,   CANCELLED,   true",
        "SCHEDULED,   VERIFYING,   false",
        "SCHEDULED,   COMPLETED,   false",
        "IN_PROGRESS, SCHEDULED,   false",
        "VERIFYING,   SCHEDULED,   false",
        "COMPLETED,   IN_PROGRESS, false",
        "COMPLETED,   CANCELLED,   false",
        "COMPLETED,   SCHEDULED,   false",
        "CANCELLED,   SCHEDULED,   false",
        "CANCELLED,   IN_PROGRESS, false",
        "CANCELLED,   COMPLETED,   false",
    })
    void operatorTransitionsFollowTheStateMachine(MaintenanceState from, MaintenanceState to, boolean allowed) {
        assertThat(MaintenanceTransitions.allowed(from, to)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource({"SCHEDULED", "IN_PROGRESS", "VERIFYING", "COMPLETED", "CANCELLED"})
    void aNewWindowMayStartInAnyState(MaintenanceState to) {
        assertThat(MaintenanceTransitions.allowed(null, to)).isTrue();
    }
}
