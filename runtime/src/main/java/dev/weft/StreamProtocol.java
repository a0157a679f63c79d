package dev.weft;

import java.net.SocketException;
import java.nio.ByteBuffer;

/**
 * asyncio's {@code StreamReaderProtocol}: joins a {@link Transport} to its {@link StreamReader}
 * (fed with what arrives) and {@link StreamWriter} (whose {@code drain} waits here while the
 * transport's buffer is above its high-water mark, and whose {@code waitClosed} awaits
 * {@link #closed}).
 */
final class StreamProtocol implements Protocol {
    /** What drain waiters are woken with when writing may go on. */
    private static final Object RESUMED = Boolean.TRUE;

    /** Null for a transport that only writes (a child's stdin). */
    final StreamReader reader;
    final Future<Void> closed;
    private final WaiterQueue drainWaiters = new WaiterQueue();
    /** Told when the connection is lost (a server counts its connections so). */
    private final Runnable onLost;
    /** Whether a server accepted the connection: {@code startTls} then takes the server's side, as asyncio's does. */
    final boolean serverSide;
    private boolean paused;
    private boolean lost;
    /** drain()'s answer while nothing holds writing back, handed out again once awaited (see {@link Coroutine#rearmedOrNull}). */
    private Coroutine<Void> drained;

    StreamProtocol(EventLoop loop, StreamReader reader, Runnable onLost, boolean serverSide) {
        this.reader = reader;
        this.onLost = onLost;
        this.serverSide = serverSide;
        this.closed = Streams.reportedElsewhere(loop);
    }

    @Override
    public void dataReceived(ByteBuffer data) {
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public boolean eofReceived() {
        if (reader != null) {
            reader.feedEof();
        }
        return true;
    }

    @Override
    public void connectionLost(Throwable error) {
        lost = true;
        if (reader != null) {
            if (error == null) {
                reader.feedEof();
            } else {
                reader.setException(error);
            }
        }
        if (!closed.isDone()) {
            if (error == null) {
                closed.setResult(null);
            } else {
                closed.setException(error);
            }
        }
        if (paused) {
            drainWaiters.wakeAll(error == null ? RESUMED : error);
        }
        if (onLost != null) {
            onLost.run();
        }
    }

    @Override
    public void pauseWriting() {
        paused = true;
    }

    @Override
    public void resumeWriting() {
        paused = false;
        drainWaiters.wakeAll(RESUMED);
    }

    /**
     * asyncio's {@code drain}: fails with the reader's error or once the connection is lost;
     * otherwise waits only while writing is paused. On a closing transport it first yields once,
     * so that the loss a close is about to report is seen.
     */
    Coroutine<Void> drain(Transport transport) {
        if (!paused && !lost && !transport.isClosing() && (reader == null || reader.exception() == null)) {
            return drainedAtOnce();
        }
        return new Waiting<Void>() {
            private boolean yielded;

            @Override
            Object begin() {
                throwIfFailed();
                if (transport.isClosing() && !lost) {
                    yielded = true;
                    Object suspended = suspend();
                    transport.loop.callSoon(() -> {
                        if (isPending()) {
                            wakeUp(RESUMED);
                        }
                    });
                    return suspended;
                }
                return waitIfPaused();
            }

            @Override
            Object woken(Object value) {
                if (value instanceof Throwable error) {
                    throw Exceptions.sneaky(error);
                }
                if (yielded) {
                    yielded = false;
                    throwIfFailed();
                    return waitIfPaused();
                }
                return null;
            }

            private void throwIfFailed() {
                if (reader != null && reader.exception() != null) {
                    throw Exceptions.sneaky(reader.exception());
                }
            }

            private Object waitIfPaused() {
                if (lost) {
                    throw Exceptions.sneaky(new SocketException("Connection lost"));
                }
                return paused ? waitIn(StreamProtocol.this) : null;
            }

            @Override
            WaiterQueue queue() {
                return drainWaiters;
            }
        };
    }

    /** The common case, a write that did not fill the buffer: no object per drain. */
    private Coroutine<Void> drainedAtOnce() {
        Coroutine<Void> again = Coroutine.rearmedOrNull(drained);
        return again != null ? again : (drained = Coroutine.done());
    }
}
