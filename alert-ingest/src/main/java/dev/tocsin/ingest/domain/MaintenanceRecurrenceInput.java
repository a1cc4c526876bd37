package dev.tocsin.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.Weekday;
import dev.tocsin.avro.WeeklyRecurrence;
import dev.tocsin.schemas.rules.MaintenanceSchedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the weekly recurrence of a maintenance window and its overrun limit:
 * <pre>
 * "recurrence": {"days":["sunday","WED"], "startTime":"02:30", "duration":"PT2H", "timeZone":"Europe/Berlin"},
 * "maxOverrun": "PT4H"
 * </pre>
 * days: full English names or three-letter abbreviations, any case, duplicates dropped; startTime:
 * local {@code HH:mm} or {@code HH:mm:ss}; duration: ISO-8601, whole minutes, more than zero and less
 * than 7 days; timeZone: an IANA zone id (a bare offset such as {@code +02:00} is refused: it has no
 * daylight saving rules, which is the point of a local time). maxOverrun: ISO-8601, whole minutes,
 * 0 to 7 days.
 */
final class MaintenanceRecurrenceInput {

    private MaintenanceRecurrenceInput() {}

    /** The recurrence of the body, null when absent; violations are added under {@code recurrence.*}. */
    static WeeklyRecurrence recurrence(JsonNode body, Violations violations) {
        JsonNode node = JsonFields.object(body, "recurrence", "recurrence", violations);
        if (node == null) {
            return null;
        }
        int before = violations.size();
        List<Weekday> days = days(node, violations);
        LocalTime startTime =
                startTime(JsonFields.requiredText(node, "startTime", "recurrence.startTime", violations), violations);
        Duration duration = duration(
                JsonFields.requiredText(node, "duration", "recurrence.duration", violations),
                "recurrence.duration",
                violations);
        if (duration != null && (duration.isZero() || duration.compareTo(MaintenanceSchedule.MAX_OCCURRENCE) >= 0)) {
            violations.add("recurrence.duration", "must be more than zero and less than 7 days (P7D), got " + duration);
        }
        String zone = zone(JsonFields.requiredText(node, "timeZone", "recurrence.timeZone", violations), violations);
        if (violations.size() > before) {
            return null;
        }
        return new WeeklyRecurrence(days, startTime.toString(), Math.toIntExact(duration.toMinutes()), zone);
    }

    /** The window's overrun limit in minutes, null when absent. */
    static Integer maxOverrunMinutes(JsonNode body, Violations violations) {
        Duration limit =
                duration(JsonFields.text(body, "maxOverrun", "maxOverrun", violations), "maxOverrun", violations);
        if (limit == null) {
            return null;
        }
        if (limit.isNegative() || limit.compareTo(MaintenanceSchedule.MAX_OCCURRENCE) > 0) {
            violations.add("maxOverrun", "must be between PT0S and P7D, got " + limit);
            return null;
        }
        return Math.toIntExact(limit.toMinutes());
    }

    private static List<Weekday> days(JsonNode node, Violations violations) {
        List<Weekday> days = new ArrayList<>();
        List<String> texts = JsonFields.textList(node, "days", "recurrence.days", violations);
        for (int i = 0; i < texts.size(); i++) {
            Weekday day = day(texts.get(i));
            if (day == null) {
                violations.add(
                        Violations.index("recurrence.days", i),
                        "unknown day '" + JsonFields.clip(texts.get(i)) + "'; allowed: monday .. sunday or mon .. sun");
            } else if (!days.contains(day)) {
                days.add(day);
            }
        }
        JsonNode given = JsonFields.field(node, "days");
        if (texts.isEmpty() && (given == null || given.isArray())) { // a wrong type was reported already
            violations.add("recurrence.days", "required: at least one day of the week");
        }
        return days;
    }

    private static Weekday day(String text) {
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        if (wanted.length() < 3) {
            return null;
        }
        for (Weekday day : Weekday.values()) {
            if (day.name().equals(wanted) || wanted.length() == 3 && day.name().startsWith(wanted)) {
                return day;
            }
        }
        return null;
    }

    private static LocalTime startTime(String text, Violations violations) {
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            violations.add("recurrence.startTime", "must be a local time HH:mm, got '" + JsonFields.clip(text) + "'");
            return null;
        }
    }

    private static Duration duration(String text, String path, Violations violations) {
        if (text == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.toSeconds() % 60 != 0 || duration.getNano() != 0) {
                violations.add(path, "must be whole minutes, got " + duration);
                return null;
            }
            return duration;
        } catch (DateTimeParseException e) {
            violations.add(
                    path, "must be an ISO-8601 duration such as PT2H or PT90M, got '" + JsonFields.clip(text) + "'");
            return null;
        }
    }

    private static String zone(String text, Violations violations) {
        if (text == null) {
            return null;
        }
        try {
            ZoneId zone = ZoneId.of(text);
            if (!(zone instanceof ZoneOffset) && !text.matches("(?i)(UTC|GMT|UT)[+-].*")) {
                return zone.getId();
            }
        } catch (DateTimeException e) {
            // reported below
        }
        violations.add(
                "recurrence.timeZone",
                "must be an IANA time zone such as Europe/Berlin, got '" + JsonFields.clip(text) + "'");
        return null;
    }
}
