package dev.tocsin.publisher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {

    private final PendingOffsets offsets = new PendingOffsets();

    @Test
    void anUnfinishedRecordHoldsBackTheCommitButNotTheRecordsAfterIt() {
        offsets.started(5);
        offsets.started(6);
        offsets.started(7);
        offsets.finished(6);
        offsets.finished(7);

        assertThat(offsets.committable())
                .as("5 is unfinished: the group already stands at 5")
                .isEmpty();

        offsets.finished(5);

        assertThat(offsets.committable()).isEqualTo(OptionalLong.of(8));
    }

    @Test
    void theCommitMovesUpToTheFirstUnfinishedRecord() {
        offsets.started(0);
        offsets.started(1);
        offsets.started(2);
        offsets.finished(0);

        assertThat(offsets.committable()).isEqualTo(OptionalLong.of(1));
        offsets.committed(1);
        assertThat(offsets.committable()).isEmpty();
        assertThat(offsets.restartAt()).isEqualTo(OptionalLong.of(1));
        assertThat(offsets.inFlight()).isEqualTo(2);
    }

    @Test
    void beforeAnyCommitARestartBeginsAtTheFirstRecordTakenOn() {
        offsets.started(42);

        assertThat(offsets.restartAt()).isEqualTo(OptionalLong.of(42));
    }
}
