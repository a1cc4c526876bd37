package dev.tocsin.console.web;

import dev.tocsin.avro.Incident;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.PublicIncident;
import dev.tocsin.publisher.domain.PublicIncidents;
import dev.tocsin.publisher.domain.PublicProducts;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The detail page's "Public view": what the status page shows for an incident in each language, or why
 * the page withholds it. Whether and how an incident is public is status-publisher's domain
 * ({@link PublicIncidents}, {@link PublicProducts}, {@link Messages}); this class only lays it out, so the
 * console can never disagree with the page.
 */
final class PublicViewSection {

    private final String statusPageUrl;
    private final ComponentCatalog catalog;
    private final PublicProducts products;
    private final Duration history;

    /**
     * @param statusPageUrl the public status page, linked per language
     * @param catalog       the publisher's components (display names)
     * @param products      the publisher's allow-list of public products
     * @param history       the publisher's history: incidents resolved longer ago are off the page
     */
    PublicViewSection(String statusPageUrl, ComponentCatalog catalog, PublicProducts products, Duration history) {
        this.statusPageUrl =
                statusPageUrl.endsWith("/") ? statusPageUrl.substring(0, statusPageUrl.length() - 1) : statusPageUrl;
        this.catalog = catalog;
        this.products = products;
        this.history = history;
    }

    /**
     * @param snapshot the latest snapshot from {@code tocsin.incidents} (the publisher's input), or null
     *                 when the console's board does not hold it
     */
    String render(Incident snapshot, Instant now) {
        StringBuilder m = new StringBuilder(
                "<section id=\"public-view\" aria-labelledby=\"public-h\"><h2 id=\"public-h\">Public view</h2>");
        if (snapshot == null) {
            m.append("<p>This incident has not reached the console from tocsin.incidents yet (or the console forgot it "
                    + "beyond its view limit), so its public view is unknown.</p>");
        } else {
            Optional<String> withheld = PublicIncidents.withheldBecause(snapshot, products, now.minus(history));
            if (withheld.isPresent()) {
                m.append("<p class=\"withheld\" data-withheld=\"")
                        .append(Html.text(withheld.get()))
                        .append("\"><strong>Withheld from the status page:</strong> ")
                        .append(reason(withheld.get(), snapshot))
                        .append("</p>");
            } else {
                m.append("<p>What customers see, from this incident's latest snapshot (the page also keeps public "
                        + "updates older snapshots no longer carry). Update texts appear as written: "
                        + "the page words names and statuses per language, it does not translate updates.</p>");
                for (String language : Messages.SUPPORTED) {
                    Messages messages = Messages.forLanguage(language);
                    PublicIncidents.view(snapshot, catalog, messages)
                            .ifPresent(view -> m.append(language(view, messages)));
                }
            }
        }
        m.append("<p>On the status page: ");
        for (String language : Messages.SUPPORTED) {
            m.append("<a href=\"")
                    .append(Html.text(statusPageUrl))
                    .append("/?locale=")
                    .append(language)
                    .append("\" hreflang=\"")
                    .append(language)
                    .append("\">")
                    .append(language)
                    .append("</a> ");
        }
        return m.append("</p></section>").toString();
    }

    /** The incident as the page words it in one language: name, status, affected component, updates. */
    private String language(PublicIncident view, Messages messages) {
        String lang = messages.language();
        StringBuilder m = new StringBuilder("<section class=\"public-language\" lang=\"")
                .append(lang)
                .append("\" aria-labelledby=\"public-")
                .append(lang)
                .append("-h\"><h3 id=\"public-")
                .append(lang)
                .append("-h\">")
                .append(Html.text(messages.text("page.language." + lang)))
                .append(" <span class=\"tag\">")
                .append(lang)
                .append("</span></h3><p><strong class=\"public-name\">")
                .append(Html.text(view.name()))
                .append("</strong> · <span class=\"public-status\">")
                .append(Html.text(
                        messages.text("incident.status." + view.status().name())))
                .append("</span><br>")
                .append(Html.text(messages.format("page.incident.affects", catalog.displayName(view.product()))));
        if (view.resolved() && view.resolvedAt() != null) {
            m.append("<br>")
                    .append(Html.text(
                            messages.format("page.incident.resolved_at", messages.timeText(view.resolvedAt()))));
        }
        m.append("</p><ol class=\"public-updates\">");
        for (PublicIncident.Update update : view.updates()) {
            m.append("<li data-status=\"")
                    .append(update.status().name().toLowerCase(Locale.ROOT))
                    .append("\"><strong>")
                    .append(Html.text(
                            messages.text("incident.status." + update.status().name())))
                    .append("</strong> — ")
                    .append(Html.text(update.body()))
                    .append(" <span class=\"meta\">")
                    .append(Html.text(messages.format("page.update.posted", messages.timeText(update.createdAt()))))
                    .append("</span></li>");
        }
        return m.append("</ol></section>").toString();
    }

    /** The publisher's reason in words for operators (HTML). */
    private static String reason(String code, Incident snapshot) {
        return switch (code) {
            case PublicProducts.UNCLASSIFIED ->
                "its product is unclassified (no product label or routing rule "
                        + "matched); such incidents are never public. Reclassify the alert to publish it.";
            case PublicProducts.UNKNOWN_PRODUCT ->
                "its product <code>" + Html.text(snapshot.getProduct())
                        + "</code> is not a public component (TOCSIN_PUBLISHER_COMPONENTS).";
            case PublicIncidents.NOT_PUBLISHED ->
                "not published yet; customers see nothing until an operator " + "publishes it.";
            case PublicIncidents.SINGLE_CUSTOMER ->
                "it affects a single customer; the public page never shows such "
                        + "incidents (support informs the customer).";
            case PublicIncidents.MERGED ->
                "it was merged into " + DetailPage.link(snapshot.getMergedInto())
                        + ", which carries the story on the page.";
            case PublicIncidents.PAST_HISTORY ->
                "it resolved longer ago than the page's history " + "(TOCSIN_PUBLISHER_HISTORY).";
            default -> Html.text(code);
        };
    }
}
