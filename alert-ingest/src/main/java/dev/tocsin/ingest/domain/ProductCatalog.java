package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.schemas.rules.ProductNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The canonical product names and their aliases, so {@code LiveChat}, {@code live-chat} and
 * {@code chat} all key the same product. Names are compared trimmed and lower-cased, then in their
 * safe shape ({@link ProductNames#normalize}: {@code "Contact Center"} finds {@code contact-center}).
 * A product the catalog does not know is kept in its safe shape: an alert for a new product must
 * not be lost because the catalog lags behind, and every product name that leaves ingest can be
 * part of an incident id. Canonical names are themselves in the safe shape.
 *
 * <p>File format (YAML, or the same structure as JSON):
 * <pre>
 * products:
 *   chat: [livechat, live-chat]
 *   talk: []
 * </pre>
 */
public final class ProductCatalog {

    /** Classpath resource of {@link #defaults()}. */
    public static final String DEFAULT_RESOURCE = "/dev/tocsin/ingest/domain/default-product-catalog.yaml";

    private static final ProductCatalog EMPTY = new ProductCatalog(Map.of(), Set.of());

    private final Map<String, String> canonicalByName;
    private final Set<String> products;

    private ProductCatalog(Map<String, String> canonicalByName, Set<String> products) {
        this.canonicalByName = canonicalByName;
        this.products = products;
    }

    /** A catalog that knows no product: every product is kept in its safe shape. */
    public static ProductCatalog empty() {
        return EMPTY;
    }

    /**
     * A catalog from canonical names to aliases.
     *
     * @throws IllegalArgumentException on a blank name or an alias claimed by two products
     */
    public static ProductCatalog of(Map<String, List<String>> canonicalToAliases) {
        Map<String, String> byName = new TreeMap<>();
        Set<String> products = new TreeSet<>();
        for (Map.Entry<String, List<String>> entry : canonicalToAliases.entrySet()) {
            String canonical = ProductNames.normalize(entry.getKey());
            if (canonical == null) {
                throw new IllegalArgumentException("a product name must not be blank");
            }
            products.add(canonical);
            claim(byName, canonical, canonical);
            claim(byName, normalize(entry.getKey()), canonical);
        }
        for (Map.Entry<String, List<String>> entry : canonicalToAliases.entrySet()) {
            String canonical = ProductNames.normalize(entry.getKey());
            for (String alias : entry.getValue() == null ? List.<String>of() : entry.getValue()) {
                String name = normalize(alias);
                if (name == null) {
                    throw new IllegalArgumentException("product '" + canonical + "' has a blank alias");
                }
                claim(byName, name, canonical);
                claim(byName, ProductNames.normalize(alias), canonical);
            }
        }
        return new ProductCatalog(Collections.unmodifiableMap(byName), Collections.unmodifiableSet(products));
    }

    /**
     * Loads a catalog file: {@code .json} as JSON, anything else as YAML.
     *
     * @throws ProductCatalogException naming the file when it cannot be read or its content is wrong
     */
    public static ProductCatalog load(Path file) {
        return parse(ConfigDocuments.file(file, "product catalog", ProductCatalogException::new), String.valueOf(file));
    }

    /** The catalog bundled with Tocsin ({@value #DEFAULT_RESOURCE}): support, guide, chat, talk, voice, messaging, contact-center. */
    public static ProductCatalog defaults() {
        return parse(
                ConfigDocuments.resource(DEFAULT_RESOURCE, "product catalog", ProductCatalogException::new),
                DEFAULT_RESOURCE);
    }

    /**
     * The canonical name of a product: the catalog's name for a known product or alias, otherwise
     * the given name in its safe shape ({@link ProductNames#normalize}); null for null or blank input.
     */
    public String canonical(String raw) {
        return find(raw).orElseGet(() -> ProductNames.normalize(raw));
    }

    /** The canonical name only when the catalog knows the product or alias (as written, or in its safe shape). */
    public Optional<String> find(String raw) {
        String name = normalize(raw);
        if (name == null) {
            return Optional.empty();
        }
        String known = canonicalByName.get(name);
        return Optional.ofNullable(known != null ? known : canonicalByName.get(ProductNames.normalize(raw)));
    }

    /** The canonical product names, sorted. */
    public Set<String> products() {
        return products;
    }

    @Override
    public String toString() {
        return "ProductCatalog" + products;
    }

    private static ProductCatalog parse(JsonNode root, String source) {
        String where = "product catalog " + source + ": ";
        if (root == null || !root.isObject() || !root.path("products").isObject()) {
            throw new ProductCatalogException(
                    where + "expected an object 'products' mapping each product to a list of aliases");
        }
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> product : root.get("products").properties()) {
            List<String> aliases = new ArrayList<>();
            JsonNode value = product.getValue();
            if (value.isArray()) {
                for (JsonNode alias : value) {
                    if (!alias.isTextual() && !alias.isNumber()) {
                        throw new ProductCatalogException(where + "product '" + product.getKey()
                                + "': aliases must be strings, got " + JsonFields.kind(alias));
                    }
                    aliases.add(alias.asText());
                }
            } else if (value.isTextual()) {
                aliases.add(value.textValue());
            } else if (!value.isNull()) {
                throw new ProductCatalogException(where + "product '" + product.getKey()
                        + "': expected a list of aliases, got " + JsonFields.kind(value));
            }
            entries.put(product.getKey(), aliases);
        }
        try {
            return of(entries);
        } catch (IllegalArgumentException e) {
            throw new ProductCatalogException(where + e.getMessage(), e);
        }
    }

    private static void claim(Map<String, String> byName, String name, String canonical) {
        String earlier = byName.putIfAbsent(name, canonical);
        if (earlier != null && !earlier.equals(canonical)) {
            throw new IllegalArgumentException(
                    "name '" + name + "' belongs to both '" + earlier + "' and '" + canonical + "'");
        }
    }

    private static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return raw.trim().toLowerCase(Locale.ROOT);
    }
}
