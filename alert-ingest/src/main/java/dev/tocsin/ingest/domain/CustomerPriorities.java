package dev.tocsin.ingest.domain;

import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.ReportChannel;
import java.util.Locale;
import java.util.Map;

/**
 * Customer priority of a report: the source's word mapped to P1..P4 (Zendesk urgent, high, normal,
 * low; or P1..P4 directly), and the policy that reports from channels nobody watches live count as
 * P4 until support has reviewed them (DOMAIN.md section 4: "cases opened by portal or email start
 * at priority 4 until reviewed; urgent problems come by phone or chat"). Only chat and phone keep
 * their priority; portal, email, API and unknown channels start at P4, the original priority kept
 * beside it.
 */
public final class CustomerPriorities {

    /** The accepted words, for messages. */
    static final String VOCABULARY = "p1, p2, p3, p4, urgent, high, normal, low";

    private static final Map<String, CustomerPriority> TABLE = Map.of(
            "p1",
            CustomerPriority.P1,
            "urgent",
            CustomerPriority.P1,
            "p2",
            CustomerPriority.P2,
            "high",
            CustomerPriority.P2,
            "p3",
            CustomerPriority.P3,
            "normal",
            CustomerPriority.P3,
            "p4",
            CustomerPriority.P4,
            "low",
            CustomerPriority.P4);

    private CustomerPriorities() {}

    /** The priority for a source's word (any case), or null when unknown or absent. */
    public static CustomerPriority map(String word) {
        return word == null ? null : TABLE.get(word.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether reports from this channel keep the customer's priority before review. */
    public static boolean keepsPriorityBeforeReview(ReportChannel channel) {
        return channel == ReportChannel.CHAT || channel == ReportChannel.PHONE;
    }

    /** The priority an unreviewed report counts with; a report without priority counts as P4. */
    public static CustomerPriority unreviewed(CustomerPriority given, ReportChannel channel) {
        if (given == null || !keepsPriorityBeforeReview(channel)) {
            return CustomerPriority.P4;
        }
        return given;
    }
}
