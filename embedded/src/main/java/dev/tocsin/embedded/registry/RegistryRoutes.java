package dev.tocsin.embedded.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent Schema Registry REST API v1 on top of {@link RegistryService}: request parsing,
 * response shapes and the {@code {"error_code","message"}} error bodies clients expect.
 */
final class RegistryRoutes {

    /** What Confluent's registry answers with; its clients also accept it in requests. */
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);

    private final RegistryService service;
    private final BasicAuth auth;
    private final ObjectMapper json = new ObjectMapper();

    /** @param auth the credentials every request must carry, or null for none */
    RegistryRoutes(RegistryService service, BasicAuth auth) {
        this.service = service;
        this.auth = auth;
    }

    void install(Javalin app) {
        if (auth != null) {
            app.before(this::authenticate);
        }
        app.get("/", ctx -> ok(ctx, Map.of()));

        app.get("/subjects", ctx -> ok(ctx, service.subjects(flag(ctx, "deleted"), ctx.queryParam("subjectPrefix"))));
        app.post("/subjects/{subject}", this::lookup);
        app.delete("/subjects/{subject}", ctx -> ok(ctx, service.deleteSubject(subject(ctx), flag(ctx, "permanent"))));
        app.get("/subjects/{subject}/versions", ctx -> ok(ctx, service.versions(subject(ctx), flag(ctx, "deleted"))));
        app.post(
                "/subjects/{subject}/versions",
                ctx -> ok(ctx, Map.of("id", service.register(subject(ctx), schemaRequest(ctx)))));
        app.get(
                "/subjects/{subject}/versions/{version}",
                ctx -> ok(ctx, versionBody(service.version(subject(ctx), version(ctx), flag(ctx, "deleted")))));
        app.get(
                "/subjects/{subject}/versions/{version}/schema",
                ctx -> raw(
                        ctx,
                        service.version(subject(ctx), version(ctx), flag(ctx, "deleted"))
                                .schema()));
        app.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> {
            service.version(subject(ctx), version(ctx), true);
            ok(ctx, List.of()); // references are not supported, so nothing refers to anything
        });
        app.delete(
                "/subjects/{subject}/versions/{version}",
                ctx -> ok(ctx, service.deleteVersion(subject(ctx), version(ctx), flag(ctx, "permanent"))));

        app.get("/schemas/types", ctx -> ok(ctx, List.of("AVRO")));
        app.get("/schemas/ids/{id}", ctx -> ok(ctx, Map.of("schema", service.schemaById(id(ctx)))));
        app.get("/schemas/ids/{id}/schema", ctx -> raw(ctx, service.schemaById(id(ctx))));
        app.get(
                "/schemas/ids/{id}/versions",
                ctx -> ok(
                        ctx,
                        service.versionsWithId(id(ctx), flag(ctx, "deleted")).stream()
                                .map(v -> subjectVersionBody(v.subject(), v.version()))
                                .toList()));
        app.get(
                "/schemas/ids/{id}/subjects",
                ctx -> ok(
                        ctx,
                        new TreeSet<>(service.versionsWithId(id(ctx), flag(ctx, "deleted")).stream()
                                .map(SubjectVersion::subject)
                                .toList())));

        app.post("/compatibility/subjects/{subject}/versions/{version}", ctx -> compatibility(ctx, version(ctx)));
        app.post("/compatibility/subjects/{subject}/versions", ctx -> compatibility(ctx, null));

        app.get("/config", ctx -> ok(ctx, levelBody(service.globalLevel())));
        app.put("/config", ctx -> updateLevel(ctx, null));
        app.delete("/config", ctx -> ok(ctx, levelBody(service.deleteLevel(null))));
        app.get("/config/{subject}", this::subjectLevel);
        app.put("/config/{subject}", ctx -> updateLevel(ctx, subject(ctx)));
        app.delete("/config/{subject}", ctx -> ok(ctx, levelBody(service.deleteLevel(subject(ctx)))));

        app.get("/mode", ctx -> ok(ctx, Map.of("mode", "READWRITE")));

        app.exception(RegistryException.class, (e, ctx) -> {
            if (e.status() >= 500) {
                LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e.getCause());
            }
            error(ctx, e.status(), e.errorCode(), e.getMessage());
        });
        // Javalin's own answers (no such route, wrong method...) in Confluent's error shape.
        app.exception(
                HttpResponseException.class,
                (e, ctx) -> error(
                        ctx,
                        e.getStatus(),
                        e.getStatus(),
                        "HTTP " + e.getStatus() + " "
                                + HttpStatus.forStatus(e.getStatus()).getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, 500, "Internal Server Error");
        });
    }

    private void authenticate(Context ctx) {
        if (!auth.accepts(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Basic realm=\"schema-registry\"");
            throw RegistryException.unauthorized();
        }
    }

    private void lookup(Context ctx) {
        ok(ctx, versionBody(service.lookup(subject(ctx), schemaRequest(ctx), flag(ctx, "deleted"))));
    }

    private void compatibility(Context ctx, Integer version) {
        List<String> messages = service.checkCompatibility(subject(ctx), version, schemaRequest(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_compatible", messages.isEmpty());
        if (flag(ctx, "verbose")) {
            body.put("messages", messages);
        }
        ok(ctx, body);
    }

    private void subjectLevel(Context ctx) {
        String subject = subject(ctx);
        CompatibilityLevel level = service.subjectLevel(subject).orElseGet(() -> {
            if (flag(ctx, "defaultToGlobal")) {
                return service.globalLevel();
            }
            throw RegistryException.subjectLevelNotConfigured(subject);
        });
        ok(ctx, levelBody(level));
    }

    private void updateLevel(Context ctx, String subject) {
        JsonNode compatibility = body(ctx).get("compatibility");
        CompatibilityLevel level = CompatibilityLevel.parse(compatibility == null ? null : compatibility.asText(null))
                .orElseThrow(RegistryException::invalidCompatibilityLevel);
        service.setLevel(subject, level);
        ok(ctx, Map.of("compatibility", level.name()));
    }

    private SchemaRequest schemaRequest(Context ctx) {
        JsonNode body = body(ctx);
        JsonNode schema = body.get("schema");
        if (schema != null && !schema.isNull() && !schema.isTextual()) {
            throw RegistryException.invalidJson("\"schema\" must be a string holding the schema");
        }
        JsonNode type = body.get("schemaType");
        JsonNode references = body.get("references");
        return new SchemaRequest(
                schema == null || schema.isNull() ? null : schema.asText(),
                type == null || type.isNull() ? null : type.asText(),
                references != null && references.isArray() && !references.isEmpty());
    }

    private JsonNode body(Context ctx) {
        try {
            JsonNode node = json.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw RegistryException.invalidJson("expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw RegistryException.invalidJson(e.getOriginalMessage());
        }
    }

    private static String subject(Context ctx) {
        return ctx.pathParam("subject");
    }

    private static int version(Context ctx) {
        String text = ctx.pathParam("version");
        if ("latest".equals(text)) {
            return RegistryService.LATEST;
        }
        try {
            int version = Integer.parseInt(text);
            if (version == RegistryService.LATEST || version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through to the registry's own error
        }
        throw RegistryException.invalidVersion(text);
    }

    private static int id(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryException.schemaIdNotFound(text);
        }
    }

    private static boolean flag(Context ctx, String name) {
        return Boolean.parseBoolean(ctx.queryParam(name));
    }

    private static Map<String, Object> versionBody(SubjectVersion v) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", v.subject());
        body.put("version", v.version());
        body.put("id", v.id());
        body.put("schema", v.schema());
        return body;
    }

    private static Map<String, Object> subjectVersionBody(String subject, int version) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", subject);
        body.put("version", version);
        return body;
    }

    private static Map<String, Object> levelBody(CompatibilityLevel level) {
        return Map.of("compatibilityLevel", level.name());
    }

    private void ok(Context ctx, Object body) {
        try {
            ctx.status(200).contentType(CONTENT_TYPE).result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write response", e);
        }
    }

    private static void raw(Context ctx, String schema) {
        ctx.status(200).contentType(CONTENT_TYPE).result(schema);
    }

    private void error(Context ctx, int status, int errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", errorCode);
        body.put("message", message);
        try {
            ctx.status(status).contentType(CONTENT_TYPE).result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.status(500).result("{\"error_code\":500,\"message\":\"Internal Server Error\"}");
        }
    }
}
