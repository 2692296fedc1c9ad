package dev.apitpl.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Whether a loopback port is free: what a stopped endpoint must leave behind. */
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
}
