package dev.tocsin.console;

import dev.tocsin.runtime.config.Setting;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Settings of ops-console; listed with every other setting in docs/CONFIGURATION.md. */
public final class ConsoleSettings {

    public static final int DEFAULT_PORT = 8084;

    /** Local-stack logins, printed by {@code ./tocsin local}; production refuses to start without configured users. */
    public static final String LOCAL_OPERATOR = "ops:local-dev-password";

    public static final String LOCAL_SUPPORT = "support:local-dev-password";

    public static final Setting<List<String>> OPERATOR_USERS = Setting.secretList(
            "TOCSIN_CONSOLE_OPERATOR_USERS",
            "operators who may log in and act, as user:password pairs, comma-separated (local stack: " + LOCAL_OPERATOR
                    + ")");
    public static final Setting<List<String>> SUPPORT_USERS = Setting.secretList(
            "TOCSIN_CONSOLE_SUPPORT_USERS",
            "support staff who may log in, read and link tickets, as user:password pairs (local stack: " + LOCAL_SUPPORT
                    + ")");
    public static final Setting<String> CORRELATOR_URL = Setting.string(
            "TOCSIN_CONSOLE_CORRELATOR_URL", "http://127.0.0.1:8082", "base URL of incident-correlator's query API");
    public static final Setting<String> CORRELATOR_TOKEN = Setting.secret(
            "TOCSIN_CONSOLE_CORRELATOR_TOKEN",
            "operator bearer token the console reads the query API with (server side only; local stack: local-dev-token)");
    public static final Setting<String> INGEST_URL = Setting.string(
            "TOCSIN_CONSOLE_INGEST_URL", "http://127.0.0.1:8080", "base URL of alert-ingest's operator API");
    public static final Setting<String> INGEST_TOKEN = Setting.secret(
            "TOCSIN_CONSOLE_INGEST_TOKEN",
            "operator bearer token the console sends commands, maintenance and silences with (local stack: local-dev-token)");
    public static final Setting<String> STATUS_PAGE_URL = Setting.string(
            "TOCSIN_CONSOLE_STATUS_PAGE_URL",
            "http://127.0.0.1:8083",
            "public status page, linked from the console so operators see what customers see");
    public static final Setting<Duration> SESSION_IDLE = Setting.duration(
                    "TOCSIN_CONSOLE_SESSION_IDLE", "12h", "how long a login lasts without activity (a 12-hour shift)")
            .formerly("TOCSIN_CONSOLE_SESSION_MINUTES", ChronoUnit.MINUTES);
    public static final Setting<Integer> MAX_SESSIONS = Setting.integer(
            "TOCSIN_CONSOLE_MAX_SESSIONS", 1000, "sessions kept at most; the least recently used is logged out beyond");
    public static final Setting<Boolean> SECURE_COOKIE = Setting.bool(
            "TOCSIN_CONSOLE_SECURE_COOKIE",
            true,
            "mark the session cookie Secure (browsers send it over HTTPS and to localhost only); false only behind plain HTTP on another host");
    public static final Setting<Integer> VIEW_LIMIT = Setting.integer(
            "TOCSIN_CONSOLE_VIEW_LIMIT",
            2000,
            "items each in-memory view keeps at most (incidents, notifications, tickets with updates, unclassified alerts)");
    public static final Setting<Duration> SLA_DUE_SOON = Setting.duration(
                    "TOCSIN_CONSOLE_SLA_DUE_SOON",
                    "15m",
                    "an SLA deadline this close is shown as due soon (amber) before it is breached (red)")
            .formerly("TOCSIN_CONSOLE_SLA_DUE_SOON_MINUTES", ChronoUnit.MINUTES);
    public static final Setting<Duration> UPSTREAM_TIMEOUT = Setting.duration(
                    "TOCSIN_CONSOLE_UPSTREAM_TIMEOUT",
                    "5s",
                    "how long a call to the query API or the operator API may take")
            .formerly("TOCSIN_CONSOLE_UPSTREAM_TIMEOUT_MS", ChronoUnit.MILLIS);
    public static final Setting<Integer> MANAGEMENT_PORT = Setting.integer(
            "TOCSIN_CONSOLE_MANAGEMENT_PORT", 9084, "port of /metrics, /health and /ready; never the console's port");

    private ConsoleSettings() {}

    public static List<Setting<?>> all() {
        return List.of(
                OPERATOR_USERS,
                SUPPORT_USERS,
                CORRELATOR_URL,
                CORRELATOR_TOKEN,
                INGEST_URL,
                INGEST_TOKEN,
                STATUS_PAGE_URL,
                SESSION_IDLE,
                MAX_SESSIONS,
                SECURE_COOKIE,
                VIEW_LIMIT,
                SLA_DUE_SOON,
                UPSTREAM_TIMEOUT,
                MANAGEMENT_PORT);
    }
}
