package dev.sis.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The proxies whose {@code X-Forwarded-For} sis believes, as address blocks ({@code 10.0.0.0/8},
 * {@code 127.0.0.1}, {@code ::1}). A header from any other peer is ignored: a client could
 * write any address into it.
 */
public record TrustedProxies(List<AddressBlock> blocks) {
    public TrustedProxies {
        blocks = List.copyOf(blocks);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** Whether the address is one of the trusted proxies'. */
    public boolean trusts(InetAddress address) {
        for (AddressBlock block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses {@code a.b.c.d[/n]} and {@code ipv6[/n]} blocks, comma-separated; empty means none.
     *
     * @throws IllegalArgumentException naming the first block that is not one
     */
    public static TrustedProxies parse(String text) {
        if (text.isBlank()) {
            return none();
        }
        return new TrustedProxies(java.util.Arrays.stream(text.split(",", -1))
                .map(String::strip)
                .map(AddressBlock::parse)
                .toList());
    }

    /** One block of addresses: a network address and how many of its leading bits must match. */
    public record AddressBlock(InetAddress network, int prefixBits) {
        public AddressBlock {
            Objects.requireNonNull(network, "network");
            int max = network.getAddress().length * 8;
            if (prefixBits < 0 || prefixBits > max) {
                throw new IllegalArgumentException("a prefix of 0 to " + max + " bits");
            }
        }

        /** {@code 10.0.0.0/8}, {@code 127.0.0.1} (one address), {@code fd00::/8}; never a host name (no DNS). */
        static AddressBlock parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            InetAddress network;
            try {
                network = InetAddress.ofLiteral(address);
            } catch (IllegalArgumentException notLiteral) {
                throw new IllegalArgumentException("not an IP address: " + quote(text));
            }
            int max = network.getAddress().length * 8;
            if (slash < 0) {
                return new AddressBlock(network, max);
            }
            String bits = text.substring(slash + 1);
            if (!bits.matches("[0-9]{1,3}") || Integer.parseInt(bits) > max) {
                throw new IllegalArgumentException("not a prefix length of 0 to " + max + ": " + quote(text));
            }
            return new AddressBlock(network, Integer.parseInt(bits));
        }

        /** Whether the address lies in this block (an IPv4 address never lies in an IPv6 block). */
        public boolean contains(InetAddress address) {
            byte[] mine = network.getAddress();
            byte[] theirs = address.getAddress();
            if (mine.length != theirs.length) {
                return false;
            }
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (mine[i] != theirs[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (mine[full] & mask) == (theirs[full] & mask);
        }

        @Override
        public String toString() {
            return network.getHostAddress() + "/" + prefixBits;
        }

        private static String quote(String text) {
            return "\"" + text + "\"";
        }
    }
}
