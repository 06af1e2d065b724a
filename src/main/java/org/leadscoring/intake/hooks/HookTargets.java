package org.leadscoring.intake.hooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * Where hook deliveries may go: {@code https} to an address on the internet. Plain {@code http} only to hosts in
 * {@code leadscoring.hooks.allowed-http-hosts} (empty by default; tests list loopback), and never with user info or
 * to a loopback, private, link-local, multicast or otherwise internal address — checked when a Zap subscribes and
 * again, on the addresses the host resolves to, right before each delivery connects to one of them.
 */
public final class HookTargets {

    private final Set<String> allowedHttpHosts;

    public HookTargets(List<String> allowedHttpHosts) {
        this.allowedHttpHosts = allowedHttpHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A target that passed the checks: where to connect, and the URL to ask for there. */
    public record Resolved(URI uri, InetAddress address, boolean tls) {
    }

    /** Why a URL may not be a hook target, judged on its text alone (no lookup); empty when it may. */
    public Optional<String> problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null) {
            return Optional.of("must be an https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        boolean exempt = allowedHttpHosts.contains(host);
        if (!scheme.equals("https") && !(scheme.equals("http") && exempt)) {
            return Optional.of("must be an https URL" + (scheme.equals("http") ? " (plain http only for leadscoring.hooks.allowed-http-hosts)" : ""));
        }
        if (!exempt && isAddressLiteral(host)) {
            try {
                InetAddress literal = InetAddress.getByName(host.replace("[", "").replace("]", ""));
                if (isInternal(literal)) {
                    return Optional.of("must not point at a loopback, private, link-local or multicast address");
                }
            } catch (UnknownHostException e) {
                return Optional.of("is not a URL");
            }
        }
        return Optional.empty();
    }

    /**
     * Resolves a target for one delivery: every address the host has must be public (unless the host is listed
     * for plain http), and the delivery connects to the first of them, so what was checked is what is reached.
     *
     * @throws IllegalStateException saying why the target is refused
     */
    public Resolved resolve(String url) {
        problem(url).ifPresent(p -> {
            throw new IllegalStateException("target_url " + p);
        });
        URI uri = URI.create(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.replace("[", "").replace("]", ""));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the host of the target cannot be resolved");
        }
        if (!allowedHttpHosts.contains(host)) {
            for (InetAddress a : addresses) {
                if (isInternal(a)) {
                    throw new IllegalStateException("the target's host resolves to an internal address; nothing was sent");
                }
            }
        }
        return new Resolved(uri, addresses[0], "https".equalsIgnoreCase(uri.getScheme()));
    }

    private static boolean isAddressLiteral(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+") || host.contains(":");
    }

    /**
     * Whether an address is inside: loopback, unspecified, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local,
     * multicast, CGNAT (100.64/10), benchmarking (198.18/15), IETF (192.0.0/24), 0/8 and 240/4 — and every IPv6 spelling
     * that carries an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, IPv4-translated {@code ::ffff:0:a.b.c.d}, ISATAP, NAT64
     * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) judged by the IPv4 address it carries. Teredo ({@code 2001::/32}) and
     * local-use NAT64 ({@code 64:ff9b:1::/48}) are refused outright: where they lead is not in the address. The
     * IPAddress library reads the forms.
     */
    static boolean isInternal(InetAddress a) {
        return isInternal(new IPAddressString(a.getHostAddress()).getAddress());
    }

    private static final IPAddress LOCAL_NAT64 = new IPAddressString("64:ff9b:1::/48").getAddress();
    private static final IPAddress CGNAT = new IPAddressString("100.64.0.0/10").getAddress();
    private static final IPAddress BENCHMARKING = new IPAddressString("198.18.0.0/15").getAddress();
    private static final IPAddress IETF = new IPAddressString("192.0.0.0/24").getAddress();
    private static final IPAddress THIS_NETWORK = new IPAddressString("0.0.0.0/8").getAddress();
    private static final IPAddress RESERVED = new IPAddressString("240.0.0.0/4").getAddress();
    private static final IPAddress UNIQUE_LOCAL = new IPAddressString("fc00::/7").getAddress();

    private static boolean isInternal(IPAddress address) {
        if (address == null) {
            return true;
        }
        if (address.isIPv6()) {
            IPv6Address v6 = address.toIPv6();
            if (v6.isTeredo() || LOCAL_NAT64.contains(v6)) {
                return true;
            }
            if (v6.isIPv4Mapped() || v6.isIPv4Compatible() || v6.isIPv4Translatable() || v6.isWellKnownIPv4Translatable() || v6.isIsatap()) {
                return isInternal(v6.getEmbeddedIPv4Address());
            }
            if (v6.is6To4()) {
                return isInternal(v6.get6To4IPv4Address());
            }
            return v6.isLoopback() || v6.isAnyLocal() || v6.isLinkLocal() || v6.isSiteLocal() || v6.isMulticast() || UNIQUE_LOCAL.contains(v6);
        }
        return address.isLoopback() || address.isAnyLocal() || address.isLinkLocal() || address.isMulticast() || address.isLocal()
                || CGNAT.contains(address) || BENCHMARKING.contains(address) || IETF.contains(address) || THIS_NETWORK.contains(address)
                || RESERVED.contains(address);
    }
}
