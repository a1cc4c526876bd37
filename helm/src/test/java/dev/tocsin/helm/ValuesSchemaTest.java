package dev.tocsin.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** values.schema.json: unknown keys and wrong types fail the install; lint --strict passes. */
class ValuesSchemaTest {

    /** Objects whose content is a Kubernetes type the API server validates (documented in values.yaml). */
    private static final Set<String> KUBERNETES_PASS_THROUGH = Set.of(
            "podSecurityContext",
            "securityContext",
            "networkPolicy.metricsNamespaceSelector",
            "networkPolicy.ingestFrom[]",
            "alertIngest.affinity",
            "incidentCorrelator.affinity",
            "statusPublisher.affinity",
            "alertIngest.tolerations[]",
            "incidentCorrelator.tolerations[]",
            "statusPublisher.tolerations[]");

    @Test
    void lintStrictPassesWithDefaultValues() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
    }

    @Test
    void aMisspeltKeyIsRejected() {
        assertThatThrownBy(() -> Chart.renderHelm3(Optional.empty(), Map.of("kafka.bootstrapServer", "kafka:9092")))
                .hasMessageContaining("bootstrapServer");
        assertThatThrownBy(() -> Chart.renderHelm3(Optional.empty(), Map.of("statusPublisher.ingress.hots", "x")))
                .hasMessageContaining("hots");
    }

    @Test
    void aWrongTypeOrUnknownProtocolIsRejected() {
        assertThatThrownBy(() -> Chart.renderHelm3(Optional.empty(), Map.of("incidentCorrelator.replicas", "three")))
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> Chart.renderHelm3(Optional.empty(), Map.of("kafka.securityProtocol", "SASL_TLS")))
                .hasMessageContaining("securityProtocol");
    }

    @Test
    void saslWithoutAnExistingSecretIsRefused() {
        assertThatThrownBy(() -> Chart.renderHelm3(Optional.empty(), Map.of("kafka.securityProtocol", "SASL_SSL")))
                .hasMessageContaining("kafka.sasl.existingSecret");
    }

    @Test
    void everyObjectInTheSchemaClosesItsKeysOrTypesItsMapValues() throws Exception {
        JsonNode schema = new ObjectMapper()
                .readTree(Chart.DIR.resolve("values.schema.json").toFile());
        List<String> open = new ArrayList<>();
        collectOpenObjects(schema, "", open);
        assertThat(open).isEmpty();
    }

    private static void collectOpenObjects(JsonNode node, String path, List<String> open) {
        boolean isObject = node.path("type").asText().equals("object");
        if (isObject && !KUBERNETES_PASS_THROUGH.contains(path)) {
            JsonNode additional = node.get("additionalProperties");
            if (additional == null || (additional.isBoolean() && additional.asBoolean())) {
                open.add(path.isEmpty() ? "(root)" : path);
            }
        }
        node.path("properties")
                .properties()
                .forEach(field -> collectOpenObjects(
                        field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), open));
        if (node.has("items")) {
            collectOpenObjects(node.get("items"), path + "[]", open);
        }
    }
}
