package dev.tocsin.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator the chart tests rely on catches what helm itself lets through. */
class KubernetesModelsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              replica: 2
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: c
                      image: i
                      readinessProbe: {httpGet: {path: /ready, port: management}, periodSecond: 5}
            """;

    @Test
    void fieldsTheTypedModelDoesNotKnowAreReportedWithTheirPath() {
        List<HasMetadata> read = KubernetesModels.read(DEPLOYMENT);

        assertThat(KubernetesModels.unknownFields(read.get(0)))
                .containsExactlyInAnyOrder(
                        "Deployment/d.spec.replica",
                        "Deployment/d.spec.template.spec.containers[0].readinessProbe.periodSecond");
    }

    @Test
    void aWrongTypeOrAKindWithoutModelFailsTheRead() {
        assertThatThrownBy(() -> KubernetesModels.read(DEPLOYMENT.replace("replica: 2", "replicas: two")))
                .hasMessageContaining("two");
        assertThatThrownBy(
                        () -> KubernetesModels.read("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"))
                .hasMessageContaining("no typed model for example.com/v1 Widget");
    }
}
