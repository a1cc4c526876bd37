package dev.tocsin.publisher.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The products shown as components, in display order, with their public display names.
 * Products seen only in incidents are appended after the catalog products, sorted by name.
 */
public final class ComponentCatalog {

    private final Map<String, String> displayNames;

    private ComponentCatalog(Map<String, String> displayNames) {
        this.displayNames = displayNames;
    }

    /** Catalog from product to display name, in the given (iteration) order. */
    public static ComponentCatalog of(Map<String, String> productToDisplayName) {
        return new ComponentCatalog(new LinkedHashMap<>(productToDisplayName));
    }

    /** Catalog of products whose display name is the product name with a capital first letter. */
    public static ComponentCatalog ofProducts(Collection<String> products) {
        Map<String, String> names = new LinkedHashMap<>();
        products.forEach(p -> names.put(p, capitalize(p)));
        return new ComponentCatalog(names);
    }

    public List<String> products() {
        return new ArrayList<>(displayNames.keySet());
    }

    public String displayName(String product) {
        return displayNames.getOrDefault(product, capitalize(product));
    }

    private static String capitalize(String product) {
        if (product.isEmpty()) {
            return product;
        }
        return product.substring(0, 1).toUpperCase(Locale.ROOT) + product.substring(1);
    }
}
