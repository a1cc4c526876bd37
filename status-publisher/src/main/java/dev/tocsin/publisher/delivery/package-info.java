/**
 * Optional delivery of EMAIL notifications over SMTP ({@link dev.tocsin.publisher.delivery.EmailSender}:
 * multipart, localized, one-click unsubscribe, bounces counted) and of WEBHOOK notifications, as Statuspage's subscriber webhooks do: a JSON POST
 * per notification signed with its subscription's own secret, bounded concurrency with one
 * deadline per request, retries with exponential backoff through a retry topic, a circuit breaker per host,
 * internal addresses refused after DNS resolution, and a dead letter for every notification that
 * could not be delivered, so nothing is lost silently. Delivery is at-least-once; receivers
 * deduplicate by the {@code X-Tocsin-Dedup-Key} header.
 *
 * <p>The webhook URL is the subscriber's address: personal data and often a capability in itself.
 * It is never logged, never rendered into the payload and never written into a failure reason.
 */
package dev.tocsin.publisher.delivery;
