package dev.tocsin.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Version;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.ImageNameSubstitutor;

/**
 * The engine Testcontainers would use (same discovery: DOCKER_HOST, ~/.testcontainers.properties,
 * the local socket, ...), asked through a client of our own. {@code DockerClientFactory.isDockerAvailable()}
 * is not enough: it starts the resource reaper, which needs its image and throws, rather than
 * answering false, when the engine cannot pull it. Every question has a deadline, so a hung engine
 * or pull cannot hang the build.
 */
final class TestcontainersProbe implements DockerProbe {

    private static final Logger LOG = LoggerFactory.getLogger(TestcontainersProbe.class);

    /** The reaper image Testcontainers 2.0.5 starts (its RyukContainer). */
    static final String RYUK_IMAGE = "testcontainers/ryuk:0.14.0";

    private final Callable<TransportConfig> engineAddress;
    private final Function<TransportConfig, DockerClient> clients;
    private final Duration engineTimeout;
    private final Duration pullTimeout;
    private final ExecutorService asker = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "docker-probe");
        thread.setDaemon(true);
        return thread;
    });
    private volatile DockerClient client;

    /**
     * @param engineAddress where the engine is: Testcontainers' discovery in a real run, a fake
     *                      engine in this module's own tests
     * @param clients       a client for that address: Testcontainers' own (registry credentials
     *                      looked up as for its pulls) in a real run
     */
    TestcontainersProbe(
            Callable<TransportConfig> engineAddress,
            Function<TransportConfig, DockerClient> clients,
            Duration engineTimeout,
            Duration pullTimeout) {
        this.engineAddress = engineAddress;
        this.clients = clients;
        this.engineTimeout = engineTimeout;
        this.pullTimeout = pullTimeout;
    }

    /** Deadlines from system properties {@code tocsin.containers.engine-timeout-seconds} (20) and {@code ...pull-timeout-seconds} (120). */
    static TestcontainersProbe fromSystemProperties() {
        return new TestcontainersProbe(
                () -> DockerClientFactory.instance().getTransportConfig(),
                DockerClientProviderStrategy::getClientForConfig,
                seconds("tocsin.containers.engine-timeout-seconds", 20),
                seconds("tocsin.containers.pull-timeout-seconds", 120));
    }

    @Override
    public ImageGate.Engine engine() {
        Future<ImageGate.Engine> answer = asker.submit(() -> {
            TransportConfig transport = engineAddress.call();
            DockerClient docker = clients.apply(transport);
            Version version = docker.versionCmd().exec();
            client = docker;
            return ImageGate.Engine.reachable(transport.getDockerHost() + ", Docker " + version.getVersion() + ", API "
                    + version.getApiVersion());
        });
        try {
            return answer.get(engineTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            return ImageGate.Engine.unreachable("no answer within " + engineTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            String dockerHost = System.getenv("DOCKER_HOST");
            return ImageGate.Engine.unreachable(rootMessage(e.getCause())
                    + (dockerHost == null ? "; DOCKER_HOST is unset" : "; DOCKER_HOST=" + dockerHost));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ImageGate.Engine.unreachable("interrupted while asking");
        }
    }

    @Override
    public ImageGate.Image image(String image) {
        DockerImageName name;
        try {
            name = ImageNameSubstitutor.instance().apply(DockerImageName.parse(image));
        } catch (RuntimeException e) {
            return ImageGate.Image.unavailable(image, "not a valid image name: " + rootMessage(e));
        }
        String actual = name.asCanonicalNameString();
        try {
            client.inspectImageCmd(actual).exec();
            return ImageGate.Image.present(image);
        } catch (NotFoundException absent) {
            LOG.info(
                    "Image {} is not present locally; trying to pull it (at most {} s)",
                    actual,
                    pullTimeout.toSeconds());
        } catch (RuntimeException e) {
            return ImageGate.Image.unavailable(image, "cannot inspect " + actual + ": " + rootMessage(e));
        }
        PullImageResultCallback pull = null;
        try {
            pull = client.pullImageCmd(name.getUnversionedPart())
                    .withTag(name.getVersionPart())
                    .exec(new PullImageResultCallback());
            if (!pull.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                closeQuietly(pull);
                return ImageGate.Image.unavailable(
                        image,
                        "not present locally; pull of " + actual + " unfinished after " + pullTimeout.toSeconds()
                                + " s");
            }
            return ImageGate.Image.pulled(image);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(pull);
            return ImageGate.Image.unavailable(image, "interrupted while pulling " + actual);
        } catch (RuntimeException e) {
            closeQuietly(pull);
            return ImageGate.Image.unavailable(
                    image, "not present locally; pull of " + actual + " failed: " + rootMessage(e));
        }
    }

    @Override
    public Optional<String> reaperImage() {
        // the switch Testcontainers' ResourceReaper reads
        boolean disabled = Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
        return disabled ? Optional.empty() : Optional.of(RYUK_IMAGE);
    }

    private static void closeQuietly(PullImageResultCallback pull) {
        if (pull == null) {
            return;
        }
        try {
            pull.close();
        } catch (Exception ignored) {
            // the verdict is already "unavailable"
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    private static Duration seconds(String property, long fallback) {
        String value = System.getProperty(property);
        return Duration.ofSeconds(value == null || value.isBlank() ? fallback : Long.parseLong(value.trim()));
    }
}
