package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.Server;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An echo server and its client over loopback TCP: {@code asyncio.start_server} and
 * {@code open_connection}, one loop thread serving both ends.
 */
public final class Echo {
    static final List<String> LINES = List.of("hello", "from", "the", "weft", "loop");

    private Echo() {
    }

    /** What the client sent and what came back. */
    public record Report(List<String> sent, List<String> echoed) {
    }

    /** Serves one connection: echoes each line until the client's EOF. */
    @Async
    static Coroutine<Void> handle(StreamReader in, StreamWriter out) throws IOException {
        byte[] line;
        while ((line = Await.on(in.readline())).length > 0) {
            out.write(line);
            Await.on(out.drain());
        }
        out.close();
        return Coroutine.done();
    }

    @Async
    public static Coroutine<Report> main() throws IOException {
        List<String> echoed = new ArrayList<>();
        try (Server server = Await.on(Asyncio.startServer(Echo::handle, "127.0.0.1", 0))) {
            System.out.println("  listening on 127.0.0.1:" + server.port());
            try (Connection c = Await.on(Asyncio.openConnection("127.0.0.1", server.port()))) {
                for (String line : LINES) {
                    c.writer().write((line + "\n").getBytes(UTF_8));
                    String answer = new String(Await.on(c.reader().readline()), UTF_8).strip();
                    System.out.println("  sent " + line + ", got back " + answer);
                    echoed.add(answer);
                }
            }
        }
        return Coroutine.of(new Report(LINES, echoed));
    }
}
