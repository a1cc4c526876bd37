package dev.tocsin.publisher.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageFeedReadinessTest {

    @Test
    void anInstanceIsReadyOnceItsReplicaCaughtUpAndNotAfterTheReplicaStopped() {
        PageFeed feed = new PageFeed();
        assertThat(feed.readiness().ready()).isFalse();

        feed.publish(new PageFeed.Inputs(List.of(), List.of()));
        assertThat(feed.readiness().ready()).isTrue();

        feed.withdraw();
        assertThat(feed.readiness().ready()).isFalse();
    }
}
