package dev.tocsin.runtime.http;

/** Answers whether a service can do its work right now (readiness), with a reason when not. */
@FunctionalInterface
public interface HealthCheck {

    Status check();

    /** Ready when every check is; the detail lists what each saw. */
    static HealthCheck allOf(HealthCheck... checks) {
        return () -> {
            boolean ready = true;
            StringBuilder detail = new StringBuilder();
            for (HealthCheck check : checks) {
                Status status = check.check();
                ready &= status.ready();
                detail.append(detail.isEmpty() ? "" : "; ").append(status.detail());
            }
            return new Status(ready, detail.toString());
        };
    }

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
