package dev.weft.it.streams;

import static dev.weft.it.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Future;
import dev.weft.Task;
import dev.weft.test.WeftExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The loop's low-level I/O: asyncio's add_reader/add_writer and sock_* calls. */
@ExtendWith(WeftExtension.class)
@Timeout(60)
class LowLevelTest {

    @Test // Mirrors asyncio's add_reader/remove_reader: the callback runs while the channel is readable
    @Async
    void addReaderOnAPipe() throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        Pipe pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        Future<String> got = loop.createFuture();
        ByteBuffer buffer = ByteBuffer.allocate(16);
        loop.addReader(pipe.source(), () -> {
            try {
                pipe.source().read(buffer);
            } catch (IOException e) {
                got.setException(e);
                return;
            }
            if (buffer.position() == 5 && !got.isDone()) {
                got.setResult(new String(buffer.array(), 0, 5));
            }
        });
        new Thread(() -> {
            try {
                pipe.sink().write(ByteBuffer.wrap("hel".getBytes()));
                Thread.sleep(20);
                pipe.sink().write(ByteBuffer.wrap("lo".getBytes()));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).start();
        assertEquals("hello", Await.on(Asyncio.waitFor(got, 10)));
        assertTrue(loop.removeReader(pipe.source()));
        assertFalse(loop.removeReader(pipe.source()));
        assertFalse(loop.removeWriter(pipe.source()));
        pipe.sink().close();
        pipe.source().close();
    }

    @Test // Mirrors asyncio's add_writer: runs while writable, stops when removed
    @Async
    void addWriter() throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        Pipe pipe = Pipe.open();
        pipe.sink().configureBlocking(false);
        int[] calls = new int[1];
        loop.addWriter(pipe.sink(), () -> {
            if (++calls[0] == 3) {
                loop.removeWriter(pipe.sink());
            }
        });
        Await.on(Asyncio.sleep(0.05));
        assertEquals(3, calls[0]);
        pipe.sink().close();
        pipe.source().close();
    }

    @Test
    @Async
    void blockingChannelsAreRefused() throws IOException {
        Await.on(Asyncio.sleep(0));
        EventLoop loop = Asyncio.getRunningLoop();
        try (Pipe.SourceChannel source = Pipe.open().source()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.addReader(source, () -> { }));
            assertTrue(e.getMessage().contains("configureBlocking(false)"), e.getMessage());
        }
        try (SocketChannel blocking = SocketChannel.open()) {
            assertThrows(IllegalArgumentException.class, () -> loop.sockRecv(blocking, 10));
        }
    }

    @Test // Mirrors asyncio's sock_connect / sock_accept / sock_sendall / sock_recv round trip
    @Async
    void sockCalls() throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        SocketChannel[] ends = Await.on(connectedPair(loop));
        SocketChannel client = ends[0];
        SocketChannel server = ends[1];
        assertFalse(server.isBlocking());
        byte[] payload = new byte[3 << 20];
        new Random(5).nextBytes(payload);
        Task<Void> sending = Asyncio.createTask(loop.sockSendall(client, payload));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (received.size() < payload.length) {
            received.write(Await.on(loop.sockRecv(server, 1 << 16)));
        }
        Await.on(sending);
        assertArrayEquals(payload, received.toByteArray());
        client.close();
        assertEquals(0, Await.on(loop.sockRecv(server, 10)).length, "EOF reads as empty");
        server.close();
    }

    @Test // Cancelling a sockRecv removes its registration; the bytes stay in the socket for the next call
    @Async
    void cancelledSockRecv() throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        SocketChannel[] ends = Await.on(connectedPair(loop));
        SocketChannel client = ends[0];
        SocketChannel server = ends[1];
        Task<byte[]> waiting = Asyncio.createTask(loop.sockRecv(server, 10));
        Await.on(Asyncio.sleep(0.01));
        waiting.cancel();
        assertInstanceOf(CancelledError.class, Await.on(failureOf(waiting)));
        assertFalse(loop.removeReader(server), "the cancelled call left nothing registered");
        Await.on(loop.sockSendall(client, "kept".getBytes()));
        assertEquals("kept", new String(Await.on(loop.sockRecv(server, 10))));
        client.close();
        server.close();
    }

    /** A loopback connection made with sockAccept and sockConnect: the client's end, then the server's. */
    @Async
    private static Coroutine<SocketChannel[]> connectedPair(EventLoop loop) throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            Task<SocketChannel> accepted = Asyncio.createTask(loop.sockAccept(listener));
            SocketChannel client = SocketChannel.open();
            client.configureBlocking(false);
            Await.on(loop.sockConnect(client, listener.getLocalAddress()));
            return Coroutine.of(new SocketChannel[] {client, Await.on(accepted)});
        }
    }
}
