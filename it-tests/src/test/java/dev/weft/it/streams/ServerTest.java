package dev.weft.it.streams;

import static dev.weft.it.Fixtures.failureOf;
import static dev.weft.it.streams.Net.LOOPBACK;
import static dev.weft.it.streams.Net.bytes;
import static dev.weft.it.streams.Net.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Future;
import dev.weft.Server;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.Task;
import dev.weft.test.WeftExtension;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link Server}, case for case as CPython's test_server.py. */
@ExtendWith(WeftExtension.class)
@Timeout(60)
class ServerTest {

    /** The handler of test_wait_closed_basic: reads to EOF, then closes. */
    @Async
    static Coroutine<Void> readThenClose(StreamReader in, StreamWriter out) throws IOException {
        try {
            Await.on(in.read(-1));
        } finally {
            out.close();
            Await.on(out.waitClosed());
        }
        return Coroutine.done();
    }

    @Test // Mirrors test_server.BaseStartServer.test_start_server_1, with a JDK blocking socket as the client
    @Async
    void serveForeverUntilTheMainTaskIsCancelled() throws IOException {
        Task<?>[] mainTask = new Task<?>[1];
        Server srv = Await.on(Asyncio.startServer((in, out) -> {
            Await.on(in.readline());
            mainTask[0].cancel();
            out.write(bytes("1"));
            out.close();
            Await.on(out.waitClosed());
            return Coroutine.done();
        }, LOOPBACK, 0));
        int port = srv.port();
        CompletableFuture<Integer> client = CompletableFuture.supplyAsync(() -> {
            try (Socket s = new Socket(LOOPBACK, port)) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(bytes("1".repeat(5 * 1024) + "\n"));
                return s.getInputStream().read();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        mainTask[0] = Asyncio.createTask(serveInBlock(srv));
        assertInstanceOf(CancelledError.class, Await.on(failureOf(mainTask[0])));
        assertEquals('1', (int) Await.on(client));
        assertFalse(srv.isServing());
        Throwable closed = Await.on(failureOf(srv.serveForever()));
        assertInstanceOf(IllegalStateException.class, closed);
        assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
    }

    /** Python's {@code async with srv: await srv.serve_forever()}. */
    @Async
    private static Coroutine<Void> serveInBlock(Server srv) {
        try (srv) {
            Await.on(srv.serveForever());
        }
        return Coroutine.done();
    }

    @Test // Mirrors test_server.TestServer2.test_wait_closed_basic
    @Async
    void waitClosedBasic() throws IOException {
        Server srv = Await.on(Asyncio.startServer(ServerTest::readThenClose, LOOPBACK, 0));
        Task<Void> task1 = Asyncio.createTask(srv.waitClosed());
        Await.on(Asyncio.sleep(0));
        assertFalse(task1.isDone(), "active count = 0, not closed: should block");

        Connection c = Await.on(Asyncio.openConnection(LOOPBACK, srv.port()));
        Task<Void> task2 = Asyncio.createTask(srv.waitClosed());
        Await.on(Asyncio.sleep(0));
        assertFalse(task1.isDone());
        assertFalse(task2.isDone(), "active count != 0, not closed: should block");

        srv.close();
        Await.on(Asyncio.sleep(0));
        Task<Void> task3 = Asyncio.createTask(srv.waitClosed());
        Await.on(Asyncio.sleep(0));
        assertFalse(task1.isDone() || task2.isDone() || task3.isDone(), "active count != 0, closed: should block");

        c.writer().close();
        Await.on(c.writer().waitClosed());
        Await.on(Asyncio.gather(task1, task2, task3));
        Await.on(srv.waitClosed());
    }

    @Test // Mirrors test_server.TestServer2.test_wait_closed_race
    @Async
    void waitClosedRace() throws IOException {
        Server srv = Await.on(Asyncio.startServer(ServerTest::readThenClose, LOOPBACK, 0));
        Task<Void> task = Asyncio.createTask(srv.waitClosed());
        Await.on(Asyncio.sleep(0));
        assertFalse(task.isDone());
        Connection c = Await.on(Asyncio.openConnection(LOOPBACK, srv.port()));
        EventLoop loop = Asyncio.getRunningLoop();
        loop.callSoon(srv::close);
        loop.callSoon(c.writer()::close);
        Await.on(srv.waitClosed());
        Await.on(task);
    }

    @Test // Mirrors test_server.TestServer2.test_close_clients
    @Async
    void closeClients() throws IOException {
        Server srv = Await.on(Asyncio.startServer(ServerTest::readThenClose, LOOPBACK, 0));
        Connection c = Await.on(Asyncio.openConnection(LOOPBACK, srv.port()));
        Await.on(Asyncio.sleep(0.01));
        Task<Void> task = Asyncio.createTask(srv.waitClosed());
        Await.on(Asyncio.sleep(0));
        assertFalse(task.isDone());
        srv.close();
        srv.closeClients();
        Await.on(Asyncio.waitFor(task, 5));
        c.writer().close();
    }

    @Test // Mirrors test_server.TestServer2.test_abort_clients: buffered bytes are dropped, the wait ends at once
    @Async
    void abortClients() throws IOException {
        Future<StreamWriter> serverWriter = Asyncio.getRunningLoop().createFuture();
        Server srv = Await.on(Asyncio.startServer((in, out) -> {
            serverWriter.setResult(out);
            Await.on(out.waitClosed());
            return Coroutine.done();
        }, LOOPBACK, 0));
        Connection c = Await.on(Asyncio.openConnection(LOOPBACK, srv.port()));
        StreamWriter sw = Await.on(serverWriter);
        // The client reads nothing: the server's writes pile up in its buffer.
        for (int i = 0; i < 10 && sw.writeBufferSize() == 0; i++) {
            sw.write(new byte[4 << 20]);
        }
        assertTrue(sw.writeBufferSize() > 0);
        Task<Void> task = Asyncio.createTask(srv.waitClosed());
        Await.on(Asyncio.sleep(0));
        assertFalse(task.isDone());
        srv.close();
        srv.abortClients();
        Await.on(Asyncio.sleep(0));
        Await.on(Asyncio.sleep(0));
        assertTrue(task.isDone());
        c.writer().close();
    }

    @Test // Mirrors test_server.TestServer2.test_close_race: closed after accepting, before the handler runs
    @Async
    void closeRace() throws IOException {
        Server srv = Await.on(Asyncio.startServer((in, out) -> {
            out.close();
            return Coroutine.done();
        }, LOOPBACK, 0));
        Task<Connection> conn = Asyncio.createTask(Asyncio.openConnection(LOOPBACK, srv.port()));
        Await.on(Asyncio.sleep(0));
        srv.close();
        Object outcome = Await.on(failureOf(conn));
        if (outcome == null) {
            conn.result().writer().close();
        }
        Await.on(Asyncio.waitFor(srv.waitClosed(), 5));
    }

    @Test // Weft (API.md): a handler may close its own server; close returns without waiting for the connections
    @Async
    void handlerClosesItsOwnServer() throws IOException {
        Server[] srv = new Server[1];
        srv[0] = Await.on(Asyncio.startServer((in, out) -> {
            srv[0].close();                        // inside @Async code: awaits aclose(), which must not wait for us
            out.write(bytes("bye\n"));
            out.close();
            return Coroutine.done();
        }, LOOPBACK, 0));
        Task<Void> forever = Asyncio.createTask(srv[0].serveForever());
        try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, srv[0].port()))) {
            assertEquals("bye\n", text(Await.on(c.reader().readline())));
        }
        Await.on(Asyncio.waitFor(forever, 5));       // serveForever returns once the server is closed
        Await.on(Asyncio.waitFor(srv[0].waitClosed(), 5));
        assertFalse(srv[0].isServing());
    }

    @Test // Weft: serveForever twice at once is refused; cancelling it closes the server
    @Async
    void serveForeverOnce() throws IOException {
        Server srv = Await.on(Asyncio.startServer(ServerTest::readThenClose, LOOPBACK, 0));
        Task<Void> forever = Asyncio.createTask(srv.serveForever());
        Await.on(Asyncio.sleep(0));
        assertInstanceOf(IllegalStateException.class, Await.on(failureOf(srv.serveForever())));
        forever.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(forever)));
        assertFalse(srv.isServing());
    }

    @Test // Mirrors test_streams.StreamTests.test_start_unix_server and test_server.UnixServerCleanupTests.test_unix_server_addr_cleanup
    @Async
    void unixServer(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("echo.sock");
        Server srv = Await.on(Asyncio.startUnixServer(StreamsTest::echoLines, path));
        assertEquals(-1, srv.port());
        assertTrue(Files.exists(path));
        try (Connection c = Await.on(Asyncio.openUnixConnection(path))) {
            c.writer().write(bytes("hello world!\n"));
            assertEquals("hello world!\n", text(Await.on(c.reader().readline())));
        }
        srv.close();
        Await.on(srv.waitClosed());
        assertFalse(Files.exists(path));
    }

    @Test // Mirrors test_server.UnixServerCleanupTests.test_unix_server_cleanup_gone and test_unix_server_cleanup_replaced
    @Async
    void unixServerLeavesOtherFilesAlone(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("s.sock");
        Server gone = Await.on(Asyncio.startUnixServer((in, out) -> Coroutine.done(), path));
        Files.delete(path);
        gone.close();

        Server replaced = Await.on(Asyncio.startUnixServer((in, out) -> Coroutine.done(), path));
        Files.delete(path);
        Files.writeString(path, "someone else's");
        replaced.close();
        assertTrue(Files.exists(path));
    }

    @Test // Weft: a stale socket file is replaced, as asyncio does
    @Async
    void unixServerReplacesAStaleSocket(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("stale.sock");
        Server first = Await.on(Asyncio.startUnixServer((in, out) -> Coroutine.done(), path));
        first.close();
        assertFalse(Files.exists(path));
        // A socket file left by a process that died: binding over it works.
        try (java.nio.channels.ServerSocketChannel leftover = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            leftover.bind(java.net.UnixDomainSocketAddress.of(path));
        }
        assertTrue(Files.exists(path));
        Server second = Await.on(Asyncio.startUnixServer(StreamsTest::echoLines, path));
        try (Connection c = Await.on(Asyncio.openUnixConnection(path))) {
            c.writer().write(bytes("again\n"));
            assertEquals("again\n", text(Await.on(c.reader().readline())));
        }
        second.close();
        Await.on(second.waitClosed());
    }
}
