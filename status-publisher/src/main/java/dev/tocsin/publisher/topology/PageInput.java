package dev.tocsin.publisher.topology;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.MaintenanceWindow;

/**
 * One input of the page processor. Incidents and maintenance windows meet in one processor, and a
 * window tombstone carries only its key, so the kind travels with the value.
 */
sealed interface PageInput {

    record IncidentSnapshot(Incident incident) implements PageInput {}

    record WindowVersion(MaintenanceWindow window) implements PageInput {}

    record WindowDeleted(String windowId) implements PageInput {}
}
