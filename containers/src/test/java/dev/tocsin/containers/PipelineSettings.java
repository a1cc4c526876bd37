package dev.tocsin.containers;

import dev.tocsin.correlator.CorrelatorService;
import dev.tocsin.ingest.IngestService;
import dev.tocsin.publisher.PublisherService;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment of each service in the container tests, in-process or as an image: production
 * mode (credentials required), one topic prefix per test.
 * Only where Kafka, the registry, HTTP and state are differs between the two.
 */
final class PipelineSettings {

    static final String ALERTS_TOKEN = "containers-alerts-token";
    static final String PRODUCT = "chat";

    private PipelineSettings() {}

    /** Variables of {@code service} ({@link IngestService#NAME} and so on) reaching Kafka and the registry at the given addresses. */
    static Map<String, String> of(String service, String prefix, String bootstrap, String registryUrl) {
        Map<String, String> vars = new HashMap<>();
        vars.put("TOCSIN_ENV", "production");
        vars.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        vars.put("KAFKA_COMMIT_INTERVAL_MS", "100");
        vars.put("TOCSIN_SCHEMA_REGISTRY_URL", registryUrl);
        // auto-registration stays on (the default): with it off, the correlator's state-store changelog
        // subjects, which no provisioning registers, stop its global thread
        vars.put("TOCSIN_TOPIC_PREFIX", prefix);
        vars.put("TOCSIN_APPLICATION_ID", prefix + service);
        if (service.equals(IngestService.NAME)) {
            vars.put("TOCSIN_INGEST_ALERTS_TOKENS", ALERTS_TOKEN);
            vars.put("TOCSIN_INGEST_REPORTS_TOKENS", "containers-reports-token");
            vars.put("TOCSIN_INGEST_OPERATOR_TOKENS", "containers-operator-token");
            vars.put("TOCSIN_INGEST_ZENDESK_SIGNING_SECRET", "containers-zendesk-secret");
            vars.put("TOCSIN_INGEST_INSTANCE_ID", "containers-0");
        } else if (service.equals(CorrelatorService.NAME)) {
            vars.put("TOCSIN_CORRELATOR_CLOCK_INTERVAL", "1s");
        } else if (service.equals(PublisherService.NAME)) {
            vars.put("TOCSIN_PUBLISHER_COMPONENTS", PRODUCT + "=Chat,voice=Voice");
            vars.put("TOCSIN_PUBLISHER_CLOCK_INTERVAL", "1s");
        } else {
            throw new IllegalArgumentException("unknown service " + service);
        }
        return vars;
    }

    /** A generic alert that puts {@link #PRODUCT} down (severity critical). */
    static String firingAlert(String summary) {
        return "{\"status\":\"firing\",\"product\":\"" + PRODUCT + "\",\"summary\":\"" + summary
                + "\",\"signal\":\"error_rate\",\"severity\":\"critical\"}";
    }
}
