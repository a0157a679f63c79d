package dev.weft;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A child process's stdin as a transport: a small daemon thread writes what the loop queued, since
 * the JDK's process pipes only block, and reports each chunk written back to the loop, which
 * keeps the buffer count that {@code drain()}'s flow control uses. Closing (or {@code writeEof})
 * closes the pipe once everything queued is written.
 */
final class PipeWriteTransport extends Transport {
    /** Queued to make the writer thread close the pipe and end. */
    private static final byte[] END = new byte[0];

    private final OutputStream out;
    private final Thread writer;
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private int pendingBytes;
    private boolean closing;
    private boolean lost;
    private final Closeable onLoopClose = this::stopNow;

    PipeWriteTransport(EventLoop loop, OutputStream out, String name) {
        super(loop);
        this.out = out;
        this.writer = new Thread(this::drainQueue, name);
        writer.setDaemon(true);
        loop.io().own(onLoopClose);
    }

    @Override
    void start(Protocol protocol) {
        this.protocol = protocol;
        writer.start();
    }

    /** The writer thread's body. */
    private void drainQueue() {
        try {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == END) {
                    out.close();
                    post(() -> lost(null));
                    return;
                }
                out.write(chunk);
                out.flush();
                post(() -> written(chunk.length));
            }
        } catch (IOException e) {
            closeQuietly();
            post(() -> lost(e));
        } catch (InterruptedException e) {
            closeQuietly();
        }
    }

    private void post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
        } catch (IllegalStateException loopClosed) {
            // Nobody is left to tell.
        }
    }

    private void written(int n) {
        pendingBytes -= n;
        maybeResumeProtocol();
    }

    private void lost(Throwable error) {
        if (lost) {
            return;
        }
        lost = true;
        closing = true;
        pendingBytes = 0;
        loop.io().disown(onLoopClose);
        protocol.connectionLost(error);
    }

    @Override
    void write(ByteBuffer data) {
        // As asyncio's pipe transport: writes after the pipe closed are dropped.
        if (closing || !data.hasRemaining()) {
            return;
        }
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        pendingBytes += copy.length;
        queue.add(copy);
        maybePauseProtocol();
    }

    @Override
    int writeBufferSize() {
        return pendingBytes;
    }

    @Override
    boolean canWriteEof() {
        return true;
    }

    /** A pipe's EOF is its close. */
    @Override
    void writeEof() {
        close();
    }

    @Override
    boolean isClosing() {
        return closing;
    }

    @Override
    void close() {
        if (!closing) {
            closing = true;
            queue.add(END);
        }
    }

    @Override
    void abort() {
        closing = true;
        stopNow();
        loop.callSoon(() -> lost(null));
    }

    /** Drops what is queued and closes the pipe at once (from any thread). */
    private void stopNow() {
        queue.clear();
        writer.interrupt();
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // Closing a pipe the child already closed: nothing more to do.
        }
    }

    @Override
    void pauseReading() {
        // Nothing is read from a child's stdin.
    }

    @Override
    void resumeReading() {
        // Nothing is read from a child's stdin.
    }

    @Override
    Object extraInfo(String name) {
        return null;
    }

    @Override
    public String toString() {
        return "PipeWriteTransport[" + writer.getName() + (closing ? ", closing" : "") + "]";
    }
}
