package dev.tocsin.publisher.web;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.publisher.domain.ComponentStatuses;
import dev.tocsin.publisher.domain.PublicState;
import dev.tocsin.publisher.domain.Uptime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The uptime history as JSON ({@code /api/v2/uptime.json}): Statuspage has no public uptime API, so
 * the shape is Tocsin's own, in Statuspage's naming style (snake_case, status wire names). Figures are
 * unrounded percentages; {@code null} means no data.
 */
public final class UptimeJson {

    private UptimeJson() {}

    public static Map<String, Object> render(PublicState state) {
        List<Map<String, Object>> components = new ArrayList<>();
        for (Uptime.ComponentUptime component : state.uptime().values()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("component", component.component());
            out.put("name", state.catalog().displayName(component.component()));
            out.put("uptime_percentage", component.percent());
            List<Map<String, Object>> months = new ArrayList<>();
            for (Uptime.Month month : component.months()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("month", month.month().toString());
                m.put("uptime_percentage", month.percent());
                months.add(m);
            }
            out.put("months", months);
            List<Map<String, Object>> days = new ArrayList<>();
            for (Uptime.Day day : component.days()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("date", day.date().toString());
                d.put("status", day.hasData() ? ComponentStatuses.wireName(day.worst()) : "no_data");
                Map<String, Object> seconds = new LinkedHashMap<>();
                for (Map.Entry<ComponentStatus, Long> entry : day.seconds().entrySet()) {
                    seconds.put(ComponentStatuses.wireName(entry.getKey()), entry.getValue());
                }
                d.put("seconds", seconds);
                days.add(d);
            }
            out.put("days", days);
            components.add(out);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window_days", Uptime.WINDOW_DAYS);
        body.put("partial_outage_weight", Uptime.PARTIAL_OUTAGE_WEIGHT);
        body.put("components", components);
        return body;
    }
}
