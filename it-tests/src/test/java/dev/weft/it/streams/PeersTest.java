package dev.weft.it.streams;

import static dev.weft.it.streams.Net.LOOPBACK;
import static dev.weft.it.streams.Net.bytes;
import static dev.weft.it.streams.Net.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.Server;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.Task;
import dev.weft.test.WeftExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Weft's streams against peers written elsewhere: the JDK's blocking sockets and CPython's asyncio. */
@ExtendWith(WeftExtension.class)
@Timeout(60)
class PeersTest {

    /** Echoes chunks until EOF, then closes. */
    @Async
    static Coroutine<Void> echoChunks(StreamReader in, StreamWriter out) throws IOException {
        byte[] chunk;
        while ((chunk = Await.on(in.read(65536))).length > 0) {
            out.write(chunk);
            Await.on(out.drain());
        }
        out.close();
        return Coroutine.done();
    }

    @Test
    @Async
    void jdkSocketTalksToAWeftServer() throws IOException {
        Server server = Await.on(Asyncio.startServer(StreamsTest::echoLines, LOOPBACK, 0));
        int port = server.port();
        List<String> answers = Await.on(Asyncio.toThread(() -> {
            try (Socket s = new Socket(LOOPBACK, port)) {
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                out.write(bytes("one\ntwo\n"));
                String a = in.readLine();
                String b = in.readLine();
                s.shutdownOutput();
                return List.of(a, b, String.valueOf(in.readLine()));
            }
        }));
        assertEquals(List.of("one", "two", "null"), answers);
        server.close();
        Await.on(server.waitClosed());
    }

    @Test
    @Async
    void weftClientTalksToAJdkServerSocket() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    String line = in.readLine();
                    s.getOutputStream().write(bytes(line.toUpperCase() + "\n"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, listener.getLocalPort()))) {
                c.writer().write(bytes("shout\n"));
                assertEquals("SHOUT\n", text(Await.on(c.reader().readline())));
                assertEquals(0, Await.on(c.reader().read(-1)).length);
            }
            Await.on(peer);
        }
    }

    private static final String PYTHON_ECHO_SERVER = String.join("\n",
            "import asyncio",
            "async def handle(r, w):",
            "    while True:",
            "        data = await r.read(65536)",
            "        if not data:",
            "            break",
            "        w.write(data)",
            "        await w.drain()",
            "    w.close()",
            "    await w.wait_closed()",
            "async def main():",
            "    srv = await asyncio.start_server(handle, '127.0.0.1', 0)",
            "    print(srv.sockets[0].getsockname()[1], flush=True)",
            "    async with srv:",
            "        await srv.serve_forever()",
            "asyncio.run(main())");

    private static final String PYTHON_CLIENT = String.join("\n",
            "import asyncio, hashlib, random, sys",
            "async def main(port):",
            "    r, w = await asyncio.open_connection('127.0.0.1', port)",
            "    data = random.Random(12345).randbytes(3 * 1024 * 1024 + 17)",
            "    async def send():",
            "        for i in range(0, len(data), 65536):",
            "            w.write(data[i:i + 65536])",
            "            await w.drain()",
            "        w.write_eof()",
            "    sender = asyncio.create_task(send())",
            "    got = await r.read()",
            "    await sender",
            "    w.close()",
            "    await w.wait_closed()",
            "    print(hashlib.sha256(data).hexdigest(), hashlib.sha256(got).hexdigest(), len(got))",
            "asyncio.run(main(int(sys.argv[1])))");

    /** Skips the test unless python3 runs; asks off the loop's thread, as starting a process blocks. */
    @Async
    private static Coroutine<Void> assumePython() {
        boolean present = Await.on(Asyncio.toThread(() -> {
            try {
                return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                return false;
            }
        }));
        Assumptions.assumeTrue(present, "python3 is not installed: the CPython asyncio peer tests are skipped");
        return Coroutine.done();
    }

    @Test
    @Async
    void weftClientTalksToCPythonAsyncioServer() throws Exception {
        Await.on(assumePython());
        Process python = new ProcessBuilder("python3", "-c", PYTHON_ECHO_SERVER).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            int port = Await.on(Asyncio.toThread(() -> Integer.parseInt(
                    new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.US_ASCII)).readLine().trim())));
            byte[] payload = new byte[5 * 1024 * 1024 + 3];
            new Random(99).nextBytes(payload);
            try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, port))) {
                Task<Void> sender = Asyncio.createTask(sendAll(c.writer(), payload));
                byte[] echoed = Await.on(c.reader().read(-1));
                Await.on(sender);
                assertArrayEquals(payload, echoed);
            }
        } finally {
            python.destroy();
            python.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Writes {@code payload} in 64 KiB pieces, draining after each, then EOF. */
    @Async
    static Coroutine<Void> sendAll(StreamWriter out, byte[] payload) throws IOException {
        for (int i = 0; i < payload.length; i += 65536) {
            out.write(java.util.Arrays.copyOfRange(payload, i, Math.min(payload.length, i + 65536)));
            Await.on(out.drain());
        }
        out.writeEof();
        return Coroutine.done();
    }

    @Test
    @Async
    void cpythonAsyncioClientTalksToAWeftServer() throws Exception {
        Await.on(assumePython());
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        Server server = Await.on(Asyncio.startServer((in, out) -> {
            byte[] chunk;
            while ((chunk = Await.on(in.read(65536))).length > 0) {
                received.update(chunk);
                out.write(chunk);
                Await.on(out.drain());
            }
            out.close();
            return Coroutine.done();
        }, LOOPBACK, 0));
        int port = server.port();
        String report = Await.on(Asyncio.toThread(() -> {
            Process python = new ProcessBuilder("python3", "-c", PYTHON_CLIENT, String.valueOf(port))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            python.waitFor(60, TimeUnit.SECONDS);
            return out;
        }));
        String[] fields = report.split(" ");
        assertEquals(3, fields.length, report);
        assertEquals(fields[0], fields[1], "what Python got back is what it sent");
        assertEquals(fields[0], HexFormat.of().formatHex(received.digest()), "what Weft received is what Python sent");
        assertEquals(String.valueOf(3 * 1024 * 1024 + 17), fields[2]);
        server.close();
        Await.on(server.waitClosed());
    }
}
