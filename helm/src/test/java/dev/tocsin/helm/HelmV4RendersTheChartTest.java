package dev.tocsin.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real helm v4 (helm/fetch-helm4.sh) lints and renders the chart with both value sets, and renders the same
 * objects as helm 3. Skipped without the binary, except where TOCSIN_REQUIRE_PEERS=true (CI), where it fails.
 */
class HelmV4RendersTheChartTest {

    private static Path helm4;

    @TempDir
    Path home;

    @BeforeAll
    static void findHelm4() {
        Optional<Path> binary = Chart.helm4();
        if (binary.isEmpty() && "true".equals(System.getenv("TOCSIN_REQUIRE_PEERS"))) {
            throw new AssertionError("helm v4 missing: run helm/fetch-helm4.sh");
        }
        Assumptions.assumeTrue(binary.isPresent(), "helm v4 not fetched (helm/fetch-helm4.sh)");
        helm4 = binary.get();
    }

    private List<String> args(String... args) {
        return new ArrayList<>(List.of(args));
    }

    @Test
    void isHelmVersion4() throws Exception {
        assertThat(Chart.runHelm4(helm4, home, args("version", "--short"))).startsWith("v4.");
    }

    @Test
    void lintStrictPassesWithBothValueSets() throws Exception {
        Chart.runHelm4(helm4, home, args("lint", "--strict", Chart.DIR.toString()));
        Chart.runHelm4(
                helm4, home, args("lint", "--strict", "-f", Chart.PRODUCTION_VALUES.toString(), Chart.DIR.toString()));
    }

    private List<HasMetadata> renderHelm4(Optional<Path> values) throws Exception {
        List<String> template = args(
                "template",
                Chart.RELEASE,
                Chart.DIR.toString(),
                "--namespace",
                Chart.NAMESPACE,
                "--kube-version",
                Chart.KUBE_VERSION,
                "--api-versions",
                "monitoring.coreos.com/v1");
        values.ifPresent(file -> template.addAll(List.of("-f", file.toString())));
        return KubernetesModels.read(Chart.runHelm4(helm4, home, template));
    }

    private static Map<String, HasMetadata> byKindAndName(List<HasMetadata> resources) {
        return resources.stream()
                .collect(Collectors.toMap(
                        r -> r.getKind() + "/" + r.getMetadata().getName(), r -> r));
    }

    @Test
    void rendersTheSameValidObjectsAsHelm3PlusTheTopicHookWithBothValueSets() throws Exception {
        for (Optional<Path> values : List.of(Optional.<Path>empty(), Optional.of(Chart.PRODUCTION_VALUES))) {
            Map<String, HasMetadata> byHelm4 = byKindAndName(renderHelm4(values));
            Map<String, HasMetadata> byHelm3 =
                    byKindAndName(KubernetesModels.read(Chart.renderHelm3(values, Map.of())));

            byHelm4.values()
                    .forEach(resource ->
                            assertThat(KubernetesModels.unknownFields(resource)).isEmpty());
            // helm-java's template leaves hooks out; helm v4 renders the topic Job too
            assertThat(byHelm4.keySet())
                    .as(values.toString())
                    .containsExactlyInAnyOrderElementsOf(concat(byHelm3.keySet(), "Job/tocsin-topics"));
            byHelm3.forEach(
                    (key, resource) -> assertThat(byHelm4.get(key)).as(key).isEqualTo(resource));
        }
    }

    private static List<String> concat(java.util.Set<String> keys, String extra) {
        List<String> all = new ArrayList<>(keys);
        all.add(extra);
        return all;
    }

    @Test
    void theTopicJobIsAPreInstallAndPreUpgradeHookCreatingTopicsWithReplicationAndMinIsrAndRegisteringSchemas()
            throws Exception {
        Job job = RenderedChartTest.ofType(renderHelm4(Optional.of(Chart.PRODUCTION_VALUES)), Job.class)
                .get(0);
        assertThat(KubernetesModels.unknownFields(job)).isEmpty();
        assertThat(job.getMetadata().getAnnotations()).containsEntry("helm.sh/hook", "pre-install,pre-upgrade");
        Container container =
                job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getCommand()).endsWith("dev.tocsin.runtime.kafka.TopicSetup");
        assertThat(RenderedChartTest.env(container))
                .extractingFromEntries(e -> e.getKey() + "=" + e.getValue().getValue())
                .contains(
                        "TOCSIN_TOPICS_PARTITIONS=12",
                        "TOCSIN_TOPICS_REPLICATION_FACTOR=3",
                        "TOCSIN_TOPICS_MIN_INSYNC_REPLICAS=2",
                        "TOCSIN_TOPIC_PREFIX=tocsin.",
                        "TOCSIN_TOPICS_REGISTER_SCHEMAS=true");
        assertThat(RenderedChartTest.env(container)
                        .get("TOCSIN_SCHEMA_REGISTRY_PASSWORD")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .isEqualTo("tocsin-schema-registry");
    }

    @Test
    void theTopicJobRunsRestrictedWithTheKafkaSecretsMountedAsFiles() throws Exception {
        Job job = RenderedChartTest.ofType(renderHelm4(Optional.of(Chart.PRODUCTION_VALUES)), Job.class)
                .get(0);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
                .isTrue();
        assertThat(pod.getVolumes())
                .filteredOn(volume -> volume.getSecret() != null)
                .extracting(volume -> volume.getSecret().getSecretName())
                .containsExactlyInAnyOrder("tocsin", "events-cluster-ca-cert", "tocsin-schema-registry-tls");
        assertThat(RenderedChartTest.env(pod.getContainers().get(0))
                        .get("KAFKA_SASL_JAAS_CONFIG")
                        .getValue())
                .startsWith("${dir:/etc/tocsin/secrets/");
    }
}
