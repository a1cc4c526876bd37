package dev.tocsin.publisher.subscribe;

import dev.tocsin.avro.NotificationChannel;
import dev.tocsin.avro.Subscription;
import dev.tocsin.avro.SubscriptionScope;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.Ids;
import dev.tocsin.publisher.domain.Messages;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the subscription form asks for: one address, the products to follow (none: all) and the
 * language of the mails. It travels inside the signed confirmation link and becomes subscriptions
 * only when the link is confirmed (double opt-in).
 *
 * <p>Subscription ids are derived from the address and the product, so confirming twice, or
 * subscribing again, writes the same keys instead of a second subscription: an address never
 * gets the same mail twice, and the answer to the form never depends on what exists already.
 *
 * @param address  the lower-cased e-mail address
 * @param products products of the catalog, in catalog order; empty for all
 * @param language a supported language
 */
public record EmailSubscriptionRequest(String address, List<String> products, String language) {

    /** RFC 5321's limit on a forward path. */
    static final int MAX_ADDRESS_LENGTH = 254;

    public EmailSubscriptionRequest {
        products = List.copyOf(products);
    }

    /** Why the form is refused: the form field and the message key of its text. */
    public record Refusal(String field, String messageKey) {}

    /**
     * The request from the form's fields, or the first thing wrong with them.
     *
     * @return the request, or a refusal naming the field
     */
    public static Result parse(String address, List<String> products, String language, ComponentCatalog catalog) {
        Optional<String> normalized = normalizedAddress(address);
        if (normalized.isEmpty()) {
            return new Result(null, new Refusal("email", "subscribe.invalid_email"));
        }
        List<String> chosen = new ArrayList<>();
        for (String product : products) {
            if (!catalog.products().contains(product)) {
                return new Result(null, new Refusal("component", "subscribe.invalid_component"));
            }
        }
        // catalog order, each once
        catalog.products().stream().filter(products::contains).forEach(chosen::add);
        return new Result(new EmailSubscriptionRequest(normalized.get(), chosen, Messages.resolve(language)), null);
    }

    /** Either a request or a refusal. */
    public record Result(EmailSubscriptionRequest request, Refusal refusal) {}

    /** A single plain mailbox ({@code local@domain.tld}), lower-cased; nothing with a display name, a list or a line break. */
    static Optional<String> normalizedAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String trimmed = address.strip();
        if (trimmed.isEmpty()
                || trimmed.length() > MAX_ADDRESS_LENGTH
                || !trimmed.matches("[^\\s<>,;\"()]+@[^\\s<>,;\"()@]+\\.[^\\s<>,;\"()@]+")) {
            return Optional.empty();
        }
        try {
            new InternetAddress(trimmed, true).validate();
        } catch (AddressException e) {
            return Optional.empty();
        }
        return Optional.of(trimmed.toLowerCase(Locale.ROOT));
    }

    /** The confirmation link's payload: language, address and products on separate lines. */
    public String payload() {
        return language + "\n" + address + "\n" + String.join(",", products);
    }

    /** The request a genuine confirmation payload carries. */
    public static Optional<EmailSubscriptionRequest> fromPayload(String payload) {
        String[] lines = payload.split("\n", -1);
        if (lines.length != 3) {
            return Optional.empty();
        }
        List<String> products = lines[2].isEmpty() ? List.of() : List.of(lines[2].split(","));
        return Optional.of(new EmailSubscriptionRequest(lines[1], products, lines[0]));
    }

    /** The id of this address's subscription to {@code product} (null: everything). */
    public static String subscriptionId(String address, String product) {
        return "email-" + Ids.stable("email-subscription", address, product == null ? "*" : product);
    }

    /** The subscriptions a confirmation writes: one per product, or one for everything. */
    public List<Subscription> subscriptions(Instant now) {
        List<Subscription> out = new ArrayList<>();
        if (products.isEmpty()) {
            out.add(subscription(SubscriptionScope.ALL, null, now));
        } else {
            products.forEach(product -> out.add(subscription(SubscriptionScope.PRODUCT, product, now)));
        }
        return out;
    }

    private Subscription subscription(SubscriptionScope scope, String product, Instant now) {
        return Subscription.newBuilder()
                .setSubscriptionId(subscriptionId(address, product))
                .setScope(scope)
                .setTarget(product)
                .setChannel(NotificationChannel.EMAIL)
                .setAddress(address)
                .setLocale(language)
                .setCreatedAt(now)
                .build();
    }
}
