package dev.tocsin.console;

import dev.tocsin.runtime.lifecycle.ServiceLauncher;

/** Runs ConsoleService as its own process (configuration from the environment, stop on SIGTERM). */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        ServiceLauncher.run(ConsoleService.NAME, ConsoleService::start);
    }
}
