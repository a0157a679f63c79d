package dev.weft;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A loop's I/O half: its {@link Selector}, the callbacks registered per channel, and the channels
 * the loop owns. An {@link EventLoop} creates one on its first I/O registration only, so that a
 * loop that never touches a channel keeps no descriptors and waits with {@code LockSupport.park}.
 *
 * <p>Each channel is registered once; adding or removing a reader or writer only changes the
 * key's interest set. Ready channels queue their callbacks on the loop's ready queue, which runs
 * them in the same turn, as asyncio's selector loop does.
 */
final class IoReactor {
    /** Large enough for a socket's receive window per read; one per loop, so its size costs little. */
    private static final int READ_BUFFER_SIZE = 256 * 1024;
    private static final int WRITE_BUFFER_SIZE = 64 * 1024;

    final Selector selector;
    /** Where transports read: one direct buffer per loop, filled and drained within one callback. */
    final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    /**
     * Where transports copy a small write before handing it to the kernel, filled and emptied
     * within one call: the JDK would otherwise take a direct buffer from its thread-local cache
     * for every write of a heap buffer, which costs more than the copy.
     */
    final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER_SIZE);
    /** Channels, servers and pipes the loop created and closes when it closes. */
    private final Set<Closeable> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private ArrayDeque<Object> ready;

    IoReactor() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the event loop", e);
        }
    }

    /** The callbacks of one registered channel: the key's attachment. */
    private static final class Interest {
        Runnable reader;
        Runnable writer;
        /** Queued when readable; looks the reader up when it runs, so a reader removed meanwhile does not run. */
        final Runnable onReadable = () -> {
            Runnable r = reader;
            if (r != null) {
                r.run();
            }
        };
        final Runnable onWritable = () -> {
            Runnable w = writer;
            if (w != null) {
                w.run();
            }
        };
    }

    void addReader(SelectableChannel channel, Runnable callback) {
        Interest interest = interest(channel);
        interest.reader = callback;
        update(channel.keyFor(selector), interest);
    }

    void addWriter(SelectableChannel channel, Runnable callback) {
        Interest interest = interest(channel);
        interest.writer = callback;
        update(channel.keyFor(selector), interest);
    }

    boolean removeReader(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key == null || !key.isValid() || ((Interest) key.attachment()).reader == null) {
            return false;
        }
        Interest interest = (Interest) key.attachment();
        interest.reader = null;
        update(key, interest);
        return true;
    }

    boolean removeWriter(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key == null || !key.isValid() || ((Interest) key.attachment()).writer == null) {
            return false;
        }
        Interest interest = (Interest) key.attachment();
        interest.writer = null;
        update(key, interest);
        return true;
    }

    private Interest interest(SelectableChannel channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException(channel + " is in blocking mode: call configureBlocking(false) before"
                    + " handing it to the event loop");
        }
        SelectionKey key = channel.keyFor(selector);
        if (key != null && key.isValid()) {
            return (Interest) key.attachment();
        }
        try {
            return (Interest) channel.register(selector, 0, new Interest()).attachment();
        } catch (ClosedChannelException e) {
            throw new IllegalArgumentException(channel + " is closed", e);
        } catch (CancelledKeyException e) {
            // Its previous key was cancelled by a close and is flushed at the next select.
            throw new IllegalArgumentException(channel + " was closed", e);
        }
    }

    private static void update(SelectionKey key, Interest interest) {
        if (key == null || !key.isValid()) {
            return;
        }
        SelectableChannel channel = key.channel();
        int ops = 0;
        if (interest.reader != null) {
            ops |= channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
        }
        if (interest.writer != null) {
            // NIO reports a pending connection as OP_CONNECT only, and a connected one as OP_WRITE only.
            ops |= channel instanceof SocketChannel s && s.isConnectionPending() ? SelectionKey.OP_CONNECT : SelectionKey.OP_WRITE;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }

    /**
     * Waits for ready channels up to {@code timeoutMillis} (0: forever; negative: do not wait) and
     * queues their callbacks on {@code readyQueue}.
     */
    void select(long timeoutMillis, ArrayDeque<Object> readyQueue) {
        ready = readyQueue;
        try {
            if (timeoutMillis < 0) {
                selector.selectNow(this::dispatch);
            } else {
                selector.select(this::dispatch, timeoutMillis);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the event loop's selector failed", e);
        }
    }

    private void dispatch(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        Interest interest = (Interest) key.attachment();
        int readyOps = key.readyOps();
        if ((readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && interest.reader != null) {
            ready.add(interest.onReadable);
        }
        if ((readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && interest.writer != null) {
            ready.add(interest.onWritable);
        }
    }

    /** Whether some channel is watched for reading or writing: I/O in flight, which a virtual clock must wait for. */
    boolean watching() {
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && key.interestOps() != 0) {
                return true;
            }
        }
        return false;
    }

    /** Wakes a {@link #select} in progress, from any thread. */
    void wakeup() {
        selector.wakeup();
    }

    /** {@code resource} belongs to the loop: the loop's close closes it. */
    void own(Closeable resource) {
        owned.add(resource);
    }

    /** {@code resource} was closed by its owner. */
    void disown(Closeable resource) {
        owned.remove(resource);
    }

    /** Closes every owned resource, then the selector, which releases the descriptors of closed channels. */
    void close() {
        for (Closeable resource : new ArrayList<>(owned)) {
            try {
                resource.close();
            } catch (IOException | RuntimeException ignored) {
                // The loop is going away; a resource that fails to close has nothing to report to.
            }
        }
        owned.clear();
        try {
            selector.close();
        } catch (IOException ignored) {
            // Nothing is waiting on it any more.
        }
    }
}
