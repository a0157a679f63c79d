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
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Server;
import dev.weft.StreamWriter;
import dev.weft.Subprocess;
import dev.weft.Task;
import dev.weft.test.AllowPendingTasks;
import dev.weft.test.VirtualTime;
import dev.weft.test.WeftExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the streams do when the network or the peer misbehaves, and what a closing loop leaves behind. */
@ExtendWith(WeftExtension.class)
@Timeout(60)
class FaultsTest {

    @Test
    @Async
    void refusedConnection() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertInstanceOf(ConnectException.class, Await.on(failureOf(Asyncio.openConnection(LOOPBACK, port))));
    }

    @Test
    @Async
    void unknownHost() throws IOException {
        assertInstanceOf(UnknownHostException.class, Await.on(failureOf(Asyncio.openConnection("no-such-host.invalid", 80))));
    }

    @Test // Mirrors test_streams.StreamTests.test_drain_raises: the peer closes; writing and draining fail instead of spinning
    @Async
    void drainRaisesWhenThePeerCloses() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try {
                    listener.accept().close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Connection c = Await.on(Asyncio.openConnection(LOOPBACK, listener.getLocalPort()));
            Throwable error = Await.on(failureOf(writeForever(c.writer())));
            assertInstanceOf(IOException.class, error);
            c.writer().close();
            Await.on(peer);
        }
    }

    @Async
    private static Coroutine<Void> writeForever(StreamWriter out) throws IOException {
        while (true) {
            out.write(bytes("foo\n"));
            Await.on(out.drain());
        }
    }

    @Test
    @Async
    void peerResetsMidRead() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch partialRead = new CountDownLatch(1);
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.getOutputStream().write(bytes("partial"));
                    partialRead.await(10, TimeUnit.SECONDS);
                    s.setSoLinger(true, 0);   // close with RST
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Connection c = Await.on(Asyncio.openConnection(LOOPBACK, listener.getLocalPort()));
            assertEquals("partial", text(Await.on(c.reader().readexactly(7))));
            partialRead.countDown();
            Throwable error = Await.on(failureOf(c.reader().readexactly(100)));
            assertInstanceOf(IOException.class, error);
            assertTrue(c.writer().isClosing());
            assertInstanceOf(IOException.class, Await.on(failureOf(c.writer().waitClosed())));
            Await.on(peer);
        }
    }

    @Test // A peer that never reads: a writer that drains holds at most the high-water mark plus one write
    @Async
    void peerThatNeverReads() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setReceiveBufferSize(64 * 1024);
            CountDownLatch done = new CountDownLatch(1);
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    done.await(30, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Connection c = Await.on(Asyncio.openConnection(LOOPBACK, listener.getLocalPort()));
            int[] chunks = new int[1];
            Task<Void> writer = Asyncio.createTask(writeChunks(c.writer(), chunks));
            Await.on(Asyncio.sleep(0.3));
            assertFalse(writer.isDone(), "drain must wait while the peer reads nothing");
            int buffered = c.writer().writeBufferSize();
            assertTrue(buffered > 64 * 1024 && buffered <= 64 * 1024 + 16 * 1024, "buffered " + buffered);
            int written = chunks[0];
            Await.on(Asyncio.sleep(0.1));
            assertEquals(written, chunks[0], "no progress while drain waits");
            writer.cancel();
            c.writer().close();
            done.countDown();
            Await.on(peer);
        }
    }

    @Async
    private static Coroutine<Void> writeChunks(StreamWriter out, int[] count) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        while (true) {
            out.write(chunk);
            count[0]++;
            Await.on(out.drain());
        }
    }

    @Test // Closing the loop closes its sockets and listeners: no descriptor outlives it
    @AllowPendingTasks // the servers' handlers, still reading, when the loop closes
    void loopClosedWithConnectionsOpen() throws IOException {
        EventLoop warmUp = new EventLoop(); // loads every class first, whose jars hold descriptors of their own
        warmUp.runUntilComplete(openMany(1));
        warmUp.close();
        Set<String> before = Net.openDescriptors();
        EventLoop loop = new EventLoop();
        List<Connection> connections = loop.runUntilComplete(openMany(20));
        assertEquals(20, connections.size());
        Set<String> ofTheLoop = Net.opened(before, Net.openDescriptors()).stream()
                .filter(FaultsTest::socketOrSelector).collect(Collectors.toSet()); // a class loaded meanwhile keeps its jar
        assertTrue(ofTheLoop.size() >= 40, "20 connections and their accepted ends are open: " + ofTheLoop);
        loop.close();
        Set<String> left = new HashSet<>(ofTheLoop);
        left.retainAll(Net.openDescriptors());
        assertEquals(Set.of(), left, "descriptors the closed loop left open");
    }

    @Async
    private static Coroutine<List<Connection>> openMany(int n) throws IOException {
        Server server = Await.on(Asyncio.startServer((in, out) -> {
            Await.on(in.read(-1));
            return Coroutine.done();
        }, LOOPBACK, 0));
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            connections.add(Await.on(Asyncio.openConnection(LOOPBACK, server.port())));
        }
        Await.on(Asyncio.sleep(0.05));
        return Coroutine.of(connections);
    }

    @Test // A loop that never does I/O opens no selector: thousands of loops cost no descriptors
    void loopWithoutIoOpensNoSelector() throws IOException {
        Set<String> before = Net.openDescriptors();
        Set<String> during = Asyncio.run(openDescriptorsAfterASleep());
        assertEquals(Set.of(), Net.opened(before, during).stream()
                .filter(FaultsTest::socketOrSelector).collect(Collectors.toSet()), "a selector's descriptors");
    }

    /** A socket, or one of the descriptors a selector opens (its epoll instance and its wake-up eventfd or pipe). */
    private static boolean socketOrSelector(String descriptor) {
        return descriptor.contains("socket:") || descriptor.contains("eventpoll") || descriptor.contains("eventfd")
                || descriptor.contains("pipe:");
    }

    @Async
    private static Coroutine<Set<String>> openDescriptorsAfterASleep() throws IOException {
        Await.on(Asyncio.sleep(0.01));
        return Coroutine.of(Net.openDescriptors());
    }

    @Test // callSoonThreadsafe wakes a loop that waits in its selector
    @Async
    void callSoonThreadsafeWakesTheSelector() throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        pipe.source().configureBlocking(false);
        loop.addReader(pipe.source(), () -> { });
        dev.weft.Future<String> woken = loop.createFuture();
        Thread other = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                return;
            }
            loop.callSoonThreadsafe(() -> woken.setResult("woken"));
        });
        other.start();
        assertEquals("woken", Await.on(Asyncio.waitFor(woken, 10)));
        assertTrue(loop.removeReader(pipe.source()));
        pipe.source().close();
        pipe.sink().close();
    }

    @Test // A virtual clock does not jump over a wait for a socket or a child's output: they are work in flight
    @VirtualTime
    @Async
    void virtualTimeWaitsForSocketsAndChildren() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    Thread.sleep(200);
                    s.getOutputStream().write(bytes("late\n"));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Connection c = Await.on(Asyncio.openConnection(LOOPBACK, listener.getLocalPort()));
            assertEquals("late\n", text(Await.on(Asyncio.waitFor(c.reader().readline(), 100))));
            c.writer().close();
            Subprocess child = Await.on(Asyncio.createSubprocessExec(List.of("sh", "-c", "sleep 0.2; echo done")));
            assertEquals("done\n", text(Await.on(Asyncio.waitFor(child.stdout().read(-1), 100))));
            Await.on(child.waitFor());
            double before = Asyncio.getRunningLoop().time();
            Await.on(Asyncio.sleep(3600));   // nothing in flight any more: the clock jumps
            assertTrue(Asyncio.getRunningLoop().time() - before >= 3600);
            Await.on(peer);
        }
    }
}
