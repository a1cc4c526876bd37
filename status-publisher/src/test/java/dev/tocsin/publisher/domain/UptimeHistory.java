package dev.tocsin.publisher.domain;

import dev.tocsin.avro.ComponentDay;
import dev.tocsin.avro.ComponentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A scripted component history as the page writes it and the compacted topic keeps it: the latest aggregate per component and day. */
public final class UptimeHistory {

    private final Map<String, ComponentDay> topic = new TreeMap<>();
    private final Map<String, ComponentDay> open = new TreeMap<>();

    /** The page evaluated at {@code at} finds {@code component} in {@code status} (what PageProcessor does per evaluation). */
    public UptimeHistory at(String at, String component, ComponentStatus status) {
        Instant now = Instant.parse(at);
        ComponentDay day = open.get(component);
        List<ComponentDay> written = day == null
                ? List.of(DailyUptime.open(component, status, now))
                : DailyUptime.changes(day, status, now) ? DailyUptime.advance(day, now, status) : List.of();
        written.forEach(d -> topic.put(DailyUptime.key(d), d));
        if (!written.isEmpty()) {
            open.put(component, written.get(written.size() - 1));
        }
        return this;
    }

    public Uptime.ComponentUptime asOf(String at, String component) {
        return Uptime.of(List.of(component), topic.values(), Instant.parse(at)).get(component);
    }

    /** Key -> latest aggregate, as a reader of the compacted topic sees it. */
    public Map<String, ComponentDay> topic() {
        return topic;
    }

    public List<ComponentDay> aggregates() {
        return List.copyOf(topic.values());
    }
}
