package dev.tocsin.console.upstream;

import java.time.Duration;

/** incident-correlator's query API (docs/INCIDENT-CORRELATOR.md, "Query API"). */
public final class CorrelatorClient {

    private final JsonHttp http;

    public CorrelatorClient(String baseUrl, String token, Duration timeout) {
        this.http = new JsonHttp("incident-correlator", baseUrl, token, timeout);
    }

    /** The incident with timeline, sla and evidence. */
    public UpstreamAnswer incident(String id) {
        return http.get("/api/v1/incidents/" + JsonHttp.encode(id));
    }

    public UpstreamAnswer alerts(String id, int offset, int limit) {
        return http.get("/api/v1/incidents/" + JsonHttp.encode(id) + "/alerts?offset=" + offset + "&limit=" + limit);
    }

    public UpstreamAnswer tickets(String id, int offset, int limit) {
        return http.get("/api/v1/incidents/" + JsonHttp.encode(id) + "/tickets?offset=" + offset + "&limit=" + limit);
    }

    /**
     * A page of the alerts held back from incidents (silenced, inhibited, absorbed), with why and
     * until when; {@code cursor} is the previous page's, or null for the first page. Operators only.
     */
    public UpstreamAnswer heldAlerts(String cursor, int limit) {
        return http.get("/api/v1/alerts?held=true&limit=" + limit
                + (cursor == null ? "" : "&cursor=" + JsonHttp.encode(cursor)));
    }

    /** The ticket's triage decision and current link. */
    public UpstreamAnswer ticket(String ticketId) {
        return http.get("/api/v1/tickets/" + JsonHttp.encode(ticketId));
    }
}
