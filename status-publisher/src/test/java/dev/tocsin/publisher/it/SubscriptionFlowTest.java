package dev.tocsin.publisher.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.SubscriptionScope;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.publisher.subscribe.EmailSubscriptionRequest;
import dev.tocsin.schemas.rules.WebhookSecrets;
import dev.tocsin.schemas.topics.Topics;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Self-service subscriptions over HTTP against a running status-publisher on the real broker, with
 * a real SMTP server: subscribe, confirm with the link from the received mail, unsubscribe with one
 * click; the answer to the form is the same for a new and an already subscribed address; posts
 * without the form's CSRF token are refused; a webhook subscription shows its signing secret once.
 */
class SubscriptionFlowTest {

    static final String SECRET = "it-subscription-secret";
    static final String WEBHOOK_MASTER = "it-webhook-master";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CONFIRM_LINK = Pattern.compile("(http://\\S+/subscribe/confirm\\?t=\\S+)");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** A publisher with e-mail and webhooks on, its page URL its own address. */
    static PublisherService start(Topics topics, int smtpPort) throws Exception {
        return start(topics, smtpPort, Map.of());
    }

    static PublisherService start(Topics topics, int smtpPort, Map<String, String> extra) throws Exception {
        int port = PublisherHarness.freePort();
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.putAll(Map.of(
                "TOCSIN_HTTP_PORT",
                String.valueOf(port),
                "TOCSIN_PUBLISHER_PAGE_URL",
                "http://127.0.0.1:" + port,
                "TOCSIN_PUBLISHER_EMAIL_ENABLED",
                "true",
                "TOCSIN_PUBLISHER_SMTP_HOST",
                "127.0.0.1",
                "TOCSIN_PUBLISHER_SMTP_PORT",
                String.valueOf(smtpPort),
                "TOCSIN_PUBLISHER_SMTP_STARTTLS",
                "false",
                "TOCSIN_PUBLISHER_SMTP_FROM",
                "Status <status@example.com>",
                "TOCSIN_PUBLISHER_SUBSCRIPTION_SECRET",
                SECRET,
                "TOCSIN_PUBLISHER_WEBHOOKS_ENABLED",
                "true",
                "TOCSIN_PUBLISHER_WEBHOOK_SECRET",
                WEBHOOK_MASTER));
        return PublisherHarness.start(
                topics, "publisher-subscribe-" + UUID.randomUUID().toString().substring(0, 8), env);
    }

    @Test
    void subscribeConfirmFromTheMailAndUnsubscribeWithOneClick() throws Exception {
        Topics topics = PublisherHarness.topics();
        try (PublisherService publisher = start(topics, SMTP.getSmtp().getPort())) {
            int port = publisher.port();
            Form form = Form.open(port);
            HttpResponse<String> subscribed =
                    form.post(port, "/subscribe", "email", "Ada@Example.com", "component", "chat", "language", "de");
            assertThat(subscribed.statusCode()).isEqualTo(202);
            assertThat(subscribed.body()).contains("Bestätigungslink");

            assertThat(SMTP.waitForIncomingEmail(60_000, 1)).isTrue();
            MimeMessage mail = SMTP.getReceivedMessages()[0];
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
            assertThat(mail.getSubject()).startsWith("Bitte bestätigen Sie Ihr Abonnement");
            assertThat(mail.getHeader("List-Unsubscribe"))
                    .as("no subscription yet, nothing to unsubscribe")
                    .isNull();
            String link = confirmLink(mail);

            // opening the link changes nothing (mail scanners open links); the button posts
            HttpResponse<String> page = get(link);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Chat", "ada@example.com", "<form method=\"post\" action=\"confirm\">");
            String token = link.substring(link.indexOf("?t=") + 3);
            HttpResponse<String> confirmed = post(
                    port, "/subscribe/confirm", null, "t", java.net.URLDecoder.decode(token, StandardCharsets.UTF_8));
            assertThat(confirmed.statusCode()).isEqualTo(200);
            assertThat(confirmed.body()).contains("Ihr Abonnement ist bestätigt");

            String id = EmailSubscriptionRequest.subscriptionId("ada@example.com", "chat");
            List<Subscription> written =
                    PublisherHarness.readUntil(topics.subscriptions(), l -> !l.isEmpty(), Duration.ofSeconds(30));
            assertThat(written).singleElement().satisfies(s -> {
                assertThat(s.getSubscriptionId()).isEqualTo(id);
                assertThat(s.getScope()).isEqualTo(SubscriptionScope.PRODUCT);
                assertThat(s.getTarget()).isEqualTo("chat");
                assertThat(s.getChannel()).isEqualTo(NotificationChannel.EMAIL);
                assertThat(s.getLocale()).isEqualTo("de");
            });

            // the confirmed page links the unsubscribe URL every mail carries; a mail client posts to it
            Matcher unsubscribe = Pattern.compile("href=\"(http://[^\"]+/unsubscribe\\?t=[^\"]+)\"")
                    .matcher(confirmed.body());
            assertThat(unsubscribe.find()).isTrue();
            String unsubscribeUrl = unsubscribe.group(1).replace("&amp;", "&");
            HttpResponse<String> oneClick = HTTP.send(
                    HttpRequest.newBuilder(URI.create(unsubscribeUrl))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(oneClick.statusCode()).isEqualTo(200);
            List<Subscription> after =
                    PublisherHarness.readUntil(topics.subscriptions(), l -> l.size() >= 2, Duration.ofSeconds(30));
            assertThat(after).hasSize(2);
            assertThat(after.get(1)).as("the tombstone").isNull();
        }
    }

    @Test
    void theAnswerNeverTellsWhetherAnAddressIsSubscribedAndForgedPostsAreRefused() throws Exception {
        Topics topics = PublisherHarness.topics();
        try (PublisherService publisher = start(topics, SMTP.getSmtp().getPort())) {
            int port = publisher.port();
            Form form = Form.open(port);
            HttpResponse<String> first = form.post(port, "/subscribe", "email", "bert@example.com", "language", "en");
            HttpResponse<String> again = form.post(port, "/subscribe", "email", "bert@example.com", "language", "en");
            HttpResponse<String> other = form.post(port, "/subscribe", "email", "carla@example.com", "language", "en");
            assertThat(List.of(first.statusCode(), again.statusCode(), other.statusCode()))
                    .containsOnly(202);
            assertThat(again.body()).isEqualTo(first.body()).isEqualTo(other.body());

            HttpResponse<String> forged = post(port, "/subscribe", null, "email", "eve@example.com", "csrf", form.csrf);
            assertThat(forged.statusCode()).as("token without its cookie").isEqualTo(403);
            assertThat(forged.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            HttpResponse<String> invalid = form.post(port, "/subscribe", "email", "not-an-address");
            assertThat(invalid.statusCode()).isEqualTo(400);
            HttpResponse<String> tampered = get("http://127.0.0.1:" + port + "/subscribe/confirm?t=abc.0.def");
            assertThat(tampered.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void everyComponentHasItsOwnAtomFeed() throws Exception {
        Topics topics = PublisherHarness.topics();
        try (PublisherService publisher = start(topics, SMTP.getSmtp().getPort())) {
            int port = publisher.port();
            HttpResponse<String> chat = PublisherHarness.getUntil(
                    port, "/history.atom?component=chat&locale=de", r -> r.statusCode() == 200, Duration.ofSeconds(60));
            assertThat(chat.statusCode()).isEqualTo(200);
            assertThat(chat.body()).contains("<id>urn:tocsin:status-history:de:chat</id>", "Statusverlauf von Chat");
            assertThat(PublisherHarness.get(port, "/history.atom?component=internal-db")
                            .statusCode())
                    .isEqualTo(400);
            assertThat(PublisherHarness.get(port, "/history.atom").body())
                    .contains("<id>urn:tocsin:status-history:en</id>");
        }
    }

    @Test
    void anAddressGetsItsConfirmationsUpToItsLimitAndAClientIpItsPostsWithoutTheAnswerChanging() throws Exception {
        Topics topics = PublisherHarness.topics();
        try (PublisherService publisher = start(
                topics,
                SMTP.getSmtp().getPort(),
                Map.of(
                        "TOCSIN_PUBLISHER_SUBSCRIBE_PER_ADDRESS_PER_HOUR",
                        "1",
                        "TOCSIN_PUBLISHER_SUBSCRIBE_PER_IP_PER_HOUR",
                        "3"))) {
            int port = publisher.port();
            Form form = Form.open(port);
            HttpResponse<String> mailed = form.post(port, "/subscribe", "email", "dora@example.com");
            HttpResponse<String> limited = form.post(port, "/subscribe", "email", "dora@example.com");
            assertThat(limited.statusCode()).isEqualTo(mailed.statusCode()).isEqualTo(202);
            assertThat(limited.body()).isEqualTo(mailed.body());
            String metrics =
                    PublisherHarness.get(publisher.managementPort(), "/metrics").body();
            assertThat(metrics)
                    .contains(
                            "tocsin_subscribe_requests_total{outcome=\"mailed\",service=\"status-publisher\"} 1.0",
                            "tocsin_subscribe_requests_total{outcome=\"address_limited\",service=\"status-publisher\"} 1.0");

            form.post(port, "/subscribe", "email", "emil@example.com");
            HttpResponse<String> overIp = form.post(port, "/subscribe", "email", "fritz@example.com");
            assertThat(overIp.statusCode()).isEqualTo(429);
            assertThat(overIp.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void webhookSubscriptionShowsItsSigningSecretOnce() throws Exception {
        Topics topics = PublisherHarness.topics();
        try (PublisherService publisher = start(topics, SMTP.getSmtp().getPort())) {
            int port = publisher.port();
            Form form = Form.open(port);
            HttpResponse<String> created = form.post(
                    port, "/subscribe/webhook", "url", "https://hooks.example.com/tocsin", "component", "voice");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Cache-Control")).contains("no-store");
            Subscription written = PublisherHarness.readUntil(
                            topics.subscriptions(), l -> !l.isEmpty(), Duration.ofSeconds(30))
                    .get(0);
            assertThat(written.getChannel()).isEqualTo(NotificationChannel.WEBHOOK);
            assertThat(written.getAddress()).isEqualTo("https://hooks.example.com/tocsin");
            assertThat(written.getTarget()).isEqualTo("voice");
            assertThat(created.body())
                    .contains("<code id=\"secret\">"
                            + WebhookSecrets.derive(WEBHOOK_MASTER, written.getSubscriptionId()) + "</code>");
        }
    }

    /** The confirmation link in the mail's plain-text part. */
    static String confirmLink(MimeMessage mail) throws Exception {
        String text = (String)
                ((jakarta.mail.Multipart) mail.getContent()).getBodyPart(0).getContent();
        Matcher matcher = CONFIRM_LINK.matcher(text);
        assertThat(matcher.find()).as("confirmation link in " + text).isTrue();
        return matcher.group(1);
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(int port, String path, String cookie, String... fields) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            request.header("Cookie", cookie).header("Accept", "text/html");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The subscription form as a browser holds it: its cookie and its hidden CSRF token. */
    record Form(String cookie, String csrf) {

        static Form open(int port) throws Exception {
            HttpResponse<String> page = get("http://127.0.0.1:" + port + "/subscribe");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'", "form-action 'self'"));
            String cookie = Objects.requireNonNull(
                            page.headers().firstValue("Set-Cookie").orElse(null))
                    .split(";")[0];
            Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(csrf.find()).isTrue();
            return new Form(cookie, csrf.group(1));
        }

        HttpResponse<String> post(int port, String path, String... fields) throws Exception {
            String[] all = java.util.Arrays.copyOf(fields, fields.length + 2);
            all[fields.length] = "csrf";
            all[fields.length + 1] = csrf;
            return SubscriptionFlowTest.post(port, path, cookie, all);
        }
    }
}
