package dev.tocsin.correlator.domain;

import dev.tocsin.avro.AlertRef;
import dev.tocsin.avro.Evidence;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.TicketLink;
import dev.tocsin.avro.TimelineEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Bounded list helpers for the incident snapshot: every list keeps the most recent {@code limit}
 * members, oldest first, so the snapshot stays far below Kafka's record size however many alerts
 * or tickets an incident collects (the counts hold the totals).
 */
public final class IncidentSnapshots {

    private IncidentSnapshots() {}

    /** Adds or refreshes an alert: a known fingerprint moves to the most recent end. */
    public static void upsertAlert(Incident incident, AlertRef alert, int limit) {
        incident.setAlerts(upsert(incident.getAlerts(), alert, AlertRef::getFingerprint, limit));
    }

    /** The snapshot's entry of an alert, if it is among the most recent. */
    public static AlertRef alert(Incident incident, String fingerprint) {
        return incident.getAlerts().stream()
                .filter(a -> a.getFingerprint().equals(fingerprint))
                .findFirst()
                .orElse(null);
    }

    public static void upsertTicket(Incident incident, TicketLink link, int limit) {
        incident.setLinkedTickets(upsert(incident.getLinkedTickets(), link, TicketLink::getTicketId, limit));
    }

    /** Re-points a listed ticket's duplicateOf, keeping its position. */
    public static void upsertTicketIfPresent(Incident incident, String ticketId, String duplicateOf) {
        List<TicketLink> links = new ArrayList<>(incident.getLinkedTickets());
        links.replaceAll(link -> link.getTicketId().equals(ticketId)
                ? new TicketLink(link.getTicketId(), link.getOrganizationId(), link.getLinkedAt(), duplicateOf)
                : link);
        incident.setLinkedTickets(links);
    }

    public static void removeTicket(Incident incident, String ticketId) {
        List<TicketLink> links = new ArrayList<>(incident.getLinkedTickets());
        links.removeIf(link -> link.getTicketId().equals(ticketId));
        incident.setLinkedTickets(links);
    }

    /** Adds a distinct value (organization, component, region) unless present. */
    public static List<String> withDistinct(List<String> values, String value, int limit) {
        if (value == null || values.contains(value)) {
            return values;
        }
        List<String> result = new ArrayList<>(values);
        result.add(value);
        return trim(result, limit);
    }

    public static List<String> without(List<String> values, String value) {
        List<String> result = new ArrayList<>(values);
        result.remove(value);
        return result;
    }

    public static void addTimeline(Incident incident, TimelineEntry entry, int limit) {
        List<TimelineEntry> timeline = new ArrayList<>(incident.getTimeline());
        timeline.add(entry);
        incident.setTimeline(trim(timeline, limit));
    }

    public static void addEvidence(Incident incident, Evidence evidence, int limit) {
        List<Evidence> all = new ArrayList<>(incident.getEvidence());
        all.add(evidence);
        incident.setEvidence(trim(all, limit));
    }

    /**
     * The most recent {@code limit} members of two lists (a merge), ordered by {@code time},
     * distinct by {@code key} (the later entry wins).
     */
    public static <T, K> List<T> mergeRecent(
            List<T> first, List<T> second, Function<T, K> key, Comparator<T> time, int limit) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        all.sort(time);
        Map<K, T> byKey = new LinkedHashMap<>();
        for (T item : all) {
            byKey.remove(key.apply(item));
            byKey.put(key.apply(item), item);
        }
        return trim(new ArrayList<>(byKey.values()), limit);
    }

    /** Keeps the last {@code limit} entries. */
    public static <T> List<T> trim(List<T> list, int limit) {
        if (list.size() <= limit) {
            return list;
        }
        return new ArrayList<>(list.subList(list.size() - limit, list.size()));
    }

    private static <T, K> List<T> upsert(List<T> list, T item, Function<T, K> key, int limit) {
        List<T> result = new ArrayList<>(list.size() + 1);
        K itemKey = key.apply(item);
        for (T existing : list) {
            if (!Objects.equals(key.apply(existing), itemKey)) {
                result.add(existing);
            }
        }
        result.add(item);
        return trim(result, limit);
    }
}
