package dev.tocsin.publisher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF rules: internal networks refused after resolution, unless allow-listed. */
class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "10.1.2.3",
                "172.16.5.4",
                "192.168.1.1",
                "169.254.169.254",
                "169.254.0.1",
                "100.64.0.1",
                "100.100.100.200",
                "0.0.0.0",
                "0.1.2.3",
                "224.0.0.1",
                "255.255.255.255",
                "::1",
                "::",
                "fe80::1",
                "fc00::1",
                "fd00:ec2::254",
                "ff02::1",
                "::ffff:10.0.0.1",
                "64:ff9b::a00:1"
            })
    void aHostResolvingToAnInternalAddressIsRefused(String address) throws Exception {
        AddressPolicy.Decision decision = policy(List.of(), address).check("hooks.example.com");

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.refusal())
                .startsWith("address refused")
                .doesNotContain("hooks.example.com")
                .doesNotContain(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "100.128.0.1", "2606:4700::1111"})
    void aHostResolvingToAPublicAddressIsAllowedAndThatAddressIsTheOneConnectedTo(String address) throws Exception {
        AddressPolicy.Decision decision = policy(List.of(), address).check("hooks.example.com");

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.address()).isEqualTo(InetAddress.getByName(address));
    }

    @Test
    void oneInternalAnswerAmongPublicOnesRefusesTheHost() throws Exception {
        AddressPolicy policy = policy(List.of(), "93.184.216.34", "10.0.0.7");

        assertThat(policy.check("hooks.example.com").allowed()).isFalse();
    }

    @Test
    void allowListedNetworksAndHostsMayBeReached() throws Exception {
        assertThat(policy(List.of("10.20.0.0/16"), "10.20.30.40")
                        .check("hooks.internal")
                        .allowed())
                .isTrue();
        assertThat(policy(List.of("10.20.0.0/16"), "10.21.0.1")
                        .check("hooks.internal")
                        .allowed())
                .isFalse();
        assertThat(policy(List.of("fd00::/8"), "fd12::1")
                        .check("hooks.internal")
                        .allowed())
                .isTrue();
        assertThat(policy(List.of("hooks.internal"), "192.168.0.9")
                        .check("HOOKS.internal")
                        .allowed())
                .isTrue();
        assertThat(policy(List.of("169.254.169.254"), "169.254.169.254")
                        .check("metadata")
                        .allowed())
                .isTrue();
    }

    @Test
    void loopbackIsAllowedOnlyWhenAskedFor() throws Exception {
        AddressPolicy local =
                new AddressPolicy(List.of(), true, host -> new InetAddress[] {InetAddress.getByName("::1")});

        assertThat(local.check("[::1]").allowed()).isTrue();
        assertThat(policy(List.of(), "::1").check("[::1]").allowed()).isFalse();
    }

    @Test
    void anUnresolvableHostIsAnErrorToRetryNotARefusal() {
        AddressPolicy policy = new AddressPolicy(List.of(), false, host -> {
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> policy.check("nowhere.example")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void allowListEntriesAreCidrsAddressesOrHostNames() {
        assertThat(AddressPolicy.validEntry("10.0.0.0/8")).isTrue();
        assertThat(AddressPolicy.validEntry("fd00::/8")).isTrue();
        assertThat(AddressPolicy.validEntry("hooks.internal")).isTrue();
        assertThat(AddressPolicy.validEntry("10.0.0.0/33")).isFalse();
        assertThat(AddressPolicy.validEntry("http://hooks.internal/")).isFalse();
    }

    private static AddressPolicy policy(List<String> allowList, String... answers) {
        return new AddressPolicy(allowList, false, host -> {
            InetAddress[] addresses = new InetAddress[answers.length];
            for (int i = 0; i < answers.length; i++) {
                addresses[i] = InetAddress.getByName(answers[i]);
            }
            return addresses;
        });
    }
}
