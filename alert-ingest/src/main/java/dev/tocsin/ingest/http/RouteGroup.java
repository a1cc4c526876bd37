package dev.tocsin.ingest.http;

/** Routes that share credentials and a rate limit. */
public enum RouteGroup {
    ALERTS("alerts"),
    REPORTS("reports"),
    OPERATOR("operator");

    private final String label;

    RouteGroup(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
