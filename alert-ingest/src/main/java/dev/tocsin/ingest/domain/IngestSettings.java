package dev.tocsin.ingest.domain;

import java.util.List;
import java.util.Objects;

/**
 * How payloads are read: which labels name the product, component and region, where Zendesk
 * tickets carry their product, and how many items one request may hold.
 *
 * @param productLabels          label names that carry the product, tried in order
 * @param componentLabel         label name that carries the component
 * @param regionLabel            label name that carries the region or pod
 * @param zendeskProductFieldId  id of the Zendesk custom field holding the product, or null to use tags only
 * @param zendeskProductTagPrefix tag prefix marking the product in Zendesk tags ({@code product_chat})
 * @param maxItemsPerRequest     most alerts or reports accepted in one payload
 */
public record IngestSettings(List<String> productLabels, String componentLabel, String regionLabel,
                             String zendeskProductFieldId, String zendeskProductTagPrefix,
                             int maxItemsPerRequest) {

    public IngestSettings {
        Objects.requireNonNull(productLabels, "productLabels");
        productLabels = List.copyOf(productLabels);
        if (productLabels.isEmpty() || productLabels.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("productLabels must name at least one label, none blank");
        }
        requireText(componentLabel, "componentLabel");
        requireText(regionLabel, "regionLabel");
        requireText(zendeskProductTagPrefix, "zendeskProductTagPrefix");
        if (zendeskProductFieldId != null && zendeskProductFieldId.isBlank()) {
            zendeskProductFieldId = null;
        }
        if (maxItemsPerRequest < 1) {
            throw new IllegalArgumentException("maxItemsPerRequest must be at least 1, got " + maxItemsPerRequest);
        }
    }

    /** Labels {@code product} then {@code service}, {@code component}, {@code region}; Zendesk tags {@code product_<name>}; 1000 items. */
    public static IngestSettings defaults() {
        return new IngestSettings(List.of("product", "service"), "component", "region", null, "product_", 1000);
    }

    /** The same settings with other product labels. */
    public IngestSettings withProductLabels(List<String> labels) {
        return new IngestSettings(labels, componentLabel, regionLabel, zendeskProductFieldId,
                zendeskProductTagPrefix, maxItemsPerRequest);
    }

    /** The same settings with another component and region label. */
    public IngestSettings withPlacementLabels(String component, String region) {
        return new IngestSettings(productLabels, component, region, zendeskProductFieldId,
                zendeskProductTagPrefix, maxItemsPerRequest);
    }

    /** The same settings with another Zendesk product field. */
    public IngestSettings withZendeskProductFieldId(String fieldId) {
        return new IngestSettings(productLabels, componentLabel, regionLabel, fieldId,
                zendeskProductTagPrefix, maxItemsPerRequest);
    }

    /** The same settings with another item limit. */
    public IngestSettings withMaxItemsPerRequest(int max) {
        return new IngestSettings(productLabels, componentLabel, regionLabel, zendeskProductFieldId,
                zendeskProductTagPrefix, max);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
