package dev.tocsin.publisher.domain;

import java.util.Optional;
import java.util.Set;

/**
 * Which products may appear publicly: the configured components are an allow-list. An incident of any
 * other product (a mislabelled or staging alert, {@code service=kafka-broker-7}) never reaches the page,
 * the Statuspage JSON, the feed or subscribers. The unclassified product is never public, even if listed.
 */
public final class PublicProducts {

    /** Why an incident was withheld: its product is what ingest could not classify. */
    public static final String UNCLASSIFIED = "unclassified";
    /** Why an incident was withheld: its product is no configured component. */
    public static final String UNKNOWN_PRODUCT = "unknown-product";

    private final Set<String> components;
    private final String unclassifiedProduct;

    private PublicProducts(Set<String> components, String unclassifiedProduct) {
        this.components = components;
        this.unclassifiedProduct = unclassifiedProduct;
    }

    public static PublicProducts of(ComponentCatalog catalog, String unclassifiedProduct) {
        return new PublicProducts(Set.copyOf(catalog.products()), unclassifiedProduct);
    }

    public boolean isPublic(String product) {
        return withheldBecause(product).isEmpty();
    }

    /** Why an incident of {@code product} stays internal ({@link #UNCLASSIFIED}, {@link #UNKNOWN_PRODUCT}); empty if it is public. */
    public Optional<String> withheldBecause(String product) {
        if (product == null || product.equals(unclassifiedProduct)) {
            return Optional.of(UNCLASSIFIED);
        }
        return components.contains(product) ? Optional.empty() : Optional.of(UNKNOWN_PRODUCT);
    }
}
