package dev.weft.it.streams;

import static dev.weft.it.streams.Net.LOOPBACK;
import static dev.weft.it.streams.Net.bytes;
import static dev.weft.it.streams.Net.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Awaitable;
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.Server;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.test.WeftExtension;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many connections on one loop, and a large transfer. */
@ExtendWith(WeftExtension.class)
@Timeout(60)
class ScaleTest {
    private static final int CONNECTIONS = 5000;

    @Test // One loop thread serves 5,000 concurrent connections (and runs their 5,000 clients): no thread per connection
    @Async
    void fiveThousandConcurrentConnections() throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        int[] threadsAtPeak = new int[1];
        int[] active = new int[1];
        int[] peak = new int[1];
        Server server = Await.on(Asyncio.startServer((in, out) -> {
            active[0]++;
            peak[0] = Math.max(peak[0], active[0]);
            byte[] line = Await.on(in.readline());
            out.write(line);
            Await.on(in.read(-1));       // held open until the client closes
            active[0]--;
            out.close();
            return Coroutine.done();
        }, LOOPBACK, 0));
        List<Connection> connections = new ArrayList<>(CONNECTIONS);
        for (int batch = 0; batch < CONNECTIONS; batch += 100) {
            List<Awaitable<Connection>> opening = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                opening.add(Asyncio.openConnection(LOOPBACK, server.port()));
            }
            connections.addAll(Await.on(Asyncio.gather(opening)));
        }
        List<Awaitable<String>> exchanges = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            exchanges.add(exchange(connections.get(i), i));
        }
        List<String> answers = Await.on(Asyncio.gather(exchanges));
        for (int i = 0; i < CONNECTIONS; i++) {
            assertEquals("client " + i + "\n", answers.get(i));
        }
        assertEquals(CONNECTIONS, active[0], "every connection is open at once");
        threadsAtPeak[0] = threads.getThreadCount();
        for (Connection c : connections) {
            c.writer().close();
        }
        server.close();
        Await.on(server.waitClosed());
        assertEquals(0, active[0]);
        assertEquals(CONNECTIONS, peak[0]);
        assertTrue(threadsAtPeak[0] - threadsBefore <= 3,
                "threads before " + threadsBefore + ", with 5,000 connections open " + threadsAtPeak[0]);
    }

    @Async
    private static Coroutine<String> exchange(Connection c, int i) throws IOException {
        c.writer().write(bytes("client " + i + "\n"));
        return Coroutine.of(text(Await.on(c.reader().readline())));
    }

    @Test // 100 MB through one connection and back to a checksum, byte for byte
    @Async
    void hundredMegabytesByteExact() throws IOException {
        long size = 100L * 1024 * 1024;
        Server server = Await.on(Asyncio.startServer(ScaleTest::checksumToEof, LOOPBACK, 0));
        try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()))) {
            Random random = new Random(2024);
            byte[] chunk = new byte[256 * 1024];
            CRC32 sent = new CRC32();
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                sent.update(chunk);
                c.writer().write(chunk);
                Await.on(c.writer().drain());
            }
            c.writer().writeEof();
            ByteBuffer answer = ByteBuffer.wrap(Await.on(c.reader().readexactly(16)));
            assertEquals(size, answer.getLong());
            assertEquals(sent.getValue(), answer.getLong());
        }
        server.close();
    }

    /** Reads to EOF, then answers with the byte count and CRC-32 of what it read. */
    @Async
    private static Coroutine<Void> checksumToEof(StreamReader in, StreamWriter out) throws IOException {
        CRC32 crc = new CRC32();
        long count = 0;
        byte[] chunk;
        while ((chunk = Await.on(in.read(1 << 20))).length > 0) {
            crc.update(chunk);
            count += chunk.length;
        }
        out.write(ByteBuffer.allocate(16).putLong(count).putLong(crc.getValue()).array());
        out.close();
        return Coroutine.done();
    }
}
