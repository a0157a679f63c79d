package dev.weft.it.streams;

import static dev.weft.it.Fixtures.failureOf;
import static dev.weft.it.streams.Net.bytes;
import static dev.weft.it.streams.Net.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.IncompleteReadError;
import dev.weft.LimitOverrunError;
import dev.weft.StreamReader;
import dev.weft.Task;
import dev.weft.test.WeftExtension;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link StreamReader} fed by hand, case for case as CPython's test_streams.py StreamTests. */
@ExtendWith(WeftExtension.class)
@Timeout(60)
class StreamReaderTest {
    private static final String DATA = "line1\nline2\nline3\n";

    /** What is left in {@code stream}: ends it and reads everything (asyncio's tests look at {@code _buffer}). */
    @Async
    private static Coroutine<String> rest(StreamReader stream) throws IOException {
        stream.feedEof();
        return Coroutine.of(text(Await.on(stream.read(-1))));
    }

    @Async
    private static Coroutine<Void> later(StreamReader stream, String... chunks) {
        Await.on(Asyncio.sleep(0));
        for (String c : chunks) {
            stream.feedData(bytes(c));
        }
        return Coroutine.done();
    }

    @Test // Mirrors test_streams.StreamTests.test_feed_empty_data
    @Async
    void feedEmptyData() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(new byte[0]);
        assertEquals("", Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_read_zero
    @Async
    void readZero() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes(DATA));
        assertEquals(0, Await.on(stream.read(0)).length);
        assertEquals(DATA, Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_read
    @Async
    void readWaitsForData() throws IOException {
        StreamReader stream = new StreamReader();
        Asyncio.createTask(later(stream, DATA));
        assertEquals(DATA, text(Await.on(stream.read(30))));
        assertEquals("", Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_read_line_breaks
    @Async
    void readLineBreaks() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("line1"));
        stream.feedData(bytes("line2"));
        assertEquals("line1", text(Await.on(stream.read(5))));
        assertEquals("line2", Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_read_eof
    @Async
    void readEof() throws IOException {
        StreamReader stream = new StreamReader();
        Task<byte[]> read = Asyncio.createTask(stream.read(1024));
        Await.on(Asyncio.sleep(0));
        stream.feedEof();
        assertEquals(0, Await.on(read).length);
    }

    @Test // Mirrors test_streams.StreamTests.test_read_until_eof
    @Async
    void readUntilEof() throws IOException {
        StreamReader stream = new StreamReader();
        Task<byte[]> read = Asyncio.createTask(stream.read(-1));
        Await.on(Asyncio.sleep(0));
        stream.feedData(bytes("chunk1\n"));
        stream.feedData(bytes("chunk2"));
        stream.feedEof();
        assertEquals("chunk1\nchunk2", text(Await.on(read)));
    }

    @Test // Mirrors test_streams.StreamTests.test_read_exception
    @Async
    void readException() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("line\n"));
        assertEquals("li", text(Await.on(stream.read(2))));
        IllegalArgumentException error = new IllegalArgumentException();
        stream.setException(error);
        try {
            Await.on(stream.read(2));
            fail("expected the reader's exception");
        } catch (IllegalArgumentException e) {
            assertSame(error, e);
        }
    }

    @Test // Mirrors test_streams.StreamTests.test_invalid_limit
    void invalidLimit() {
        assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));
        assertThrows(IllegalArgumentException.class, () -> new StreamReader(-1));
    }

    @Test // Mirrors test_streams.StreamTests.test_read_limit
    @Async
    void readIgnoresLimit() throws IOException {
        StreamReader stream = new StreamReader(3);
        stream.feedData(bytes("chunk"));
        assertEquals("chunk", text(Await.on(stream.read(5))));
        assertEquals("", Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_readline
    @Async
    void readlineWaitsForTheNewline() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("chunk1 "));
        Asyncio.createTask(later(stream, "chunk2 ", "chunk3 ", "\n chunk4"));
        assertEquals("chunk1 chunk2 chunk3 \n", text(Await.on(stream.readline())));
        assertEquals(" chunk4", Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_readline_limit_with_existing_data (Weft keeps the data: see StreamReader)
    @Async
    void readlineLimitWithExistingDataKeepsTheData() throws IOException {
        StreamReader stream = new StreamReader(3);
        stream.feedData(bytes("li"));
        stream.feedData(bytes("ne1\nline2\n"));
        LimitOverrunError error = (LimitOverrunError) Await.on(failureOf(stream.readline()));
        assertEquals(5, error.consumed());
        assertEquals("line1\nline2\n", Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_at_eof
    @Async
    void atEof() throws IOException {
        StreamReader stream = new StreamReader();
        assertFalse(stream.atEof());
        stream.feedData(bytes("some data\n"));
        assertFalse(stream.atEof());
        Await.on(stream.readline());
        assertFalse(stream.atEof());
        stream.feedData(bytes("some data\n"));
        stream.feedEof();
        Await.on(stream.readline());
        assertTrue(stream.atEof());
    }

    @Test // Mirrors test_streams.StreamTests.test_readline_limit (Weft keeps the over-long line)
    @Async
    void readlineLimit() throws IOException {
        StreamReader stream = new StreamReader(7);
        Asyncio.createTask(later(stream, "chunk1", "chunk2", "chunk3\n"));
        assertTrue(Await.on(failureOf(stream.readline())) instanceof LimitOverrunError);
        assertEquals("chunk1chunk2chunk3\n", Await.on(rest(stream)));

        // The limit is strict: a line of limit bytes plus its newline fits; one more byte does not.
        StreamReader strict = new StreamReader(7);
        strict.feedData(bytes("1234567\n"));
        assertEquals("1234567\n", text(Await.on(strict.readline())));
        strict.feedData(bytes("12345678\n"));
        LimitOverrunError error = (LimitOverrunError) Await.on(failureOf(strict.readline()));
        assertEquals(8, error.consumed());
        // The caller can skip past the over-long line: nothing was lost.
        assertEquals("12345678\n", text(Await.on(strict.readexactly(error.consumed() + 1))));
    }

    @Test // Mirrors test_streams.StreamTests.test_readline_nolimit_nowait
    @Async
    void readlineNoWait() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes(DATA.substring(0, 6)));
        stream.feedData(bytes(DATA.substring(6)));
        assertEquals("line1\n", text(Await.on(stream.readline())));
        assertEquals("line2\nline3\n", Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_readline_eof and test_readline_empty_eof
    @Async
    void readlineAtEof() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("some data"));
        stream.feedEof();
        assertEquals("some data", text(Await.on(stream.readline())));
        assertEquals("", text(Await.on(stream.readline())));
    }

    @Test // Mirrors test_streams.StreamTests.test_readline_read_byte_count
    @Async
    void readlineThenRead() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes(DATA));
        Await.on(stream.readline());
        assertEquals("line2\nl", text(Await.on(stream.read(7))));
        assertEquals("ine3\n", Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_readline_exception
    @Async
    void readlineException() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("line\n"));
        assertEquals("line\n", text(Await.on(stream.readline())));
        stream.setException(new IllegalArgumentException());
        assertTrue(Await.on(failureOf(stream.readline())) instanceof IllegalArgumentException);
    }

    @Test // Mirrors test_streams.StreamTests.test_readuntil_separator
    void readuntilEmptySeparator() {
        assertThrows(IllegalArgumentException.class, () -> new StreamReader().readuntil(new byte[0]));
    }

    @Test // Mirrors test_streams.StreamTests.test_readuntil_multi_chunks and test_readuntil_multi_chunks_1
    @Async
    void readuntilAcrossChunks() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("lineAAAxxx"));
        assertEquals("lineAAA", text(Await.on(stream.readuntil(bytes("AAA")))));
        assertEquals("xxx", text(Await.on(stream.read(3))));
        for (String[] chunks : new String[][] {{"QWEaa", "XYaa", "a"}, {"QWEaa", "XYa", "aa"}}) {
            for (String c : chunks) {
                stream.feedData(bytes(c));
            }
            assertEquals("QWEaaXYaaa", text(Await.on(stream.readuntil(bytes("aaa")))));
        }
        Asyncio.createTask(later(stream, "XXX", "a", "a", "a"));
        assertEquals("XXXaaa", text(Await.on(stream.readuntil(bytes("aaa")))));
        assertEquals("", Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_readuntil_eof
    @Async
    void readuntilEof() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("some dataAA"));
        stream.feedEof();
        IncompleteReadError error = (IncompleteReadError) Await.on(failureOf(stream.readuntil(bytes("AAA"))));
        assertEquals("some dataAA", text(error.partial()));
        assertNull(error.expected());
        assertTrue(error.getMessage().contains("undefined expected bytes"));
        assertTrue(stream.atEof());
    }

    @Test // Mirrors test_streams.StreamTests.test_readuntil_limit_found_sep
    @Async
    void readuntilLimit() throws IOException {
        StreamReader stream = new StreamReader(3);
        stream.feedData(bytes("some dataAA"));
        LimitOverrunError notFound = (LimitOverrunError) Await.on(failureOf(stream.readuntil(bytes("AAA"))));
        assertTrue(notFound.getMessage().contains("not found"));
        stream.feedData(bytes("A"));
        LimitOverrunError found = (LimitOverrunError) Await.on(failureOf(stream.readuntil(bytes("AAA"))));
        assertTrue(found.getMessage().contains("is found"));
        assertEquals("some dataAAA", Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_readexactly_zero_or_less
    @Async
    void readexactlyZeroOrLess() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes(DATA));
        assertEquals(0, Await.on(stream.readexactly(0)).length);
        assertThrows(IllegalArgumentException.class, () -> stream.readexactly(-1));
        assertEquals(DATA, Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_readexactly
    @Async
    void readexactly() throws IOException {
        StreamReader stream = new StreamReader();
        Asyncio.createTask(later(stream, DATA, DATA, DATA));
        assertEquals(DATA + DATA, text(Await.on(stream.readexactly(2 * DATA.length()))));
        assertEquals(DATA, Await.on(rest(stream)));
    }

    @Test // Mirrors test_streams.StreamTests.test_readexactly_limit
    @Async
    void readexactlyBeyondLimit() throws IOException {
        StreamReader stream = new StreamReader(3);
        stream.feedData(bytes("chunk"));
        assertEquals("chunk", text(Await.on(stream.readexactly(5))));
    }

    @Test // Mirrors test_streams.StreamTests.test_readexactly_eof
    @Async
    void readexactlyEof() throws IOException {
        StreamReader stream = new StreamReader();
        Task<Throwable> read = Asyncio.createTask(failureOf(stream.readexactly(2 * DATA.length())));
        Await.on(Asyncio.sleep(0));
        stream.feedData(bytes(DATA));
        stream.feedEof();
        IncompleteReadError error = (IncompleteReadError) Await.on(read);
        assertEquals(DATA, text(error.partial()));
        assertEquals(36, error.expected());
        assertEquals("18 bytes read on a total of 36 expected bytes", error.getMessage());
        assertTrue(stream.atEof());
    }

    @Test // Mirrors test_streams.StreamTests.test_readexactly_exception, test_exception and test_exception_waiter
    @Async
    void exceptionWakesTheWaiter() throws IOException {
        StreamReader stream = new StreamReader();
        assertNull(stream.exception());
        Task<Throwable> waiting = Asyncio.createTask(failureOf(stream.readline()));
        Await.on(Asyncio.sleep(0));
        IllegalStateException error = new IllegalStateException("boom");
        stream.setException(error);
        assertSame(error, stream.exception());
        assertSame(error, Await.on(waiting));
        assertSame(error, Await.on(failureOf(stream.readexactly(2))));
    }

    @Test // Mirrors test_streams.StreamTests.test_exception_cancel
    @Async
    void cancelledReadThenException() throws IOException {
        StreamReader stream = new StreamReader();
        Task<byte[]> t = Asyncio.createTask(stream.readline());
        Await.on(Asyncio.sleep(0));
        t.cancel();
        Await.on(Asyncio.sleep(0));
        stream.setException(new IllegalStateException("message"));
        Await.on(Asyncio.sleep(0));
        assertTrue(t.isCancelled());
        assertFalse(stream.toString().contains("waiter"), stream.toString());
    }

    @Test // Weft: cancelling a read loses no bytes, also for read(-1) which gathers as it goes
    @Async
    void cancelledReadsLoseNoBytes() throws IOException {
        StreamReader stream = new StreamReader();
        stream.feedData(bytes("partial line"));
        Task<byte[]> line = Asyncio.createTask(stream.readline());
        Await.on(Asyncio.sleep(0));
        line.cancel();
        assertTrue(Await.on(failureOf(line)) instanceof CancelledError);
        Task<byte[]> all = Asyncio.createTask(stream.read(-1));
        Await.on(Asyncio.sleep(0));
        stream.feedData(bytes(" and more"));
        Await.on(Asyncio.sleep(0));
        all.cancel();
        assertTrue(Await.on(failureOf(all)) instanceof CancelledError);
        assertEquals("partial line and more", Await.on(rest(stream)));
    }

    @Test // Weft: two coroutines may not wait on one reader (asyncio raises RuntimeError)
    @Async
    void concurrentReadsAreRefused() throws IOException {
        StreamReader stream = new StreamReader();
        Task<byte[]> first = Asyncio.createTask(stream.read(1));
        Await.on(Asyncio.sleep(0));
        assertTrue(Await.on(failureOf(stream.read(1))) instanceof IllegalStateException);
        stream.feedData(bytes("x"));
        assertEquals("x", text(Await.on(first)));
    }

    @Test // Mirrors test_streams.StreamTests.test___repr__ and its variants
    void describesItself() {
        StreamReader stream = new StreamReader(123);
        stream.feedData(bytes("data"));
        assertEquals("StreamReader[4 bytes, limit=123]", stream.toString());
        stream.feedEof();
        assertEquals("StreamReader[4 bytes, eof, limit=123]", stream.toString());
    }
}
