package dev.tocsin.console.upstream;

import java.time.Duration;
import java.util.Map;

/** alert-ingest's operator API (docs/ALERT-INGEST.md, "Routes"): commands, maintenance, silences. */
public final class IngestClient {

    private final JsonHttp http;

    public IngestClient(String baseUrl, String token, Duration timeout) {
        this.http = new JsonHttp("alert-ingest", baseUrl, token, timeout);
    }

    /**
     * Sends one incident command; {@code idempotencyKey} makes a retried click the same command
     * (the ingest derives the command id from it).
     */
    public UpstreamAnswer command(String incidentId, Map<String, Object> command, String idempotencyKey) {
        return http.send(
                "POST",
                "/api/v1/incidents/" + JsonHttp.encode(incidentId) + "/commands",
                command,
                Map.of("Idempotency-Key", idempotencyKey));
    }

    public UpstreamAnswer putMaintenance(String id, Map<String, Object> window) {
        return http.send("PUT", "/api/v1/maintenance/" + JsonHttp.encode(id), window, Map.of());
    }

    public UpstreamAnswer cancelMaintenance(String id) {
        return http.send("DELETE", "/api/v1/maintenance/" + JsonHttp.encode(id), null, Map.of());
    }

    public UpstreamAnswer silences() {
        return http.get("/api/v2/silences");
    }

    /** Creates a silence, or updates it when {@code silence} carries an {@code id} (Alertmanager API v2). */
    public UpstreamAnswer postSilence(Map<String, Object> silence) {
        return http.send("POST", "/api/v2/silences", silence, Map.of());
    }

    public UpstreamAnswer expireSilence(String id) {
        return http.send("DELETE", "/api/v2/silence/" + JsonHttp.encode(id), null, Map.of());
    }
}
