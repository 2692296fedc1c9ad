package dev.apitpl.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports: a free one for an endpoint to come, and whether a stopped endpoint freed its own. */
final class Ports {

    private Ports() {
    }

    /** True when {@code port} on 127.0.0.1 can be bound again. */
    static boolean isFree(int port) {
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** A port on 127.0.0.1 that nothing listens on now. */
    static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
