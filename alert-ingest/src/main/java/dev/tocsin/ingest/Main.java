package dev.tocsin.ingest;

import java.util.concurrent.CountDownLatch;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs alert-ingest as its own process: configuration from the environment, stop on SIGTERM. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        AlertIngestService service;
        try {
            service = AlertIngestService.start(Environment.system(), () -> {
                LOG.error("Kafka Streams failed; exiting so the orchestrator restarts alert-ingest");
                System.exit(70);
            });
        } catch (ConfigException e) {
            LOG.error("{}", e.getMessage());
            System.exit(78);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "alert-ingest-shutdown"));
        stopped.await();
    }
}
