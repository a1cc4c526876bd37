package dev.tocsin.publisher.subscribe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The unsubscribe link of a subscription, in every mail it gets: {@code <page>/unsubscribe?t=<token>},
 * the token the subscription id signed for ever (an old mail's link keeps working). Whoever holds the
 * link can remove that one subscription and nothing else.
 */
public final class UnsubscribeLinks {

    static final String PURPOSE = "unsubscribe";
    public static final String PATH = "/unsubscribe";

    private final SignedTokens tokens;
    private final String pageUrl;

    public UnsubscribeLinks(SignedTokens tokens, String pageUrl) {
        this.tokens = tokens;
        this.pageUrl = pageUrl.endsWith("/") ? pageUrl.substring(0, pageUrl.length() - 1) : pageUrl;
    }

    public String url(String subscriptionId) {
        return pageUrl + PATH + "?t="
                + URLEncoder.encode(tokens.sign(PURPOSE, subscriptionId, SignedTokens.NEVER), StandardCharsets.UTF_8);
    }

    /** The link, its page in the subscriber's language. */
    public String url(String subscriptionId, String language) {
        return url(subscriptionId) + "&locale=" + URLEncoder.encode(language, StandardCharsets.UTF_8);
    }

    /** The subscription id an unsubscribe token names, if it is genuine. */
    public Optional<String> subscriptionOf(String token) {
        return tokens.verify(PURPOSE, token, Instant.now());
    }
}
