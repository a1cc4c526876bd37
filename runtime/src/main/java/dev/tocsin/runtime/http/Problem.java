package dev.tocsin.runtime.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail: what a client did wrong, in a body it can parse.
 *
 * @param type   URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title  short summary of the kind of problem
 * @param status HTTP status
 * @param detail what exactly is wrong with this request
 * @param errors field-level errors, e.g. {@code alerts[3].status: must be firing or resolved}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem("https://tocsin.dev/problems/invalid-request", "Invalid request", 400, detail, errors);
    }

    /** One invalid field: a JSON-pointer-like path and the reason. */
    public record FieldError(String field, String reason) {}
}
