package dev.weft;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One {@code open_connection}: resolves the host off the loop's thread (unless it is a literal
 * address), tries each address in turn until one accepts, and puts streams over the socket, after
 * a TLS handshake when asked. The first error is thrown if every address fails, the others
 * attached to it as suppressed. Cancelling it closes the socket being connected.
 */
final class OpenConnection {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final EventLoop loop;
    private final Future<Connection> result;
    private final TlsSetup tls;
    private final String host;
    private SocketAddress[] targets;
    private int next;
    private SocketChannel channel;
    private IOException firstError;

    private OpenConnection(EventLoop loop, TlsSetup tls, String host) {
        this.loop = loop;
        this.tls = tls;
        this.host = host;
        this.result = loop.createFuture();
        result.addDoneCallback(f -> {
            if (f.isCancelled()) {
                abandonChannel();
            }
        });
    }

    static Coroutine<Connection> tcp(String host, int port, TlsSetup tls) {
        checkPort(port);
        return new Deferred<>(loop -> {
            OpenConnection open = new OpenConnection(loop, tls, host);
            resolve(loop, host).addDoneCallback(f -> {
                Throwable error = f.exception();
                if (open.result.isDone()) {
                    return;
                }
                if (error != null) {
                    open.result.setException(error);
                    return;
                }
                InetAddress[] found = f.result();
                SocketAddress[] targets = new SocketAddress[found.length];
                for (int i = 0; i < found.length; i++) {
                    targets[i] = new InetSocketAddress(found[i], port);
                }
                open.tryAll(targets);
            });
            return open.result;
        });
    }

    static Coroutine<Connection> unix(Path path) {
        return new Deferred<>(loop -> {
            OpenConnection open = new OpenConnection(loop, null, null);
            open.tryAll(new SocketAddress[] {UnixDomainSocketAddress.of(path)});
            return open.result;
        });
    }

    static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
        }
    }

    /**
     * The addresses of {@code host}: looked up on the loop's default executor, since a lookup may
     * block; a literal address, or null (the loopback address, as Java's sockets take it), at once.
     */
    static BaseFuture<InetAddress[], ?> resolve(EventLoop loop, String host) {
        if (host == null || IPV4_LITERAL.matcher(host).matches() || host.indexOf(':') >= 0) {
            Future<InetAddress[]> known = loop.createFuture();
            try {
                known.setResult(host == null ? new InetAddress[] {InetAddress.getLoopbackAddress()} : InetAddress.getAllByName(host));
            } catch (IOException e) {
                known.setException(e);
            }
            return known;
        }
        return loop.runInExecutor(null, () -> InetAddress.getAllByName(host));
    }

    private void tryAll(SocketAddress[] addresses) {
        targets = addresses;
        tryNext();
    }

    private void tryNext() {
        if (next == targets.length) {
            result.setException(firstError);
            return;
        }
        SocketAddress target = targets[next++];
        try {
            channel = target instanceof UnixDomainSocketAddress ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            channel.configureBlocking(false);
            if (!(target instanceof UnixDomainSocketAddress)) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            if (channel.connect(target)) {
                connected();
            } else {
                loop.addWriter(channel, this::connectReady);
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    private void connectReady() {
        if (channel == null) {
            return;
        }
        try {
            if (channel.finishConnect()) {
                loop.removeWriter(channel);
                connected();
            }
        } catch (IOException e) {
            loop.removeWriter(channel);
            failed(e);
        }
    }

    private void failed(IOException error) {
        abandonChannel();
        if (firstError == null) {
            firstError = error;
        } else {
            firstError.addSuppressed(error);
        }
        tryNext();
    }

    private void abandonChannel() {
        SocketChannel c = channel;
        channel = null;
        if (c != null) {
            if (!loop.isClosed()) {
                loop.removeWriter(c);
            }
            try {
                c.close();
            } catch (IOException ignored) {
                // It never carried anything: there is nothing to lose.
            }
        }
    }

    private void connected() {
        SocketTransport socket = new SocketTransport(loop, channel);
        channel = null;
        Transport transport = tls == null ? socket : TlsTransport.client(socket, tls, host);
        Connection connection = Streams.open(loop, transport, null, false);
        if (!(transport instanceof TlsTransport session)) {
            result.setResult(connection);
            return;
        }
        session.handshake.addDoneCallback(f -> {
            Throwable error = f.exception();
            if (result.isDone()) {
                transport.abort();
            } else if (error != null) {
                result.setException(error);
            } else {
                result.setResult(connection);
            }
        });
    }
}
