package dev.tocsin.ingest.domain;

import dev.tocsin.schemas.rules.ProductNames;
import java.util.List;
import java.util.Objects;

/**
 * How payloads are read: which labels name the product, component and region, where Zendesk
 * tickets carry their product, how many items one request may hold, and the product of what nothing
 * classifies.
 *
 * @param productLabels          label names that carry the product, tried in order
 * @param componentLabel         label name that carries the component
 * @param regionLabel            label name that carries the region or pod
 * @param zendeskProductFieldId  id of the Zendesk custom field holding the product, or null to use tags only
 * @param zendeskProductTagPrefix tag prefix marking the product in Zendesk tags ({@code product_chat})
 * @param maxItemsPerRequest     most alerts or reports accepted in one payload
 * @param unclassifiedProduct    product of alerts and reports that no label and no routing rule
 *                               classifies (a safe product name, see {@link ProductNames})
 */
public record NormalizerSettings(
        List<String> productLabels,
        String componentLabel,
        String regionLabel,
        String zendeskProductFieldId,
        String zendeskProductTagPrefix,
        int maxItemsPerRequest,
        String unclassifiedProduct) {

    public NormalizerSettings {
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
        if (!ProductNames.isSafe(unclassifiedProduct)) {
            throw new IllegalArgumentException("unclassifiedProduct must be a safe product name (lower-case letters, "
                    + "digits, '.', '_', '-'), got '" + unclassifiedProduct + "'");
        }
    }

    /** The settings before an unclassified product was configurable: {@value ProductNames#DEFAULT_UNCLASSIFIED}. */
    public NormalizerSettings(
            List<String> productLabels,
            String componentLabel,
            String regionLabel,
            String zendeskProductFieldId,
            String zendeskProductTagPrefix,
            int maxItemsPerRequest) {
        this(
                productLabels,
                componentLabel,
                regionLabel,
                zendeskProductFieldId,
                zendeskProductTagPrefix,
                maxItemsPerRequest,
                ProductNames.DEFAULT_UNCLASSIFIED);
    }

    /**
     * Labels {@code product} then {@code service}, {@code component}, {@code region}; Zendesk tags
     * {@code product_<name>}; 1000 items; unclassified alerts get {@value ProductNames#DEFAULT_UNCLASSIFIED}.
     */
    public static NormalizerSettings defaults() {
        return new NormalizerSettings(List.of("product", "service"), "component", "region", null, "product_", 1000);
    }

    /** The same settings with other product labels. */
    public NormalizerSettings withProductLabels(List<String> labels) {
        return new NormalizerSettings(
                labels,
                componentLabel,
                regionLabel,
                zendeskProductFieldId,
                zendeskProductTagPrefix,
                maxItemsPerRequest,
                unclassifiedProduct);
    }

    /** The same settings with another component and region label. */
    public NormalizerSettings withPlacementLabels(String component, String region) {
        return new NormalizerSettings(
                productLabels,
                component,
                region,
                zendeskProductFieldId,
                zendeskProductTagPrefix,
                maxItemsPerRequest,
                unclassifiedProduct);
    }

    /** The same settings with another Zendesk product field. */
    public NormalizerSettings withZendeskProductFieldId(String fieldId) {
        return new NormalizerSettings(
                productLabels,
                componentLabel,
                regionLabel,
                fieldId,
                zendeskProductTagPrefix,
                maxItemsPerRequest,
                unclassifiedProduct);
    }

    /** The same settings with another item limit. */
    public NormalizerSettings withMaxItemsPerRequest(int max) {
        return new NormalizerSettings(
                productLabels,
                componentLabel,
                regionLabel,
                zendeskProductFieldId,
                zendeskProductTagPrefix,
                max,
                unclassifiedProduct);
    }

    /** The same settings with another product for what nothing classifies. */
    public NormalizerSettings withUnclassifiedProduct(String product) {
        return new NormalizerSettings(
                productLabels,
                componentLabel,
                regionLabel,
                zendeskProductFieldId,
                zendeskProductTagPrefix,
                maxItemsPerRequest,
                product);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
