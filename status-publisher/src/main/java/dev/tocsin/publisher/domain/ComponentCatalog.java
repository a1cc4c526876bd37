package dev.tocsin.publisher.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The products shown as components, in display order, with their public display names, optionally
 * grouped the way Statuspage groups components (a group is a heading over its members and shows their
 * worst status). Incidents of products outside the catalog never get here ({@link PublicProducts}); a
 * product named only by an operator's maintenance window is appended after the catalog products, sorted
 * by name, and never grouped.
 *
 * <p>Immutable: {@link #withGroups} returns a new catalog.
 */
public final class ComponentCatalog {

    private final Map<String, String> displayNames;
    /** Group name to its products, both in display order; products in catalog order. */
    private final Map<String, List<String>> groups;

    private final Map<String, String> groupOfProduct;

    private ComponentCatalog(Map<String, String> displayNames, Map<String, List<String>> groups) {
        this.displayNames = displayNames;
        this.groups = groups;
        this.groupOfProduct = new LinkedHashMap<>();
        groups.forEach((group, products) -> products.forEach(p -> groupOfProduct.put(p, group)));
    }

    /** Catalog from product to display name, in the given (iteration) order. */
    public static ComponentCatalog of(Map<String, String> productToDisplayName) {
        return new ComponentCatalog(new LinkedHashMap<>(productToDisplayName), Map.of());
    }

    /**
     * This catalog with its products grouped; the given grouping replaces any earlier one. The map's
     * iteration order is the groups' display order. A product named in a group but missing from the
     * catalog is appended to it (display name capitalized), so a group never points at nothing; products
     * in no group stay ungrouped.
     *
     * @param groupNameToProducts group name (shown as is) to the products it contains
     * @throws IllegalArgumentException if a group name is blank, a group has no products, or a product
     *                                  is listed in more than one group (or twice in one)
     */
    public ComponentCatalog withGroups(Map<String, List<String>> groupNameToProducts) {
        Map<String, String> names = new LinkedHashMap<>(displayNames);
        Map<String, String> seenIn = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> group : groupNameToProducts.entrySet()) {
            String groupName = group.getKey();
            if (groupName == null || groupName.isBlank()) {
                throw new IllegalArgumentException("a component group name must not be blank");
            }
            if (group.getValue() == null || group.getValue().isEmpty()) {
                throw new IllegalArgumentException("component group '" + groupName + "' has no products");
            }
            for (String product : group.getValue()) {
                if (product == null || product.isBlank()) {
                    throw new IllegalArgumentException("component group '" + groupName + "' names a blank product");
                }
                String earlier = seenIn.putIfAbsent(product, groupName);
                if (earlier != null) {
                    throw new IllegalArgumentException(
                            earlier.equals(groupName)
                                    ? "product '" + product + "' is listed twice in component group '" + groupName + "'"
                                    : "product '" + product + "' is in two component groups: '" + earlier + "' and '"
                                            + groupName + "'; a product may be in at most one group");
                }
                names.putIfAbsent(product, capitalize(product));
            }
        }
        // members in catalog order, so a group lists its components in the same order as the catalog
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        groupNameToProducts.keySet().forEach(g -> grouped.put(g, new ArrayList<>()));
        names.keySet().stream()
                .filter(seenIn::containsKey)
                .forEach(p -> grouped.get(seenIn.get(p)).add(p));
        grouped.replaceAll((g, products) -> List.copyOf(products));
        return new ComponentCatalog(names, grouped);
    }

    public List<String> products() {
        return new ArrayList<>(displayNames.keySet());
    }

    public String displayName(String product) {
        return displayNames.getOrDefault(product, capitalize(product));
    }

    /** The group names in display order; empty when the catalog is not grouped. */
    public List<String> groups() {
        return List.copyOf(groups.keySet());
    }

    /** The products of a group in catalog order; empty for an unknown group. */
    public List<String> productsOf(String group) {
        return groups.getOrDefault(group, List.of());
    }

    /** The group a product belongs to, empty for an ungrouped product or one outside the catalog. */
    public Optional<String> groupOf(String product) {
        return Optional.ofNullable(groupOfProduct.get(product));
    }

    /**
     * The components list as shown: {@code shown} (products in display order, e.g.
     * {@link PublicState#components()}) walked in order, where the first member of a group reached
     * brings in its group row followed by all its shown members (catalog order); other products are
     * rows of their own. Every shown product appears exactly once.
     */
    public List<Row> rows(Collection<String> shown) {
        List<Row> rows = new ArrayList<>();
        List<String> emittedGroups = new ArrayList<>();
        for (String product : shown) {
            Optional<String> group = groupOf(product);
            if (group.isEmpty()) {
                rows.add(new Row(null, List.of(product)));
            } else if (!emittedGroups.contains(group.get())) {
                emittedGroups.add(group.get());
                rows.add(new Row(
                        group.get(),
                        productsOf(group.get()).stream().filter(shown::contains).toList()));
            }
        }
        return rows;
    }

    /**
     * One row of the components list.
     *
     * @param group    the group name, or null for an ungrouped product
     * @param products the group's members in catalog order, or the single ungrouped product
     */
    public record Row(String group, List<String> products) {

        public Row {
            products = List.copyOf(products);
        }

        public boolean grouped() {
            return group != null;
        }
    }

    private static String capitalize(String product) {
        if (product.isEmpty()) {
            return product;
        }
        return product.substring(0, 1).toUpperCase(Locale.ROOT) + product.substring(1);
    }
}
