package dev.tocsin.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart README's parameter table is the reader's list of values: it must not fall behind values.yaml. */
class ChartReadmeTest {

    /** Objects listed as one parameter (Kubernetes types or resource blocks). */
    private static final Set<String> LISTED_WHOLE =
            Set.of("podSecurityContext", "securityContext", "networkPolicy.metricsNamespaceSelector");

    @Test
    void everyParameterOfValuesYamlIsInTheReadmeTableWithItsMeaning() throws Exception {
        JsonNode values =
                new YAMLMapper().readTree(Chart.DIR.resolve("values.yaml").toFile());
        String readme = Files.readString(Chart.DIR.resolve("README.md"));
        List<String> parameters = new ArrayList<>();
        collect(values, "", parameters);

        assertThat(parameters)
                .hasSizeGreaterThan(80)
                .allSatisfy(parameter -> assertThat(readme)
                        .as(parameter)
                        .containsPattern(
                                "(?m)^\\| `" + Pattern.quote(parameter) + "` \\| `[^\\n]*` \\| \\S[^\\n]* \\|$"));
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        if (node.isObject() && !node.isEmpty() && !LISTED_WHOLE.contains(path) && !path.endsWith("resources")) {
            node.properties()
                    .forEach(field -> collect(
                            field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), out));
        } else {
            out.add(path);
        }
    }
}
