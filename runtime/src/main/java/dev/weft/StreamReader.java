package dev.weft;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Python's {@code asyncio.StreamReader}: the bytes a connection (or a child process's pipe) has
 * received, read by coroutines.
 *
 * <pre>{@code
 * byte[] header = Await.on(reader.readuntil("\r\n\r\n".getBytes(US_ASCII)));
 * byte[] body = Await.on(reader.readexactly(length));
 * }</pre>
 *
 * <p>The reader buffers at most its limit (64 KiB by default) before it stops reading from its
 * transport, and reads again once a read has brought the buffer back to the limit. Only one
 * coroutine may wait for data at a time. A read that is cancelled, or that fails with
 * {@link LimitOverrunError}, consumes nothing: the bytes stay for the next read.
 *
 * <p>Differs from Python: {@link #readline()} of a line longer than the limit throws
 * {@link LimitOverrunError} and keeps the data, where Python raises {@code ValueError} and drops
 * it; and the reader stops reading from the socket above its limit, not above twice its limit.
 */
public final class StreamReader {
    /** Python's {@code _DEFAULT_LIMIT}: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};
    /** What a waiting read is woken with: the buffer, EOF or the exception changed. */
    private static final Object CHANGED = Boolean.TRUE;

    private final int limit;
    /** The buffered bytes are {@code buffer[start, end)}. */
    private byte[] buffer = EMPTY;
    private int start;
    private int end;
    private boolean eof;
    private Throwable exception;
    private Transport transport;
    private boolean paused;
    private Read<?> waiter;
    /** The last {@link #readInto} coroutine, handed out again once it has finished (see {@link Coroutine#rearmedOrNull}). */
    private ReadInto lastReadInto;

    /** A reader with the default limit, fed by hand with {@link #feedData} (as asyncio's tests do). */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /** A reader buffering at most {@code limit} bytes from its transport. */
    public StreamReader(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("StreamReader limit must be positive, not " + limit);
        }
        this.limit = limit;
    }

    /** The limit given at creation. */
    public int limit() {
        return limit;
    }

    void setTransport(Transport transport) {
        this.transport = transport;
    }

    /** Python's {@code exception()}: the error the connection failed with, or null. */
    public Throwable exception() {
        return exception;
    }

    /** Python's {@code set_exception}: every read from now on throws {@code error}; a waiting read is woken with it. */
    public void setException(Throwable error) {
        exception = error;
        wakeWaiter();
    }

    /** Python's {@code feed_eof}: no more data will come. */
    public void feedEof() {
        eof = true;
        wakeWaiter();
    }

    /** Python's {@code at_eof}: true once EOF was fed and the buffer is empty. */
    public boolean atEof() {
        return eof && start == end;
    }

    /** Python's {@code feed_data}: appends {@code data} (copied) to the buffer. */
    public void feedData(byte[] data) {
        feedData(ByteBuffer.wrap(data));
    }

    /** Appends the remaining bytes of {@code data}, copied: transports hand their read buffer here. */
    void feedData(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof: the stream has ended");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        ensureRoom(n);
        data.get(buffer, end, n);
        end += n;
        wakeWaiter();
        if (transport != null && !paused && end - start > limit) {
            paused = true;
            transport.pauseReading();
        }
    }

    private void ensureRoom(int n) {
        if (buffer.length - end >= n) {
            return;
        }
        int size = end - start;
        if (buffer.length - size >= n && start >= size) {
            // Plenty of room once the consumed head is dropped.
            System.arraycopy(buffer, start, buffer, 0, size);
        } else {
            buffer = Arrays.copyOfRange(buffer, start, start + Math.max(size + n, Math.max(buffer.length * 2, 4096)));
        }
        start = 0;
        end = size;
    }

    private void wakeWaiter() {
        Read<?> w = waiter;
        if (w != null && w.isPending()) {
            w.wakeUp(CHANGED);
        }
    }

    /** Python's {@code _maybe_resume_transport}. */
    private void maybeResumeTransport() {
        if (paused && end - start <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    /** Takes the first {@code n} buffered bytes. */
    private byte[] take(int n) {
        byte[] chunk = Arrays.copyOfRange(buffer, start, start + n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        maybeResumeTransport();
        return chunk;
    }

    /** Puts {@code data} back in front of the buffer (what a cancelled {@code read(-1)} had gathered). */
    private void unread(byte[] data) {
        byte[] joined = new byte[data.length + end - start];
        System.arraycopy(data, 0, joined, 0, data.length);
        System.arraycopy(buffer, start, joined, data.length, end - start);
        buffer = joined;
        start = 0;
        end = joined.length;
    }

    private int indexOf(byte[] separator, int from) {
        outer:
        for (int i = start + from, last = end - separator.length; i <= last; i++) {
            for (int j = 0; j < separator.length; j++) {
                if (buffer[i + j] != separator[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    /**
     * Python's {@code read(n)}: up to {@code n} bytes, at least one unless at EOF (then empty);
     * {@code n = -1} reads to EOF; {@code n = 0} returns an empty array at once.
     */
    public Coroutine<byte[]> read(int n) throws IOException {
        if (n < -1) {
            throw new IllegalArgumentException("read(" + n + "): pass a byte count, or -1 to read to EOF");
        }
        return n == -1 ? new ReadToEof() : new Read<>() {
            @Override
            byte[] attempt() throws Throwable {
                throwIfFailed();
                if (n == 0) {
                    return EMPTY;
                }
                if (start == end) {
                    return eof ? EMPTY : null;
                }
                return take(Math.min(n, end - start));
            }
        };
    }

    /**
     * Reads up to {@code length} bytes into {@code destination} from {@code offset}, waiting for at
     * least one unless at EOF, and returns how many: 0 at EOF (or when {@code length} is 0), as
     * asyncio's {@code sock_recv_into} does. It is {@code read(n)} into the caller's array: a loop
     * that reuses one array allocates nothing per read.
     *
     * <pre>{@code
     * byte[] buffer = new byte[8192];
     * int n;
     * while ((n = Await.on(reader.readInto(buffer, 0, buffer.length))) > 0) {
     *     writer.write(buffer, 0, n);
     *     Await.on(writer.drain());
     * }
     * }</pre>
     *
     * <p>Python's {@code StreamReader} has no such method; this one mirrors {@code loop.sock_recv_into}
     * and Java's {@code InputStream.read(byte[], int, int)}, which returns -1 at EOF instead. The
     * array is written only when the read completes: a cancelled read leaves it, and the stream's
     * bytes, alone. Once a {@code readInto} has finished, the next call hands out its coroutine
     * again, so keep the count, not the coroutine.
     */
    public Coroutine<Integer> readInto(byte[] destination, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, destination.length);
        ReadInto read = Coroutine.rearmedOrNull(lastReadInto);
        if (read == null) {
            read = lastReadInto = new ReadInto();
        }
        read.destination = destination;
        read.offset = offset;
        read.length = length;
        return read;
    }

    /**
     * Python's {@code readline()}: the bytes up to and including the next {@code \n}; at EOF, what
     * is left (possibly a partial line, or empty).
     *
     * @throws LimitOverrunError (at the await) when the line is longer than the limit; its bytes
     *                           stay in the buffer (Python drops them and raises {@code ValueError})
     */
    public Coroutine<byte[]> readline() throws IOException {
        return new Read<>() {
            @Override
            byte[] attempt() throws Throwable {
                byte[] line = findUntil(NEWLINE);
                if (line == null && eof) {
                    return take(end - start);
                }
                return line;
            }
        };
    }

    /**
     * Python's {@code readexactly(n)}: exactly {@code n} bytes.
     *
     * @throws IncompleteReadError (at the await) when EOF comes first; it carries what was left,
     *                             which is consumed
     */
    public Coroutine<byte[]> readexactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly(" + n + "): the byte count must not be negative");
        }
        return new Read<>() {
            @Override
            byte[] attempt() throws Throwable {
                throwIfFailed();
                if (end - start >= n) {
                    return take(n);
                }
                if (eof) {
                    throw new IncompleteReadError(take(end - start), n);
                }
                return null;
            }
        };
    }

    /**
     * Python's {@code readuntil(separator)}: the bytes up to and including {@code separator}.
     *
     * @throws IncompleteReadError (at the await) when EOF comes first: it carries everything left,
     *                             which is consumed ({@code expected()} is null)
     * @throws LimitOverrunError   (at the await) when more than the limit would be needed; nothing is consumed
     */
    public Coroutine<byte[]> readuntil(byte[] separator) throws IOException {
        if (separator.length == 0) {
            throw new IllegalArgumentException("readuntil: the separator must contain at least one byte");
        }
        byte[] sep = separator.clone();
        return new Read<>() {
            @Override
            byte[] attempt() throws Throwable {
                byte[] chunk = findUntil(sep);
                if (chunk == null && eof) {
                    throw new IncompleteReadError(take(end - start), null);
                }
                return chunk;
            }
        };
    }

    /** The bytes through {@code separator} if buffered; null if more data is needed (and may come). */
    private byte[] findUntil(byte[] separator) throws Throwable {
        throwIfFailed();
        int found = indexOf(separator, 0);
        if (found < 0) {
            int scanned = end - start + 1 - separator.length;
            if (scanned > limit) {
                throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", scanned);
            }
            return null;
        }
        if (found > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", found);
        }
        return take(found + separator.length);
    }

    private void throwIfFailed() throws Throwable {
        if (exception != null) {
            throw exception;
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("StreamReader[");
        s.append(end - start).append(" bytes");
        if (eof) {
            s.append(", eof");
        }
        if (limit != DEFAULT_LIMIT) {
            s.append(", limit=").append(limit);
        }
        if (exception != null) {
            s.append(", exception=").append(exception);
        }
        if (waiter != null) {
            s.append(", waiter");
        }
        if (paused) {
            s.append(", paused");
        }
        return s.append(']').toString();
    }

    /**
     * One read: {@link #attempt()} answers from the buffer, or returns null to wait for data. It
     * takes bytes only when it returns them, so a read cancelled while it waits consumes nothing.
     */
    private abstract class Read<R> extends Waiting<R> {
        /** What was read, or null to wait for more data. */
        abstract Object attempt() throws Throwable;

        @Override
        Object begin() {
            if (waiter != null) {
                throw new IllegalStateException("a read was started while another coroutine is already waiting for"
                        + " incoming data on " + StreamReader.this + ": read from one task at a time");
            }
            return attemptOrWait();
        }

        @Override
        Object woken(Object value) {
            waiter = null;
            return attemptOrWait();
        }

        @Override
        void abandon(Object wokenWith, Throwable error) {
            waiter = null;
        }

        @Override
        WaiterQueue queue() {
            return null;
        }

        private Object attemptOrWait() {
            Object result;
            try {
                result = attempt();
            } catch (Throwable t) {
                throw Exceptions.sneaky(t);
            }
            if (result != null) {
                return result;
            }
            if (paused) {
                // The data the read waits for is beyond the limit: let it in.
                paused = false;
                transport.resumeReading();
            }
            waiter = this;
            return suspend();
        }
    }

    /** {@code read(-1)}: gathers everything to EOF, giving it back to the buffer if cancelled. */
    private final class ReadToEof extends Read<byte[]> {
        private byte[] gathered = EMPTY;
        private int size;

        @Override
        byte[] attempt() throws Throwable {
            throwIfFailed();
            int n = end - start;
            if (n > 0) {
                if (gathered.length - size < n) {
                    gathered = Arrays.copyOf(gathered, Math.max(size + n, gathered.length * 2));
                }
                System.arraycopy(buffer, start, gathered, size, n);
                size += n;
                start = 0;
                end = 0;
                maybeResumeTransport();
            }
            return eof ? Arrays.copyOf(gathered, size) : null;
        }

        @Override
        void abandon(Object wokenWith, Throwable error) {
            super.abandon(wokenWith, error);
            if (size > 0) {
                unread(Arrays.copyOf(gathered, size));
                gathered = EMPTY;
                size = 0;
            }
        }
    }

    /** {@link #readInto}: the count travels unboxed to an {@code int} awaiting it. */
    private final class ReadInto extends Read<Integer> {
        byte[] destination;
        int offset;
        int length;

        @Override
        Object attempt() throws Throwable {
            throwIfFailed();
            int n = Math.min(length, end - start);
            if (n == 0 && length > 0 && !eof) {
                return null;
            }
            System.arraycopy(buffer, start, destination, offset, n);
            start += n;
            if (start == end) {
                start = 0;
                end = 0;
            }
            maybeResumeTransport();
            return WovenCode.$returnInt(n, this);
        }
    }
}
