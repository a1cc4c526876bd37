/**
 * Optional Zendesk write-back, the "tickets out" side of the publisher: the correlator's
 * linked-ticket updates ({@code tocsin.ticket-updates}) become Zendesk Support API v2 requests: a
 * problem ticket per incident, linked tickets as its incidents with public comments in the
 * requester's language and internal notes, solved (or pending) on resolution, the standard reply
 * for standard troubleshooting. Each update is applied exactly once across restarts (see
 * {@link dev.tocsin.publisher.zendesk.ZendeskWriteBack}); refused updates go to the dead-letter
 * topic. The API token is never logged nor written into a failure reason.
 */
package dev.tocsin.publisher.zendesk;
