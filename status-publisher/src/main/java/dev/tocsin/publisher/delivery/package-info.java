/**
 * Optional delivery of WEBHOOK notifications, as Statuspage's subscriber webhooks do: a signed
 * JSON POST per notification, bounded retries with exponential backoff, and a dead letter for
 * every notification that could not be delivered, so nothing is lost silently. Delivery is
 * at-least-once; receivers deduplicate by the {@code X-Tocsin-Dedup-Key} header.
 *
 * <p>The webhook URL is the subscriber's address: personal data and often a capability in itself.
 * It is never logged, never rendered into the payload and never written into a failure reason.
 */
package dev.tocsin.publisher.delivery;
