package dev.weft;

import java.io.IOException;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Python's {@code asyncio.StreamWriter}: writes to a connection (or to a child process's stdin).
 *
 * <pre>{@code
 * writer.write("HELLO\n".getBytes(US_ASCII));
 * Await.on(writer.drain());       // waits while the peer is slower than we write
 * writer.close();
 * Await.on(writer.waitClosed());
 * }</pre>
 *
 * <p>{@link #write} never blocks: what the socket does not take at once is copied to the
 * transport's buffer, so the array may be reused at once. {@link #drain()} waits while that buffer
 * is above its high-water mark (64 KiB) until it falls to its low-water mark (16 KiB). Writes on a
 * connection that is already lost are dropped, as asyncio drops them; {@code drain()} then throws.
 */
public final class StreamWriter {
    private Transport transport;
    private final StreamProtocol protocol;
    private final StreamReader reader;

    StreamWriter(Transport transport, StreamProtocol protocol) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = protocol.reader;
    }

    /** Python's {@code write}: queues {@code data} for sending. */
    public void write(byte[] data) {
        transport.write(data, 0, data.length);
    }

    /**
     * Queues {@code length} bytes of {@code data} from {@code offset}, as Java's
     * {@code OutputStream.write(byte[], int, int)}; Python writes a slice. What is not sent at once is
     * copied, so the array may be reused as soon as this returns.
     */
    public void write(byte[] data, int offset, int length) {
        transport.write(data, offset, length);
    }

    /** Python's {@code writelines}: queues each array in order, sent together with one gathering write. */
    public void writelines(List<byte[]> data) {
        transport.writelines(data);
    }

    /**
     * Python's {@code drain}: returns at once unless the buffer is above its high-water mark; then
     * waits until it has fallen to the low-water mark. Unlike Python's, whether it has to wait is
     * decided when {@code drain()} is called, not when it is awaited (the same thing in
     * {@code Await.on(writer.drain())}): that way the usual drain allocates nothing.
     *
     * @throws IOException (at the await) the error the connection failed with, or a
     *                     {@link java.net.SocketException} "Connection lost" once it is closed
     */
    public Coroutine<Void> drain() throws IOException {
        return protocol.drain(transport);
    }

    /** Python's {@code can_write_eof}. */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Python's {@code write_eof}: sends EOF once the buffered bytes are sent; reading goes on (a half-close). */
    public void writeEof() {
        transport.writeEof();
    }

    /** Python's {@code close}: closes the connection once the buffered bytes are sent. */
    public void close() {
        transport.close();
    }

    /** Python's {@code is_closing}: whether {@link #close} was called or the connection was lost. */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /** Python's {@code wait_closed}: until the connection is closed; throws the error it failed with, if any. */
    public Coroutine<Void> waitClosed() throws IOException {
        return new FutureCoroutine<>(protocol.closed);
    }

    /**
     * Python's {@code get_extra_info}: {@code "peername"} and {@code "sockname"} (a
     * {@link java.net.SocketAddress}), {@code "sslsession"} (a {@link javax.net.ssl.SSLSession} on
     * a TLS connection), {@code "socket"} (the {@link java.nio.channels.SocketChannel}); null for
     * anything else or once closed.
     */
    public Object getExtraInfo(String name) {
        return transport.extraInfo(name);
    }

    /** {@link #getExtraInfo} with a default for a missing value. */
    public Object getExtraInfo(String name, Object defaultValue) {
        Object value = transport.extraInfo(name);
        return value != null ? value : defaultValue;
    }

    /**
     * Python's {@code start_tls}: upgrades this connection to TLS and completes once the handshake
     * has. On a connection a {@link Server} accepted, this end is the TLS server (with the
     * certificate {@code context} holds); otherwise it is the client, and the peer's certificate
     * must name the peer's address. Bytes written before stay plain and are sent first.
     *
     * <pre>{@code
     * out.write("STARTTLS\r\n".getBytes(US_ASCII));
     * Await.on(in.readline());
     * Await.on(out.startTls(SSLContext.getDefault()));
     * }</pre>
     *
     * @throws javax.net.ssl.SSLException (at the await) when the handshake fails or takes longer
     *                                    than 60 seconds; the connection is then closed
     */
    public Coroutine<Void> startTls(SSLContext context) throws IOException {
        return Streams.startTls(this, TlsSetup.of(context));
    }

    /**
     * Python's {@code start_tls(context, ssl_handshake_timeout=...)}: as {@link #startTls(SSLContext)},
     * with a handshake that may take {@code sslHandshakeTimeout} seconds.
     *
     * <pre>{@code
     * Await.on(out.startTls(SSLContext.getDefault(), 5.0));
     * }</pre>
     */
    public Coroutine<Void> startTls(SSLContext context, double sslHandshakeTimeout) throws IOException {
        return Streams.startTls(this, new TlsSetup(context, sslHandshakeTimeout));
    }

    Transport transport() {
        return transport;
    }

    StreamProtocol protocol() {
        return protocol;
    }

    void setTransport(Transport transport) {
        this.transport = transport;
        if (reader != null) {
            reader.setTransport(transport);
        }
    }

    /** asyncio's {@code set_write_buffer_limits} on the writer's transport. */
    public void setWriteBufferLimits(int high, int low) {
        transport.setWriteBufferLimits(high, low);
    }

    /** Bytes written and not yet sent (asyncio's {@code transport.get_write_buffer_size()}). */
    public int writeBufferSize() {
        return transport.writeBufferSize();
    }

    @Override
    public String toString() {
        return "StreamWriter[" + transport + "]";
    }
}
