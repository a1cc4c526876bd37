package dev.tocsin.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers as problem details. Requests Jetty refuses before any route sees them (a header block too
 * large: 431, a request line it cannot parse or an ambiguous URI: 400, a URI too long: 414) otherwise get Jetty's HTML
 * page; a client of a JSON API should get the same JSON problem body as for every other error.
 */
final class ProblemErrorHandler extends ErrorHandler {

    private final ObjectMapper json;

    ProblemErrorHandler(ObjectMapper json) {
        this.json = json;
        setShowServlet(false);
        setShowStacks(false);
    }

    /** The answer to a request the HTTP parser refused (no request object exists yet). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    /** The answer to an error Jetty raises for a parsed request outside the routes. */
    @Override
    protected void generateAcceptableResponse(
            Request baseRequest, HttpServletRequest request, HttpServletResponse response, int code, String message)
            throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(Problem.CONTENT_TYPE);
        response.getOutputStream().write(body(code, message));
    }

    private byte[] body(int status, String reason) {
        String title = HttpStatus.getMessage(status);
        String detail = reason == null || reason.isBlank() || reason.equals(title)
                ? "The request was refused before it reached the service: " + title + "."
                : "The request was refused before it reached the service: " + reason + ".";
        try {
            return json.writeValueAsBytes(Problem.of(status, title, detail));
        } catch (JsonProcessingException e) {
            return ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
