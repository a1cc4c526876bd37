package dev.tocsin.runtime.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a running service, closed in reverse start order. A part that fails to close is
 * logged and the rest still close, so a shutdown never stops half-way.
 */
public final class Closer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    /** Starts {@code service}; if starting fails half-way, closes what it had started and rethrows. */
    public static <S extends AutoCloseable> S startOrClose(S service, java.util.function.Consumer<S> start) {
        try {
            start.accept(service);
            return service;
        } catch (RuntimeException e) {
            try {
                service.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Registers {@code part} and returns it. */
    public synchronized <T extends AutoCloseable> T add(T part) {
        parts.push(part);
        return part;
    }

    @Override
    public synchronized void close() {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
