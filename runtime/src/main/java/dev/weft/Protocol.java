package dev.weft;

import java.nio.ByteBuffer;

/**
 * asyncio's {@code Protocol}: what a {@link Transport} tells the layer above it. A TLS layer is
 * the protocol of the socket under it and the transport of the streams above it.
 */
interface Protocol {
    /** Bytes arrived; {@code data} is valid only during the call (it is the loop's read buffer). */
    void dataReceived(ByteBuffer data);

    /** The peer will send nothing more; true keeps the transport open for writing (a half-close). */
    boolean eofReceived();

    /** The transport is closed: cleanly when {@code error} is null. Called once. */
    void connectionLost(Throwable error);

    /** The transport's write buffer went above its high-water mark. */
    void pauseWriting();

    /** The transport's write buffer fell to its low-water mark. */
    void resumeWriting();
}
