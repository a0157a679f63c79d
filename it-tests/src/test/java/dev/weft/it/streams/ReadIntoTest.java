package dev.weft.it.streams;

import static dev.weft.it.Fixtures.failureOf;
import static dev.weft.it.streams.Net.LOOPBACK;
import static dev.weft.it.streams.Net.bytes;
import static dev.weft.it.streams.Net.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.Server;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.Task;
import dev.weft.test.WeftExtension;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link StreamReader#readInto} and {@link StreamWriter#write(byte[], int, int)}: reading into and
 * writing from the caller's arrays. Python's streams have neither; the cases follow its
 * {@code read(n)} tests and {@code loop.sock_recv_into}.
 */
@ExtendWith(WeftExtension.class)
@Timeout(60)
class ReadIntoTest {

    @Test // As test_streams.StreamTests.test_read_line_breaks: what is buffered, up to the length, at the offset
    @Async
    void readsWhatIsBufferedIntoTheArrayAtTheOffset() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("line1"));
        stream.feedData(bytes("line2"));
        byte[] into = bytes("..........");
        int n = Await.on(stream.readInto(into, 2, 7));
        assertEquals(7, n);
        assertEquals("..line1li.", text(into));
        n = Await.on(stream.readInto(into, 0, into.length));
        assertEquals(3, n, "only what is buffered");
        assertEquals("ne2ine1li.", text(into));
    }

    @Test // As test_streams.StreamTests.test_read: waits for data
    @Async
    void waitsForData() throws IOException {
        StreamReader stream = new StreamReader();
        byte[] into = new byte[30];
        Task<Integer> read = Asyncio.createTask(stream.readInto(into, 0, into.length));
        Await.on(Asyncio.sleep(0));
        stream.feedData(bytes("data"));
        assertEquals(4, Await.on(read), "boxed for a task's result");
        assertEquals("data", text(into).substring(0, 4));
    }

    @Test // As test_streams.StreamTests.test_read_eof, and sock_recv_into: 0 at EOF, after the last bytes
    @Async
    void returnsZeroAtEof() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("end"));
        stream.feedEof();
        byte[] into = new byte[8];
        assertEquals(3, (int) Await.on(stream.readInto(into, 0, 8)));
        assertEquals(0, (int) Await.on(stream.readInto(into, 0, 8)));
    }

    @Test // As test_streams.StreamTests.test_read_eof: a waiting readInto is woken by EOF with 0
    @Async
    void aWaitingReadReturnsZeroAtEof() throws IOException {
        StreamReader stream = new StreamReader();
        Task<Integer> read = Asyncio.createTask(stream.readInto(new byte[1], 0, 1));
        Await.on(Asyncio.sleep(0));
        stream.feedEof();
        assertEquals(0, Await.on(read));
    }

    @Test // As test_streams.StreamTests.test_read_zero: a zero length returns 0 at once and takes nothing
    @Async
    void zeroLengthReturnsAtOnce() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("kept"));
        assertEquals(0, (int) Await.on(stream.readInto(new byte[4], 0, 0)));
        assertEquals("kept", text(Await.on(stream.read(4))));
    }

    @Test // As test_streams.StreamTests.test_read_exception
    @Async
    void throwsTheReadersException() throws IOException {
        StreamReader stream = new StreamReader();
        IllegalStateException error = new IllegalStateException("reset");
        stream.setException(error);
        assertSame(error, Await.on(failureOf(stream.readInto(new byte[4], 0, 4))));
    }

    @Test // Weft: a cancelled readInto leaves both the array and the stream's bytes alone
    @Async
    void aCancelledReadLeavesTheArrayAndTheBytes() throws IOException {
        StreamReader stream = new StreamReader();
        byte[] into = bytes("untouched");
        Task<Integer> read = Asyncio.createTask(stream.readInto(into, 0, into.length));
        Await.on(Asyncio.sleep(0));
        stream.feedData(bytes("arrived"));
        read.cancel(); // woken with the data, cancelled before it ran
        assertTrue(Await.on(failureOf(read)) instanceof CancelledError);
        assertEquals("untouched", text(into));
        assertEquals("arrived", text(Await.on(stream.read(100))));
    }

    @Test // Weft: bounds are checked when called, as Java's InputStream.read(byte[], int, int) does
    void refusesBoundsOutsideTheArray() {
        StreamReader stream = new StreamReader();
        assertThrows(IndexOutOfBoundsException.class, () -> stream.readInto(new byte[4], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> stream.readInto(new byte[4], -1, 1));
    }

    @Test // Weft: a loop of readInto reuses one coroutine object; one not yet awaited keeps its own
    @Async
    void aFinishedReadIsHandedOutAgain() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("abcdef"));
        byte[] into = new byte[2];
        Coroutine<Integer> first = stream.readInto(into, 0, 2);
        Coroutine<Integer> notYetAwaited = stream.readInto(into, 0, 1);
        assertNotSame(first, notYetAwaited);
        assertEquals(2, (int) Await.on(first));
        assertEquals("ab", text(into));
        assertEquals(1, (int) Await.on(notYetAwaited));
        assertEquals("cb", text(into));
        Coroutine<Integer> next = stream.readInto(into, 0, 2);
        assertSame(notYetAwaited, next, "the finished one is handed out again");
        assertEquals(2, (int) Await.on(next));
        assertEquals("de", text(into));
    }

    @Test // Weft: write(data, offset, length) sends the slice, and the array is the caller's again at once
    @Async
    void writeSendsTheSliceAndReadIntoEchoesIt() throws IOException {
        Server server = Await.on(Asyncio.startServer(ReadIntoTest::echo, LOOPBACK, 0));
        try (Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()))) {
            byte[] message = bytes("[hello, world]");
            c.writer().write(message, 1, 12);
            message[1] = '!'; // the loop has the bytes already
            c.writer().writeEof();
            byte[] answer = Await.on(c.reader().read(-1));
            assertArrayEquals(bytes("hello, world"), answer);
        } finally {
            server.close();
            Await.on(server.waitClosed());
        }
    }

    /** The echo loop readInto exists for: one array, no allocation per read. */
    @Async
    private static Coroutine<Void> echo(StreamReader in, StreamWriter out) throws IOException {
        byte[] buffer = new byte[5]; // smaller than a message: several reads per message
        int n;
        while ((n = Await.on(in.readInto(buffer, 0, buffer.length))) > 0) {
            out.write(buffer, 0, n);
            Await.on(out.drain());
        }
        out.close();
        return Coroutine.done();
    }
}
