package dev.weft.it.streams;

import static dev.weft.it.Fixtures.failureOf;
import static dev.weft.it.streams.Net.LOOPBACK;
import static dev.weft.it.streams.Net.bytes;
import static dev.weft.it.streams.Net.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.ExceptionContext;
import dev.weft.Server;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.Task;
import dev.weft.TimeoutError;
import dev.weft.test.WeftExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Streams over loopback TCP between a Weft server and a Weft client, as CPython's test_streams.py uses them. */
@ExtendWith(WeftExtension.class)
@Timeout(60)
class StreamsTest {

    /** Echoes lines until EOF, then closes: the handler of asyncio's test_start_server, looped. */
    @Async
    static Coroutine<Void> echoLines(StreamReader in, StreamWriter out) throws IOException {
        byte[] line;
        while ((line = Await.on(in.readline())).length > 0) {
            out.write(line);
            Await.on(out.drain());
        }
        out.close();
        Await.on(out.waitClosed());
        return Coroutine.done();
    }

    @Test // Mirrors test_streams.StreamTests.test_start_server
    @Async
    void startServerAndOpenConnection() throws IOException {
        List<ExceptionContext> messages = Net.recordErrors(Asyncio.getRunningLoop());
        Server server = Await.on(Asyncio.startServer(StreamsTest::echoLines, LOOPBACK, 0));
        assertTrue(server.isServing());
        assertTrue(server.port() > 0);
        assertEquals(List.of(new InetSocketAddress(LOOPBACK, server.port())), server.addresses());
        try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()))) {
            c.writer().write(bytes("hello world!\n"));
            assertEquals("hello world!\n", text(Await.on(c.reader().readline())));
        }
        server.close();
        Await.on(server.waitClosed());
        assertFalse(server.isServing());
        assertEquals(List.of(), messages);
    }

    @Test // Mirrors test_streams.StreamTests.test_wait_closed_on_close and test_eof_feed_when_closing_writer
    @Async
    void closeThenWaitClosed() throws IOException {
        Server server = Await.on(Asyncio.startServer(StreamsTest::echoLines, LOOPBACK, 0));
        Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()));
        assertFalse(c.writer().isClosing());
        c.writer().close();
        assertTrue(c.writer().isClosing());
        Await.on(c.writer().waitClosed());
        assertTrue(c.reader().atEof());
        assertEquals(0, Await.on(c.reader().read(-1)).length);
        server.close();
        Await.on(server.waitClosed());
    }

    @Test // Mirrors test_streams.StreamTests.test_async_writer_api_exception_after_close
    @Async
    void drainAfterCloseFails() throws IOException {
        Server server = Await.on(Asyncio.startServer(StreamsTest::echoLines, LOOPBACK, 0));
        Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()));
        c.writer().close();
        c.writer().write(bytes("data"));
        Throwable error = Await.on(failureOf(c.writer().drain()));
        assertInstanceOf(SocketException.class, error);
        assertEquals("Connection lost", error.getMessage());
        server.close();
        Await.on(server.waitClosed());
    }

    @Test // Mirrors test_streams.StreamTests.test_multiple_drain: every drainer resumes when the buffer drains
    @Async
    void multipleDrainers() throws IOException {
        StreamReader[] serverSide = new StreamReader[1];
        StreamWriter[] serverOut = new StreamWriter[1];
        dev.weft.Event connected = new dev.weft.Event();
        Server server = Await.on(Asyncio.startServer((in, out) -> {
            serverSide[0] = in;
            serverOut[0] = out;
            connected.set();
            return Coroutine.done();
        }, LOOPBACK, 0));
        Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()));
        Await.on(connected.await());
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < 8; i++) {
            c.writer().write(chunk);
        }
        List<Task<Void>> drainers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            drainers.add(Asyncio.createTask(c.writer().drain()));
        }
        Await.on(Asyncio.sleep(0.05));
        assertTrue(drainers.stream().noneMatch(Task::isDone), "the server reads nothing yet: drain waits");
        assertTrue(c.writer().writeBufferSize() > 64 * 1024);
        int received = 0;
        while (received < 8 << 20) {
            received += Await.on(serverSide[0].read(1 << 20)).length;
        }
        Await.on(Asyncio.gather(drainers));
        assertTrue(c.writer().writeBufferSize() <= 16 * 1024);
        c.writer().close();
        serverOut[0].close();
        server.close();
        Await.on(server.waitClosed());
    }

    @Test // Weft: writeEof half-closes; the peer reads to EOF and can still answer
    @Async
    void writeEofHalfCloses() throws IOException {
        Server server = Await.on(Asyncio.startServer((in, out) -> {
            byte[] all = Await.on(in.read(-1));
            out.write(bytes("got " + all.length));
            out.close();
            return Coroutine.done();
        }, LOOPBACK, 0));
        try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()))) {
            assertTrue(c.writer().canWriteEof());
            c.writer().writelines(List.of(bytes("abc"), bytes("defg")));
            c.writer().writeEof();
            assertEquals("got 7", text(Await.on(c.reader().read(-1))));
        }
        server.close();
        Await.on(server.waitClosed());
    }

    @Test // Weft: peername and sockname of the two ends match; unknown names are null
    @Async
    void extraInfo() throws IOException {
        Object[] serverEnd = new Object[2];
        Server server = Await.on(Asyncio.startServer((in, out) -> {
            serverEnd[0] = out.getExtraInfo("peername");
            serverEnd[1] = out.getExtraInfo("sockname");
            out.close();
            return Coroutine.done();
        }, LOOPBACK, 0));
        try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()))) {
            Await.on(c.reader().read(-1));
            assertEquals(serverEnd[0], c.writer().getExtraInfo("sockname"));
            assertEquals(serverEnd[1], c.writer().getExtraInfo("peername"));
            assertNull(c.writer().getExtraInfo("sslsession"));
            assertEquals("none", c.writer().getExtraInfo("no such thing", "none"));
        }
        server.close();
    }

    @Test // Weft: a failing handler is reported to the exception handler, its connection closed, and the server goes on
    @Async
    void failingHandlerIsReported() throws IOException {
        List<ExceptionContext> messages = Net.recordErrors(Asyncio.getRunningLoop());
        Server server = Await.on(Asyncio.startServer((in, out) -> {
            byte[] line = Await.on(in.readline());
            if (text(line).startsWith("fail")) {
                throw new IllegalStateException("handler failed");
            }
            out.write(line);
            out.close();
            return Coroutine.done();
        }, LOOPBACK, 0));
        try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()))) {
            c.writer().write(bytes("fail\n"));
            assertEquals(0, Await.on(c.reader().read(-1)).length);
        }
        assertEquals(1, messages.size());
        assertEquals("Unhandled exception in client_connected_cb", messages.get(0).message());
        assertEquals("handler failed", messages.get(0).exception().getMessage());
        try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()))) {
            c.writer().write(bytes("ok\n"));
            assertEquals("ok\n", text(Await.on(c.reader().read(-1))));
        }
        assertTrue(server.isServing());
        server.close();
        Await.on(server.waitClosed());
    }

    @Test // Weft: cancelling a read on a socket keeps what arrived for the next read
    @Async
    void cancelledSocketReadLosesNothing() throws IOException {
        Server server = Await.on(Asyncio.startServer((in, out) -> {
            out.write(bytes("first half "));
            Await.on(Asyncio.sleep(0.05));
            out.write(bytes("second half\n"));
            out.close();
            return Coroutine.done();
        }, LOOPBACK, 0));
        try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()))) {
            Throwable timedOut = Await.on(failureOf(Asyncio.waitFor(c.reader().readline(), 0.02)));
            assertInstanceOf(TimeoutError.class, timedOut);
            assertEquals("first half second half\n", text(Await.on(c.reader().readline())));
        }
        server.close();
    }

    @Test // Weft: a reader stops reading the socket above its limit; the data waits in the kernel, none is lost
    @Async
    void readerLimitPausesTheSocket() throws IOException {
        byte[] payload = new byte[1 << 20];
        new java.util.Random(7).nextBytes(payload);
        Server server = Await.on(Asyncio.startServer((in, out) -> {
            out.write(payload);
            Await.on(out.drain());
            out.close();
            return Coroutine.done();
        }, LOOPBACK, 0));
        try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()))) {
            Await.on(Asyncio.sleep(0.1));
            assertTrue(c.reader().toString().contains("paused"), c.reader().toString());
            assertArrayEquals(payload, Await.on(c.reader().readexactly(payload.length)));
        }
        server.close();
    }

    @Test // Weft: closing the connection's task while it awaits a read cancels cleanly; the server sees EOF
    @Async
    void cancellingAConnectionTask() throws IOException {
        dev.weft.Event eof = new dev.weft.Event();
        Server server = Await.on(Asyncio.startServer((in, out) -> {
            Await.on(in.read(-1));
            eof.set();
            out.close();
            return Coroutine.done();
        }, LOOPBACK, 0));
        Task<Void> client = Asyncio.createTask(clientWaitingForever(server.port()));
        Await.on(Asyncio.sleep(0.05));
        client.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(client)));
        Await.on(Asyncio.waitFor(eof.await(), 5));
        server.close();
        Await.on(server.waitClosed());
    }

    @Async
    private static Coroutine<Void> clientWaitingForever(int port) throws IOException {
        try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, port))) {
            Await.on(c.reader().read(1));
        }
        return Coroutine.done();
    }

    @Test // Weft: "localhost" resolves off the loop thread and connects
    @Async
    void hostNameResolves() throws IOException {
        Server server = Await.on(Asyncio.startServer(StreamsTest::echoLines, "localhost", 0));
        try (Connection c = Await.on(Asyncio.openConnection("localhost", server.port()))) {
            c.writer().write(bytes("by name\n"));
            assertEquals("by name\n", text(Await.on(c.reader().readline())));
        }
        server.close();
        Await.on(server.waitClosed());
    }
}
