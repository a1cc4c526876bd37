package dev.tocsin.publisher.zendesk;

import dev.tocsin.publisher.delivery.Backoff;
import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Zendesk write-back's settings, resolved and validated once at start-up.
 *
 * @param baseUrl        e.g. {@code https://acme.zendesk.com}, without a trailing slash
 * @param email          the agent the API token belongs to
 * @param apiToken       the API token; never logged
 * @param resolveAction  solve or pending on a resolved incident
 * @param incidentUrl    link template of an incident for internal notes ({@code {id}})
 * @param maxAttempts    attempts of one request failing with 5xx or no answer
 * @param backoff        waits between those attempts
 * @param requestTimeout deadline of one request
 */
public record ZendeskConfig(
        URI baseUrl,
        String email,
        String apiToken,
        ResolveAction resolveAction,
        String incidentUrl,
        int maxAttempts,
        Backoff backoff,
        Duration requestTimeout) {

    public ZendeskConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(resolveAction, "resolveAction");
        Objects.requireNonNull(incidentUrl, "incidentUrl");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        String text = baseUrl.toString();
        baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /**
     * The write-back's settings, empty when neither subdomain nor base URL is set (the write-back is
     * off). Every problem is reported at once, naming its variable.
     */
    public static Optional<ZendeskConfig> from(Environment env) {
        env.validate(ZendeskSettings.all());
        Optional<String> subdomain = env.optional(ZendeskSettings.SUBDOMAIN);
        Optional<String> base = env.optional(ZendeskSettings.BASE_URL);
        if (subdomain.isEmpty() && base.isEmpty()) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        URI url = null;
        if (subdomain.isPresent() && base.isPresent()) {
            problems.add("set either " + ZendeskSettings.SUBDOMAIN.env() + " or " + ZendeskSettings.BASE_URL.env()
                    + ", not both");
        } else if (subdomain.isPresent()) {
            if (!subdomain.get().trim().matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
                problems.add(ZendeskSettings.SUBDOMAIN.env() + " '" + subdomain.get()
                        + "' is not a subdomain (letters, digits, -)");
            } else {
                url = URI.create("https://" + subdomain.get().trim() + ".zendesk.com");
            }
        } else {
            try {
                url = URI.create(base.get().trim());
                if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null) {
                    problems.add(ZendeskSettings.BASE_URL.env() + " must be an http(s) URL");
                    url = null;
                }
            } catch (IllegalArgumentException e) {
                problems.add(ZendeskSettings.BASE_URL.env() + " is not a URL: " + e.getMessage());
            }
        }
        Optional<String> email = env.optional(ZendeskSettings.EMAIL);
        if (email.isEmpty()) {
            problems.add(ZendeskSettings.EMAIL.env() + " is required when the Zendesk write-back is on");
        }
        Optional<String> token = token(env, problems);
        int maxAttempts = env.get(ZendeskSettings.MAX_ATTEMPTS);
        if (maxAttempts < 1) {
            problems.add(ZendeskSettings.MAX_ATTEMPTS.env() + "=" + maxAttempts + " must be at least 1");
        }
        Backoff backoff = null;
        try {
            backoff = new Backoff(env.get(ZendeskSettings.BACKOFF), env.get(ZendeskSettings.MAX_BACKOFF));
        } catch (IllegalArgumentException e) {
            problems.add(
                    ZendeskSettings.BACKOFF.env() + "/" + ZendeskSettings.MAX_BACKOFF.env() + ": " + e.getMessage());
        }
        Duration timeout = env.get(ZendeskSettings.TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add(ZendeskSettings.TIMEOUT.env() + "=" + timeout.toMillis() + "ms must be positive");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return Optional.of(new ZendeskConfig(
                url,
                email.get().trim(),
                token.get(),
                env.get(ZendeskSettings.RESOLVE_ACTION),
                env.get(ZendeskSettings.INCIDENT_URL),
                maxAttempts,
                backoff,
                timeout));
    }

    private static Optional<String> token(Environment env, List<String> problems) {
        Optional<String> inline = env.optional(ZendeskSettings.API_TOKEN);
        Optional<String> file = env.optional(ZendeskSettings.API_TOKEN_FILE);
        if (inline.isPresent() && file.isPresent()) {
            problems.add("set either " + ZendeskSettings.API_TOKEN.env() + " or " + ZendeskSettings.API_TOKEN_FILE.env()
                    + ", not both");
            return Optional.empty();
        }
        if (file.isPresent()) {
            try {
                String text = Files.readString(Path.of(file.get().trim()), StandardCharsets.UTF_8)
                        .trim();
                if (text.isEmpty()) {
                    problems.add(ZendeskSettings.API_TOKEN_FILE.env() + " names an empty file");
                    return Optional.empty();
                }
                return Optional.of(text);
            } catch (IOException | RuntimeException e) {
                // the path is configuration, not the secret: naming it helps
                problems.add(ZendeskSettings.API_TOKEN_FILE.env() + " cannot be read: "
                        + file.get().trim());
                return Optional.empty();
            }
        }
        if (inline.isEmpty()) {
            problems.add(ZendeskSettings.API_TOKEN.env() + " or " + ZendeskSettings.API_TOKEN_FILE.env()
                    + " is required when the Zendesk write-back is on");
        }
        return inline.map(String::trim);
    }

    /** The {@code Authorization} header of API token authentication: basic {@code {email}/token:{api_token}}. */
    String authorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString((email + "/token:" + apiToken).getBytes(StandardCharsets.UTF_8));
    }

    /** The internal link of an incident. */
    String incidentLink(String incidentId) {
        return incidentUrl.replace("{id}", incidentId);
    }

    /** The token is masked: this ends up in start-up logs. */
    @Override
    public String toString() {
        return "ZendeskConfig[baseUrl=" + baseUrl + ", email=" + email + ", apiToken=****, resolveAction="
                + resolveAction
                + ", incidentUrl=" + incidentUrl + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
