package dev.tocsin.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
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
        Chart.runHelm4(helm4, home, args("lint", "--strict", "-f", Chart.PRODUCTION_VALUES.toString(), Chart.DIR.toString()));
    }

    @Test
    void rendersTheSameValidObjectsAsHelm3WithBothValueSets() throws Exception {
        for (Optional<Path> values : List.of(Optional.<Path>empty(), Optional.of(Chart.PRODUCTION_VALUES))) {
            List<String> template = args("template", Chart.RELEASE, Chart.DIR.toString(), "--namespace", Chart.NAMESPACE,
                    "--api-versions", "monitoring.coreos.com/v1");
            values.ifPresent(file -> template.addAll(List.of("-f", file.toString())));
            List<HasMetadata> byHelm4 = KubernetesModels.read(Chart.runHelm4(helm4, home, template));
            List<HasMetadata> byHelm3 = KubernetesModels.read(Chart.renderHelm3(values, Map.of()));

            assertThat(byHelm4).allSatisfy(resource -> assertThat(KubernetesModels.unknownFields(resource)).isEmpty());
            assertThat(byHelm4).as(values.toString()).containsExactlyInAnyOrderElementsOf(byHelm3);
        }
    }
}
