package dev.tocsin.publisher.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses a webhook may reach (SSRF protection). The host is resolved once and every
 * address it resolves to is checked; the request then goes to the checked address, so a DNS
 * answer that changes between check and connect (rebinding) cannot redirect it. Internal
 * networks are refused: loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16
 * with the cloud metadata address, fe80::/10), unique-local fc00::/7, CGNAT 100.64/10, 0/8,
 * multicast, broadcast and the other reserved ranges. An allow-list of CIDRs or host names lets
 * operators reach internal receivers on purpose.
 *
 * <p>Refusals name the kind of network, never the host or the URL.
 */
final class AddressPolicy {

    /** Resolves a host name; tests stand in a fixed answer for DNS. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The address to connect to, or why the host may not be reached. */
    record Decision(InetAddress address, String refusal) {
        boolean allowed() {
            return refusal == null;
        }
    }

    private final List<Cidr> allowedNetworks = new ArrayList<>();
    private final List<String> allowedHosts = new ArrayList<>();
    private final Resolver resolver;

    /**
     * @param allowList     CIDRs ({@code 10.20.0.0/16}, {@code fd00::/8}), single addresses or host
     *                      names that may be reached although internal
     * @param allowLoopback whether loopback is allowed (the local stack)
     */
    AddressPolicy(List<String> allowList, boolean allowLoopback, Resolver resolver) {
        for (String entry : allowList) {
            String value = entry.trim();
            if (value.isEmpty()) {
                continue;
            }
            Optional<Cidr> cidr = Cidr.parse(value);
            if (cidr.isPresent()) {
                allowedNetworks.add(cidr.get());
            } else {
                allowedHosts.add(value.toLowerCase(Locale.ROOT));
            }
        }
        if (allowLoopback) {
            allowedNetworks.add(Cidr.parse("127.0.0.0/8").orElseThrow());
            allowedNetworks.add(Cidr.parse("::1/128").orElseThrow());
        }
        this.resolver = resolver;
    }

    /** Whether {@code entry} is an allow-list entry: a CIDR, an address or a host name. */
    static boolean validEntry(String entry) {
        String value = entry.trim();
        return Cidr.parse(value).isPresent() || value.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    }

    /**
     * Resolves {@code host} (a URI host; IPv6 literals in brackets) and decides.
     *
     * @throws UnknownHostException when it does not resolve: possibly transient, so retried
     */
    Decision check(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(bare);
        if (addresses.length == 0) {
            throw new UnknownHostException("no addresses");
        }
        if (allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return new Decision(addresses[0], null);
        }
        for (InetAddress address : addresses) {
            Optional<String> internal = internalNetwork(address);
            if (internal.isPresent() && allowedNetworks.stream().noneMatch(cidr -> cidr.contains(address))) {
                // one internal answer refuses the host: a round-robin cannot slip one in
                return new Decision(
                        null, "address refused: resolves to a " + internal.get() + " address that is not allow-listed");
            }
        }
        return new Decision(addresses[0], null);
    }

    /** The kind of internal network {@code address} belongs to, empty for a public address. */
    static Optional<String> internalNetwork(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("unspecified");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("shared (CGNAT)");
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return Optional.of("reserved");
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("reserved");
            }
            if (first >= 240) {
                return Optional.of("reserved");
            }
        } else if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("unique-local");
            }
            if (embedsIpv4(b)) {
                // ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d and the like reach the IPv4 address
                try {
                    InetAddress embedded = InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
                    return internalNetwork(embedded);
                } catch (UnknownHostException e) {
                    return Optional.of("reserved");
                }
            }
        }
        return Optional.empty();
    }

    /** IPv4-compatible ::a.b.c.d, IPv4-mapped ::ffff:a.b.c.d and NAT64 64:ff9b::a.b.c.d. */
    private static boolean embedsIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean compatibleOrMapped =
                zeroPrefix && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff));
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
        return compatibleOrMapped || nat64;
    }

    /** An address range: network address and prefix length. */
    record Cidr(byte[] network, int prefix) {

        /** {@code a.b.c.d/n}, {@code x::/n} or a single address; empty when it is neither (a host name). */
        static Optional<Cidr> parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            // only literals: a host name here must not trigger a DNS lookup
            if (!address.matches("[0-9.]+") && !address.contains(":")) {
                return Optional.empty();
            }
            try {
                byte[] bytes = InetAddress.getByName(address).getAddress();
                int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > bytes.length * 8) {
                    return Optional.empty();
                }
                return Optional.of(new Cidr(bytes, prefix));
            } catch (UnknownHostException | NumberFormatException e) {
                return Optional.empty();
            }
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (network[full] & mask);
        }
    }
}
