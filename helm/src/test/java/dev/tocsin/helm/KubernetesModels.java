package dev.tocsin.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads rendered manifests into fabric8's typed models (core, apps, batch, networking, policy, autoscaling and the
 * Prometheus Operator's monitoring.coreos.com): a wrong type fails the read, and a field the model does not know
 * lands in an {@code additionalProperties} map, which {@link #unknownFields} reports.
 */
final class KubernetesModels {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubernetesModels() {}

    /** Every document of a multi-document YAML stream, typed; fails on a kind no model knows. */
    static List<HasMetadata> read(String manifests) {
        List<HasMetadata> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(manifests)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                KubernetesResource resource;
                try {
                    resource = SERIALIZATION.unmarshal(document.toString(), KubernetesResource.class);
                } catch (RuntimeException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    throw new AssertionError(
                            document.path("kind").asText() + " "
                                    + document.path("metadata").path("name").asText() + " does not match its model: "
                                    + cause.getMessage(),
                            e);
                }
                if (resource instanceof GenericKubernetesResource generic) {
                    throw new AssertionError("no typed model for " + generic.getApiVersion() + " " + generic.getKind());
                }
                resources.add((HasMetadata) resource);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("not YAML: " + e.getMessage(), e);
        }
        return resources;
    }

    /** Paths of fields the typed model did not know (its additionalProperties), e.g. "spec.template.spec.foo". */
    static List<String> unknownFields(Object model) {
        List<String> found = new ArrayList<>();
        walk(model, kindAndName(model), found);
        return found;
    }

    private static String kindAndName(Object model) {
        return model instanceof HasMetadata resource
                ? resource.getKind() + "/" + resource.getMetadata().getName()
                : model.getClass().getSimpleName();
    }

    private static void walk(Object node, String path, List<String> found) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, found));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> found.add(path + "." + key));
                }
            } else {
                walk(value, path + "." + decapitalize(getter.getName().substring(3)), found);
            }
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
