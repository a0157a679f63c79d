package dev.weft;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * asyncio's {@code _SelectorSocketTransport}: a non-blocking {@link SocketChannel} (TCP or Unix
 * domain) on the loop's selector. It reads into the loop's direct buffer, sends at once while its
 * buffer is empty, and otherwise queues copies and sends them with gathering writes when the
 * socket is writable.
 */
final class SocketTransport extends Transport {
    /** How many queued buffers one gathering write hands to the kernel. */
    private static final int GATHER = 64;

    private final SocketChannel channel;
    private final IoReactor io;
    private final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[GATHER];
    private int pendingBytes;
    private boolean closing;
    private boolean eofRequested;
    private boolean eofWritten;
    private boolean readingPaused;
    /** The peer's EOF arrived: there is nothing more to read. */
    private boolean inputEnded;
    private boolean lost;
    private final Runnable onReadable = this::readReady;
    private final Runnable onWritable = this::writeReady;

    /** Takes ownership of {@code channel}, already connected and non-blocking; reading starts with {@link #start}. */
    SocketTransport(EventLoop loop, SocketChannel channel) {
        super(loop);
        this.channel = channel;
        this.io = loop.io();
        io.own(channel);
    }

    /** Starts reading for {@code protocol}; once started, hands what arrives to {@code protocol} instead (a TLS upgrade). */
    @Override
    void start(Protocol protocol) {
        boolean first = this.protocol == null;
        this.protocol = protocol;
        if (first && !readingPaused) {
            loop.addReader(channel, onReadable);
        }
    }

    private void readReady() {
        if (lost) {
            return;
        }
        ByteBuffer buffer = io.readBuffer.clear();
        int n;
        try {
            n = channel.read(buffer);
        } catch (IOException e) {
            fatalError(e);
            return;
        }
        if (n > 0) {
            protocol.dataReceived(buffer.flip());
        } else if (n < 0) {
            loop.removeReader(channel);
            inputEnded = true;
            if (!protocol.eofReceived()) {
                close();
            }
        }
    }

    @Override
    void write(ByteBuffer data) {
        if (!checkWritable()) {
            return;
        }
        if (pending.isEmpty()) {
            try {
                sendNow(data);
            } catch (IOException e) {
                fatalError(e);
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, onWritable);
        }
        enqueue(data);
        maybePauseProtocol();
    }

    /**
     * The usual write, a small array while nothing is queued, goes straight into the loop's direct
     * buffer: no wrapper per write.
     */
    @Override
    void write(byte[] data, int offset, int length) {
        ByteBuffer direct = io.writeBuffer;
        if (!pending.isEmpty() || length > direct.capacity()) {
            write(ByteBuffer.wrap(data, offset, length));
            return;
        }
        if (!checkWritable()) {
            return;
        }
        direct.clear().put(data, offset, length).flip();
        try {
            channel.write(direct);
        } catch (IOException e) {
            fatalError(e);
            return;
        }
        if (direct.hasRemaining()) {
            loop.addWriter(channel, onWritable);
            enqueue(direct);
            maybePauseProtocol();
        }
    }

    /** Writes what the socket takes of {@code data} now, through the loop's direct buffer when it fits. */
    private void sendNow(ByteBuffer data) throws IOException {
        ByteBuffer direct = io.writeBuffer;
        int n = data.remaining();
        if (data.isDirect() || n > direct.capacity()) {
            channel.write(data);
            return;
        }
        direct.clear().put(0, data, data.position(), n).limit(n);
        data.position(data.position() + channel.write(direct));
    }

    @Override
    void writelines(List<byte[]> data) {
        if (!checkWritable()) {
            return;
        }
        boolean wasEmpty = pending.isEmpty();
        for (byte[] d : data) {
            if (d.length > 0) {
                // Copied now: the caller may reuse its arrays once writelines returns.
                pending.add(ByteBuffer.wrap(d.clone()));
                pendingBytes += d.length;
            }
        }
        if (wasEmpty && !pending.isEmpty()) {
            loop.addWriter(channel, onWritable);
            flush();
        } else {
            maybePauseProtocol();
        }
    }

    /** Whether bytes may be written now; asyncio's {@code write} ignores them once the connection is lost. */
    private boolean checkWritable() {
        if (eofRequested) {
            throw new IllegalStateException("cannot write after writeEof(): the sending side is closed");
        }
        return !lost;
    }

    private void enqueue(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        pending.add(copy);
        pendingBytes += copy.remaining();
    }

    private void writeReady() {
        if (!lost) {
            flush();
        }
    }

    /** Sends what the socket takes of the queue; stops watching for writability once it is empty. */
    private void flush() {
        int count = 0;
        for (ByteBuffer b : pending) {
            gather[count++] = b;
            if (count == GATHER) {
                break;
            }
        }
        long written;
        try {
            written = channel.write(gather, 0, count);
        } catch (IOException e) {
            fatalError(e);
            return;
        } finally {
            Arrays.fill(gather, 0, count, null);
        }
        pendingBytes -= (int) written;
        for (ByteBuffer b; (b = pending.peek()) != null && !b.hasRemaining(); ) {
            pending.poll();
        }
        if (!pending.isEmpty()) {
            maybePauseProtocol();
            return;
        }
        loop.removeWriter(channel);
        maybeResumeProtocol();
        if (closing) {
            connectionLostSoon(null);
        } else if (eofRequested) {
            shutdownOutput();
        }
    }

    @Override
    int writeBufferSize() {
        return pendingBytes;
    }

    @Override
    boolean canWriteEof() {
        return true;
    }

    @Override
    void writeEof() {
        if (closing || eofRequested) {
            return;
        }
        eofRequested = true;
        if (pending.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        if (eofWritten) {
            return;
        }
        eofWritten = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(e);
        }
    }

    @Override
    boolean isClosing() {
        return closing;
    }

    @Override
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (pending.isEmpty()) {
            connectionLostSoon(null);
        }
    }

    @Override
    void abort() {
        forceClose(null);
    }

    /** asyncio's {@code _fatal_error}: the socket failed; the connection is lost with {@code error}. */
    private void fatalError(IOException error) {
        forceClose(error);
    }

    private void forceClose(Throwable error) {
        if (lost) {
            return;
        }
        if (!pending.isEmpty()) {
            pending.clear();
            pendingBytes = 0;
            loop.removeWriter(channel);
        }
        if (!closing) {
            closing = true;
            loop.removeReader(channel);
        }
        connectionLostSoon(error);
    }

    private void connectionLostSoon(Throwable error) {
        lost = true;
        loop.callSoon(() -> connectionLost(error));
    }

    private void connectionLost(Throwable error) {
        try {
            protocol.connectionLost(error);
        } finally {
            closeChannel();
        }
    }

    private void closeChannel() {
        io.disown(channel);
        try {
            channel.close();
        } catch (IOException e) {
            loop.callExceptionHandler(new ExceptionContext("error closing socket", e, this));
        }
    }

    @Override
    void pauseReading() {
        if (closing || readingPaused) {
            return;
        }
        readingPaused = true;
        loop.removeReader(channel);
    }

    @Override
    void resumeReading() {
        if (closing || !readingPaused || inputEnded) {
            return;
        }
        readingPaused = false;
        if (protocol != null) {
            loop.addReader(channel, onReadable);
        }
    }

    @Override
    Object extraInfo(String name) {
        try {
            return switch (name) {
                case "peername" -> channel.getRemoteAddress();
                case "sockname" -> channel.getLocalAddress();
                case "socket" -> channel;
                default -> null;
            };
        } catch (IOException closed) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "SocketTransport[" + channel + (closing ? ", closing" : "") + "]";
    }
}
