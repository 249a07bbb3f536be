package dev.hubwizard.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one port a played Fargate task serves on (the hub-url step looks at the task's address and port 8000, as
 * on AWS), held by one test bed at a time on this machine. Test JVMs of other checkouts queue on a lock file
 * instead of failing on a busy port; in one JVM the beds share the hold, which ends when the last lets go.
 */
public final class HubPortLock {

    private static final Object MONITOR = new Object();
    private static FileChannel channel;
    private static FileLock lock;
    private static int holders;

    private HubPortLock() {
    }

    /** Waits until no other test JVM on this machine holds the port, then checks that nothing else listens. */
    public static void acquire(int port) throws IOException {
        synchronized (MONITOR) {
            if (holders == 0) {
                Path file = Path.of(System.getProperty("java.io.tmpdir"), "hubwizard-hub-port-" + port + ".lock");
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = channel.lock();
                requireFree(port);
            }
            holders++;
        }
    }

    public static void release() throws IOException {
        synchronized (MONITOR) {
            if (holders > 0 && --holders == 0) {
                lock.release();
                channel.close();
            }
        }
    }

    private static void requireFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            lock.release();
            channel.close();
            Requirements.require(false, "nothing listening on 127.0.0.1:" + port
                    + ", where the played Fargate task serves the hub", "Stop what listens there, then run again");
        }
    }
}
