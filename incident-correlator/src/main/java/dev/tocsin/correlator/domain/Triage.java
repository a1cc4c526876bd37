package dev.tocsin.correlator.domain;

import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.MaintenanceWindow;
import dev.tocsin.correlator.state.RecentReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Triage of a customer report (DOMAIN.md section 1), in this order:
 * <ol>
 *   <li>customer responsibility on subject/description/tags -> standard troubleshooting naming
 *       the area;</li>
 *   <li>the unclassified product ({@code TOCSIN_UNCLASSIFIED_PRODUCT}) -> standard troubleshooting, unknown product;</li>
 *   <li>an open incident of the product -> linked to it;</li>
 *   <li>an active maintenance window of the product -> linked to the maintenance notice;</li>
 *   <li>enough distinct organizations (this one included) reported the product within the triage
 *       window -> a new customer-reported incident, linking the earlier reports;</li>
 *   <li>otherwise standard troubleshooting, single customer (remembered for the window).</li>
 * </ol>
 * Reasons are written in the ticket's language ({@link TicketTexts}) and start with a stable code ({@code customer-responsibility:}, {@code unknown-product:},
 * {@code open-incident:}, {@code maintenance:}, {@code customer-reported-incident:},
 * {@code single-customer:}) followed by the detail.
 */
public final class Triage {

    /** Where a report goes. */
    public enum Path {
        CUSTOMER_RESPONSIBILITY,
        UNKNOWN_PRODUCT,
        OPEN_INCIDENT,
        MAINTENANCE,
        NEW_INCIDENT,
        SINGLE_CUSTOMER
    }

    /**
     * A triage decision.
     *
     * @param path        where the report goes
     * @param reason      the reason the ticket update carries
     * @param incident    the open incident (OPEN_INCIDENT)
     * @param maintenance the maintenance window (MAINTENANCE)
     * @param wave        the earlier reports that made the threshold, oldest first (NEW_INCIDENT)
     * @param reply       what the customer should check (CUSTOMER_RESPONSIBILITY), else null
     */
    public record Decision(
            Path path,
            String reason,
            CorrelationRules.Match incident,
            MaintenanceWindow maintenance,
            List<RecentReport> wave,
            String reply) {

        Decision(
                Path path,
                String reason,
                CorrelationRules.Match incident,
                MaintenanceWindow maintenance,
                List<RecentReport> wave) {
            this(path, reason, incident, maintenance, wave, null);
        }
    }

    private Triage() {}

    /**
     * Decides where a report goes.
     *
     * @param open          the product's open incidents
     * @param maintenance   the product's active maintenance window at the report's time
     * @param windowReports single-customer reports of the product inside the triage window (not this one)
     * @param language      the ticket's language ({@link ReportLanguage}): reason and reply are written in it
     * @param unclassifiedProduct the product of reports ingest could not place: standard troubleshooting
     */
    public static Decision decide(
            CustomerReport report,
            String language,
            CustomerResponsibility responsibility,
            List<CorrelationRules.Candidate> open,
            Optional<MaintenanceWindow> maintenance,
            List<RecentReport> windowReports,
            Policy policy,
            String unclassifiedProduct) {
        Optional<CustomerResponsibility.Match> owned =
                responsibility.match(report.getSubject(), report.getDescription(), report.getTags());
        if (owned.isPresent()) {
            String area = owned.get().area();
            return new Decision(
                    Path.CUSTOMER_RESPONSIBILITY,
                    TicketTexts.customerResponsibility(language, owned.get()),
                    null,
                    null,
                    List.of(),
                    TicketTexts.reply(language, area));
        }
        String product = report.getProduct();
        if (product == null || product.isBlank() || unclassifiedProduct.equals(product)) {
            return new Decision(
                    Path.UNKNOWN_PRODUCT,
                    TicketTexts.format(language, "reason.unknown-product"),
                    null,
                    null,
                    List.of());
        }
        Optional<CorrelationRules.Match> incident = CorrelationRules.forReport(open, product, report.getComponent());
        if (incident.isPresent()) {
            return new Decision(
                    Path.OPEN_INCIDENT,
                    TicketTexts.format(
                            language,
                            "reason.open-incident",
                            incident.get().incident().getIncidentId(),
                            product),
                    incident.get(),
                    null,
                    List.of());
        }
        if (maintenance.isPresent()) {
            MaintenanceWindow window = maintenance.get();
            return new Decision(
                    Path.MAINTENANCE,
                    TicketTexts.format(
                            language, "reason.maintenance", window.getWindowId(), window.getTitle(), product),
                    null,
                    window,
                    List.of());
        }
        List<RecentReport> wave = new ArrayList<>(windowReports);
        wave.sort(Comparator.comparingLong(RecentReport::getAt).thenComparing(RecentReport::getTicketId));
        Set<String> organizations = new LinkedHashSet<>();
        wave.forEach(r -> organizations.add(r.getOrganizationId()));
        organizations.add(report.getOrganizationId());
        if (organizations.size() >= policy.triageOrganizations()) {
            return new Decision(
                    Path.NEW_INCIDENT,
                    TicketTexts.format(
                            language,
                            "reason.customer-reported-incident",
                            String.valueOf(organizations.size()),
                            product,
                            policy.triageWindow().toString()),
                    null,
                    null,
                    wave);
        }
        return new Decision(
                Path.SINGLE_CUSTOMER,
                TicketTexts.format(
                        language,
                        "reason.single-customer",
                        String.valueOf(organizations.size()),
                        String.valueOf(policy.triageOrganizations()),
                        product,
                        policy.triageWindow().toString()),
                null,
                null,
                List.of());
    }
}
