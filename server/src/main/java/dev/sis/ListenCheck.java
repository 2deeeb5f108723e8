package dev.sis;

import dev.sis.config.ServerConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Whether sis could listen where it is told, asked before anything is built: a taken port or a
 * host name that is not this machine's then stops the start with one line that says why and
 * what to do, and no data directory or store client has been made. It binds the address and
 * lets it go at once; what another process takes in between is still reported by the server
 * itself when it binds.
 */
final class ListenCheck {
    private ListenCheck() {
    }

    /** @throws IllegalStateException {@code cannot listen on HOST:PORT: why; what to do} */
    static void verify(ServerConfig server) {
        String where = "cannot listen on " + server.host() + ":" + server.port() + ": ";
        InetAddress address;
        try {
            address = InetAddress.getByName(server.host());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(where + "no address is known for the name " + server.host()
                    + " (is it spelled right, and known to this machine's DNS or /etc/hosts?); give -host an address "
                    + "of this machine, like 127.0.0.1, or 0.0.0.0 for every interface");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, server.port()));
        } catch (BindException e) {
            throw new IllegalStateException(where + reason(e, server), e);
        } catch (IOException e) {
            throw new IllegalStateException(where + e.getMessage(), e);
        }
    }

    private static String reason(BindException e, ServerConfig server) {
        String jdk = String.valueOf(e.getMessage());
        if (jdk.startsWith("Address already in use")) {
            return "the port is taken by another process (" + jdk + "); stop it, or give -port another port";
        }
        if (jdk.startsWith("Cannot assign requested address")) {
            return server.host() + " is not an address of this machine (" + jdk + "); give -host one of its "
                    + "addresses, like 127.0.0.1, or 0.0.0.0 for every interface";
        }
        if (jdk.startsWith("Permission denied")) {
            return "ports below 1024 need privileges (" + jdk + "); give -port 1024 or higher";
        }
        return jdk;
    }
}
