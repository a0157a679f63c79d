package dev.weft;

import java.io.IOException;

/**
 * Python's {@code asyncio.LimitOverrunError}: a {@link StreamReader#readuntil} or
 * {@link StreamReader#readline} would need more than the reader's limit. Nothing was consumed:
 * the bytes stay in the reader, and {@link #consumed()} says how many must be read to get past them.
 *
 * <pre>{@code
 * try {
 *     line = Await.on(reader.readline());
 * } catch (LimitOverrunError e) {
 *     Await.on(reader.readexactly(e.consumed()));   // skip the over-long part
 * }
 * }</pre>
 */
public class LimitOverrunError extends IOException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    /** An overrun found after {@code consumed} bytes of the buffer. */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes of the buffer the separator search went through. */
    public int consumed() {
        return consumed;
    }
}
