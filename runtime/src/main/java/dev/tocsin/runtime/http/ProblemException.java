package dev.tocsin.runtime.http;

import java.util.Map;

/**
 * Thrown by a handler to answer with a problem body; the HTTP server turns it into the response.
 * Optional extra headers carry e.g. {@code Retry-After} or {@code WWW-Authenticate}.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
