package dev.weft;

import static dev.weft.WovenCode.$resumed;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The coroutines of the loop's low-level socket calls ({@link EventLoop#sockConnect} and the
 * others): each tries its operation, and while the channel is not ready it registers itself as the
 * channel's reader or writer and suspends; the readiness callback wakes it to try again.
 * Cancelling one removes the registration, and nothing it had not yet returned was consumed.
 */
final class SocketOps {
    private SocketOps() {
    }

    static Coroutine<Void> connect(EventLoop loop, SocketChannel channel, SocketAddress address) {
        return new ChannelWait<Void>(loop, requireNonBlocking(channel), true) {
            private boolean started;

            @Override
            Object attempt() throws IOException {
                if (!started) {
                    started = true;
                    return channel.connect(address) ? DONE : null;
                }
                return channel.finishConnect() ? DONE : null;
            }
        };
    }

    static Coroutine<SocketChannel> accept(EventLoop loop, ServerSocketChannel server) {
        return new ChannelWait<SocketChannel>(loop, requireNonBlocking(server), false) {
            @Override
            Object attempt() throws IOException {
                SocketChannel accepted = server.accept();
                if (accepted != null) {
                    accepted.configureBlocking(false);
                }
                return accepted;
            }
        };
    }

    static Coroutine<byte[]> recv(EventLoop loop, SocketChannel channel, int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("sockRecv(" + maxBytes + "): the byte count must not be negative");
        }
        return new ChannelWait<byte[]>(loop, requireNonBlocking(channel), false) {
            @Override
            Object attempt() throws IOException {
                if (maxBytes == 0) {
                    return new byte[0];
                }
                ByteBuffer buffer = loop.io().readBuffer.clear();
                buffer.limit(Math.min(maxBytes, buffer.capacity()));
                int n = channel.read(buffer);
                if (n == 0) {
                    return null;
                }
                byte[] data = new byte[Math.max(n, 0)];
                buffer.flip().get(data);
                return data;
            }
        };
    }

    static Coroutine<Void> sendall(EventLoop loop, SocketChannel channel, byte[] data) {
        ByteBuffer pending = ByteBuffer.wrap(data.clone());
        return new ChannelWait<Void>(loop, requireNonBlocking(channel), true) {
            @Override
            Object attempt() throws IOException {
                channel.write(pending);
                return pending.hasRemaining() ? null : DONE;
            }
        };
    }

    private static <C extends SelectableChannel> C requireNonBlocking(C channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException(channel + " is in blocking mode: call configureBlocking(false) first");
        }
        return channel;
    }

    /** One socket operation retried each time its channel is ready. */
    private abstract static class ChannelWait<T> extends Waiter<T> implements Runnable {
        /** What {@link #attempt} returns for a done operation whose result is null. */
        static final Object DONE = new Object();
        private static final Object READY = Boolean.TRUE;

        final EventLoop loop;
        private final SelectableChannel channel;
        private final boolean forWrite;

        ChannelWait(EventLoop loop, SelectableChannel channel, boolean forWrite) {
            this.loop = loop;
            this.channel = channel;
            this.forWrite = forWrite;
        }

        /** The result ({@link #DONE} for null), or null while the channel is not ready. */
        abstract Object attempt() throws IOException;

        @Override
        protected final Object $step() {
            if (isWaiting()) {
                endWait();
                unregister();
                $resumed(this);
            } else if (task.loop() != loop) {
                throw new IllegalStateException("a socket operation of one event loop was awaited on another");
            }
            Object result;
            try {
                result = attempt();
            } catch (IOException e) {
                throw Exceptions.sneaky(e);
            }
            if (result != null) {
                return result == DONE ? null : result;
            }
            if (forWrite) {
                loop.addWriter(channel, this);
            } else {
                loop.addReader(channel, this);
            }
            return suspend();
        }

        /** The channel is ready. */
        @Override
        public void run() {
            if (isPending()) {
                wakeUp(READY);
            }
        }

        @Override
        boolean cancelWait(String message) {
            if (!super.cancelWait(message)) {
                return false;
            }
            unregister();
            return true;
        }

        private void unregister() {
            if (loop.isClosed()) {
                return;
            }
            if (forWrite) {
                loop.removeWriter(channel);
            } else {
                loop.removeReader(channel);
            }
        }
    }
}
