package dev.tocsin.embedded.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A {@link RegistryLog} in a list, for testing the registry's rules without Kafka. */
final class InMemoryRegistryLog implements RegistryLog {

    final List<RegistryEvent> events = new ArrayList<>();
    boolean failWrites;

    @Override
    public void replay(Consumer<RegistryEvent> sink) {
        events.forEach(sink);
    }

    @Override
    public void append(RegistryEvent event) {
        if (failWrites) {
            throw RegistryException.storeError("test says no", null);
        }
        events.add(event);
    }

    @Override
    public void close() {}
}
