package dev.tocsin.publisher.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the Statuspage fixtures copied to test resources (provenance in src/test/resources/PROVENANCE.md). */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    public static JsonNode statuspage(String prefix) {
        String name = switch (prefix) {
            case "sp-03" -> "sp-03-atlassian-example-summary-major-indicator-incident-maintenance.json";
            case "sp-04" -> "sp-04-atlassian-example-status-major.json";
            case "sp-06" -> "sp-06-atlassian-example-incidents-json.json";
            case "sp-08" -> "sp-08-atlassian-example-scheduled-maintenances.json";
            case "sp-11" -> "sp-11-discordstatus-incidents-json-resolved-with-updates.json";
            case "sp-12" -> "sp-12-discordstatus-scheduled-maintenances-completed-verifying.json";
            case "sp-13" -> "sp-13-discordstatus-summary-none-trimmed-group_id.json";
            case "sp-14" -> "sp-14-discordstatus-status-none.json";
            default -> throw new IllegalArgumentException(prefix);
        };
        try (InputStream in = Fixtures.class.getResourceAsStream("/statuspage/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Our rendered map as a Jackson tree, exactly as the HTTP layer would serialize it. */
    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }
}
