/**
 * Self-service subscriptions on the status page: the form, double opt-in by a signed and expiring
 * confirmation link mailed to the address, one-click unsubscribe links in every mail, webhook
 * subscriptions with their signing secret shown once, CSRF tokens and per-IP and per-address limits.
 * The rules (tokens, limits, what a request becomes) are plain Java tested without Kafka;
 * {@link dev.tocsin.publisher.subscribe.SubscriptionApi} and
 * {@link dev.tocsin.publisher.subscribe.SubscriptionWriter} are the thin HTTP and Kafka ends.
 *
 * <p>The address is personal data: it is never logged, and no answer depends on whether it is subscribed.
 */
package dev.tocsin.publisher.subscribe;
