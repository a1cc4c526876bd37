package dev.tocsin.ingest.domain;

import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.ReportChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one ticket system said about one ticket, before the shared rules (product key, priority
 * policy, times) are applied by {@link ReportAssembler}. A short-lived builder, never shared.
 */
final class ReportDraft {

    final String source;
    String ticketId;
    String organizationId;
    String requester;
    /** Product as named by the source, or null (then the routing rules, else the unclassified product). */
    String product;

    String component;
    String subject;
    String description;
    /** The priority word as sent, and what it maps to. */
    String priorityText;

    CustomerPriority priority;
    ReportChannel channel = ReportChannel.OTHER;
    Instant createdAt;
    List<String> tags = new ArrayList<>();
    String sourceEvent;
    /** Zendesk custom fields by id, values as text (lists comma-separated); routing rules see them. */
    Map<String, String> customFields = new TreeMap<>();
    /** The customer's locale as the source states it (Zendesk {@code locale}, e.g. {@code de-CH}), or null. */
    String locale;

    ReportDraft(String source) {
        this.source = source;
    }
}
