package dev.tocsin.publisher;

import dev.tocsin.runtime.lifecycle.ServiceLauncher;

/** Runs PublisherService as its own process (configuration from the environment, stop on SIGTERM). */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        ServiceLauncher.run(PublisherService.NAME, PublisherService::start);
    }
}
