package dev.sis.http;

import dev.sis.config.TrustedProxies;
import java.net.InetAddress;
import java.util.List;

/**
 * Who the client is: the peer's address, unless the peer is a trusted proxy, in which case
 * {@code X-Forwarded-For} is read from its right-hand end (the hop nearest sis) past every
 * trusted proxy; the first address that is not one is the client. An entry that is not an IP
 * address ends the walk at the last address known, as nginx's {@code real_ip_recursive} does:
 * what lies left of it could be anything a client wrote.
 */
final class ClientAddress {
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final TrustedProxies proxies;

    ClientAddress(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /**
     * @param peer         the address the connection comes from
     * @param forwardedFor every {@code X-Forwarded-For} value, in the order received
     */
    String of(String peer, List<String> forwardedFor) {
        if (proxies.isEmpty() || forwardedFor.isEmpty() || !trusted(peer)) {
            return peer;
        }
        String client = peer;
        for (int v = forwardedFor.size() - 1; v >= 0; v--) {
            String[] hops = forwardedFor.get(v).split(",", -1);
            for (int h = hops.length - 1; h >= 0; h--) {
                InetAddress hop = literal(hops[h].strip());
                if (hop == null) {
                    return client;
                }
                client = hop.getHostAddress();
                if (!proxies.trusts(hop)) {
                    return client;
                }
            }
        }
        return client;
    }

    private boolean trusted(String peer) {
        InetAddress address = literal(peer);
        return address != null && proxies.trusts(address);
    }

    /** The address, or null when the text is not an IP literal (never a DNS lookup). */
    private static InetAddress literal(String text) {
        if (text.isEmpty() || text.length() > 64) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(text.startsWith("[") && text.endsWith("]")
                    ? text.substring(1, text.length() - 1) : text);
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }
}
