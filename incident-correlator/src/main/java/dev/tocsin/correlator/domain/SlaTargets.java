package dev.tocsin.correlator.domain;

import dev.tocsin.avro.Severity;
import java.util.Map;

/**
 * SLA targets per severity (DOMAIN.md section 4).
 *
 * @param bySeverity          the targets of each severity (every severity present)
 * @param globalUpdateCadence the update cadence of GLOBAL (P1G) incidents
 * @param rcaUpToSeverity     platform incidents of this severity or higher owe an RCA
 * @param rcaAfterResolve     how long after resolution the RCA is due
 */
public record SlaTargets(
        Map<Severity, Targets> bySeverity,
        SlaTarget globalUpdateCadence,
        Severity rcaUpToSeverity,
        SlaTarget rcaAfterResolve) {

    /**
     * The targets of one severity.
     *
     * @param firstResponse first human acknowledgement
     * @param updateCadence time between public updates
     * @param restore       restore target of platform incidents; null when none (n/a)
     */
    public record Targets(SlaTarget firstResponse, SlaTarget updateCadence, SlaTarget restore) {}

    public SlaTargets {
        bySeverity = Map.copyOf(bySeverity);
        for (Severity severity : Severity.values()) {
            if (!bySeverity.containsKey(severity)) {
                throw new IllegalArgumentException("sla.targets lacks severity " + Severities.number(severity));
            }
        }
    }

    public Targets of(Severity severity) {
        return bySeverity.get(severity);
    }

    /** Whether a platform incident of this severity owes an RCA once it resolves. */
    public boolean owesRca(Severity severity) {
        return !Severities.isHigher(rcaUpToSeverity, severity);
    }
}
