package dev.tocsin.embedded.registry;

import java.util.function.Consumer;

/**
 * Where the registry's changes are kept. The registry answers a request only after
 * {@link #append} returned, so an acknowledged change survives a restart.
 */
interface RegistryLog extends AutoCloseable {

    /** Feeds every change kept so far, oldest first, to {@code sink}. */
    void replay(Consumer<RegistryEvent> sink);

    /**
     * Durably stores one change.
     *
     * @throws RegistryException (50001/50002) when it could not be stored; nothing changed then
     */
    void append(RegistryEvent event);

    @Override
    void close();
}
