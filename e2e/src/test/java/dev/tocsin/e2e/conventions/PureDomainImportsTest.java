package dev.tocsin.e2e.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PureDomainImportsTest {

    /** The project root: e2e's tests run in the e2e module directory. */
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void noDomainClassOfAnyModuleImportsKafkaOrAnHttpFramework() {
        assertThat(Files.isDirectory(PROJECT.resolve("incident-correlator/src/main/java/dev/tocsin/correlator/domain")))
                .as("the scan starts at the project root")
                .isTrue();

        assertThat(PureDomainImports.violations(PROJECT)).isEmpty();
    }

    @Test
    void aDomainClassImportingKafkaIsReportedWithItsLine(@TempDir Path root) throws IOException {
        Path domain = Files.createDirectories(root.resolve("svc/src/main/java/dev/tocsin/svc/domain"));
        Files.writeString(domain.resolve("Rule.java"), """
                package dev.tocsin.svc.domain;

                import java.util.List;
                import org.apache.kafka.streams.processor.api.Record;
                import static io.javalin.http.HttpStatus.OK;
                """);
        Path topology = Files.createDirectories(root.resolve("svc/src/main/java/dev/tocsin/svc/topology"));
        Files.writeString(topology.resolve("Plumbing.java"), "import org.apache.kafka.streams.StreamsBuilder;\n");
        Path test = Files.createDirectories(root.resolve("svc/src/test/java/dev/tocsin/svc/domain"));
        Files.writeString(test.resolve("RuleTest.java"), "import org.apache.kafka.streams.TopologyTestDriver;\n");

        assertThat(PureDomainImports.violations(root))
                .containsExactly(
                        "svc/src/main/java/dev/tocsin/svc/domain/Rule.java:4: import org.apache.kafka.streams.processor.api.Record;",
                        "svc/src/main/java/dev/tocsin/svc/domain/Rule.java:5: import static io.javalin.http.HttpStatus.OK;");
    }

    @Test
    void sharedRulesInTheSchemasModuleCountAsDomain(@TempDir Path root) throws IOException {
        Path rules = Files.createDirectories(root.resolve("schemas/src/main/java/dev/tocsin/schemas/rules"));
        Files.writeString(rules.resolve("Shared.java"), "import org.apache.kafka.common.header.Headers;\n");

        assertThat(PureDomainImports.violations(root)).hasSize(1);
    }
}
