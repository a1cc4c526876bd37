/**
 * The correlator's rules as plain Java (nothing here imports {@code org.apache.kafka}):
 * monitoring alerts and customer reports become service incidents.
 *
 * <p>Entry point: {@link dev.tocsin.correlator.domain.Correlator} with a
 * {@link dev.tocsin.correlator.domain.Policy} and a {@link dev.tocsin.correlator.domain.CorrelatorState};
 * each call returns an {@link dev.tocsin.correlator.domain.Outcome}. One class per concept:
 * <ul>
 *   <li>{@code AlertIntake}, {@link dev.tocsin.correlator.domain.FlapDamping}: dedup by fingerprint,
 *       flap damping, maintenance suppression (rules 1, 6);</li>
 *   <li>{@link dev.tocsin.correlator.domain.CorrelationRules}: which incident evidence joins, reopening (rule 2);</li>
 *   <li>{@link dev.tocsin.correlator.domain.SeverityRules}, {@link dev.tocsin.correlator.domain.ScopeRules}
 *       (rules 3, 4);</li>
 *   <li>{@link dev.tocsin.correlator.domain.Triage}, {@link dev.tocsin.correlator.domain.CustomerResponsibility},
 *       {@code ReportIntake}, {@code TicketLinks}, {@code Organizations}: customer reports (rule 5);</li>
 *   <li>{@link dev.tocsin.correlator.domain.Lifecycle}, {@code Commands}, {@code Merge}: statuses, quiet periods and
 *       operator commands (rule 7);</li>
 *   <li>{@link dev.tocsin.correlator.domain.SlaClocks}, {@link dev.tocsin.correlator.domain.BusinessCalendar},
 *       {@code Clocks}: SLA deadlines and the time-ordered application of everything that falls due (rules 8, 9);</li>
 *   <li>{@code Session}, {@code IncidentChange}, {@link dev.tocsin.correlator.domain.EventFactory},
 *       {@link dev.tocsin.correlator.domain.TicketUpdates}, {@link dev.tocsin.correlator.domain.IncidentSnapshots}:
 *       one change = one new incident version with its events, ticket updates and bounded lists.</li>
 * </ul>
 */
package dev.tocsin.correlator.domain;
