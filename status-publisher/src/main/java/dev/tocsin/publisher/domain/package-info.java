/**
 * Pure model of the public status page: component status, page indicator, public incidents and
 * maintenance, localized texts, status events and subscriber notifications. Nothing here imports
 * Kafka; every function is deterministic over its inputs (the caller passes "now"), so a replay
 * produces the same ids, events and dedup keys.
 */
package dev.tocsin.publisher.domain;
