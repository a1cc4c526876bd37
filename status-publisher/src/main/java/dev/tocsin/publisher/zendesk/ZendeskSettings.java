package dev.tocsin.publisher.zendesk;

import dev.tocsin.runtime.config.Setting;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Settings of the Zendesk write-back in status-publisher; listed with every other setting in
 * docs/CONFIGURATION.md and resolved into a {@link ZendeskConfig}. The write-back is on only when
 * a subdomain or base URL is set.
 */
public final class ZendeskSettings {

    public static final Setting<String> SUBDOMAIN = Setting.string(
            "TOCSIN_PUBLISHER_ZENDESK_SUBDOMAIN",
            null,
            "Zendesk subdomain (acme for https://acme.zendesk.com); setting it (or the base URL) turns the write-back of "
                    + "tocsin.ticket-updates to Zendesk on");
    public static final Setting<String> BASE_URL = Setting.string(
            "TOCSIN_PUBLISHER_ZENDESK_BASE_URL",
            null,
            "Zendesk base URL, instead of the subdomain (e.g. a proxy); /api/v2/... is appended");
    public static final Setting<String> EMAIL = Setting.string(
            "TOCSIN_PUBLISHER_ZENDESK_EMAIL",
            null,
            "email address of the Zendesk agent the API token belongs to; required when the write-back is on");
    public static final Setting<String> API_TOKEN = Setting.secret(
            "TOCSIN_PUBLISHER_ZENDESK_API_TOKEN",
            "Zendesk API token (basic auth {email}/token:{token}); required when the write-back is on, unless the token file is set");
    public static final Setting<String> API_TOKEN_FILE = Setting.string(
            "TOCSIN_PUBLISHER_ZENDESK_API_TOKEN_FILE",
            null,
            "file holding the Zendesk API token (e.g. a mounted Kubernetes secret); surrounding whitespace is ignored");
    public static final Setting<ResolveAction> RESOLVE_ACTION = new Setting<>(
            "TOCSIN_PUBLISHER_ZENDESK_RESOLVE_ACTION",
            "solve",
            ResolveAction::parse,
            false,
            "what a resolved incident does to its linked tickets: solve (status solved) or pending (status pending, "
                    + "the requester is asked to confirm); both add the public resolution comment");
    public static final Setting<String> INCIDENT_URL = Setting.string(
            "TOCSIN_PUBLISHER_ZENDESK_INCIDENT_URL",
            "http://localhost:8082/api/v1/incidents/{id}",
            "link to a Tocsin incident in the internal notes, {id} replaced by the incident id");
    public static final Setting<Integer> MAX_ATTEMPTS = Setting.integer(
            "TOCSIN_PUBLISHER_ZENDESK_MAX_ATTEMPTS",
            8,
            "attempts of one Zendesk request that fails with 5xx or no answer before the update goes to the "
                    + "dead-letter topic (429 answers wait for Retry-After and are not counted)");
    public static final Setting<Duration> BACKOFF = Setting.duration(
                    "TOCSIN_PUBLISHER_ZENDESK_BACKOFF",
                    "1s",
                    "wait before the first retry of a failed Zendesk request; doubles with every further retry")
            .formerly("TOCSIN_PUBLISHER_ZENDESK_BACKOFF_MS", ChronoUnit.MILLIS);
    public static final Setting<Duration> MAX_BACKOFF = Setting.duration(
                    "TOCSIN_PUBLISHER_ZENDESK_MAX_BACKOFF",
                    "60s",
                    "longest wait between retries of a failed Zendesk request (a 429's Retry-After is always honoured in full)")
            .formerly("TOCSIN_PUBLISHER_ZENDESK_MAX_BACKOFF_MS", ChronoUnit.MILLIS);
    public static final Setting<Duration> TIMEOUT = Setting.duration(
                    "TOCSIN_PUBLISHER_ZENDESK_TIMEOUT",
                    "10s",
                    "deadline of one Zendesk request (no answer in time counts as a failed attempt)")
            .formerly("TOCSIN_PUBLISHER_ZENDESK_TIMEOUT_MS", ChronoUnit.MILLIS);

    private ZendeskSettings() {}

    public static List<Setting<?>> all() {
        return List.of(
                SUBDOMAIN,
                BASE_URL,
                EMAIL,
                API_TOKEN,
                API_TOKEN_FILE,
                RESOLVE_ACTION,
                INCIDENT_URL,
                MAX_ATTEMPTS,
                BACKOFF,
                MAX_BACKOFF,
                TIMEOUT);
    }
}
