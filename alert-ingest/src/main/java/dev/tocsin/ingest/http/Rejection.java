package dev.tocsin.ingest.http;

import dev.tocsin.runtime.http.Problem;
import dev.tocsin.runtime.http.ProblemException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request alert-ingest refuses: answered with a problem body of type
 * {@code https://tocsin.dev/problems/<reason>} and counted by {@link RouteGuard} under its reason.
 */
public final class Rejection extends ProblemException {

    private static final long serialVersionUID = 1L;
    private static final String TYPE = "https://tocsin.dev/problems/";

    private final String reason;

    private Rejection(String reason, Problem problem, Map<String, String> headers) {
        super(problem, headers);
        this.reason = reason;
    }

    /** A rejection without field errors or extra headers. */
    public static Rejection of(String reason, int status, String title, String detail) {
        return new Rejection(reason, new Problem(TYPE + reason, title, status, detail, List.of()), Map.of());
    }

    /** A 503 the sender should retry after {@code retryAfterSeconds}: nothing of the request was written. */
    public static Rejection unavailable(String reason, String detail, String retryAfterSeconds) {
        return of(reason, 503, "Service Unavailable", detail).withHeader("Retry-After", retryAfterSeconds);
    }

    /** The same rejection naming each bad field. */
    public Rejection withErrors(List<Problem.FieldError> errors) {
        Problem p = problem();
        return new Rejection(reason, new Problem(p.type(), p.title(), p.status(), p.detail(), errors), headers());
    }

    /** The same rejection with one more response header. */
    public Rejection withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers());
        more.put(name, value);
        return new Rejection(reason, problem(), more);
    }

    /** Why, in a word: the end of the problem type and the {@code reason} tag of the rejection metric. */
    public String reason() {
        return reason;
    }
}
