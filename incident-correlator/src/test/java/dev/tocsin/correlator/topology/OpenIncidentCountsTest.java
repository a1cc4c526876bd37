package dev.tocsin.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpenIncidentCountsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double open(String product, Severity severity) {
        return registry.get(OpenIncidentCounts.METER)
                .tag("product", product)
                .tag("severity", severity.name())
                .tag("scope", Scope.PLATFORM.name())
                .gauge()
                .value();
    }

    private static Incident incident(String id, String product, Severity severity, PublicStatus status) {
        Instant t = Instant.parse("2026-11-23T09:00:00Z");
        return Incident.newBuilder()
                .setIncidentId(id)
                .setProduct(product)
                .setTitle("t")
                .setSeverity(severity)
                .setScope(Scope.PLATFORM)
                .setStatus(status)
                .setOpenedAt(t)
                .setUpdatedAt(t)
                .build();
    }

    @Test
    void anIncidentIsCountedOnceUnderItsLatestSeverity() {
        OpenIncidentCounts counts = new OpenIncidentCounts(registry, 10);
        counts.snapshot("0_0", incident("chat-1", "chat", Severity.SEV3, PublicStatus.INVESTIGATING));
        counts.snapshot("0_0", incident("chat-1", "chat", Severity.SEV1, PublicStatus.IDENTIFIED));

        assertThat(open("chat", Severity.SEV3)).isZero();
        assertThat(open("chat", Severity.SEV1)).isEqualTo(1);
    }

    @Test
    void aTaskThatMovesAwayTakesItsIncidentsAndARestartedTaskIsRecounted() {
        OpenIncidentCounts counts = new OpenIncidentCounts(registry, 10);
        counts.taskStarted("0_0");
        counts.snapshot("0_0", incident("chat-1", "chat", Severity.SEV2, PublicStatus.INVESTIGATING));
        counts.snapshot("0_1", incident("voice-1", "voice", Severity.SEV2, PublicStatus.INVESTIGATING));

        counts.taskClosed("0_1");
        assertThat(open("voice", Severity.SEV2)).isZero();

        counts.taskStarted("0_0"); // re-counted from the stores after this
        counts.snapshot("0_0", incident("chat-1", "chat", Severity.SEV2, PublicStatus.INVESTIGATING));
        assertThat(open("chat", Severity.SEV2)).isEqualTo(1);
    }

    @Test
    void productsBeyondTheCapAreCountedAsOther() {
        OpenIncidentCounts counts = new OpenIncidentCounts(registry, 1);
        counts.snapshot("0_0", incident("chat-1", "chat", Severity.SEV2, PublicStatus.INVESTIGATING));
        counts.snapshot("0_0", incident("voice-1", "voice", Severity.SEV2, PublicStatus.INVESTIGATING));
        counts.snapshot("0_0", incident("talk-1", "talk", Severity.SEV2, PublicStatus.INVESTIGATING));

        assertThat(open("chat", Severity.SEV2)).isEqualTo(1);
        assertThat(open(OpenIncidentCounts.OTHER, Severity.SEV2)).isEqualTo(2);
        assertThat(registry.find(OpenIncidentCounts.METER)
                        .tag("product", "voice")
                        .gauge())
                .isNull();
    }
}
