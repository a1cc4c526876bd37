package dev.tocsin.publisher.web;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.ComponentStatuses;
import dev.tocsin.publisher.domain.Ids;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.PageIndicator;
import dev.tocsin.publisher.domain.PublicIncident;
import dev.tocsin.publisher.domain.PublicMaintenance;
import dev.tocsin.publisher.domain.PublicState;
import dev.tocsin.publisher.domain.Uptime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The public status page as one self-contained HTML document, in the language of
 * {@link PublicState#messages()}, as of {@link PublicState#asOf()}.
 *
 * <p>What it shows, top to bottom: the page-wide banner (indicator description), every component with
 * its status (grouped components nested under their group, which shows the worst member status), active
 * incidents with their updates newest first, maintenance in progress and upcoming, and incidents resolved
 * in the last {@link #PAST_INCIDENT_DAYS} days. A language switcher links the {@code ?locale=} variants and
 * the head advertises the Atom feed {@value #FEED_PATH}.
 *
 * <p>Why it looks the way it does:
 * <ul>
 *   <li>No external assets at all (inline CSS, no script, no web font, no image): the page must load when
 *       everything else is down, and a Content-Security-Policy meta tag makes the browser enforce that.</li>
 *   <li>Status is always text plus a symbol; colour only repeats it. Colours keep at least 4.5:1
 *       contrast against the white background.</li>
 *   <li>Semantic structure (header / main / section / article, h1-h3, lists, {@code <time datetime>})
 *       so screen readers can jump between sections; a fluid single column with a viewport meta tag
 *       for phones.</li>
 *   <li>Every visible word comes from the message catalogs; every dynamic text is escaped.</li>
 *   <li>Incidents are identified by their public id ({@link Ids#incident}), never our internal id.</li>
 * </ul>
 *
 * <p>Stable hooks for tests and scripts: {@code id="page-status"} (with {@code data-indicator}) on the
 * banner, {@code data-component} and {@code data-status} on components, {@code data-group} (the group
 * name) and {@code data-status} on component groups (their members nested inside), {@code data-incident}
 * and {@code data-status} on incidents, {@code class="update"} on updates, {@code class="cadence"} (plus
 * {@code overdue}) with {@code data-next-update} on an active incident's next-update deadline, {@code data-maintenance} on
 * maintenance windows, and the section ids {@code components}, {@code active-incidents},
 * {@code active-maintenance}, {@code upcoming-maintenance} and {@code past-incidents}.
 */
public final class StatusPageHtml {

    /** How far back resolved incidents are listed. */
    public static final int PAST_INCIDENT_DAYS = 14;

    /** The Atom feed, relative to the page. */
    public static final String FEED_PATH = "history.atom";

    private static final String CSS = """
            :root{color-scheme:light}
            *{box-sizing:border-box}
            body{margin:0;background:#fff;color:#1b1f24;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK JP",sans-serif;font-size:1rem;line-height:1.5;overflow-wrap:anywhere}
            header,main,footer{max-width:48rem;margin:0 auto;padding:1rem}
            header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;justify-content:space-between;border-bottom:1px solid #d0d7de}
            footer{border-top:1px solid #d0d7de;margin-top:2rem}
            h1{font-size:1.5rem;margin:0}
            h2{font-size:1.25rem;margin:2rem 0 .75rem}
            h3{font-size:1.05rem;margin:0 0 .25rem}
            p{margin:.25rem 0}
            a{color:#0550ae}
            a:focus-visible{outline:3px solid #0550ae;outline-offset:2px}
            .skip{position:absolute;left:-100vw}
            .skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
            nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
            nav a[aria-current]{color:#1b1f24;font-weight:700;text-decoration:none}
            .banner{margin:1rem 0 0;padding:.75rem 1rem;border:2px solid var(--c,#d0d7de);border-left-width:.6rem;border-radius:.4rem}
            .banner h2{margin:0;font-size:1.3rem}
            .meta{color:#4a5159;font-size:.9rem}
            .components,.updates,.items{list-style:none;margin:0;padding:0}
            .component,.group-heading{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;padding:.6rem 0;border-bottom:1px solid #d0d7de}
            .component-name{font-weight:600}
            .group-heading h3{margin:0}
            .members{padding-left:1.25rem}
            .status{font-weight:600;color:var(--c,#1b1f24)}
            .symbol{display:inline-block;min-width:1.2em;text-align:center;color:var(--c,#1b1f24)}
            .item{border:1px solid #d0d7de;border-left:.35rem solid var(--c,#d0d7de);border-radius:.4rem;padding:.75rem 1rem;margin:0 0 1rem}
            .update{padding:.5rem 0 0;margin-top:.5rem;border-top:1px solid #eaeef2}
            .text{white-space:pre-line}
            .s-operational{--c:#1a7f37}
            .s-degraded_performance{--c:#8a4b00}
            .s-partial_outage{--c:#a0410d}
            .s-major_outage{--c:#b42318}
            .s-under_maintenance{--c:#1d4ed8}
.cadence{font-size:.95rem}
.uptime-component{padding:.6rem 0;border-bottom:1px solid #d0d7de}
.uptime-heading{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem}
.bars{list-style:none;margin:.4rem 0;padding:0;display:flex;gap:1px;height:2rem}
.bar{flex:1;background:var(--c)}
.s-no_data{--c:#656d76}
.vh{position:absolute;left:-100vw}
.months,.uptime-days{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}
.uptime-days{margin:.25rem 0}
.overdue{font-weight:700;color:#b42318}
            """;

    /** Allows the inline style sheet by its hash and nothing else: no script, image, font or frame. */
    private static final String CSP =
            "default-src 'none'; style-src 'sha256-" + sha256(CSS) + "'; base-uri 'none'; form-action 'none'";

    private StatusPageHtml() {}

    /**
     * Renders the page.
     *
     * @param state    what to show, in which language, as of when
     * @param selfPath URL or path of the page itself (e.g. {@code /} or the public page URL), used for the
     *                 language links ({@code <selfPath>?locale=de}); a query string on it is dropped.
     *                 {@code null} or blank gives links relative to the current URL.
     * @return a complete UTF-8 HTML document ({@code text/html; charset=utf-8})
     */
    public static String render(PublicState state, String selfPath) {
        return render(state, selfPath, false);
    }

    /** Renders the page; with {@code subscribeLink}, its footer links the subscription form ({@code subscribe}). */
    public static String render(PublicState state, String selfPath, boolean subscribeLink) {
        PageText t = new PageText(state.messages());
        String base = basePath(selfPath);
        StringBuilder out = new StringBuilder(8192);
        out.append("<!DOCTYPE html>\n<html lang=\"")
                .append(t.language())
                .append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CSP)
                .append("\">\n")
                .append("<meta name=\"color-scheme\" content=\"light\">\n")
                .append("<title>")
                .append(t.text("page.title"))
                .append("</title>\n")
                .append("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"")
                .append(feedHref(t))
                .append("\" title=\"")
                .append(t.text("feed.title"))
                .append("\">\n");
        for (String language : Messages.SUPPORTED) {
            out.append("<link rel=\"alternate\" hreflang=\"")
                    .append(language)
                    .append("\" href=\"")
                    .append(Markup.escape(base + "?locale=" + language))
                    .append("\">\n");
        }
        out.append("<style>")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n")
                .append("<a class=\"skip\" href=\"#main\">")
                .append(t.text("page.skip_to_content"))
                .append("</a>\n");
        header(out, t, base);
        out.append("<main id=\"main\">\n");
        banner(out, t, state);
        components(out, t, state);
        activeIncidents(out, t, state);
        uptime(out, t, state);
        maintenance(out, t, state);
        pastIncidents(out, t, state);
        out.append("</main>\n<footer>\n<p><a href=\"")
                .append(feedHref(t))
                .append("\" type=\"application/atom+xml\" rel=\"alternate\">")
                .append(t.text("page.subscribe_feed"))
                .append("</a></p>\n");
        if (subscribeLink) {
            out.append("<p><a id=\"subscribe\" href=\"subscribe?locale=")
                    .append(t.language())
                    .append("\">")
                    .append(t.text("page.subscribe_email"))
                    .append("</a></p>\n");
        }
        out.append("</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    /** Incidents resolved at most {@link #PAST_INCIDENT_DAYS} days before {@code asOf}, latest resolution first. */
    public static List<PublicIncident> pastIncidents(PublicState state) {
        Instant since = state.asOf().minus(Duration.ofDays(PAST_INCIDENT_DAYS));
        return state.incidents().stream()
                .filter(PublicIncident::resolved)
                .filter(i -> !resolvedAt(i).isBefore(since))
                .sorted(Comparator.comparing(StatusPageHtml::resolvedAt)
                        .reversed()
                        .thenComparing(PublicIncident::incidentId))
                .toList();
    }

    private static void header(StringBuilder out, PageText t, String base) {
        out.append("<header>\n<h1>")
                .append(t.text("page.title"))
                .append("</h1>\n<nav aria-label=\"")
                .append(t.text("page.language"))
                .append("\">\n<ul>\n");
        for (String language : Messages.SUPPORTED) {
            out.append("<li><a href=\"")
                    .append(Markup.escape(base + "?locale=" + language))
                    .append("\" hreflang=\"")
                    .append(language)
                    .append("\" lang=\"")
                    .append(language)
                    .append('"');
            if (language.equals(t.language())) {
                out.append(" aria-current=\"page\"");
            }
            out.append('>').append(t.text("page.language." + language)).append("</a></li>\n");
        }
        out.append("</ul>\n</nav>\n</header>\n");
    }

    private static void banner(StringBuilder out, PageText t, PublicState state) {
        PageIndicator indicator = state.indicator();
        ComponentStatus tone = tone(indicator);
        out.append("<section id=\"page-status\" class=\"banner ")
                .append(cssClass(tone))
                .append("\" data-indicator=\"")
                .append(indicator.indicator())
                .append("\" aria-labelledby=\"page-status-heading\">\n<h2 id=\"page-status-heading\">")
                .append(symbol(tone))
                .append(' ')
                .append(Markup.escape(indicator.description(t.messages())))
                .append("</h2>\n<p class=\"meta\">")
                .append(t.html("page.updated_at", t.time(state.asOf())))
                .append("</p>\n</section>\n");
    }

    private static void components(StringBuilder out, PageText t, PublicState state) {
        sectionStart(out, "components", t.text("page.components"));
        out.append("<ul class=\"components\">\n");
        for (ComponentCatalog.Row row : state.catalog().rows(state.components().keySet())) {
            if (row.grouped()) {
                componentGroup(out, t, state, row);
            } else {
                component(out, t, state, row.products().get(0));
            }
        }
        out.append("</ul>\n</section>\n");
    }

    private static void component(StringBuilder out, PageText t, PublicState state, String product) {
        ComponentStatus status = state.components().get(product);
        out.append("<li class=\"component\" data-component=\"")
                .append(Markup.escape(product))
                .append("\" data-status=\"")
                .append(ComponentStatuses.wireName(status))
                .append("\">")
                .append("<span class=\"component-name\">")
                .append(Markup.escape(state.catalog().displayName(product)))
                .append("</span> ")
                .append(statusText(t, status))
                .append("</li>\n");
    }

    /**
     * A group as one list item: its name as a heading with the worst status of its members, then the
     * members as a nested list labelled by that heading.
     */
    private static void componentGroup(StringBuilder out, PageText t, PublicState state, ComponentCatalog.Row row) {
        ComponentStatus status = row.products().stream()
                .map(state.components()::get)
                .reduce(ComponentStatus.OPERATIONAL, ComponentStatuses::worse);
        String headingId = "group-" + StatuspageJson.groupId(row.group()) + "-name";
        out.append("<li class=\"component-group\" data-group=\"")
                .append(Markup.escape(row.group()))
                .append("\" data-status=\"")
                .append(ComponentStatuses.wireName(status))
                .append("\">\n")
                .append("<div class=\"group-heading\"><h3 id=\"")
                .append(headingId)
                .append("\" class=\"group-name\">")
                .append(Markup.escape(row.group()))
                .append("</h3> ")
                .append(statusText(t, status))
                .append("</div>\n")
                .append("<ul class=\"components members\" aria-labelledby=\"")
                .append(headingId)
                .append("\">\n");
        row.products().forEach(product -> component(out, t, state, product));
        out.append("</ul>\n</li>\n");
    }

    /** Symbol and localized status text, coloured by status. */
    private static String statusText(PageText t, ComponentStatus status) {
        return "<span class=\"status " + cssClass(status) + "\">" + symbol(status) + ' '
                + t.text("component.status." + status.name()) + "</span>";
    }

    private static void activeIncidents(StringBuilder out, PageText t, PublicState state) {
        List<PublicIncident> active =
                state.incidents().stream().filter(i -> !i.resolved()).toList();
        sectionStart(out, "active-incidents", t.text("page.active_incidents"));
        itemsOrEmpty(out, active, t.text("page.no_incidents"), i -> incident(out, t, state, i));
        out.append("</section>\n");
    }

    /**
     * The uptime history ({@link Uptime}): per component its uptime over the window, one bar per day
     * (the worst status of the day; each bar carries its date and status as text for screen readers and
     * as a tooltip), the days that were not simply operational as a visible list, and uptime per month.
     */
    private static void uptime(StringBuilder out, PageText t, PublicState state) {
        if (state.uptime().isEmpty()) {
            return;
        }
        sectionStart(out, "uptime", t.format("page.uptime", Uptime.WINDOW_DAYS));
        out.append("<p class=\"meta\">").append(t.text("page.uptime.legend")).append("</p>\n<ul class=\"items\">\n");
        for (Uptime.ComponentUptime component : state.uptime().values()) {
            String name = Markup.escape(state.catalog().displayName(component.component()));
            out.append("<li class=\"uptime-component\" data-component=\"")
                    .append(Markup.escape(component.component()))
                    .append("\">\n<div class=\"uptime-heading\"><h3>")
                    .append(name)
                    .append("</h3> <p class=\"uptime-figure\">")
                    .append(overall(t, component))
                    .append("</p></div>\n<ol class=\"bars\" aria-label=\"")
                    .append(name)
                    .append("\">\n");
            for (Uptime.Day day : component.days()) {
                String label = t.html("page.uptime.day", t.day(day.date()), dayStatus(t, day));
                out.append("<li class=\"bar ")
                        .append(day.hasData() ? cssClass(day.worst()) : "s-no_data")
                        .append("\" data-date=\"")
                        .append(day.date())
                        .append("\" data-status=\"")
                        .append(day.hasData() ? ComponentStatuses.wireName(day.worst()) : "no_data")
                        .append("\" title=\"")
                        .append(label)
                        .append("\"><span class=\"vh\">")
                        .append(label)
                        .append("</span></li>\n");
            }
            out.append("</ol>\n");
            // newest first, as text: the bars' colours only repeat it
            List<Uptime.Day> notOperational = component.days().stream()
                    .filter(d -> d.hasData() && d.worst() != ComponentStatus.OPERATIONAL)
                    .sorted(Comparator.comparing(Uptime.Day::date).reversed())
                    .toList();
            if (!notOperational.isEmpty()) {
                out.append("<ul class=\"uptime-days\">\n");
                for (Uptime.Day day : notOperational) {
                    out.append("<li data-date=\"")
                            .append(day.date())
                            .append("\">")
                            .append(symbol(day.worst()))
                            .append(' ')
                            .append(t.html("page.uptime.day", t.day(day.date()), dayStatus(t, day)))
                            .append("</li>\n");
                }
                out.append("</ul>\n");
            }
            out.append("<ul class=\"months\" aria-label=\"")
                    .append(t.text("page.uptime.months"))
                    .append("\">\n");
            for (Uptime.Month month : component.months()) {
                out.append("<li data-month=\"")
                        .append(month.month())
                        .append("\">")
                        .append(t.html("page.uptime.month", t.month(month.month()), t.percent(month.percent())))
                        .append("</li>\n");
            }
            out.append("</ul>\n</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private static String overall(PageText t, Uptime.ComponentUptime component) {
        return component.percent() == null
                ? t.text("page.uptime.no_data")
                : t.html("page.uptime.overall", t.percent(component.percent()), Integer.toString(Uptime.WINDOW_DAYS));
    }

    private static String dayStatus(PageText t, Uptime.Day day) {
        return day.hasData() ? t.text("component.status." + day.worst().name()) : t.text("page.uptime.no_data");
    }

    private static void pastIncidents(StringBuilder out, PageText t, PublicState state) {
        List<PublicIncident> past = pastIncidents(state);
        sectionStart(out, "past-incidents", t.format("page.past_incidents", PAST_INCIDENT_DAYS));
        itemsOrEmpty(
                out, past, t.format("page.no_past_incidents", PAST_INCIDENT_DAYS), i -> incident(out, t, state, i));
        out.append("</section>\n");
    }

    /** A list of items, or a sentence saying there are none. */
    private static <T> void itemsOrEmpty(StringBuilder out, List<T> items, String emptyText, Consumer<T> item) {
        if (items.isEmpty()) {
            out.append("<p class=\"empty\">").append(emptyText).append("</p>\n");
        } else {
            out.append("<ul class=\"items\">\n");
            items.forEach(item);
            out.append("</ul>\n");
        }
    }

    private static void incident(StringBuilder out, PageText t, PublicState state, PublicIncident incident) {
        String id = Ids.incident(incident.incidentId());
        ComponentStatus tone = incident.resolved() ? ComponentStatus.OPERATIONAL : incident.componentStatus();
        String status = incident.status().name();
        out.append("<li><article id=\"incident-")
                .append(id)
                .append("\" class=\"item incident ")
                .append(cssClass(tone))
                .append("\" data-incident=\"")
                .append(id)
                .append("\" data-status=\"")
                .append(status.toLowerCase(Locale.ROOT))
                .append("\" aria-labelledby=\"incident-")
                .append(id)
                .append("-name\">\n<h3 id=\"incident-")
                .append(id)
                .append("-name\">")
                .append(symbol(tone))
                .append(' ')
                .append(Markup.escape(incident.name()))
                .append("</h3>\n<p class=\"meta\">")
                .append(t.format("page.incident.affects", state.catalog().displayName(incident.product())));
        if (incident.resolved()) {
            out.append("<br>").append(t.html("page.incident.resolved_at", t.time(resolvedAt(incident))));
        }
        out.append("</p>\n");
        nextUpdate(out, t, state, incident);
        out.append("<ol class=\"updates\" aria-label=\"")
                .append(t.text("page.updates"))
                .append("\">\n");
        for (PublicIncident.Update update : incident.updates()) {
            out.append("<li class=\"update\" data-status=\"")
                    .append(update.status().name().toLowerCase(Locale.ROOT))
                    .append("\">\n<p><strong class=\"update-status\">")
                    .append(t.text("incident.status." + update.status().name()))
                    .append("</strong></p>\n")
                    .append("<p class=\"update-body text\">")
                    .append(Markup.escape(update.body()))
                    .append("</p>\n")
                    .append("<p class=\"meta\">")
                    .append(t.html("page.update.posted", t.time(update.createdAt())))
                    .append("</p>\n</li>\n");
        }
        out.append("</ol>\n</article></li>\n");
    }

    /**
     * When the next update of an active incident is due (the SLA update cadence), or since when it is
     * overdue; nothing for a resolved incident or one without a deadline.
     */
    private static void nextUpdate(StringBuilder out, PageText t, PublicState state, PublicIncident incident) {
        if (incident.resolved() || incident.nextUpdateDue() == null) {
            return;
        }
        boolean overdue = incident.updateOverdue(state.asOf());
        out.append("<p class=\"cadence")
                .append(overdue ? " overdue" : "")
                .append("\" data-next-update=\"")
                .append(PageText.iso(incident.nextUpdateDue()))
                .append("\">")
                .append(t.html(
                        overdue ? "page.incident.update_overdue" : "page.incident.next_update",
                        t.time(incident.nextUpdateDue())))
                .append("</p>\n");
    }

    private static void maintenance(StringBuilder out, PageText t, PublicState state) {
        List<PublicMaintenance> active =
                state.maintenances().stream().filter(PublicMaintenance::active).toList();
        List<PublicMaintenance> upcoming = state.maintenances().stream()
                .filter(PublicMaintenance::upcoming)
                .toList();
        if (!active.isEmpty()) {
            sectionStart(out, "active-maintenance", t.text("page.active_maintenance"));
            out.append("<ul class=\"items\">\n");
            active.forEach(m -> maintenanceItem(out, t, state, m));
            out.append("</ul>\n</section>\n");
        }
        sectionStart(out, "upcoming-maintenance", t.text("page.upcoming_maintenance"));
        itemsOrEmpty(out, upcoming, t.text("page.no_upcoming_maintenance"), m -> maintenanceItem(out, t, state, m));
        out.append("</section>\n");
    }

    private static void maintenanceItem(StringBuilder out, PageText t, PublicState state, PublicMaintenance m) {
        String id = Ids.maintenance(m.windowId());
        List<String> names =
                m.products().stream().map(state.catalog()::displayName).toList();
        out.append("<li><article id=\"maintenance-")
                .append(id)
                .append("\" class=\"item maintenance ")
                .append(cssClass(ComponentStatus.UNDER_MAINTENANCE))
                .append("\" data-maintenance=\"")
                .append(id)
                .append("\" data-status=\"")
                .append(m.state().name().toLowerCase(Locale.ROOT))
                .append("\" aria-labelledby=\"maintenance-")
                .append(id)
                .append("-name\">\n<h3 id=\"maintenance-")
                .append(id)
                .append("-name\">")
                .append(symbol(ComponentStatus.UNDER_MAINTENANCE))
                .append(' ')
                .append(Markup.escape(m.name()))
                .append("</h3>\n<p><strong class=\"maintenance-status\">")
                .append(t.format(
                        "page.maintenance.status",
                        t.messages().text("maintenance.status." + m.state().name())))
                .append("</strong></p>\n<p>")
                .append(t.html("page.maintenance.window", t.time(m.scheduledFor()), t.time(m.scheduledUntil())))
                .append("</p>\n");
        if (m.recurrence() != null) {
            out.append("<p class=\"recurrence\">")
                    .append(Markup.escape(m.recurrence()))
                    .append("</p>\n");
        }
        out.append("<p>")
                .append(t.format("page.maintenance.components", t.list(names)))
                .append("</p>\n");
        if (m.description() != null && !m.description().isBlank()) {
            out.append("<p class=\"text\">")
                    .append(Markup.escape(m.description()))
                    .append("</p>\n");
        }
        if (m.reason() != null && !m.reason().isBlank()) {
            out.append("<p class=\"text\">")
                    .append(t.format("page.maintenance.reason", m.reason()))
                    .append("</p>\n");
        }
        out.append("</article></li>\n");
    }

    private static void sectionStart(StringBuilder out, String id, String escapedHeading) {
        out.append("<section id=\"")
                .append(id)
                .append("\" aria-labelledby=\"")
                .append(id)
                .append("-heading\">\n<h2 id=\"")
                .append(id)
                .append("-heading\">")
                .append(escapedHeading)
                .append("</h2>\n");
    }

    /** The component status whose symbol and colour the banner borrows. */
    private static ComponentStatus tone(PageIndicator indicator) {
        return switch (indicator) {
            case NONE -> ComponentStatus.OPERATIONAL;
            case MINOR_DEGRADED -> ComponentStatus.DEGRADED_PERFORMANCE;
            case MINOR -> ComponentStatus.PARTIAL_OUTAGE;
            case MAJOR, CRITICAL -> ComponentStatus.MAJOR_OUTAGE;
            case MAINTENANCE -> ComponentStatus.UNDER_MAINTENANCE;
        };
    }

    /**
     * A shape per status so that it reads without colour (the text next to it says the same, hence
     * {@code aria-hidden}). Characters from common system fonts, not emoji.
     */
    static String symbol(ComponentStatus status) {
        String glyph = switch (status) {
            case OPERATIONAL -> "\u2713";
            case DEGRADED_PERFORMANCE -> "\u25D0";
            case PARTIAL_OUTAGE -> "\u25B2";
            case MAJOR_OUTAGE -> "\u2716";
            case UNDER_MAINTENANCE -> "\u25C6";
        };
        return "<span class=\"symbol\" aria-hidden=\"true\">" + glyph + "</span>";
    }

    private static String cssClass(ComponentStatus status) {
        return "s-" + ComponentStatuses.wireName(status);
    }

    private static String feedHref(PageText t) {
        return FEED_PATH + "?locale=" + t.language();
    }

    private static String basePath(String selfPath) {
        if (selfPath == null || selfPath.isBlank()) {
            return "";
        }
        int query = selfPath.indexOf('?');
        int fragment = selfPath.indexOf('#');
        int end = query >= 0 ? query : fragment >= 0 ? fragment : selfPath.length();
        return selfPath.substring(0, end);
    }

    private static Instant resolvedAt(PublicIncident incident) {
        return incident.resolvedAt() != null ? incident.resolvedAt() : incident.updatedAt();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
