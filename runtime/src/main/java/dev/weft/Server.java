package dev.weft;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Python's {@code asyncio.Server}: listening sockets whose connections are each served by a
 * {@link ConnectionHandler} in a task of their own. Made by {@link Asyncio#startServer} or
 * {@link Asyncio#startUnixServer}, it is serving from the start.
 *
 * <pre>{@code
 * try (Server server = Await.on(Asyncio.startServer(Echo::handle, "127.0.0.1", 0))) {
 *     System.out.println("listening on " + server.port());
 *     Await.on(server.serveForever());
 * }   // closing stops listening; connections already accepted go on
 * }</pre>
 *
 * <p>Differs from Python: {@link #close()} (and so {@link #aclose()}, which try-with-resources
 * awaits) stops listening and returns without waiting for the connections, so that a handler may
 * close its own server; {@link #waitClosed()} waits for them. {@link #serveForever()} returns
 * normally when the server is closed, where Python's raises {@code CancelledError}.
 */
public final class Server implements AsyncCloseable {
    /** How many connections one readiness event accepts, as asyncio's default backlog. */
    private static final int ACCEPTS_PER_EVENT = 100;
    private static final Object CLOSED = Boolean.TRUE;

    private final EventLoop loop;
    private final ConnectionHandler handler;
    private final TlsSetup tls;
    /** Null once closed. */
    private List<ServerSocketChannel> listeners;
    private final List<SocketAddress> addresses;
    /** The Unix socket file to remove on close, or null. */
    private final Path unixPath;
    /** The identity of the socket file as bound, so that close removes that file only. */
    private final Object unixFileKey;
    private final Set<Transport> clients = Collections.newSetFromMap(new IdentityHashMap<>());
    private final WaiterQueue closeWaiters = new WaiterQueue();
    private boolean serving;
    private ServeForever forever;

    Server(EventLoop loop, ConnectionHandler handler, List<ServerSocketChannel> listeners, TlsSetup tls, Path unixPath)
            throws IOException {
        this.loop = loop;
        this.handler = handler;
        this.tls = tls;
        this.listeners = listeners;
        this.unixPath = unixPath;
        this.unixFileKey = unixPath == null ? null : fileKey(unixPath);
        List<SocketAddress> bound = new ArrayList<>();
        for (ServerSocketChannel listener : listeners) {
            bound.add(listener.getLocalAddress());
            loop.io().own(listener);
        }
        this.addresses = List.copyOf(bound);
        startServing();
    }

    /** Python's {@code start_server}: listens on every address of {@code host} (all interfaces when null). */
    static Coroutine<Server> listen(ConnectionHandler handler, String host, int port, TlsSetup tls) {
        OpenConnection.checkPort(port);
        return new Deferred<>(loop -> {
            Future<Server> result = loop.createFuture();
            BaseFuture<InetAddress[], ?> resolved = host == null ? null : OpenConnection.resolve(loop, host);
            if (resolved == null) {
                result.setResult(bindAll(loop, handler, new InetSocketAddress[] {new InetSocketAddress(port)}, tls));
                return result;
            }
            resolved.addDoneCallback(f -> {
                Throwable error = f.exception();
                if (result.isDone()) {
                    return;
                }
                if (error != null) {
                    result.setException(error);
                    return;
                }
                InetAddress[] found = f.result();
                InetSocketAddress[] targets = new InetSocketAddress[found.length];
                for (int i = 0; i < found.length; i++) {
                    targets[i] = new InetSocketAddress(found[i], port);
                }
                try {
                    result.setResult(bindAll(loop, handler, targets, tls));
                } catch (IOException e) {
                    result.setException(e);
                }
            });
            return result;
        });
    }

    /**
     * Binds a listening socket to each distinct address; when port 0 was asked for, the others
     * take the port the first one got, so that {@link #port()} is the server's.
     */
    private static Server bindAll(EventLoop loop, ConnectionHandler handler, InetSocketAddress[] targets, TlsSetup tls)
            throws IOException {
        List<ServerSocketChannel> listeners = new ArrayList<>();
        try {
            int port = targets[0].getPort();
            for (InetSocketAddress target : new LinkedHashSet<>(List.of(targets))) {
                ServerSocketChannel listener = ServerSocketChannel.open();
                listeners.add(listener);
                listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                listener.bind(new InetSocketAddress(target.getAddress(), port), ACCEPTS_PER_EVENT);
                listener.configureBlocking(false);
                port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            }
            return new Server(loop, handler, listeners, tls, null);
        } catch (IOException | RuntimeException e) {
            closeQuietly(listeners, e);
            throw e;
        }
    }

    /** Python's {@code start_unix_server}: listens on the socket file {@code path}, replacing a stale socket file there. */
    static Coroutine<Server> listenUnix(ConnectionHandler handler, Path path) {
        return new Deferred<>(loop -> {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    && Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).isOther()) {
                Files.delete(path);
            }
            ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                listener.bind(UnixDomainSocketAddress.of(path), ACCEPTS_PER_EVENT);
                listener.configureBlocking(false);
            } catch (IOException | RuntimeException e) {
                closeQuietly(List.of(listener), e);
                throw e;
            }
            Future<Server> result = loop.createFuture();
            result.setResult(new Server(loop, handler, List.of(listener), null, path));
            return result;
        });
    }

    /** The file's identity (device and inode on Unix), or null if it is gone. */
    private static Object fileKey(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }

    private static void closeQuietly(List<ServerSocketChannel> listeners, Exception cause) {
        for (ServerSocketChannel listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    /** The port the first listening socket is bound to (the one picked when 0 was asked for); -1 for a Unix socket. */
    public int port() {
        return addresses.get(0) instanceof InetSocketAddress inet ? inet.getPort() : -1;
    }

    /** Python's {@code sockets}, as addresses: where the server listens (kept after it is closed). */
    public List<SocketAddress> addresses() {
        return addresses;
    }

    /** Python's {@code is_serving}: whether it accepts connections. */
    public boolean isServing() {
        return serving;
    }

    /** Python's {@code get_loop}. */
    public EventLoop getLoop() {
        return loop;
    }

    /** Python's {@code start_serving}: accepts connections (a server already does from its creation). */
    public void startServing() {
        if (serving || listeners == null) {
            return;
        }
        serving = true;
        for (ServerSocketChannel listener : listeners) {
            loop.addReader(listener, () -> accept(listener));
        }
    }

    private void accept(ServerSocketChannel listener) {
        for (int i = 0; i < ACCEPTS_PER_EVENT && listeners != null; i++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
                if (channel == null) {
                    return;
                }
                channel.configureBlocking(false);
                if (unixPath == null) {
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
            } catch (IOException e) {
                // Out of descriptors, typically: say so and keep listening, as asyncio does.
                loop.callExceptionHandler(new ExceptionContext("socket.accept() failed", e, this));
                return;
            }
            connectionMade(channel);
        }
    }

    private void connectionMade(SocketChannel channel) {
        SocketTransport socket = new SocketTransport(loop, channel);
        Transport transport = tls == null ? socket : TlsTransport.server(socket, tls);
        clients.add(transport);
        Connection connection = Streams.open(loop, transport, () -> detach(transport), true);
        if (!(transport instanceof TlsTransport session)) {
            serve(connection, transport);
            return;
        }
        // As asyncio's: the handler runs once the handshake has succeeded; a failed one only closes the socket.
        session.handshake.addDoneCallback(f -> {
            Throwable error = f.exception();
            if (error == null) {
                serve(connection, transport);
            } else if (loop.isDebug()) {
                loop.callExceptionHandler(new ExceptionContext("TLS handshake failed on an incoming connection", error, transport));
            }
        });
    }

    /** Runs the handler for {@code connection} in a task of its own. */
    private void serve(Connection connection, Transport transport) {
        Coroutine<Void> coroutine;
        try {
            coroutine = handler.handle(connection.reader(), connection.writer());
        } catch (Exception e) {
            handlerFailed(e, transport);
            return;
        }
        Task<Void> task = loop.createTask(coroutine);
        task.addDoneCallback(t -> {
            if (t.isCancelled()) {
                transport.close();
                return;
            }
            Throwable error = t.exception();
            if (error != null) {
                handlerFailed(error, transport);
            }
        });
    }

    private void handlerFailed(Throwable error, Transport transport) {
        loop.callExceptionHandler(new ExceptionContext("Unhandled exception in client_connected_cb", error, transport));
        transport.close();
    }

    private void detach(Transport transport) {
        clients.remove(transport);
        wakeupIfDone();
    }

    private void wakeupIfDone() {
        if (listeners == null && clients.isEmpty()) {
            closeWaiters.wakeAll(CLOSED);
        }
    }

    /**
     * Python's {@code close}: stops listening and closes the listening sockets; connections
     * already accepted go on. Ends {@link #serveForever()}. Closing twice is harmless.
     */
    @Override
    public void close() {
        List<ServerSocketChannel> closing = listeners;
        if (closing == null) {
            return;
        }
        listeners = null;
        serving = false;
        for (ServerSocketChannel listener : closing) {
            loop.io().disown(listener);
            try {
                listener.close();
            } catch (IOException e) {
                loop.callExceptionHandler(new ExceptionContext("error closing a listening socket", e, this));
            }
        }
        if (unixPath != null) {
            try {
                // As Python 3.13's: only the socket file this server made; one put there since is left alone.
                if (unixFileKey != null && unixFileKey.equals(fileKey(unixPath))) {
                    Files.delete(unixPath);
                }
            } catch (IOException e) {
                loop.callExceptionHandler(new ExceptionContext("cannot remove the Unix socket " + unixPath, e, this));
            }
        }
        if (forever != null && forever.isPending()) {
            forever.wakeUp(CLOSED);
        }
        wakeupIfDone();
    }

    /** Python's {@code async with server}'s exit: {@link #close()}, without waiting for the connections. */
    @Override
    public Coroutine<Void> aclose() {
        close();
        return Coroutine.done();
    }

    /** Python's {@code close_clients} (3.13): closes every connection, after what each has buffered is sent. */
    public void closeClients() {
        for (Transport t : new ArrayList<>(clients)) {
            t.close();
        }
    }

    /** Python's {@code abort_clients} (3.13): closes every connection at once, dropping what is buffered. */
    public void abortClients() {
        for (Transport t : new ArrayList<>(clients)) {
            t.abort();
        }
    }

    /**
     * Python's {@code wait_closed} (3.12+): completes once the server is closed and every
     * connection it accepted has ended.
     */
    public Coroutine<Void> waitClosed() {
        return new Waiting<Void>() {
            @Override
            Object begin() {
                return listeners == null && clients.isEmpty() ? null : waitIn(Server.this);
            }

            @Override
            Object woken(Object value) {
                return null;
            }

            @Override
            WaiterQueue queue() {
                return closeWaiters;
            }
        };
    }

    /**
     * Python's {@code serve_forever}: accepts connections until the server is {@linkplain #close()
     * closed}, then returns. Cancelling the awaiting task closes the server.
     *
     * @throws IllegalStateException (at the await) if the server is closed or already served forever
     */
    public Coroutine<Void> serveForever() {
        return new ServeForever();
    }

    private final class ServeForever extends Waiting<Void> {
        @Override
        Object begin() {
            if (forever != null) {
                throw new IllegalStateException("server " + Server.this + " is already being awaited on serveForever()");
            }
            if (listeners == null) {
                throw new IllegalStateException("server " + Server.this + " is closed");
            }
            startServing();
            forever = this;
            return suspend();
        }

        @Override
        Object woken(Object value) {
            forever = null;
            return null;
        }

        @Override
        void abandon(Object wokenWith, Throwable error) {
            forever = null;
            close();
        }

        @Override
        WaiterQueue queue() {
            return null;
        }
    }

    @Override
    public String toString() {
        return "Server" + addresses + (listeners == null ? "[closed]" : "");
    }
}
