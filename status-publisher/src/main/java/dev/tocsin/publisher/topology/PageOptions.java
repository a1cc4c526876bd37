package dev.tocsin.publisher.topology;

import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.Notifications;
import dev.tocsin.publisher.domain.PublicProducts;
import dev.tocsin.schemas.rules.ProductNames;
import java.time.Duration;

/**
 * What the publisher's processors need to know, built from the settings.
 *
 * @param catalog        components shown on the page; also the allow-list of public products ({@link #publicProducts()})
 * @param clockInterval  how often the page is re-evaluated without input (maintenance starts and ends on time)
 * @param history        how long resolved incidents, finished maintenance and dedup keys are kept
 * @param notifyMaxAge   changes older than this (by event time, against the wall clock) notify nobody:
 *                       a replay or a long backlog must not send yesterday's news
 * @param reminderLead   how long before a maintenance window its reminder goes out
 * @param operations     where operations reminders go
 * @param pageInterval   how long incident changes are gathered before the page is evaluated once for all of them
 * @param unclassifiedProduct the product of what ingest could not classify: its incidents are internal only
 *                       (never on the page, in the Statuspage JSON or in notifications)
 */
public record PageOptions(
        ComponentCatalog catalog,
        Duration clockInterval,
        Duration history,
        Duration notifyMaxAge,
        Duration reminderLead,
        Notifications.OperationsContact operations,
        Duration pageInterval,
        String unclassifiedProduct) {

    /** The default of TOCSIN_PUBLISHER_PAGE_INTERVAL. */
    public static final Duration DEFAULT_PAGE_INTERVAL = Duration.ofMillis(100);

    public PageOptions(
            ComponentCatalog catalog,
            Duration clockInterval,
            Duration history,
            Duration notifyMaxAge,
            Duration reminderLead,
            Notifications.OperationsContact operations) {
        this(catalog, clockInterval, history, notifyMaxAge, reminderLead, operations, DEFAULT_PAGE_INTERVAL);
    }

    public PageOptions(
            ComponentCatalog catalog,
            Duration clockInterval,
            Duration history,
            Duration notifyMaxAge,
            Duration reminderLead,
            Notifications.OperationsContact operations,
            Duration pageInterval) {
        this(
                catalog,
                clockInterval,
                history,
                notifyMaxAge,
                reminderLead,
                operations,
                pageInterval,
                ProductNames.DEFAULT_UNCLASSIFIED);
    }

    /** The products whose incidents may appear publicly. */
    public PublicProducts publicProducts() {
        return PublicProducts.of(catalog, unclassifiedProduct);
    }
}
