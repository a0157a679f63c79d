package dev.weft.bench.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;

/**
 * The echo benchmark's load generator, the same for every server: one thread, one selector,
 * {@code connections} sockets, each sending a 64-byte message and waiting for its echo before it
 * sends the next, until {@code roundTrips} round trips (spread evenly over the connections) are
 * done. A warm-up phase of {@code warmup} round trips comes first; the server's control port (see
 * {@link EchoStats}) is read around the measured phase. Prints one line: round trips per second,
 * the server's bytes allocated per round trip and CPU share, and this process's CPU share (near
 * 100% means the load generator, not the server, set the pace).
 * Usage: {@code EchoLoad label port controlPort connections roundTrips warmup}.
 */
public final class EchoLoad {
    static final int MESSAGE = 64;

    private final Selector selector;
    private final SocketChannel[] channels;
    private final ByteBuffer message = ByteBuffer.allocateDirect(MESSAGE);
    private final ByteBuffer sink = ByteBuffer.allocateDirect(64 * 1024);

    private EchoLoad(int port, int connections) throws IOException {
        selector = Selector.open();
        channels = new SocketChannel[connections];
        for (int i = 0; i < MESSAGE; i++) {
            message.put((byte) ('a' + i % 26));
        }
        for (int i = 0; i < connections; i++) {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            ch.register(selector, SelectionKey.OP_READ, new Connection(ch));
            channels[i] = ch;
        }
    }

    /** A connection's progress: round trips still to make, bytes of the current echo still due. */
    private static final class Connection {
        final SocketChannel channel;
        int remaining;
        int due;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private void send(Connection c) throws IOException {
        message.clear();
        while (message.hasRemaining()) {
            c.channel.write(message);
        }
        c.due = MESSAGE;
    }

    /** Runs {@code roundTrips} round trips spread over the connections; returns when all are done. */
    private void phase(int roundTrips) throws IOException {
        int active = 0;
        for (int i = 0; i < channels.length; i++) {
            Connection c = (Connection) channels[i].keyFor(selector).attachment();
            c.remaining = roundTrips / channels.length + (i < roundTrips % channels.length ? 1 : 0);
            if (c.remaining > 0) {
                active++;
                send(c);
            }
        }
        while (active > 0) {
            selector.select();
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Connection c = (Connection) key.attachment();
                sink.clear();
                int n = c.channel.read(sink);
                if (n < 0) {
                    throw new IOException("the server closed a connection");
                }
                c.due -= n;
                if (c.due < 0) {
                    throw new IOException("the server sent more than it was sent");
                }
                if (c.due == 0) {
                    if (--c.remaining > 0) {
                        send(c);
                    } else {
                        active--;
                    }
                }
            }
        }
    }

    /** The server's {@code allocatedBytes cpuNanos}, from its control port. */
    static long[] serverStats(int controlPort) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), controlPort);
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
            String[] parts = in.readLine().trim().split(" ");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        }
    }

    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        int port = Integer.parseInt(args[1]);
        int controlPort = Integer.parseInt(args[2]);
        int connections = Integer.parseInt(args[3]);
        int roundTrips = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        EchoLoad load = new EchoLoad(port, connections);
        load.phase(warmup);
        Measurement measurement = new Measurement(controlPort);
        load.phase(roundTrips);
        measurement.report(label, connections, roundTrips);
        for (SocketChannel ch : load.channels) {
            ch.close();
        }
    }

    /** The server's and this process's figures around one measured phase; prints them as one line. */
    static final class Measurement {
        private final int controlPort;
        private final long[] before;
        private final long ownBefore;
        private final long start;

        Measurement(int controlPort) throws IOException {
            this.controlPort = controlPort;
            before = serverStats(controlPort);
            ownBefore = ownCpuNanos();
            start = System.nanoTime();
        }

        void report(String label, int connections, int roundTrips) throws IOException {
            long wall = System.nanoTime() - start;
            long ownCpu = ownCpuNanos() - ownBefore;
            long[] after = serverStats(controlPort);
            long allocated = after[0] - before[0];
            System.out.println(String.format(Locale.ROOT,
                    "RESULT server=%s connections=%d roundTrips=%d rtPerSec=%.0f serverBytesPerRt=%s serverCpu=%.0f%% loadCpu=%.0f%%",
                    label, connections, roundTrips, roundTrips * 1e9 / wall,
                    before[0] < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", (double) allocated / roundTrips),
                    100.0 * (after[1] - before[1]) / wall, 100.0 * ownCpu / wall));
        }
    }
}
