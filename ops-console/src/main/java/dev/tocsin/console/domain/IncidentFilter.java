package dev.tocsin.console.domain;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The incident list's filters, as the list's query string carries them. Empty means "any". The
 * list and its live refresh both filter with this one rule.
 *
 * @param status       open (default), resolved or all
 * @param product      one product
 * @param severity     1-4
 * @param scope        SINGLE_CUSTOMER, PLATFORM or GLOBAL
 * @param acknowledged yes or no
 * @param published    yes or no
 * @param unclassified yes: only the unclassified product's incidents; no: none of them
 */
public record IncidentFilter(
        String status,
        String product,
        String severity,
        String scope,
        String acknowledged,
        String published,
        String unclassified) {

    public static final IncidentFilter OPEN = new IncidentFilter("open", "", "", "", "", "", "");

    /** The filter in a query string's parameters; unknown values are kept and match nothing, never an error page. */
    public static IncidentFilter from(Function<String, String> param) {
        return new IncidentFilter(
                or(param.apply("status"), "open"),
                or(param.apply("product"), ""),
                or(param.apply("severity"), ""),
                or(param.apply("scope"), "").toUpperCase(Locale.ROOT),
                or(param.apply("acknowledged"), ""),
                or(param.apply("published"), ""),
                or(param.apply("unclassified"), ""));
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public boolean matches(Incident incident, String unclassifiedProduct) {
        boolean resolved = incident.getStatus() == PublicStatus.RESOLVED;
        boolean statusOk = switch (status) {
            case "all" -> true;
            case "resolved" -> resolved;
            default -> !resolved;
        };
        return statusOk
                && (product.isEmpty() || product.equalsIgnoreCase(incident.getProduct()))
                && (severity.isEmpty()
                        || severity.equals(String.valueOf(incident.getSeverity().ordinal() + 1)))
                && (scope.isEmpty() || scope.equals(incident.getScope().name()))
                && yesNo(acknowledged, incident.getAcknowledged())
                && yesNo(published, incident.getPublished())
                && yesNo(unclassified, unclassifiedProduct.equals(incident.getProduct()));
    }

    private static boolean yesNo(String wanted, boolean actual) {
        return wanted.isEmpty() || (wanted.equals("yes") == actual && (wanted.equals("yes") || wanted.equals("no")));
    }

    /** The filter as query parameters (for links and the live refresh). */
    public Map<String, String> parameters() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("status", status);
        out.put("product", product);
        out.put("severity", severity);
        out.put("scope", scope);
        out.put("acknowledged", acknowledged);
        out.put("published", published);
        out.put("unclassified", unclassified);
        return out;
    }
}
