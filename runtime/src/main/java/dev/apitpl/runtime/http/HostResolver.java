package dev.apitpl.runtime.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Turns a host name into its addresses; a seam so tests can make a name resolve to a private address. */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The JDK resolver: every A and AAAA record of the host. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
