package ai.kubiya.secretaudit.chat;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where a chat service may be reached over plain http (a test server, a local proxy): this machine, by name only,
 * never by a DNS lookup (at start-up, and a name could later resolve elsewhere): {@code localhost},
 * {@code 127.x.x.x} and {@code [::1]}.
 */
final class LoopbackHosts {

    private LoopbackHosts() {
    }

    static boolean isLoopback(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (name.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!name.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress(); // a literal address: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
