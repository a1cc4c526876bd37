package dev.tocsin.correlator.http;

import io.javalin.security.RouteRole;

/**
 * Who reads the query API. Operators read everything; support reads incidents and tickets (what a
 * customer asks about) but not the raw alerts of an incident, whose labels and annotations come
 * straight from monitoring (host names, runbook links, whatever a rule author put there).
 */
public enum QueryRole implements RouteRole {
    OPERATOR,
    SUPPORT
}
