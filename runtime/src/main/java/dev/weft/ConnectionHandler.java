package dev.weft;

/**
 * Python's {@code client_connected_cb} of {@code asyncio.start_server}: serves one connection.
 * Each connection runs as its own task; an exception it throws is reported to the loop's
 * exception handler and closes that connection, and the server goes on.
 *
 * <pre>{@code
 * @Async
 * static Coroutine<Void> echo(StreamReader in, StreamWriter out) throws IOException {
 *     out.write(Await.on(in.read(-1)));
 *     out.close();
 *     return Coroutine.done();
 * }
 * ...
 * Server server = Await.on(Asyncio.startServer(Echo::echo, "127.0.0.1", 0));
 * }</pre>
 */
@FunctionalInterface
public interface ConnectionHandler {
    /** Serves the connection whose incoming bytes {@code reader} reads and {@code writer} answers. */
    Coroutine<Void> handle(StreamReader reader, StreamWriter writer) throws Exception;
}
