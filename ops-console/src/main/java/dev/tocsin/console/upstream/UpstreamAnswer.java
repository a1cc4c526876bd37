package dev.tocsin.console.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What a Tocsin API answered: status and JSON body. A refusal's reason is the problem body's
 * detail (with its field errors), shown to the user as the API said it.
 */
public record UpstreamAnswer(int status, JsonNode body) {

    public static UpstreamAnswer unreachable(String service, String why) {
        return new UpstreamAnswer(
                503,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .objectNode()
                        .put("title", "Service Unavailable")
                        .put("detail", service + " could not be reached: " + why));
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public JsonNode body() {
        return body == null ? MissingNode.getInstance() : body;
    }

    /** The refusal in words: detail, then each field error. */
    public String reason() {
        JsonNode b = body();
        StringBuilder out =
                new StringBuilder(b.path("detail").asText(b.path("title").asText("HTTP " + status)));
        for (JsonNode error : b.path("errors")) {
            out.append("; ")
                    .append(error.path("field").asText())
                    .append(": ")
                    .append(error.path("reason").asText());
        }
        return out.toString();
    }
}
