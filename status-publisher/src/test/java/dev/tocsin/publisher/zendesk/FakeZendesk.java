package dev.tocsin.publisher.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process Zendesk Support API v2 for the write-back tests: tickets, audits and the
 * idempotency of ticket creation, on a free local port. Every request is checked against the
 * documented shapes (path, method, API token basic auth, JSON content type, the {@code ticket}
 * wrapper, field names and JSON types as in the zd-01 fixture ticket, enum values, comment and
 * metadata shapes, problem_id pointing at a problem ticket); a request that breaks one is answered
 * 400 and listed in {@link #violations()}. Faults can be scripted per request.
 */
final class FakeZendesk implements AutoCloseable {

    static final String EMAIL = "agent@example.com";
    static final String TOKEN = "zd-token-6b1f0e";
    /** The user id of the agent the token belongs to. */
    static final long AGENT_ID = 424242;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/([0-9]+)\\.json");
    private static final Pattern AUDITS = Pattern.compile("/api/v2/tickets/([0-9]+)/audits\\.json");
    private static final Set<String> TYPES = Set.of("problem", "incident", "question", "task");
    private static final Set<String> PRIORITIES = Set.of("urgent", "high", "normal", "low");
    private static final Set<String> STATUSES = Set.of("new", "open", "pending", "hold", "solved", "closed");
    /** Fields a request may write although a ticket does not show them. */
    private static final Set<String> WRITE_ONLY = Set.of("comment", "metadata");
    /** Fields the docs show as nullable although the fixture has a value. */
    private static final Set<String> NULLABLE = Set.of("problem_id", "type", "priority");

    /** One request as received. */
    record Request(
            String method,
            String path,
            String query,
            Map<String, String> headers,
            JsonNode body,
            java.time.Instant at) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        /** The {@code ticket} object of a POST or PUT. */
        JsonNode ticket() {
            return body == null ? null : body.path("ticket");
        }
    }

    /** A scripted answer for requests that match, used {@code times} times. */
    private record Fault(
            Predicate<Request> matches, int status, Map<String, String> headers, String body, int[] times) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ObjectNode template;
    private final Map<Long, ObjectNode> tickets = new LinkedHashMap<>();
    private final Map<Long, List<ObjectNode>> audits = new LinkedHashMap<>();
    private final Map<String, Long> idempotency = new LinkedHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private volatile Predicate<Request> hangAfterApplying = r -> false;
    private final CountDownLatch hung = new CountDownLatch(1);
    private long nextTicketId = 9000;
    private long nextAuditId = 1;

    FakeZendesk() {
        try (InputStream in = FakeZendesk.class.getResourceAsStream(
                "/zendesk/zd-01-zendesk-apidocs-2013-ticket-incident-with-problem_id.json")) {
            template = (ObjectNode) JSON.readTree(in);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A customer's ticket, as ingest saw it: type question, status open, no agent assigned yet. */
    synchronized FakeZendesk customerTicket(long id) {
        return customerTicket(id, null);
    }

    /** A customer's ticket assigned to an agent (null: unassigned). */
    synchronized FakeZendesk customerTicket(long id, Long assignee) {
        ObjectNode ticket = ticket(id, "question", "Chat does not load");
        ticket.putNull("problem_id");
        if (assignee == null) {
            ticket.putNull("assignee_id");
        } else {
            ticket.put("assignee_id", assignee);
        }
        tickets.put(id, ticket);
        audits.put(id, new ArrayList<>());
        return this;
    }

    /** Answers the next {@code times} matching requests with {@code status}, headers and a body. */
    FakeZendesk fail(Predicate<Request> matches, int times, int status, Map<String, String> headers, String body) {
        faults.add(new Fault(matches, status, headers, body, new int[] {times}));
        return this;
    }

    /** Applies the first matching request, then never answers it (the client gives up or is stopped). */
    FakeZendesk hangAfterApplying(Predicate<Request> matches) {
        hangAfterApplying = matches;
        return this;
    }

    void awaitHung() throws InterruptedException {
        hung.await();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized JsonNode ticket(long id) {
        return tickets.get(id).deepCopy();
    }

    /** Every problem ticket. */
    synchronized List<JsonNode> problems() {
        return tickets.values().stream()
                .filter(t -> "problem".equals(t.path("type").asText()))
                .map(t -> (JsonNode) t.deepCopy())
                .toList();
    }

    /** The comment events of a ticket's audits, oldest first. */
    synchronized List<JsonNode> comments(long id) {
        List<JsonNode> comments = new ArrayList<>();
        for (ObjectNode audit : audits.getOrDefault(id, List.of())) {
            audit.path("events").forEach(event -> {
                if ("Comment".equals(event.path("type").asText())) {
                    comments.add(event.deepCopy());
                }
            });
        }
        return comments;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0)));
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = null;
            List<String> problems = new ArrayList<>();
            if (raw.length > 0) {
                try {
                    body = JSON.readTree(raw);
                } catch (IOException e) {
                    problems.add("body is not JSON");
                }
            }
            Request request = new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    body,
                    java.time.Instant.now());
            requests.add(request);
            String expected = "Basic "
                    + Base64.getEncoder().encodeToString((EMAIL + "/token:" + TOKEN).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(request.header("Authorization"))) {
                answer(exchange, 401, Map.of(), "{\"error\":\"Couldn't authenticate you\"}");
                violations.add(request.method() + " " + request.path() + ": wrong or missing API token authentication");
                return;
            }
            for (Fault fault : faults) {
                synchronized (fault) {
                    if (fault.times()[0] > 0 && fault.matches().test(request)) {
                        fault.times()[0]--;
                        answer(exchange, fault.status(), fault.headers(), fault.body());
                        return;
                    }
                }
            }
            String answer;
            int status;
            synchronized (this) {
                Matcher ticket = TICKET.matcher(request.path());
                Matcher audit = AUDITS.matcher(request.path());
                if (request.method().equals("GET") && request.path().equals("/api/v2/tickets.json")) {
                    status = 200;
                    answer = list(request, problems);
                } else if (request.method().equals("POST") && request.path().equals("/api/v2/tickets.json")) {
                    status = 201;
                    answer = create(request, problems);
                } else if (request.method().equals("GET") && request.path().equals("/api/v2/users/me.json")) {
                    status = 200;
                    answer = JSON.createObjectNode()
                            .set(
                                    "user",
                                    JSON.createObjectNode()
                                            .put("id", AGENT_ID)
                                            .put("email", EMAIL)
                                            .put("role", "agent"))
                            .toString();
                } else if (request.method().equals("GET") && ticket.matches()) {
                    long id = Long.parseLong(ticket.group(1));
                    status = tickets.containsKey(id) ? 200 : 404;
                    answer = status == 404
                            ? "{\"error\":\"RecordNotFound\"}"
                            : JSON.createObjectNode()
                                    .set("ticket", tickets.get(id))
                                    .toString();
                } else if (request.method().equals("PUT") && ticket.matches()) {
                    long id = Long.parseLong(ticket.group(1));
                    status = tickets.containsKey(id) ? 200 : 404;
                    answer = status == 404
                            ? "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}"
                            : update(id, request, problems);
                } else if (request.method().equals("GET") && audit.matches()) {
                    long id = Long.parseLong(audit.group(1));
                    status = tickets.containsKey(id) ? 200 : 404;
                    ArrayNode list = JSON.createArrayNode();
                    audits.getOrDefault(id, List.of()).forEach(list::add);
                    answer = status == 404
                            ? "{\"error\":\"RecordNotFound\"}"
                            : JSON.createObjectNode()
                                    .<ObjectNode>set("audits", list)
                                    .putNull("next_page")
                                    .putNull("previous_page")
                                    .put("count", list.size())
                                    .toString();
                } else {
                    problems.add("no such endpoint");
                    status = 404;
                    answer = "{\"error\":\"InvalidEndpoint\"}";
                }
            }
            if (!problems.isEmpty()) {
                violations.add(request.method() + " " + request.path() + ": " + problems);
                answer(
                        exchange,
                        400,
                        Map.of(),
                        "{\"error\":\"RecordInvalid\",\"description\":\""
                                + problems.get(0).replace("\"", "'") + "\"}");
                return;
            }
            if (hangAfterApplying.test(request)) {
                hangAfterApplying = r -> false;
                hung.countDown();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    return;
                }
            }
            answer(exchange, status, Map.of(), answer);
        }
    }

    private String list(Request request, List<String> problems) {
        String externalId = null;
        if (request.query() != null) {
            for (String pair : request.query().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("external_id") && kv.length == 2) {
                    externalId = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
            }
        }
        if (externalId == null) {
            problems.add("the write-back lists tickets by external_id only");
        }
        ArrayNode found = JSON.createArrayNode();
        for (ObjectNode ticket : tickets.values()) {
            if (externalId != null
                    && externalId.equals(ticket.path("external_id").asText(null))) {
                found.add(ticket);
            }
        }
        return JSON.createObjectNode()
                .<ObjectNode>set("tickets", found)
                .putNull("next_page")
                .putNull("previous_page")
                .put("count", found.size())
                .toString();
    }

    private String create(Request request, List<String> problems) {
        JsonNode fields = checkTicket(request, problems);
        if (!problems.isEmpty()) {
            return "";
        }
        if (!fields.path("comment").isObject()) {
            problems.add("a new ticket needs a comment (its description)");
            return "";
        }
        String key = request.header("Idempotency-Key");
        if (key != null && idempotency.containsKey(key)) {
            return JSON.createObjectNode()
                    .set("ticket", tickets.get(idempotency.get(key)))
                    .toString();
        }
        long id = nextTicketId++;
        ObjectNode ticket = ticket(id, "question", "");
        tickets.put(id, ticket);
        audits.put(id, new ArrayList<>());
        apply(id, ticket, fields);
        ticket.put("description", fields.path("comment").path("body").asText());
        if (key != null) {
            idempotency.put(key, id);
        }
        return JSON.createObjectNode().set("ticket", ticket).toString();
    }

    private String update(long id, Request request, List<String> problems) {
        JsonNode fields = checkTicket(request, problems);
        if (!problems.isEmpty()) {
            return "";
        }
        ObjectNode ticket = tickets.get(id);
        String type = fields.has("type")
                ? fields.path("type").asText(null)
                : ticket.path("type").asText(null);
        if (fields.has("problem_id") && !fields.path("problem_id").isNull()) {
            ObjectNode problem = tickets.get(fields.path("problem_id").asLong());
            if (problem == null || !"problem".equals(problem.path("type").asText())) {
                problems.add("problem_id " + fields.path("problem_id") + " is not a problem ticket");
            }
            if (!"incident".equals(type)) {
                problems.add("problem_id is only valid on an incident");
            }
        }
        // a native rule: no ticket is solved without an assignee
        if ("solved".equals(fields.path("status").asText())
                && ticket.path("assignee_id").isNull()
                && (!fields.has("assignee_id") || fields.path("assignee_id").isNull())) {
            problems.add("Status: Solved requires an assignee");
        }
        if (!problems.isEmpty()) {
            return "";
        }
        apply(id, ticket, fields);
        return JSON.createObjectNode()
                .<ObjectNode>set("ticket", ticket)
                .set("audit", audits.get(id).get(audits.get(id).size() - 1))
                .toString();
    }

    /** Checks the ticket wrapper and every field against the fixture ticket's shape. */
    private JsonNode checkTicket(Request request, List<String> problems) {
        if (!"application/json"
                .equals(String.valueOf(request.header("Content-Type"))
                        .split(";")[0]
                        .trim())) {
            problems.add("Content-Type is not application/json");
        }
        if (request.body() == null
                || !request.body().isObject()
                || request.body().size() != 1
                || !request.ticket().isObject()) {
            problems.add("body is not {\"ticket\": {...}}");
            return JSON.createObjectNode();
        }
        JsonNode fields = request.ticket();
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (WRITE_ONLY.contains(name)) {
                continue;
            }
            if (!template.has(name)) {
                problems.add("unknown ticket field " + name);
                continue;
            }
            JsonNodeType expected = template.get(name).getNodeType();
            if (value.isNull()
                    ? !NULLABLE.contains(name) && expected != JsonNodeType.NULL
                    : expected != JsonNodeType.NULL && value.getNodeType() != expected) {
                problems.add(name + " is " + value.getNodeType() + ", the API has " + expected);
            }
        }
        enumField(fields, "type", TYPES, problems);
        enumField(fields, "priority", PRIORITIES, problems);
        enumField(fields, "status", STATUSES, problems);
        if (fields.has("tags")) {
            fields.path("tags").forEach(tag -> {
                if (!tag.isTextual()) {
                    problems.add("tags must be strings");
                }
            });
        }
        if (fields.has("comment")) {
            JsonNode comment = fields.path("comment");
            if (!comment.path("body").isTextual()
                    || comment.path("body").asText().isBlank()) {
                problems.add("comment.body must be a non-empty string");
            }
            if (comment.has("public") && !comment.path("public").isBoolean()) {
                problems.add("comment.public must be a boolean");
            }
            comment.fieldNames().forEachRemaining(name -> {
                if (!Set.of("body", "html_body", "public", "author_id", "uploads")
                        .contains(name)) {
                    problems.add("unknown comment field " + name);
                }
            });
        }
        if (fields.has("metadata")) {
            if (!fields.path("metadata").isObject()) {
                problems.add("metadata must be an object");
            } else if (fields.path("metadata").toString().getBytes(StandardCharsets.UTF_8).length > 1024) {
                problems.add("metadata is larger than 1 kilobyte");
            }
        }
        return fields;
    }

    private static void enumField(JsonNode fields, String name, Set<String> allowed, List<String> problems) {
        if (fields.has(name)
                && !fields.path(name).isNull()
                && !allowed.contains(fields.path(name).asText())) {
            problems.add(name + " '" + fields.path(name).asText() + "' is not one of " + allowed);
        }
    }

    /** Changes the ticket and records the audit, with the request's metadata as custom metadata. */
    private void apply(long id, ObjectNode ticket, JsonNode fields) {
        ObjectNode audit = JSON.createObjectNode();
        audit.put("id", nextAuditId++);
        audit.put("ticket_id", id);
        audit.put("created_at", java.time.Instant.now().toString());
        audit.put("author_id", 76872);
        ObjectNode metadata = audit.putObject("metadata");
        metadata.set("custom", fields.has("metadata") ? fields.get("metadata").deepCopy() : JSON.createObjectNode());
        metadata.putObject("system").put("client", "Tocsin test");
        audit.putObject("via").put("channel", "api");
        ArrayNode events = audit.putArray("events");
        fields.fields().forEachRemaining(field -> {
            if (field.getKey().equals("comment")) {
                ObjectNode event = events.addObject();
                event.put("id", nextAuditId++);
                event.put("type", "Comment");
                event.put("body", field.getValue().path("body").asText());
                event.put("public", field.getValue().path("public").asBoolean(true));
            } else if (!field.getKey().equals("metadata")) {
                ticket.set(field.getKey(), field.getValue().deepCopy());
                ObjectNode event = events.addObject();
                event.put("id", nextAuditId++);
                event.put("type", "Change");
                event.put("field_name", field.getKey());
                event.set("value", field.getValue().deepCopy());
            }
        });
        ticket.put("updated_at", java.time.Instant.now().toString());
        audits.get(id).add(audit);
    }

    private ObjectNode ticket(long id, String type, String subject) {
        ObjectNode ticket = template.deepCopy();
        ticket.put("id", id);
        ticket.put("url", baseUrl() + "/api/v2/tickets/" + id + ".json");
        ticket.put("type", type);
        ticket.put("subject", subject);
        ticket.put("status", "open");
        ticket.putNull("problem_id");
        ticket.putNull("external_id");
        ticket.putArray("tags");
        ticket.put("has_incidents", false);
        return ticket;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
