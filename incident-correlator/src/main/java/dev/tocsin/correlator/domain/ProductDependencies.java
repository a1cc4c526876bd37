package dev.tocsin.correlator.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The policy's product dependency graph ({@code voice: [sip-trunk]}: voice depends on sip-trunk).
 * Acyclic (checked when the policy loads). While an upstream product has an open incident, alerts
 * of its dependants are absorbed into it; dependencies are transitive ({@code voice -> sip-trunk
 * -> carrier}: a voice alert is absorbed by an open carrier incident too).
 */
public final class ProductDependencies {

    private static final ProductDependencies NONE = new ProductDependencies(Map.of());

    private final Map<String, List<String>> upstreams;

    private ProductDependencies(Map<String, List<String>> upstreams) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        upstreams.forEach((product, list) -> copy.put(product, List.copyOf(list)));
        this.upstreams = Collections.unmodifiableMap(copy);
    }

    public static ProductDependencies none() {
        return NONE;
    }

    /**
     * @throws IllegalArgumentException naming a cycle
     */
    public static ProductDependencies of(Map<String, List<String>> upstreams) {
        cycle(upstreams).ifPresent(cycle -> {
            throw new IllegalArgumentException("dependency cycle " + String.join(" -> ", cycle));
        });
        return upstreams.isEmpty() ? NONE : new ProductDependencies(upstreams);
    }

    public boolean isEmpty() {
        return upstreams.isEmpty();
    }

    /** Whether the product depends on anything (one map lookup: the hot path's only cost). */
    public boolean hasUpstreams(String product) {
        return upstreams.containsKey(product);
    }

    /** Every product the given one depends on, directly first, then transitively (breadth first, declared order). */
    public List<String> upstreamsOf(String product) {
        List<String> direct = upstreams.get(product);
        if (direct == null) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(direct);
        while (!queue.isEmpty()) {
            String next = queue.removeFirst();
            if (!next.equals(product) && seen.add(next)) {
                queue.addAll(upstreams.getOrDefault(next, List.of()));
            }
        }
        return new ArrayList<>(seen);
    }

    /** A cycle of the graph as the products along it (first repeated at the end), if any. */
    static Optional<List<String>> cycle(Map<String, List<String>> upstreams) {
        Map<String, Integer> state = new LinkedHashMap<>(); // 1 = on the current path, 2 = done
        for (String product : upstreams.keySet()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> found = visit(product, upstreams, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(
            String product, Map<String, List<String>> upstreams, Map<String, Integer> state, List<String> path) {
        Integer mark = state.get(product);
        if (mark != null && mark == 2) {
            return Optional.empty();
        }
        path.add(product);
        if (mark != null) {
            return Optional.of(new ArrayList<>(path.subList(path.indexOf(product), path.size())));
        }
        state.put(product, 1);
        for (String upstream : upstreams.getOrDefault(product, List.of())) {
            Optional<List<String>> found = visit(upstream, upstreams, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        state.put(product, 2);
        path.remove(path.size() - 1);
        return Optional.empty();
    }
}
