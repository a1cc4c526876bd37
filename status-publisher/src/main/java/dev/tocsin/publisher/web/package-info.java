/**
 * Server-side rendering of the public status page ({@link dev.tocsin.publisher.web.StatusPageHtml}) and its
 * Atom history feed ({@link dev.tocsin.publisher.web.AtomFeed}) from a
 * {@link dev.tocsin.publisher.domain.PublicState}. Pure functions returning strings: no web framework, no
 * I/O, no clock (the state's {@code asOf} is "now"), so the HTTP layer only picks the language, builds the
 * state and writes the result.
 */
package dev.tocsin.publisher.web;
