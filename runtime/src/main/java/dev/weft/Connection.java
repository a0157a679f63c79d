package dev.weft;

/**
 * The {@code (reader, writer)} pair of Python's {@code asyncio.open_connection}; closing it, with
 * try-with-resources in an {@link Async} method, closes the writer and awaits
 * {@link StreamWriter#waitClosed()}.
 *
 * <pre>{@code
 * try (Connection c = Await.on(Asyncio.openConnection("example.org", 80))) {
 *     c.writer().write("HEAD / HTTP/1.0\r\n\r\n".getBytes(US_ASCII));
 *     byte[] status = Await.on(c.reader().readline());
 * }
 * }</pre>
 */
public final class Connection implements AsyncCloseable {
    private final StreamReader reader;
    private final StreamWriter writer;

    Connection(StreamReader reader, StreamWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /** What the peer sends. */
    public StreamReader reader() {
        return reader;
    }

    /** What we send. */
    public StreamWriter writer() {
        return writer;
    }

    /** Closes the writer and completes once the connection is closed (throwing the error it failed with, if any). */
    @Override
    public Coroutine<Void> aclose() {
        writer.close();
        return new FutureCoroutine<>(writer.protocol().closed);
    }

    @Override
    public String toString() {
        return "Connection[" + writer.transport() + "]";
    }
}
