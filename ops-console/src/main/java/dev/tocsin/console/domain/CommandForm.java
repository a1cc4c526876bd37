package dev.tocsin.console.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns an action form of the incident page into the operator API's command body
 * (docs/ALERT-INGEST.md; {@code OperatorInput.command}). The actor is always the logged-in user,
 * never a form field. "Post an update" with a status or a component status is a SET_STATUS
 * carrying the message (a public update that also changes them); without, a POST_UPDATE. With the
 * "Internal note" box ticked it is a POST_UPDATE with {@code internal: true}: a note for operators
 * and support that never reaches the status page, so it cannot carry a status either. Only
 * what the form cannot express is refused here; every domain rule (e.g. resolving a resolved
 * incident) is the correlator's, and its reason is shown as it gives it.
 */
public final class CommandForm {

    /** The actions the incident page offers. */
    public static final Set<String> ACTIONS = Set.of(
            "ACKNOWLEDGE",
            "SET_SEVERITY",
            "SET_STATUS",
            "POST_UPDATE",
            "PUBLISH",
            "MERGE",
            "RESOLVE",
            "REOPEN",
            "LINK_TICKET",
            "UNLINK_TICKET");

    private CommandForm() {}

    /** A command body, or the reason the form cannot be one. */
    public record Result(Map<String, Object> command, String refusal) {
        public Optional<String> refused() {
            return Optional.ofNullable(refusal);
        }

        public String type() {
            return command == null ? null : (String) command.get("type");
        }
    }

    public static Result of(String action, String actor, Function<String, String> field) {
        String type = action == null ? "" : action.trim().toUpperCase(Locale.ROOT);
        if (!ACTIONS.contains(type)) {
            return refuse("unknown action '" + action + "'");
        }
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("actor", actor);
        String message = text(field, "message");
        String status = text(field, "status");
        String componentStatus = text(field, "componentStatus");
        switch (type) {
            case "SET_SEVERITY" -> {
                String severity = text(field, "severity");
                if (severity == null) {
                    return refuse("choose a severity");
                }
                command.put("severity", severity);
            }
            case "SET_STATUS", "POST_UPDATE" -> {
                if (type.equals("POST_UPDATE") && message == null) {
                    return refuse("write the update's message");
                }
                if (type.equals("POST_UPDATE") && checked(field, "internal")) {
                    if (status != null || componentStatus != null) {
                        return refuse("an internal note changes no status; post a public update to change it");
                    }
                    command.put("message", message);
                    command.put("internal", true);
                    break;
                }
                if (status != null || componentStatus != null) {
                    type = "SET_STATUS";
                    putIf(command, "status", status);
                    putIf(command, "componentStatus", componentStatus);
                } else if (type.equals("SET_STATUS")) {
                    return refuse("choose a status or a component status");
                }
                putIf(command, "message", message);
            }
            case "PUBLISH" -> putIf(command, "componentStatus", componentStatus);
            case "MERGE" -> {
                String target = text(field, "targetIncidentId");
                if (target == null) {
                    return refuse("name the incident to merge into");
                }
                command.put("targetIncidentId", target);
            }
            case "LINK_TICKET", "UNLINK_TICKET" -> {
                String ticket = text(field, "ticketId");
                if (ticket == null) {
                    return refuse("name the ticket");
                }
                command.put("ticketId", ticket);
                putIf(command, "organizationId", text(field, "organizationId"));
            }
            default -> {
                // ACKNOWLEDGE, RESOLVE, REOPEN: the actor is all they need
            }
        }
        putIf(command, "reason", text(field, "reason"));
        command.put("type", type);
        return new Result(command, null);
    }

    private static Result refuse(String why) {
        return new Result(null, why);
    }

    private static String text(Function<String, String> field, String name) {
        String value = field.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A ticked checkbox: browsers send its value ("on" unless the form names one), an unticked one is absent. */
    private static boolean checked(Function<String, String> field, String name) {
        String value = text(field, name);
        return value != null && !value.equalsIgnoreCase("false");
    }

    private static void putIf(Map<String, Object> command, String key, String value) {
        if (value != null) {
            command.put(key, value);
        }
    }
}
