package org.leadscoring.intake.hooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** Loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local, multicast, any-local, CGNAT and the like. */
    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 100 && second >= 64 && second < 128 || first == 192 && second == 0 && (b[2] & 0xff) == 0
                    || first == 198 && (second == 18 || second == 19) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean mappedV4 = b[10] == (byte) 0xff && b[11] == (byte) 0xff && java.util.Arrays.stream(new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 })
                    .allMatch(i -> b[i] == 0);
            if (mappedV4) {
                try {
                    return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            return uniqueLocal;
        }
        return true;
    }
}
