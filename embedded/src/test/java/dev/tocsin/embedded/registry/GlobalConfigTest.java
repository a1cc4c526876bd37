package dev.tocsin.embedded.registry;

import static dev.tocsin.embedded.registry.RegistryHttp.schemaBody;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V1;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V2_AGE_WITH_DEFAULT;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V2_EMAIL_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The global level, on a registry of its own so changing it cannot disturb other tests. */
class GlobalConfigTest {

    private EmbeddedSchemaRegistry registry;
    private RegistryHttp http;

    @BeforeEach
    void start() {
        registry = RegistryHttp.startRegistry();
        http = new RegistryHttp(registry.url());
    }

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void globalLevelDefaultsToBackwardAndCanBeChanged() {
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        RegistryHttp.Response set = http.put("/config", "{\"compatibility\":\"FULL\"}");

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).isEqualTo("{\"compatibility\":\"FULL\"}");
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
        assertThat(http.get("/config/some-subject?defaultToGlobal=true").body())
                .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    }

    @Test
    void globalLevelGovernsSubjectsWithoutTheirOwn() {
        http.put("/config", "{\"compatibility\":\"FORWARD\"}");
        http.post("/subjects/s/versions", schemaBody(USER_V1));

        // Adding a required field is forward compatible (old readers ignore it)...
        assertThat(http.post("/subjects/s/versions", schemaBody(USER_V2_EMAIL_REQUIRED))
                        .status())
                .isEqualTo(200);
        // ...and under NONE anything goes.
        http.put("/config", "{\"compatibility\":\"NONE\"}");
        assertThat(http.post("/subjects/s/versions", schemaBody(USER_V2_AGE_WITH_DEFAULT))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void deletingTheGlobalLevelRestoresBackward() {
        http.put("/config", "{\"compatibility\":\"NONE\"}");

        assertThat(http.delete("/config").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }
}
