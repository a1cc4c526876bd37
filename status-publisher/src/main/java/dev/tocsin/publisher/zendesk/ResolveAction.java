package dev.tocsin.publisher.zendesk;

import java.util.Locale;

/** What a resolved incident does to its linked Zendesk tickets. */
public enum ResolveAction {
    /** Status {@code solved}: the ticket is done unless the requester replies. */
    SOLVE("solved"),
    /** Status {@code pending}: support waits for the requester to confirm. */
    PENDING("pending");

    private final String status;

    ResolveAction(String status) {
        this.status = status;
    }

    /** The Zendesk ticket status this action sets. */
    public String status() {
        return status;
    }

    static ResolveAction parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "solve", "solved" -> SOLVE;
            case "pending" -> PENDING;
            default -> throw new IllegalArgumentException("'" + text.trim() + "' is neither solve nor pending");
        };
    }
}
