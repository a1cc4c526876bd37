package dev.tocsin.ingest;

import dev.tocsin.runtime.lifecycle.ServiceLauncher;

/** Runs IngestService as its own process (configuration from the environment, stop on SIGTERM). */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        ServiceLauncher.run(IngestService.NAME, IngestService::start);
    }
}
