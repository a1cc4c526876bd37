/**
 * Server-side rendering of the public status page ({@link dev.tocsin.publisher.web.StatusPageHtml}), its
 * Atom history feed ({@link dev.tocsin.publisher.web.AtomFeed}) and its Statuspage-compatible JSON
 * ({@link dev.tocsin.publisher.web.StatuspageJson}) from a
 * {@link dev.tocsin.publisher.domain.PublicState}. Pure functions returning strings (the JSON as maps for
 * Jackson): no web framework, no
 * I/O, no clock (the state's {@code asOf} is "now"), so the HTTP layer only picks the language, builds the
 * state and writes the result.
 */
package dev.tocsin.publisher.web;
