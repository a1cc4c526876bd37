package dev.tocsin.ingest.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/** Links back to the source: resolving relative generator URLs and picking runbook links from annotations. */
final class Links {

    /** Annotation names that conventionally hold a runbook link. */
    static final List<String> RUNBOOK_ANNOTATIONS = List.of("runbook_url", "runbook");

    private Links() {}

    /**
     * The generator URL as a usable link: blank gives null, a relative one (Grafana 12 test alerts
     * send {@code ?orgId=1}) is resolved against the sender's external URL when that is absolute,
     * otherwise kept as sent.
     */
    static String resolve(String externalUrl, String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI link = new URI(url.trim());
            if (link.isAbsolute() || externalUrl == null) {
                return url.trim();
            }
            URI base = new URI(externalUrl.trim());
            return base.isAbsolute() ? base.resolve(link).toString() : url.trim();
        } catch (URISyntaxException | IllegalArgumentException e) {
            // a link that is no URI is still worth showing to a human
            return url.trim();
        }
    }

    /** Runbook links from annotations, in {@link #RUNBOOK_ANNOTATIONS} order. */
    static void addRunbooks(Map<String, String> annotations, List<String> links) {
        for (String name : RUNBOOK_ANNOTATIONS) {
            addIfPresent(annotations.get(name), links);
        }
    }

    static void addIfPresent(String url, List<String> links) {
        if (url != null && !url.isBlank() && !links.contains(url.trim())) {
            links.add(url.trim());
        }
    }
}
