package dev.tocsin.publisher.web;

import dev.tocsin.publisher.domain.Ids;
import dev.tocsin.publisher.domain.PublicIncident;
import dev.tocsin.publisher.domain.PublicMaintenance;
import dev.tocsin.publisher.domain.PublicState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The status history as an RFC 4287 Atom feed ({@code application/atom+xml; charset=utf-8}), in the
 * language of {@link PublicState#messages()}.
 *
 * <p>One entry per public incident update ({@code urn:tocsin:incident-update:<update id>}, titled
 * "incident name - localized status") and one per maintenance notice in its current state
 * ({@code urn:tocsin:maintenance-update:<id>}, the id of the Statuspage JSON maintenance update), newest
 * first, at most {@link #MAX_ENTRIES}. Entry ids do not depend on the language, so a reader that
 * switches language sees the same entries. The feed is updated when its newest entry is, or at
 * {@code asOf} when it has none. Text is escaped and stripped of characters XML 1.0 forbids, so the feed
 * stays well-formed whatever operators type.
 */
public final class AtomFeed {

    /** Most entries a feed holds; older updates are on the JSON API. */
    public static final int MAX_ENTRIES = 50;

    /** Media type to serve the feed with. */
    public static final String CONTENT_TYPE = "application/atom+xml; charset=utf-8";

    private record Entry(String id, String title, Instant updated, String content, String link) {}

    private AtomFeed() {}

    /**
     * Renders the feed.
     *
     * @param state   what to publish, in which language
     * @param pageUrl absolute URL of the status page; entries link to it (with the incident's anchor)
     * @return a complete UTF-8 XML document
     */
    public static String render(PublicState state, String pageUrl) {
        return render(state, pageUrl, null);
    }

    /**
     * Renders the feed of one component: its incidents and the maintenance that touches it, with
     * its own feed id and title, so a reader can follow only what it uses.
     *
     * @param product the component's product, or null for the whole page
     */
    public static String render(PublicState state, String pageUrl, String product) {
        PageText t = new PageText(state.messages());
        List<Entry> entries = entries(state, pageUrl, product);
        Instant updated = entries.isEmpty() ? state.asOf() : entries.get(0).updated();
        StringBuilder out = new StringBuilder(4096);
        out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"")
                .append(t.language())
                .append("\">\n")
                .append("  <id>urn:tocsin:status-history:")
                .append(t.language())
                .append(product == null ? "" : ":" + Markup.escape(product))
                .append("</id>\n")
                .append("  <title type=\"text\">")
                .append(
                        product == null
                                ? t.text("feed.title")
                                : Markup.escape(state.messages()
                                        .format(
                                                "feed.title.component",
                                                state.catalog().displayName(product))))
                .append("</title>\n")
                .append("  <updated>")
                .append(PageText.iso(updated))
                .append("</updated>\n")
                .append("  <author><name>")
                .append(t.text("feed.author"))
                .append("</name></author>\n")
                .append("  <link rel=\"alternate\" type=\"text/html\" href=\"")
                .append(Markup.escape(pageUrl))
                .append("\"/>\n");
        for (Entry e : entries) {
            out.append("  <entry>\n")
                    .append("    <id>")
                    .append(Markup.escape(e.id()))
                    .append("</id>\n")
                    .append("    <title type=\"text\">")
                    .append(Markup.escape(e.title()))
                    .append("</title>\n")
                    .append("    <updated>")
                    .append(PageText.iso(e.updated()))
                    .append("</updated>\n")
                    .append("    <link rel=\"alternate\" type=\"text/html\" href=\"")
                    .append(Markup.escape(e.link()))
                    .append("\"/>\n")
                    .append("    <content type=\"text\">")
                    .append(Markup.escape(e.content()))
                    .append("</content>\n")
                    .append("  </entry>\n");
        }
        out.append("</feed>\n");
        return out.toString();
    }

    /** Every incident update and maintenance notice of the state, newest first, at most {@link #MAX_ENTRIES}. */
    private static List<Entry> entries(PublicState state, String pageUrl, String product) {
        List<Entry> all = new ArrayList<>();
        for (PublicIncident incident : state.incidents()) {
            if (product != null && !product.equals(incident.product())) {
                continue;
            }
            String link = pageUrl + "#incident-" + Ids.incident(incident.incidentId());
            for (PublicIncident.Update u : incident.updates()) {
                String status =
                        state.messages().text("incident.status." + u.status().name());
                all.add(new Entry(
                        "urn:tocsin:incident-update:" + u.id(),
                        state.messages().format("feed.entry.title", incident.name(), status),
                        u.createdAt(),
                        u.body(),
                        link));
            }
        }
        for (PublicMaintenance m : state.maintenances()) {
            if (product != null && !m.products().contains(product)) {
                continue;
            }
            String status =
                    state.messages().text("maintenance.status." + m.state().name());
            String id = Ids.stable("maintenance-update", m.windowId(), m.state().name());
            all.add(new Entry(
                    "urn:tocsin:maintenance-update:" + id,
                    state.messages().format("feed.entry.title", m.name(), status),
                    m.updatedAt(),
                    m.body(),
                    pageUrl + "#maintenance-" + Ids.maintenance(m.windowId())));
        }
        return all.stream()
                .sorted(Comparator.comparing(Entry::updated).reversed().thenComparing(Entry::id))
                .limit(MAX_ENTRIES)
                .toList();
    }
}
