package dev.tocsin.correlator.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The correlator's configurable policy, with every default of DOMAIN.md (bundled as
 * {@value #DEFAULT_RESOURCE}). A policy file, YAML or JSON, is merged over the defaults and
 * validated as a whole: {@link PolicyException} lists every problem, each naming its field.
 *
 * @param correlationWindow      an open incident takes an alert of a component/region it does not
 *                               carry yet only when its latest evidence is at most this old
 * @param reopenWindow           a resolved incident reopens instead of a new one within this window
 * @param flapWindow             resolved-then-firing within this window is one flapping alert
 * @param quietBeforeMonitoring  all alerts resolved this long: MONITORING
 * @param quietBeforeResolved    MONITORING and quiet this much longer: RESOLVED
 * @param triageOrganizations    distinct organizations within {@code triageWindow} that open a
 *                               customer-reported incident
 * @param triageWindow           the window of {@code triageOrganizations}
 * @param globalOrganizations    affected organizations that make an incident GLOBAL (P1G)
 * @param publishGlobalIncidents whether a GLOBAL incident is published automatically
 * @param snapshotMembers        most recent members kept in the incident snapshot's lists
 * @param limits                 caps that keep state values bounded
 * @param customerResponsibility area -> language -> keywords, areas in check order
 * @param triageLanguages        how triage reads each language of the vocabularies
 * @param severity               the severity table
 * @param sla                    SLA targets per severity
 * @param calendar               the business calendar
 * @param inhibitRules           Alertmanager-style inhibit rules, within one product
 * @param dependencies           the product dependency graph (dependant -> upstream products)
 */
public record Policy(
        Duration correlationWindow,
        Duration reopenWindow,
        Duration flapWindow,
        Duration quietBeforeMonitoring,
        Duration quietBeforeResolved,
        int triageOrganizations,
        Duration triageWindow,
        int globalOrganizations,
        boolean publishGlobalIncidents,
        int snapshotMembers,
        Limits limits,
        Map<String, Map<String, List<String>>> customerResponsibility,
        Map<String, TriageLanguage> triageLanguages,
        SeverityTable severity,
        SlaTargets sla,
        BusinessCalendar calendar,
        List<InhibitRule> inhibitRules,
        ProductDependencies dependencies) {

    /** Classpath resource holding the defaults. */
    public static final String DEFAULT_RESOURCE = "/dev/tocsin/correlator/domain/default-policy.yaml";

    /**
     * Caps that keep every state value bounded.
     *
     * @param recentReports        single-customer reports remembered per product (triage window)
     * @param trackedOrganizations organizations remembered per incident (organization -> first ticket)
     * @param resolvedIncidents    resolved incidents remembered per product (reopen window)
     */
    public record Limits(int recentReports, int trackedOrganizations, int resolvedIncidents) {}

    public Policy {
        customerResponsibility = PolicyLoader.copyTable(customerResponsibility);
        triageLanguages = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(triageLanguages));
        inhibitRules = List.copyOf(inhibitRules);
    }

    /** The shipped defaults. */
    public static Policy defaults() {
        return PolicyLoader.defaults();
    }

    /** A policy file (YAML, or JSON when the name ends in {@code .json}) merged over the defaults. */
    public static Policy load(Path yamlOrJson) {
        return PolicyLoader.load(yamlOrJson);
    }

    /** Policy text (YAML or JSON) merged over the defaults; {@code origin} names it in errors. */
    public static Policy parse(String yamlOrJson, String origin) {
        return PolicyLoader.parse(yamlOrJson, origin);
    }
}
