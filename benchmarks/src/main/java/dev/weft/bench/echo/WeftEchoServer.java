package dev.weft.bench.echo;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.ConnectionHandler;
import dev.weft.Coroutine;
import dev.weft.Server;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import java.io.IOException;

/**
 * The echo benchmark's Weft server, written as an asyncio user writes one: {@code startServer}
 * on one loop thread, and a handler per connection that writes back whatever {@code read}
 * returns and awaits {@code drain}, until the client's EOF; with {@code -Decho.readInto=true}, the
 * same loop over {@code readInto} and one array per connection.
 * Usage: {@code WeftEchoServer [port [controlPort]]}.
 */
public final class WeftEchoServer {
    private WeftEchoServer() {
    }

    @Async
    static Coroutine<Void> echo(StreamReader in, StreamWriter out) throws IOException {
        byte[] data;
        while ((data = Await.on(in.read(64 * 1024))).length > 0) {
            out.write(data);
            Await.on(out.drain());
        }
        out.close();
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> echoInto(StreamReader in, StreamWriter out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = Await.on(in.readInto(buffer, 0, buffer.length))) > 0) {
            out.write(buffer, 0, n);
            Await.on(out.drain());
        }
        out.close();
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> serve(int port) throws IOException {
        ConnectionHandler handler = Boolean.getBoolean("echo.readInto") ? WeftEchoServer::echoInto : WeftEchoServer::echo;
        Server server = Await.on(Asyncio.startServer(handler, "127.0.0.1", port));
        System.out.println("weft echo server on " + port);
        Await.on(server.serveForever());
        return Coroutine.done();
    }

    public static void main(String[] args) throws IOException {
        int[] ports = EchoStats.ports(args);
        EchoStats.serve(ports[1]);
        Asyncio.run(serve(ports[0]));
    }
}
