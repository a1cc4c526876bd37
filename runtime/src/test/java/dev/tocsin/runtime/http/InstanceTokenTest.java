package dev.tocsin.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Instances that call each other share a configured secret; a lone instance gets one nobody knows. */
class InstanceTokenTest {

    @Test
    void instancesThatCallEachOtherRefuseToStartWithoutTheSharedToken() {
        assertThatThrownBy(
                        () -> InstanceToken.configured(new Environment(Map.of()), true, "TOCSIN_X_APPLICATION_SERVER"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_INTERNAL_TOKEN")
                .hasMessageContaining("TOCSIN_X_APPLICATION_SERVER");
    }

    @Test
    void theConfiguredTokenIsSharedAndALoneInstanceGetsARandomOne() {
        Environment env = new Environment(Map.of("TOCSIN_INTERNAL_TOKEN", "shared-secret"));
        assertThat(InstanceToken.configured(env, true, "X").secret()).isEqualTo("shared-secret");
        String alone =
                InstanceToken.configured(new Environment(Map.of()), false, "X").secret();
        assertThat(alone)
                .hasSizeGreaterThan(30)
                .isNotEqualTo(InstanceToken.configured(new Environment(Map.of()), false, "X")
                        .secret());
        assertThat(InstanceToken.configured(env, true, "X").toString()).doesNotContain("shared-secret");
    }
}
