package dev.tocsin.runtime.lifecycle;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of every service: start from the environment, exit 78 on bad configuration,
 * exit 70 when Kafka Streams dies (so the orchestrator restarts the process), close cleanly on
 * SIGTERM.
 */
public final class ServiceLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

    /** Starts a service given its environment and what to do on a fatal Streams error. */
    @FunctionalInterface
    public interface Starter {
        AutoCloseable start(Environment env, Runnable onFatal);
    }

    private ServiceLauncher() {}

    public static void run(String service, Starter starter) throws InterruptedException {
        AutoCloseable running;
        try {
            running = starter.start(Environment.system(), () -> {
                LOG.error("Kafka Streams failed; exiting so the orchestrator restarts {}", service);
                System.exit(70);
            });
        } catch (ConfigException e) {
            LOG.error("{} cannot start: {}", service, e.getMessage());
            System.exit(78);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                running.close();
                            } catch (Exception e) {
                                LOG.warn("Error while stopping {}: {}", service, e.toString());
                            }
                            stopped.countDown();
                        },
                        service + "-shutdown"));
        stopped.await();
    }
}
