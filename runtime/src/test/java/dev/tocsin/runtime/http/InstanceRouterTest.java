package dev.tocsin.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class InstanceRouterTest {

    @Test
    void configuredEndpointIsAdvertisedAsApplicationServer() {
        Properties props = new Properties();

        HostInfo self = InstanceRouter.advertise(props, Optional.of("publisher-1.internal:8083"));

        assertThat(self).isEqualTo(new HostInfo("publisher-1.internal", 8083));
        assertThat(props).containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "publisher-1.internal:8083");
    }

    @Test
    void instanceWithoutEndpointRunsAloneAndAdvertisesNothing() {
        Properties props = new Properties();

        assertThat(InstanceRouter.advertise(props, Optional.empty())).isNull();
        assertThat(props).doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
    }

    @Test
    void forwardedRequestsAreMarkedLocalSoTheyNeverTravelAgain() {
        assertThat(InstanceRouter.withLocal(null)).isEqualTo("local=true");
        assertThat(InstanceRouter.withLocal("")).isEqualTo("local=true");
        assertThat(InstanceRouter.withLocal("locale=de")).isEqualTo("locale=de&local=true");
    }
}
