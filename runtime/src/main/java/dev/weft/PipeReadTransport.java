package dev.weft;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A child process's stdout or stderr as a transport. The JDK's process pipes only block, so a
 * small daemon thread reads them and hands each chunk to the loop with
 * {@link EventLoop#callSoonThreadsafe}; it reads the next chunk only once the loop has taken the
 * last one and the reader has not paused it (its limit), so a child that writes faster than the
 * program reads waits on its pipe, as with asyncio, and the loop thread never blocks.
 */
final class PipeReadTransport extends Transport {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final Thread pump;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the reader asked to stop. */
    private boolean paused;
    /** Guarded by {@link #lock}: a chunk is on its way to the loop. */
    private boolean inFlight;
    /** Guarded by {@link #lock}: the transport is closed; the pump ends. */
    private boolean stopped;
    /** On the loop's thread: no more data reaches the protocol. */
    private boolean closed;
    private final Closeable onLoopClose = this::stop;

    PipeReadTransport(EventLoop loop, InputStream in, String name) {
        super(loop);
        this.in = in;
        this.pump = new Thread(this::pump, name);
        pump.setDaemon(true);
        loop.io().own(onLoopClose);
    }

    /** Starts the pump; until the pipe ends, its bytes are work in flight for a virtual clock. */
    @Override
    void start(Protocol protocol) {
        this.protocol = protocol;
        loop.inFlightStarted();
        pump.start();
    }

    /** The pump thread's body. */
    private void pump() {
        byte[] buffer = new byte[CHUNK];
        try {
            while (true) {
                synchronized (lock) {
                    while ((paused || inFlight) && !stopped) {
                        lock.wait();
                    }
                    if (stopped) {
                        return;
                    }
                }
                int n = in.read(buffer);
                if (n < 0) {
                    post(this::ended);
                    return;
                }
                byte[] chunk = Arrays.copyOf(buffer, n);
                synchronized (lock) {
                    inFlight = true;
                }
                post(() -> delivered(chunk));
            }
        } catch (IOException e) {
            post(() -> failed(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands {@code r} to the loop; a loop closed meanwhile ends the pump. */
    private void post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
        } catch (IllegalStateException loopClosed) {
            stop();
        }
    }

    private void delivered(byte[] chunk) {
        if (!closed) {
            protocol.dataReceived(ByteBuffer.wrap(chunk));
        }
        synchronized (lock) {
            inFlight = false;
            lock.notifyAll();
        }
    }

    private void ended() {
        if (!closed) {
            protocol.eofReceived();
            finish(null);
        }
    }

    private void failed(IOException error) {
        if (!closed) {
            finish(error);
        }
    }

    private void finish(Throwable error) {
        closed = true;
        loop.inFlightEnded();
        loop.io().disown(onLoopClose);
        stop();
        protocol.connectionLost(error);
    }

    /** Ends the pump and closes the pipe (from any thread). */
    private void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // The pipe is being abandoned; the child sees it closed either way.
        }
    }

    @Override
    void write(ByteBuffer data) {
        throw new UnsupportedOperationException("a child's output pipe cannot be written to");
    }

    @Override
    int writeBufferSize() {
        return 0;
    }

    @Override
    boolean canWriteEof() {
        return false;
    }

    @Override
    void writeEof() {
        throw new UnsupportedOperationException("a child's output pipe cannot be written to");
    }

    @Override
    boolean isClosing() {
        return closed;
    }

    @Override
    void close() {
        if (!closed) {
            loop.callSoon(() -> {
                if (!closed) {
                    finish(null);
                }
            });
        }
    }

    @Override
    void abort() {
        close();
    }

    @Override
    void pauseReading() {
        synchronized (lock) {
            paused = true;
        }
    }

    @Override
    void resumeReading() {
        synchronized (lock) {
            paused = false;
            lock.notifyAll();
        }
    }

    @Override
    Object extraInfo(String name) {
        return null;
    }

    @Override
    public String toString() {
        return "PipeReadTransport[" + pump.getName() + (closed ? ", closed" : "") + "]";
    }
}
