package dev.tocsin.correlator;

import dev.tocsin.runtime.lifecycle.ServiceLauncher;

/** Runs CorrelatorService as its own process (configuration from the environment, stop on SIGTERM). */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        ServiceLauncher.run(CorrelatorService.NAME, CorrelatorService::start);
    }
}
