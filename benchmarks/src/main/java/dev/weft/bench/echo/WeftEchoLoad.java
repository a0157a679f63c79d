package dev.weft.bench.echo;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.Task;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@link EchoLoad}'s work done by a Weft client on one loop: {@code connections} streams from
 * {@code openConnection}, each a task that writes a 64-byte message and awaits its echo with
 * {@code readexactly} before sending the next; warm-up first, then the measured phase. Prints the
 * same line as {@link EchoLoad}, so that the figures of the server it drives stay comparable.
 * Usage: {@code WeftEchoLoad label port controlPort connections roundTrips warmup}.
 */
public final class WeftEchoLoad {
    private WeftEchoLoad() {
    }

    @Async
    static Coroutine<Void> roundTrips(Connection c, int count, byte[] message) throws IOException {
        for (int i = 0; i < count; i++) {
            c.writer().write(message);
            Await.on(c.writer().drain());
            byte[] echo = Await.on(c.reader().readexactly(message.length));
            if (!Arrays.equals(echo, message)) {
                throw new IOException("the echo differs from the message sent");
            }
        }
        return Coroutine.done();
    }

    /** {@code total} round trips spread evenly over the connections, all at once. */
    @Async
    static Coroutine<Void> phase(List<Connection> connections, int total, byte[] message) throws IOException {
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            int count = total / connections.size() + (i < total % connections.size() ? 1 : 0);
            tasks.add(Asyncio.createTask(roundTrips(connections.get(i), count, message)));
        }
        Await.on(Asyncio.gather(tasks));
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> run(String label, int port, int controlPort, int n, int total, int warmup) throws IOException {
        byte[] message = new byte[EchoLoad.MESSAGE];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) ('a' + i % 26);
        }
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            connections.add(Await.on(Asyncio.openConnection("127.0.0.1", port)));
        }
        Await.on(phase(connections, warmup, message));
        EchoLoad.Measurement measurement = new EchoLoad.Measurement(controlPort);
        Await.on(phase(connections, total, message));
        measurement.report(label, n, total);
        for (Connection c : connections) {
            c.writer().close();
        }
        return Coroutine.done();
    }

    public static void main(String[] args) throws IOException {
        Asyncio.run(run(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]), Integer.parseInt(args[5])));
    }
}
