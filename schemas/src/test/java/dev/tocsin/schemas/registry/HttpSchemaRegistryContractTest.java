package dev.tocsin.schemas.registry;

import dev.tocsin.embedded.SharedTestStack;

/** The registry contract over HTTP, against the embedded registry. */
class HttpSchemaRegistryContractTest extends SchemaRegistryContract {

    @Override
    SchemaRegistryConfig config() {
        return SchemaRegistryConfig.of(SharedTestStack.registryUrl());
    }
}
