package dev.tocsin.correlator.domain;

import dev.tocsin.runtime.text.MessageCatalog;

/**
 * Ticket-update reasons and the standard-troubleshooting reply, in the ticket's language, from the
 * UTF-8 catalogs {@code dev/tocsin/correlator/ticket-texts_<language>.properties} (en, de, ja; the
 * shared {@link MessageCatalog} mechanism). Every reason starts with its stable, untranslated code
 * ({@code customer-responsibility: <area>}, {@code single-customer:}, ...) so tools can rely on it;
 * the rest is written for the requester. An area the catalog does not know (added in a policy
 * file) is named by its id and gets the generic reply.
 */
public final class TicketTexts {

    static final MessageCatalog CATALOG = new MessageCatalog(TicketTexts.class, "/dev/tocsin/correlator/ticket-texts");

    private TicketTexts() {}

    /** The reason of a customer-responsibility decision: names the area in the ticket's language. */
    public static String customerResponsibility(String language, CustomerResponsibility.Match match) {
        return format(
                language,
                "reason.customer-responsibility",
                match.area(),
                areaName(language, match.area()),
                match.keyword());
    }

    /** What the customer should check, for an area. */
    public static String reply(String language, String area) {
        String checks =
                CATALOG.has("check." + area) ? format(language, "check." + area) : format(language, "check.generic");
        return format(language, "reply.customer-responsibility", areaName(language, area), checks);
    }

    /** The area's name in a language, or its id when the catalog does not know it. */
    public static String areaName(String language, String area) {
        return CATALOG.has("area." + area) ? format(language, "area." + area) : area;
    }

    /** A reason template ({@code reason.<code>}) filled with text arguments. */
    public static String format(String language, String key, String... args) {
        return CATALOG.format(lang(language), key, (Object[]) args);
    }

    private static String lang(String language) {
        return MessageCatalog.resolve(language);
    }
}
