package dev.weft;


/** Puts a {@link StreamReader} and {@link StreamWriter} over a transport (asyncio's {@code StreamReaderProtocol} setup). */
final class Streams {
    private Streams() {
    }

    /**
     * A future whose failure reaches its users another way (a connection's error through its
     * reader, a handshake's through whoever opened the connection), so that leaving it
     * unawaited is not reported as a failure nobody retrieved.
     */
    static <T> Future<T> reportedElsewhere(EventLoop loop) {
        Future<T> future = loop.createFuture();
        future.addDoneCallback(f -> {
            if (!f.isCancelled()) {
                f.exception();
            }
        });
        return future;
    }

    /**
     * Starts {@code transport} under a new reader/writer pair; {@code onLost} (may be null) runs
     * when the connection ends. {@code serverSide}: a server accepted it.
     */
    static Connection open(EventLoop loop, Transport transport, Runnable onLost, boolean serverSide) {
        StreamReader reader = new StreamReader();
        StreamProtocol protocol = new StreamProtocol(loop, reader, onLost, serverSide);
        reader.setTransport(transport);
        StreamWriter writer = new StreamWriter(transport, protocol);
        transport.start(protocol);
        return new Connection(reader, writer);
    }

    /**
     * {@link StreamWriter#startTls}: the writer's socket becomes a TLS session, on the server's
     * side if a server accepted it, else the client's; completes with the handshake.
     */
    static Coroutine<Void> startTls(StreamWriter writer, TlsSetup setup) {
        return new Deferred<>(loop -> {
            if (!(writer.transport() instanceof SocketTransport socket)) {
                throw new IllegalStateException(writer + " cannot start TLS: it is not a plain socket connection");
            }
            TlsTransport tls = writer.protocol().serverSide ? TlsTransport.server(socket, setup)
                    : TlsTransport.client(socket, setup, null);
            writer.setTransport(tls);
            tls.start(writer.protocol());
            return tls.handshake;
        });
    }
}
