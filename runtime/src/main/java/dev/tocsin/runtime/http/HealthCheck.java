package dev.tocsin.runtime.http;

/** Answers whether a service can do its work right now (readiness), with a reason when not. */
@FunctionalInterface
public interface HealthCheck {

    Status check();

    /** @param ready whether requests can be served; @param detail what the check saw */
    record Status(boolean ready, String detail) {
        public static Status ready(String detail) {
            return new Status(true, detail);
        }

        public static Status notReady(String detail) {
            return new Status(false, detail);
        }
    }
}
