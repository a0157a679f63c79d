package dev.weft;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * asyncio's {@code SSLProtocol}: TLS over a {@link SocketTransport} with an {@link SSLEngine}, all
 * on the loop's thread (the engine's delegated tasks run inline). It is the socket's protocol and
 * the streams' transport: what the streams write is wrapped and sent, what arrives is unwrapped
 * and fed to them. Writes made before the handshake completes wait for it.
 *
 * <p>TLS has no half-close: {@link #canWriteEof()} is false. Closing sends {@code close_notify}
 * and closes the socket without waiting for the peer's.
 */
final class TlsTransport extends Transport implements Protocol {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketTransport raw;
    private final SSLEngine engine;
    /** Completes when the handshake does, or fails with its error. */
    final Future<Void> handshake;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    /** Application bytes written before the handshake completed. */
    private final ArrayDeque<ByteBuffer> early = new ArrayDeque<>();
    private int earlyBytes;
    private boolean closing;
    /** The TLS error the connection failed with, reported when the socket closes. */
    private Throwable failure;
    private final double handshakeTimeout;

    private TlsTransport(SocketTransport raw, SSLEngine engine, double handshakeTimeout) {
        super(raw.loop);
        this.raw = raw;
        this.engine = engine;
        this.handshakeTimeout = handshakeTimeout;
        this.handshake = Streams.reportedElsewhere(loop);
        netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    }

    /** The client side of a TLS session with {@code host} (checked against the peer's certificate when not null). */
    static TlsTransport client(SocketTransport raw, TlsSetup setup, String host) {
        InetSocketAddress peer = (InetSocketAddress) raw.extraInfo("peername");
        String peerHost = host != null ? host : peer.getHostString();
        SSLEngine engine = setup.context().createSSLEngine(peerHost, peer.getPort());
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        // As asyncio's default context: the certificate must name the host we meant to reach.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return new TlsTransport(raw, engine, setup.handshakeTimeout());
    }

    /** The server side of a TLS session accepted on {@code raw}. */
    static TlsTransport server(SocketTransport raw, TlsSetup setup) {
        SSLEngine engine = setup.context().createSSLEngine();
        engine.setUseClientMode(false);
        return new TlsTransport(raw, engine, setup.handshakeTimeout());
    }

    /** Takes the socket over (reading from it if it does not read yet) and starts the handshake, for {@code app}. */
    @Override
    void start(Protocol app) {
        this.protocol = app;
        raw.start(this);
        if (handshakeTimeout != Double.POSITIVE_INFINITY) {
            TimerHandle timer = loop.callLater(handshakeTimeout, this::handshakeTimedOut);
            handshake.addDoneCallback(f -> timer.cancel());
        }
        try {
            engine.beginHandshake();
            progress();
        } catch (SSLException e) {
            fail(e);
        }
    }

    // ---- the socket's protocol

    @Override
    public void dataReceived(ByteBuffer data) {
        if (failure != null) {
            return;
        }
        try {
            append(data);
            unwrapAll();
        } catch (SSLException e) {
            fail(e);
        }
    }

    private void append(ByteBuffer data) {
        if (netIn.remaining() < data.remaining()) {
            ByteBuffer larger = ByteBuffer.allocate(netIn.position() + data.remaining() + netIn.capacity());
            netIn.flip();
            larger.put(netIn);
            netIn = larger;
        }
        netIn.put(data);
    }

    /** Unwraps what {@link #netIn} holds, feeding the streams and answering the handshake, until it needs more bytes. */
    private void unwrapAll() throws SSLException {
        netIn.flip();
        try {
            while (netIn.hasRemaining() && failure == null) {
                SSLEngineResult result = engine.unwrap(netIn, appIn);
                switch (result.getStatus()) {
                    case BUFFER_UNDERFLOW:
                        return;
                    case BUFFER_OVERFLOW:
                        appIn = enlarge(appIn, engine.getSession().getApplicationBufferSize());
                        continue;
                    case CLOSED:
                        deliver();
                        peerClosed();
                        return;
                    default:
                        deliver();
                        if (needsHandshakeWork(result.getHandshakeStatus())) {
                            progress();
                        } else if (result.bytesConsumed() == 0) {
                            return;
                        }
                }
            }
        } finally {
            netIn.compact();
        }
    }

    private void deliver() {
        if (appIn.position() > 0) {
            appIn.flip();
            protocol.dataReceived(appIn);
            appIn.clear();
        }
    }

    private static boolean needsHandshakeWork(SSLEngineResult.HandshakeStatus status) {
        return status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
    }

    /** Drives the handshake as far as it goes without more bytes from the peer. */
    private void progress() throws SSLException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP:
                    wrap(EMPTY);
                    break;
                case NEED_TASK:
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    // The peer's next message: unwrapAll goes on with what is buffered, or waits for it.
                    return;
                default:
                    if (!handshake.isDone()) {
                        handshakeDone();
                    }
                    return;
            }
        }
    }

    /** As asyncio's {@code _check_handshake_timeout}: a peer that stalls the handshake loses the connection. */
    private void handshakeTimedOut() {
        if (!handshake.isDone()) {
            fail(new SSLHandshakeException("the TLS handshake took longer than " + handshakeTimeout
                    + " seconds: the connection is aborted"));
        }
    }

    private void handshakeDone() throws SSLException {
        handshake.setResult(null);
        while (!early.isEmpty()) {
            ByteBuffer data = early.poll();
            earlyBytes -= data.remaining();
            wrap(data);
        }
    }

    /** Wraps all of {@code data} (or a handshake message when empty) and hands the records to the socket. */
    private void wrap(ByteBuffer data) throws SSLException {
        do {
            netOut.clear();
            SSLEngineResult result = engine.wrap(data, netOut);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = enlarge(netOut, engine.getSession().getPacketBufferSize());
                continue;
            }
            netOut.flip();
            if (netOut.hasRemaining()) {
                raw.write(netOut);
            }
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                return;
            }
        } while (data.hasRemaining());
    }

    private static ByteBuffer enlarge(ByteBuffer buffer, int atLeast) {
        ByteBuffer larger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        buffer.flip();
        larger.put(buffer);
        return larger;
    }

    /** The peer sent {@code close_notify}: EOF for the streams, and we answer with ours and close. */
    private void peerClosed() {
        if (!handshake.isDone()) {
            failure = new SSLHandshakeException("the peer closed the connection during the TLS handshake");
            handshake.setException(failure);
        } else {
            protocol.eofReceived();
        }
        close();
    }

    /** A TLS error: the handshake (if pending) and the connection fail with it, after the alert is sent. */
    private void fail(SSLException error) {
        if (failure != null) {
            return;
        }
        failure = error;
        if (!handshake.isDone()) {
            handshake.setException(error);
        }
        engine.closeOutbound();
        try {
            // The engine may have an alert for the peer.
            wrap(EMPTY);
        } catch (SSLException alreadyFailed) {
            error.addSuppressed(alreadyFailed);
        }
        closing = true;
        raw.close();
    }

    @Override
    public boolean eofReceived() {
        if (!handshake.isDone()) {
            failure = new SSLHandshakeException("Remote host terminated the handshake");
            handshake.setException(failure);
        } else if (failure == null && !closing) {
            // EOF without close_notify: the streams see the end all the same, as with asyncio.
            protocol.eofReceived();
        }
        return false;
    }

    @Override
    public void connectionLost(Throwable error) {
        Throwable cause = error != null ? error : failure;
        if (!handshake.isDone()) {
            handshake.setException(cause != null ? cause : new SSLHandshakeException("the connection closed during the TLS handshake"));
        }
        protocol.connectionLost(cause);
    }

    @Override
    public void pauseWriting() {
        protocol.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        protocol.resumeWriting();
    }

    // ---- the streams' transport

    @Override
    void write(ByteBuffer data) {
        if (closing || failure != null || !data.hasRemaining()) {
            return;
        }
        if (!handshake.isDone()) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            early.add(copy);
            earlyBytes += copy.remaining();
            return;
        }
        try {
            wrap(data);
        } catch (SSLException e) {
            fail(e);
        }
    }

    @Override
    int writeBufferSize() {
        return raw.writeBufferSize() + earlyBytes;
    }

    @Override
    void setWriteBufferLimits(int high, int low) {
        raw.setWriteBufferLimits(high, low);
    }

    @Override
    boolean canWriteEof() {
        return false;
    }

    @Override
    void writeEof() {
        throw new UnsupportedOperationException("TLS connections cannot be half-closed: canWriteEof() is false; close() instead");
    }

    @Override
    boolean isClosing() {
        return closing || raw.isClosing();
    }

    @Override
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        engine.closeOutbound();
        try {
            wrap(EMPTY);
        } catch (SSLException e) {
            failure = e;
        }
        raw.close();
    }

    @Override
    void abort() {
        closing = true;
        raw.abort();
    }

    @Override
    void pauseReading() {
        raw.pauseReading();
    }

    @Override
    void resumeReading() {
        raw.resumeReading();
    }

    @Override
    Object extraInfo(String name) {
        return "sslsession".equals(name) ? engine.getSession() : raw.extraInfo(name);
    }

    @Override
    public String toString() {
        return "TlsTransport[" + raw + "]";
    }
}
