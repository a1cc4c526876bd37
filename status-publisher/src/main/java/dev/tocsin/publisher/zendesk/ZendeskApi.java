package dev.tocsin.publisher.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.publisher.delivery.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The Zendesk Support API v2 calls the write-back makes, with API token authentication, each
 * retried as Zendesk asks: a 429 waits its {@code Retry-After} in full and is not counted as a
 * failed attempt; a 5xx or no answer is retried with {@link Backoff} up to the attempt limit; any
 * other 4xx is a {@link ZendeskRejection} at once.
 *
 * <p>Why {@code java.net.http.HttpClient} and not the webhook client: Zendesk is one configured,
 * trusted host (no address policy to enforce), and its answers' bodies matter (ticket ids, audits).
 * A 409 (another update of the same ticket at the same moment) is retried like a 5xx.
 */
class ZendeskApi {

    static final String USER_AGENT = "Tocsin-Zendesk/1";
    /** Custom audit metadata keys: which Tocsin update, and which of its edits, an audit applied. */
    static final String UPDATE_ID_KEY = "tocsin_update_id";

    static final String EDIT_KEY = "tocsin_edit";
    private static final int MAX_REASON = 300;
    /** Audit pages read at most when checking whether an update was applied (100 audits a page). */
    private static final int MAX_AUDIT_PAGES = 20;

    private final ZendeskConfig config;
    private final HttpClient http;
    private final ZendeskMetrics metrics;
    private final ObjectMapper json = new ObjectMapper();

    ZendeskApi(ZendeskConfig config, ZendeskMetrics metrics) {
        this(
                config,
                HttpClient.newBuilder()
                        .connectTimeout(config.requestTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                metrics);
    }

    ZendeskApi(ZendeskConfig config, HttpClient http, ZendeskMetrics metrics) {
        this.config = config;
        this.http = http;
        this.metrics = metrics;
    }

    /** The oldest problem ticket with this {@code external_id} ({@code GET /api/v2/tickets.json?external_id=}). */
    OptionalLong findProblem(String externalId, Waiter waiter)
            throws ZendeskRejection, InterruptedException, Waiter.PartitionLost {
        JsonNode answer = call(
                "GET",
                "/api/v2/tickets.json?external_id=" + URLEncoder.encode(externalId, StandardCharsets.UTF_8),
                null,
                Map.of(),
                waiter,
                null);
        OptionalLong oldest = OptionalLong.empty();
        for (JsonNode ticket : answer.path("tickets")) {
            if ("problem".equals(ticket.path("type").asText())
                    && externalId.equals(ticket.path("external_id").asText())
                    && ticket.path("id").canConvertToLong()) {
                long id = ticket.path("id").asLong();
                if (oldest.isEmpty() || id < oldest.getAsLong()) {
                    oldest = OptionalLong.of(id);
                }
            }
        }
        return oldest;
    }

    /** The agent of a ticket ({@code GET /api/v2/tickets/{id}.json}, {@code assignee_id}), empty when unassigned. */
    OptionalLong assigneeOf(long ticketId, Waiter waiter)
            throws ZendeskRejection, InterruptedException, Waiter.PartitionLost {
        JsonNode assignee = call("GET", "/api/v2/tickets/" + ticketId + ".json", null, Map.of(), waiter, null)
                .path("ticket")
                .path("assignee_id");
        return assignee.canConvertToLong() && !assignee.isNull()
                ? OptionalLong.of(assignee.asLong())
                : OptionalLong.empty();
    }

    /** The user id of the agent the API token belongs to ({@code GET /api/v2/users/me.json}). */
    long me(Waiter waiter) throws ZendeskRejection, InterruptedException, Waiter.PartitionLost {
        JsonNode id = call("GET", "/api/v2/users/me.json", null, Map.of(), waiter, null)
                .path("user")
                .path("id");
        if (!id.canConvertToLong() || id.isNull()) {
            throw new ZendeskRejection("GET /api/v2/users/me.json answered without user.id", 0);
        }
        return id.asLong();
    }

    /**
     * Creates a ticket ({@code POST /api/v2/tickets.json}) under an {@code Idempotency-Key}, so a
     * retried or concurrent creation with the same key yields the same ticket; returns its id.
     */
    long createTicket(Map<String, Object> ticket, String idempotencyKey, Waiter waiter)
            throws ZendeskRejection, InterruptedException, Waiter.PartitionLost {
        // a retry after no answer is safe: the key makes Zendesk return the ticket the first attempt created
        JsonNode answer = call(
                "POST",
                "/api/v2/tickets.json",
                Map.of("ticket", ticket),
                Map.of("Idempotency-Key", idempotencyKey),
                waiter,
                null);
        JsonNode id = answer.path("ticket").path("id");
        if (!id.canConvertToLong()) {
            throw new ZendeskRejection("POST /api/v2/tickets.json answered without ticket.id", 0);
        }
        return id.asLong();
    }

    /**
     * Updates a ticket ({@code PUT /api/v2/tickets/{id}.json}), recording which edit of which update
     * it is in the audit's metadata. An attempt that got no answer or a 5xx may still have been
     * applied, so before it is repeated the ticket's audits are asked whether this edit is there.
     */
    void updateTicket(long ticketId, Map<String, Object> ticket, String updateId, int edit, Waiter waiter)
            throws ZendeskRejection, InterruptedException, Waiter.PartitionLost {
        Map<String, Object> body = new LinkedHashMap<>(ticket);
        body.put("metadata", Map.of(UPDATE_ID_KEY, updateId, EDIT_KEY, String.valueOf(edit)));
        call(
                "PUT",
                "/api/v2/tickets/" + ticketId + ".json",
                Map.of("ticket", body),
                Map.of(),
                waiter,
                () -> appliedEdits(ticketId, updateId, waiter).contains(edit));
    }

    /** Whether an attempt whose outcome is unknown took effect after all. */
    @FunctionalInterface
    interface AlreadyDone {
        boolean check() throws ZendeskRejection, InterruptedException, Waiter.PartitionLost;
    }

    /**
     * The edits of {@code updateId} that a ticket's audits show applied
     * ({@code GET /api/v2/tickets/{id}/audits.json}, newest pages last, followed by {@code next_page}).
     */
    Set<Integer> appliedEdits(long ticketId, String updateId, Waiter waiter)
            throws ZendeskRejection, InterruptedException, Waiter.PartitionLost {
        Set<Integer> applied = new HashSet<>();
        String path = "/api/v2/tickets/" + ticketId + "/audits.json";
        for (int page = 0; path != null && page < MAX_AUDIT_PAGES; page++) {
            JsonNode answer = call("GET", path, null, Map.of(), waiter, null);
            for (JsonNode audit : answer.path("audits")) {
                JsonNode custom = audit.path("metadata").path("custom");
                if (updateId.equals(custom.path(UPDATE_ID_KEY).asText(null))) {
                    try {
                        applied.add(Integer.parseInt(custom.path(EDIT_KEY).asText()));
                    } catch (NumberFormatException e) {
                        // not one of ours after all
                    }
                }
            }
            path = nextPage(answer.path("next_page").asText(null));
        }
        return applied;
    }

    /** A {@code next_page} URL as a path on the configured base URL; null when there is none or it points elsewhere. */
    private String nextPage(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI next = URI.create(url);
        String base = config.baseUrl().toString();
        if (!url.startsWith(base)) {
            return null;
        }
        return next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
    }

    /**
     * Makes a request until Zendesk answers 2xx, refuses it, or the attempts are used up.
     *
     * @param alreadyDone asked before repeating an attempt that got no answer, a 409 or a 5xx; null when
     *                    repeating is harmless (reads, creation under an idempotency key)
     */
    private JsonNode call(
            String method,
            String path,
            Object body,
            Map<String, String> headers,
            Waiter waiter,
            AlreadyDone alreadyDone)
            throws ZendeskRejection, InterruptedException, Waiter.PartitionLost {
        String what = method + " " + path.replaceAll("\\?.*", "");
        byte[] bytes;
        try {
            bytes = body == null ? null : json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new ZendeskRejection(what + ": request not serializable: " + e.getMessage(), 0);
        }
        int failures = 0;
        while (true) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
                    .timeout(config.requestTimeout())
                    .header("Authorization", config.authorization())
                    .header("Accept", "application/json")
                    .header("User-Agent", USER_AGENT);
            headers.forEach(request::header);
            if (bytes != null) {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            int status;
            String reason;
            Optional<Duration> retryAfter;
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                metrics.requested(method, status);
                retryAfter = response.headers()
                        .firstValue("Retry-After")
                        .flatMap(value -> Backoff.parseRetryAfter(value, Instant.now()));
                if (status >= 200 && status < 300) {
                    return parse(what, response.body());
                }
                reason = "HTTP " + status + errorOf(response.body());
                if (status == 429) {
                    // the rate limit says when: honoured in full, and not a failed attempt
                    metrics.rateLimited();
                    waiter.await(retryAfter.orElse(config.backoff().beforeRetry(1)));
                    continue;
                }
                // 409: Zendesk's answer to two updates of one ticket at the same moment, to be retried
                if (status < 500 && status != 409) {
                    throw new ZendeskRejection(what + " refused: " + reason, status);
                }
            } catch (HttpTimeoutException e) {
                metrics.requested(method, 0);
                status = 0;
                reason = "no answer within " + config.requestTimeout().toMillis() + " ms";
                retryAfter = Optional.empty();
            } catch (IOException e) {
                metrics.requested(method, 0);
                status = 0;
                reason = "no answer: " + e.getClass().getSimpleName();
                retryAfter = Optional.empty();
            }
            failures++;
            if (failures >= config.maxAttempts()) {
                throw new ZendeskRejection(what + " failed " + failures + " attempts, last: " + reason, status);
            }
            waiter.await(config.backoff().beforeRetry(failures, retryAfter));
            if (alreadyDone != null && alreadyDone.check()) {
                return json.createObjectNode();
            }
        }
    }

    private JsonNode parse(String what, byte[] body) throws ZendeskRejection {
        if (body == null || body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new ZendeskRejection(what + " answered with a body that is not JSON", 0);
        }
    }

    /** Zendesk's error and description ({"error": ..., "description": ...}), shortened; never request data. */
    private String errorOf(byte[] body) {
        try {
            JsonNode error = json.readTree(body == null ? new byte[0] : body);
            if (error == null) {
                return "";
            }
            String text = (error.path("error").isTextual()
                            ? error.path("error").asText()
                            : error.path("error").toString())
                    + (error.path("description").isTextual()
                            ? ": " + error.path("description").asText()
                            : "")
                    + (error.has("details") ? " " + error.path("details") : "");
            text = text.strip();
            return text.isEmpty() || "null".equals(text)
                    ? ""
                    : " (" + (text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text) + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
