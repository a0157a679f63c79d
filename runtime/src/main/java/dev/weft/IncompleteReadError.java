package dev.weft;

import java.io.EOFException;

/**
 * Python's {@code asyncio.IncompleteReadError}: the stream ended before a
 * {@link StreamReader#readexactly} or {@link StreamReader#readuntil} could complete. Like Python's,
 * it is an end-of-file error ({@link EOFException}).
 *
 * <pre>{@code
 * try {
 *     byte[] record = Await.on(reader.readexactly(512));
 * } catch (IncompleteReadError e) {
 *     byte[] tail = e.partial();          // what arrived before EOF
 * }
 * }</pre>
 */
public class IncompleteReadError extends EOFException {
    private static final long serialVersionUID = 1L;

    private final transient byte[] partial;
    private final Integer expected;

    /** {@code expected} is null for {@code readuntil}, which has no byte count. */
    public IncompleteReadError(byte[] partial, Integer expected) {
        super(partial.length + " bytes read on a total of " + (expected == null ? "undefined" : expected) + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /** The bytes read before the end of the stream (a copy). */
    public byte[] partial() {
        return partial.clone();
    }

    /** How many bytes were expected, or null when unknown ({@code readuntil}). */
    public Integer expected() {
        return expected;
    }
}
