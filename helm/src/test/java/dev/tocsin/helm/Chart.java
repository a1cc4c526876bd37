package dev.tocsin.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * helm/tocsin and its two value sets, rendered by helm 3 (embedded by helm-java) or by a real helm v4 binary
 * (helm/fetch-helm4.sh puts it in helm/.tools; CI runs that script).
 */
final class Chart {

    static final Path DIR = Path.of("tocsin").toAbsolutePath();
    static final Path PRODUCTION_VALUES = DIR.resolve("ci/production-values.yaml");
    static final String RELEASE = "tocsin";
    static final String NAMESPACE = "tocsin";
    /** Rendered for a current Kubernetes; helm-java would otherwise assume 1.20, below the chart's kubeVersion. */
    static final String KUBE_VERSION = "1.31.0";

    private Chart() {}

    /** helm 3 template; {@code set} are --set pairs. */
    static String renderHelm3(Optional<Path> values, Map<String, Object> set) {
        TemplateCommand template = new Helm(DIR)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        values.ifPresent(template::withValuesFile);
        set.forEach(template::set);
        return template.call();
    }

    /** The helm v4 binary, if fetched. */
    static Optional<Path> helm4() {
        Path binary = Optional.ofNullable(System.getenv("TOCSIN_HELM4"))
                .map(Path::of)
                .orElse(Path.of(".tools", "helm").toAbsolutePath());
        return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
    }

    /** Runs helm v4 with {@code args}; returns stdout, or fails with its output. */
    static String runHelm4(Path binary, Path home, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        // helm writes caches and config; keep them out of the user's home
        builder.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
        builder.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
        Path err = Files.createTempFile(home, "helm", ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("helm " + args + " did not finish within 60 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "helm " + args + " failed (" + process.exitValue() + "): " + out + Files.readString(err));
        }
        return out;
    }
}
