package dev.tocsin.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.Silence;
import dev.tocsin.avro.SilenceMatcher;
import dev.tocsin.ingest.domain.ExpiredSilenceException;
import dev.tocsin.ingest.domain.InvalidPayloadException;
import dev.tocsin.ingest.domain.PostedSilence;
import dev.tocsin.ingest.domain.SilenceChanges;
import dev.tocsin.ingest.domain.SilenceInput;
import dev.tocsin.ingest.domain.SilenceListing;
import dev.tocsin.ingest.domain.Timestamps;
import dev.tocsin.ingest.domain.UnknownSilenceException;
import dev.tocsin.ingest.kafka.SilenceBook;
import dev.tocsin.runtime.http.Problem;
import dev.tocsin.schemas.rules.LabelMatcher;
import dev.tocsin.schemas.rules.LabelMatchers;
import dev.tocsin.schemas.rules.SilenceRules;
import dev.tocsin.schemas.topics.Topics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Alertmanager API v2's silence routes, so {@code amtool silence add|query|update|expire} works
 * against alert-ingest: {@code GET/POST /api/v2/silences}, {@code GET/DELETE /api/v2/silence/{id}},
 * with Alertmanager's JSON shapes and answers (POST 200 {@code {"silenceID":...}}, DELETE 200 with
 * no body, 404 for an unknown id). Differences: every route needs operator credentials, and errors
 * carry a problem body; a bad silence is 400 like in Alertmanager, expiring an expired silence 409
 * (Alertmanager: 500). {@code /api/v2/status}, which amtool asks for a version check, is not served:
 * amtool goes on after its 404.
 *
 * <p>Every route takes the front door's steps ({@link RouteGuard}: operator credentials, rate limit,
 * counting); writes also its body limits ({@link RequestBodies}) and the shared transactional writer
 * ({@link BatchWriter}: 200 only after the commit), and are serialized per instance, so two updates
 * of one silence cannot both replace the same version. Reads come from {@link SilenceBook}.
 */
public final class SilencesApi {

    private static final Route ROUTE = Route.operator("silences");
    /** Go's RFC 3339 with milliseconds, as Alertmanager writes times. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private final RequestBodies bodies;
    private final BatchWriter batches;
    private final Topics topics;
    private final SilenceBook book;
    private final SilenceMetrics metrics;
    private final Clock clock;
    private final ReentrantLock changes = new ReentrantLock();

    public SilencesApi(
            RequestBodies bodies,
            BatchWriter batches,
            Topics topics,
            SilenceBook book,
            SilenceMetrics metrics,
            Clock clock) {
        this.bodies = bodies;
        this.batches = batches;
        this.topics = topics;
        this.book = book;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void register(Javalin app) {
        app.get("/api/v2/silences", ctx -> answer(() -> list(ctx)), ROUTE);
        app.post("/api/v2/silences", ctx -> answer(() -> post(ctx)), ROUTE);
        app.get("/api/v2/silence/{id}", ctx -> answer(() -> get(ctx)), ROUTE);
        app.delete("/api/v2/silence/{id}", ctx -> answer(() -> expire(ctx)), ROUTE);
    }

    private void list(Context ctx) {
        List<LabelMatcher> filters = new ArrayList<>();
        for (String filter : ctx.queryParams("filter")) {
            try {
                filters.add(LabelMatchers.parse(filter));
            } catch (IllegalArgumentException e) {
                throw invalid(
                        "bad filter: " + e.getMessage(), List.of(new Problem.FieldError("filter", e.getMessage())));
            }
        }
        Instant now = now();
        ctx.status(200)
                .json(SilenceListing.list(book.all(), filters, now).stream()
                        .map(s -> gettable(s, now))
                        .toList());
    }

    private void get(Context ctx) {
        String id = ctx.pathParam("id");
        Silence silence = book.find(id).orElseThrow(() -> new UnknownSilenceException(id));
        ctx.status(200).json(gettable(silence, now()));
    }

    private void post(Context ctx) {
        try (InFlightBytes.Reservation ignored = bodies.admit(ctx, ROUTE)) {
            JsonNode body = bodies.read(ctx, ROUTE);
            changes.lock();
            try {
                Instant now = now();
                PostedSilence posted = validated(() -> SilenceInput.posted(body, now));
                Silence current =
                        posted.id() == null ? null : book.find(posted.id()).orElse(null);
                SilenceChanges.Outcome outcome = SilenceChanges.post(posted, current, now, SilencesApi::newId);
                store(outcome.versions(), now);
                count(outcome);
                ctx.status(200).json(Map.of("silenceID", outcome.silenceId()));
            } finally {
                changes.unlock();
            }
        }
    }

    private void expire(Context ctx) {
        String id = ctx.pathParam("id");
        changes.lock();
        try {
            Instant now = now();
            Silence expired =
                    SilenceChanges.expire(book.find(id).orElseThrow(() -> new UnknownSilenceException(id)), now);
            store(List.of(expired), now);
            metrics.expired();
            ctx.status(200).result("");
        } finally {
            changes.unlock();
        }
    }

    /** Writes the versions in one transaction, returning once committed, and shows them at once on this instance. */
    private void store(List<Silence> versions, Instant now) {
        BatchWriter.Batch batch = batches.prepare(
                ROUTE,
                () -> batches.records(topics.silences(), versions, Silence::getSilenceId, Silence::getSilenceId));
        batches.write(ROUTE, batch);
        book.written(versions);
    }

    /** Runs the route, answering an unknown id 404 and expiring an expired silence 409. */
    private static void answer(Runnable route) {
        try {
            route.run();
        } catch (UnknownSilenceException e) {
            throw Rejection.of("unknown-silence", 404, "Not Found", e.getMessage() + ".");
        } catch (ExpiredSilenceException e) {
            throw Rejection.of("silence-expired", 409, "Conflict", e.getMessage() + ".");
        } catch (InvalidStateStoreException e) {
            throw Rejection.unavailable(
                    "state-not-ready",
                    "The silences are still being restored; retry shortly.",
                    RequestBodies.RETRY_AFTER_BUSY_SECONDS);
        }
    }

    private void count(SilenceChanges.Outcome outcome) {
        if (!outcome.created()) {
            metrics.updated();
            return;
        }
        metrics.created();
        if (outcome.versions().size() > 1) {
            metrics.expired(); // the replaced silence
        }
    }

    private PostedSilence validated(Supplier<PostedSilence> read) {
        try {
            return read.get();
        } catch (InvalidPayloadException e) {
            List<Problem.FieldError> errors = e.violations().stream()
                    .map(v -> new Problem.FieldError(v.field(), v.reason()))
                    .toList();
            throw invalid(
                    e.violations().size() + " problem(s) with the silence: "
                            + e.violations().stream()
                                    .limit(3)
                                    .map(Object::toString)
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse(""),
                    errors);
        }
    }

    private static Rejection invalid(String detail, List<Problem.FieldError> errors) {
        return Rejection.of("invalid-silence", 400, "Invalid silence", detail).withErrors(errors);
    }

    private Instant now() {
        return Timestamps.millis(clock.instant()); // stored times are milliseconds: compare like with like
    }

    /** A UUID, as Alertmanager gives silences. */
    private static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Alertmanager API v2's GettableSilence. */
    private static Map<String, Object> gettable(Silence silence, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", silence.getSilenceId());
        json.put("status", Map.of("state", SilenceRules.state(silence, now).apiName()));
        json.put("updatedAt", TIME.format(silence.getUpdatedAt()));
        json.put("comment", silence.getComment());
        json.put("createdBy", silence.getCreatedBy());
        json.put("endsAt", TIME.format(silence.getEndsAt()));
        List<Map<String, Object>> matchers = new ArrayList<>();
        for (SilenceMatcher m : silence.getMatchers()) {
            Map<String, Object> matcher = new LinkedHashMap<>();
            matcher.put("isEqual", m.getIsEqual());
            matcher.put("isRegex", m.getIsRegex());
            matcher.put("name", m.getName());
            matcher.put("value", m.getValue());
            matchers.add(matcher);
        }
        json.put("matchers", matchers);
        json.put("startsAt", TIME.format(silence.getStartsAt()));
        return json;
    }
}
