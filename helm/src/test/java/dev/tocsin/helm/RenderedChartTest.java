package dev.tocsin.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart rendered by helm 3 (helm-java) with its default values and with ci/production-values.yaml. helm-java's
 * template leaves hooks out, so the topic Job is checked on helm v4's rendering (HelmV4RendersTheChartTest).
 */
class RenderedChartTest {

    private static List<HasMetadata> defaults;
    private static List<HasMetadata> production;

    @BeforeAll
    static void render() {
        defaults = KubernetesModels.read(Chart.renderHelm3(Optional.empty(), Map.of()));
        production = KubernetesModels.read(Chart.renderHelm3(Optional.of(Chart.PRODUCTION_VALUES), Map.of()));
    }

    private static Map<String, Long> kinds(List<HasMetadata> resources) {
        return resources.stream().collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
    }

    static <T extends HasMetadata> List<T> ofType(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static Map<String, PodSpec> podSpecs(List<HasMetadata> resources) {
        return Stream.of(
                        ofType(resources, Deployment.class).stream()
                                .map(d -> Map.entry(
                                        d.getMetadata().getName(),
                                        d.getSpec().getTemplate().getSpec())),
                        ofType(resources, StatefulSet.class).stream()
                                .map(s -> Map.entry(
                                        s.getMetadata().getName(),
                                        s.getSpec().getTemplate().getSpec())),
                        ofType(resources, Job.class).stream()
                                .map(j -> Map.entry(
                                        j.getMetadata().getName(),
                                        j.getSpec().getTemplate().getSpec())))
                .flatMap(Function.identity())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    @Test
    void everyRenderedDocumentIsATypedKubernetesObjectWithoutUnknownFields() {
        for (List<HasMetadata> rendering : List.of(defaults, production)) {
            for (HasMetadata resource : rendering) {
                assertThat(KubernetesModels.unknownFields(resource))
                        .as(resource.getKind() + " " + resource.getMetadata().getName())
                        .isEmpty();
                assertThat(resource.getMetadata().getName()).isNotBlank();
            }
        }
    }

    @Test
    void defaultValuesRenderTheThreeServicesOnly() {
        assertThat(kinds(defaults))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "ServiceAccount", 1L, "ConfigMap", 1L, "Service", 5L, "Deployment", 1L, "StatefulSet", 2L));
    }

    @Test
    void productionValuesAddIngressesAutoscalingMonitoringDisruptionBudgetsAndNetworkPolicies() {
        assertThat(kinds(production))
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("ServiceAccount", 1L),
                        Map.entry("ConfigMap", 2L),
                        Map.entry("Service", 5L),
                        Map.entry("Deployment", 1L),
                        Map.entry("StatefulSet", 2L),
                        Map.entry("Ingress", 2L),
                        Map.entry("HorizontalPodAutoscaler", 1L),
                        Map.entry("PodDisruptionBudget", 3L),
                        Map.entry("NetworkPolicy", 3L),
                        Map.entry("ServiceMonitor", 1L),
                        Map.entry("PrometheusRule", 1L)));
        ServiceMonitor monitor = ofType(production, ServiceMonitor.class).get(0);
        assertThat(monitor.getSpec().getEndpoints()).allSatisfy(endpoint -> {
            assertThat(endpoint.getPort()).isEqualTo("management");
            assertThat(endpoint.getPath()).isEqualTo("/metrics");
        });
        assertThat(ofType(production, PrometheusRule.class).get(0).getSpec().getGroups())
                .isNotEmpty()
                .allSatisfy(group -> assertThat(group.getRules()).isNotEmpty());
        assertThat(production)
                .filteredOn(r -> r.getKind().equals("ConfigMap"))
                .anySatisfy(map -> assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1"));
    }

    @Test
    void everyPodRunsRestrictedNonRootReadOnlyWithoutPrivilegeEscalationOrCapabilities() {
        for (List<HasMetadata> rendering : List.of(defaults, production)) {
            podSpecs(rendering).forEach((name, pod) -> {
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                        .as(name)
                        .isEqualTo("RuntimeDefault");
                assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
                for (Container container : pod.getContainers()) {
                    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem())
                            .as(name)
                            .isTrue();
                    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                            .as(name)
                            .isFalse();
                    assertThat(container.getSecurityContext().getCapabilities().getDrop())
                            .as(name)
                            .containsExactly("ALL");
                    assertThat(container.getVolumeMounts())
                            .as(name)
                            .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
                    assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
                }
            });
        }
    }

    @Test
    void probesAskHealthAndReadinessOnTheNamedManagementPort() {
        podSpecs(production).forEach((name, pod) -> {
            if (name.endsWith("-topics")) {
                return;
            }
            Container container = pod.getContainers().get(0);
            assertThat(container.getPorts()).extracting("name").containsExactlyInAnyOrder("http", "management");
            for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe())) {
                assertThat(probe.getHttpGet().getPath()).as(name).isEqualTo("/health");
                assertThat(probe.getHttpGet().getPort().getStrVal()).as(name).isEqualTo("management");
            }
            assertThat(container.getReadinessProbe().getHttpGet().getPath())
                    .as(name)
                    .isEqualTo("/ready");
            assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
                    .as(name)
                    .isEqualTo("management");
        });
    }

    @Test
    void streamsServicesAreParallelStatefulSetsWithAStateClaimAStableIdentityAndGraceBeyondShutdown() {
        List<StatefulSet> sets = ofType(production, StatefulSet.class);
        assertThat(sets)
                .extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("tocsin-incident-correlator", "tocsin-status-publisher");
        for (StatefulSet set : sets) {
            String name = set.getMetadata().getName();
            assertThat(set.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
            assertThat(set.getSpec().getReplicas()).isEqualTo(3);
            assertThat(set.getSpec().getServiceName()).isEqualTo(name + "-headless");
            assertThat(set.getSpec().getVolumeClaimTemplates()).singleElement().satisfies(claim -> {
                assertThat(claim.getMetadata().getName()).isEqualTo("state");
                assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
                assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
                assertThat(claim.getSpec().getResources().getRequests()).containsKey("storage");
            });
            PodSpec pod = set.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            assertThat(container.getVolumeMounts()).anySatisfy(m -> {
                assertThat(m.getName()).isEqualTo("state");
                assertThat(m.getMountPath())
                        .isEqualTo(env(container).get("TOCSIN_STATE_DIR").getValue());
            });
            Map<String, EnvVar> env = env(container);
            String prefix = name.contains("correlator") ? "CORRELATOR" : "PUBLISHER";
            assertThat(env.get("TOCSIN_" + prefix + "_APPLICATION_SERVER").getValue())
                    .startsWith("$(POD_NAME)." + name + "-headless.$(POD_NAMESPACE).svc:");
            assertThat(env.get("KAFKA_MAIN_CONSUMER_GROUP_INSTANCE_ID").getValue())
                    .isEqualTo("$(POD_NAME)");
            assertThat(env.get("KAFKA_NUM_STANDBY_REPLICAS").getValue()).isEqualTo("1");
            assertThat(env.get("POD_NAME").getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.name");
            String shutdownTimeout = env.get("TOCSIN_SHUTDOWN_TIMEOUT").getValue();
            assertThat(shutdownTimeout).endsWith("ms");
            long shutdownSeconds = Long.parseLong(shutdownTimeout.replace("ms", "")) / 1000;
            assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(shutdownSeconds);
        }
        assertThat(production)
                .filteredOn(r -> r.getMetadata().getName().endsWith("-headless"))
                .hasSize(2)
                .allSatisfy(service -> assertThat(((io.fabric8.kubernetes.api.model.Service) service)
                                .getSpec()
                                .getClusterIP())
                        .isEqualTo("None"));
    }

    @Test
    void networkPoliciesOpenTheManagementPortOnlyToMonitoringAndTheCorrelatorOnlyToTocsinPods() {
        List<NetworkPolicy> policies = ofType(production, NetworkPolicy.class);
        assertThat(policies).hasSize(3).allSatisfy(policy -> {
            assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(policy.getSpec().getIngress())
                    .filteredOn(
                            rule -> rule.getPorts().get(0).getPort().getStrVal().equals("management"))
                    .singleElement()
                    .satisfies(rule -> assertThat(rule.getFrom())
                            .singleElement()
                            .satisfies(peer -> assertThat(
                                            peer.getNamespaceSelector().getMatchLabels())
                                    .containsEntry("kubernetes.io/metadata.name", "monitoring")));
        });
        NetworkPolicy correlator = policies.stream()
                .filter(p -> p.getMetadata().getName().endsWith("incident-correlator"))
                .findFirst()
                .orElseThrow();
        assertThat(correlator.getSpec().getIngress())
                .filteredOn(rule -> rule.getPorts().get(0).getPort().getStrVal().equals("http"))
                .singleElement()
                .satisfies(rule -> assertThat(rule.getFrom())
                        .singleElement()
                        .satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                                .containsEntry("app.kubernetes.io/name", "tocsin")));
    }

    @Test
    void aLongReleaseNameStillGivesValidObjectNames() {
        String manifests = new com.marcnuri.helm.Helm(Chart.DIR)
                .template()
                .withName("customer-notifications-production-eu-west")
                .withNamespace(Chart.NAMESPACE)
                .withKubeVersion(Chart.KUBE_VERSION)
                .call();
        List<HasMetadata> resources = KubernetesModels.read(manifests);
        assertThat(resources)
                .allSatisfy(resource -> assertThat(resource.getMetadata().getName())
                        .hasSizeLessThanOrEqualTo(63)
                        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
        assertThat(ofType(resources, StatefulSet.class))
                .allSatisfy(set -> assertThat(set.getMetadata().getName()).hasSizeLessThanOrEqualTo(52));
    }

    @Test
    void alertIngestIsAnAutoscaledDeploymentWhoseInstanceIdIsItsPodName() {
        Deployment ingest = ofType(production, Deployment.class).get(0);
        assertThat(ingest.getSpec().getReplicas()).as("the HPA owns the count").isNull();
        assertThat(env(ingest.getSpec().getTemplate().getSpec().getContainers().get(0))
                        .get("TOCSIN_INGEST_INSTANCE_ID")
                        .getValue())
                .isEqualTo("$(POD_NAME)");
    }

    @Test
    void secretsAreReferencedFromExistingSecretsAndNeverInlined() {
        assertThat(kinds(production)).doesNotContainKey("Secret");
        podSpecs(production).forEach((name, pod) -> {
            Container container = pod.getContainers().get(0);
            Map<String, EnvVar> env = env(container);
            env.values().stream()
                    .filter(v -> v.getName().matches(".*(PASSWORD|TOKEN|SECRET|JAAS).*"))
                    .forEach(v -> assertThat(
                                    v.getValueFrom() != null || v.getValue().startsWith("${dir:/etc/tocsin/secrets/"))
                            .as(name + " " + v.getName() + " is a reference")
                            .isTrue());
            assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").getValue())
                    .isEqualTo("${dir:/etc/tocsin/secrets/kafka-sasl:sasl.jaas.config}");
            assertThat(env.get("KAFKA_CONFIG_PROVIDERS_DIR_CLASS").getValue())
                    .isEqualTo("org.apache.kafka.common.config.provider.DirectoryConfigProvider");
            assertThat(env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").getValue())
                    .isEqualTo("/etc/tocsin/secrets/kafka-ca/ca.crt");
            assertThat(pod.getVolumes())
                    .filteredOn(volume -> volume.getSecret() != null)
                    .extracting(volume -> volume.getSecret().getSecretName())
                    .contains("tocsin", "events-cluster-ca-cert");
            if (!name.endsWith("-topics")) {
                assertThat(env.get("TOCSIN_SCHEMA_REGISTRY_PASSWORD")
                                .getValueFrom()
                                .getSecretKeyRef()
                                .getName())
                        .isEqualTo("tocsin-schema-registry");
                assertThat(container.getEnvFrom())
                        .singleElement()
                        .satisfies(from ->
                                assertThat(from.getSecretRef().getName()).startsWith("tocsin-"));
            }
        });
    }

    @Test
    void podsRollWhenAPolicyRoutingOrCatalogFileChanges() {
        String before = Chart.renderHelm3(Optional.of(Chart.PRODUCTION_VALUES), Map.of());
        String after = Chart.renderHelm3(
                Optional.of(Chart.PRODUCTION_VALUES),
                Map.of("incidentCorrelator.policy", "correlation: {window: PT45M}"));
        Function<String, String> checksum = manifests -> ofType(KubernetesModels.read(manifests), StatefulSet.class)
                .get(0)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("checksum/files");
        assertThat(checksum.apply(before)).isNotBlank().isNotEqualTo(checksum.apply(after));
    }
}
