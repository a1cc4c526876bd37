package dev.tocsin.publisher.domain;

import dev.tocsin.avro.ComponentStatus;
import java.util.Collection;

/**
 * The page-wide status rollup ({@code status.indicator} and {@code status.description}) blended from
 * component statuses the way Statuspage does it (fixture sp-03: one partial and one major outage among
 * two components gives {@code major} / "Partial System Outage"; sp-13/14: all operational gives
 * {@code none} / "All Systems Operational"):
 * <ul>
 *   <li>every component in major outage: {@code critical}, "Major System Outage";</li>
 *   <li>some component in major outage: {@code major}, "Partial System Outage";</li>
 *   <li>some component in partial outage: {@code minor}, "Minor Service Outage";</li>
 *   <li>some component with degraded performance: {@code minor}, "Partially Degraded Service";</li>
 *   <li>some component under maintenance: {@code maintenance}, "Service Under Maintenance";</li>
 *   <li>otherwise {@code none}, "All Systems Operational".</li>
 * </ul>
 * The description is a message key so it can be rendered in every supported language.
 */
public enum PageIndicator {
    NONE("none", "page.status.operational"),
    MINOR_DEGRADED("minor", "page.status.degraded"),
    MINOR("minor", "page.status.minor_outage"),
    MAJOR("major", "page.status.partial_outage"),
    CRITICAL("critical", "page.status.major_outage"),
    MAINTENANCE("maintenance", "page.status.maintenance");

    private final String indicator;
    private final String descriptionKey;

    PageIndicator(String indicator, String descriptionKey) {
        this.indicator = indicator;
        this.descriptionKey = descriptionKey;
    }

    /** Statuspage's {@code status.indicator} value. */
    public String indicator() {
        return indicator;
    }

    /** Message key of {@code status.description}. */
    public String descriptionKey() {
        return descriptionKey;
    }

    public String description(Messages messages) {
        return messages.text(descriptionKey);
    }

    public static PageIndicator of(Collection<ComponentStatus> statuses) {
        if (!statuses.isEmpty() && statuses.stream().allMatch(s -> s == ComponentStatus.MAJOR_OUTAGE)) {
            return CRITICAL;
        }
        if (statuses.contains(ComponentStatus.MAJOR_OUTAGE)) {
            return MAJOR;
        }
        if (statuses.contains(ComponentStatus.PARTIAL_OUTAGE)) {
            return MINOR;
        }
        if (statuses.contains(ComponentStatus.DEGRADED_PERFORMANCE)) {
            return MINOR_DEGRADED;
        }
        if (statuses.contains(ComponentStatus.UNDER_MAINTENANCE)) {
            return MAINTENANCE;
        }
        return NONE;
    }
}
