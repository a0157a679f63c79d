package dev.weft.bench.echo;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The echo servers' side of the measurement: a control port, served by a daemon thread of its
 * own, that answers each connection with one line, {@code <bytes allocated by every thread>
 * <process CPU nanoseconds>}. The load generator reads it before and after its measured phase;
 * the difference is the server's allocation and CPU for those round trips (the control thread's
 * own few hundred bytes per query included).
 */
public final class EchoStats {
    private EchoStats() {
    }

    /** Starts answering on {@code port} of the loopback interface. */
    public static void serve(int port) throws IOException {
        ServerSocket control = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            for (;;) {
                try (Socket s = control.accept(); OutputStream out = s.getOutputStream()) {
                    out.write((allocatedBytes() + " " + cpuNanos() + "\n").getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        }, "echo-stats");
        thread.setDaemon(true);
        thread.start();
    }

    /** Bytes allocated so far by the live platform threads (virtual threads count on their carrier). */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(bytes, 0);
        }
        return total;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The server's port from its first argument, its control port from the second (default: port + 1). */
    static int[] ports(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        int control = args.length > 1 ? Integer.parseInt(args[1]) : port + 1;
        return new int[] {port, control};
    }
}
