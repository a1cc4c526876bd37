package dev.tocsin.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSecretsTest {

    @Test
    void theSecretIsTheDocumentedHmacSoAnOperatorCanDeriveItWithOpenssl() {
        // printf 'tocsin-webhook-secret:v1:%s' sub-1 | openssl dgst -sha256 -hmac master-key
        assertThat(WebhookSecrets.derive("master-key", "sub-1"))
                .isEqualTo("7a329edde198713e1af6f9f8a69a3c0d91799297e51bcf7e9bb162ea9014a0a5");
    }

    @Test
    void everySubscriptionHasItsOwnSecretAndEveryMasterItsOwnSet() {
        assertThat(WebhookSecrets.derive("master-key", "sub-1"))
                .isNotEqualTo(WebhookSecrets.derive("master-key", "sub-2"))
                .isNotEqualTo(WebhookSecrets.derive("other-master", "sub-1"));
    }

    @Test
    void aMasterKeyIsRequired() {
        assertThatThrownBy(() -> WebhookSecrets.derive("", "sub-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
