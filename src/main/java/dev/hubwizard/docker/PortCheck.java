package dev.hubwizard.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether a port on this computer's loopback address can be listened on. */
final class PortCheck {

    private PortCheck() {
    }

    /** Binds where the local test's hub will (127.0.0.1); a listener on 0.0.0.0 blocks it too. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nobody listens on right now, chosen by the OS. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on the loopback address", e);
        }
    }
}
