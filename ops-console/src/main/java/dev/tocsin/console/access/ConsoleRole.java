package dev.tocsin.console.access;

/**
 * Who a logged-in user is to the console. The one rule of who may do what: an operator acts on
 * incidents, maintenance and silences; support reads and links or unlinks tickets, nothing else.
 */
public enum ConsoleRole {
    OPERATOR,
    SUPPORT;

    /** Whether this role may send an incident command of {@code type} (a {@code CommandType} name). */
    public boolean maySend(String type) {
        return this == OPERATOR || "LINK_TICKET".equals(type) || "UNLINK_TICKET".equals(type);
    }

    /** Maintenance windows and silences change what customers see and which alerts count: operators only. */
    public boolean mayManageQueues() {
        return this == OPERATOR;
    }

    /** The query API answers raw alerts to operators only (their labels come straight from monitoring). */
    public boolean mayReadAlerts() {
        return this == OPERATOR;
    }

    public String label() {
        return this == OPERATOR ? "operator" : "support";
    }
}
