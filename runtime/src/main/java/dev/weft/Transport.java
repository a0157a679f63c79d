package dev.weft;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * asyncio's {@code Transport}: one connection's byte pipe under a {@link StreamReader} and
 * {@link StreamWriter} (a socket, a TLS session over a socket, or a child process's pipes), with
 * the write-side flow control every transport shares (asyncio's {@code _FlowControlMixin}).
 */
abstract class Transport {
    /** asyncio's default high-water mark for a transport's write buffer: 64 KiB. */
    static final int DEFAULT_HIGH_WATER = 64 * 1024;

    final EventLoop loop;
    Protocol protocol;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_HIGH_WATER / 4;
    private boolean protocolPaused;

    Transport(EventLoop loop) {
        this.loop = loop;
    }

    /** Starts delivering what arrives to {@code protocol}; a transport over another takes that one over. */
    abstract void start(Protocol protocol);

    /** Sends {@code data}'s remaining bytes, now or later; what is not sent at once is copied, so the caller may reuse the buffer. */
    abstract void write(ByteBuffer data);

    /** {@link #write(ByteBuffer)} of {@code length} bytes of {@code data} from {@code offset}. */
    void write(byte[] data, int offset, int length) {
        write(ByteBuffer.wrap(data, offset, length));
    }

    /** Sends each of {@code data} in order; sockets send them with one gathering write. */
    void writelines(List<byte[]> data) {
        for (byte[] d : data) {
            write(ByteBuffer.wrap(d));
        }
    }

    /** Bytes accepted by {@link #write} and not yet handed to the operating system. */
    abstract int writeBufferSize();

    abstract boolean canWriteEof();

    /** Closes the sending side once the buffered bytes are sent (a half-close). */
    abstract void writeEof();

    abstract boolean isClosing();

    /** Closes once the buffered bytes are sent; then the protocol's {@code connectionLost(null)}. */
    abstract void close();

    /** Closes at once, dropping buffered bytes. */
    abstract void abort();

    abstract void pauseReading();

    abstract void resumeReading();

    /** asyncio's {@code get_extra_info}: "peername", "sockname", "sslsession", ... or null. */
    abstract Object extraInfo(String name);

    /** asyncio's {@code set_write_buffer_limits}. */
    void setWriteBufferLimits(int high, int low) {
        if (high < low || low < 0) {
            throw new IllegalArgumentException("write buffer limits need 0 <= low <= high, not high=" + high + " low=" + low);
        }
        highWater = high;
        lowWater = low;
        maybePauseProtocol();
    }

    final void maybePauseProtocol() {
        if (!protocolPaused && writeBufferSize() > highWater) {
            protocolPaused = true;
            protocol.pauseWriting();
        }
    }

    final void maybeResumeProtocol() {
        if (protocolPaused && writeBufferSize() <= lowWater) {
            protocolPaused = false;
            protocol.resumeWriting();
        }
    }
}
