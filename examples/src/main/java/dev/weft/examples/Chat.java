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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A line-based chat server: every line a client sends reaches every other client. Many clients
 * connect at once; once all are in the room, each says one thing and reads what the others said.
 */
public final class Chat {
    static final int CLIENTS = 50;

    private Chat() {
    }

    /** What each client heard, in client order. */
    public record Report(List<List<String>> heard) {
    }

    /** The server side: who is connected, and the broadcast. */
    static final class Room {
        private final Set<StreamWriter> members = new LinkedHashSet<>();

        @Async
        Coroutine<Void> handle(StreamReader in, StreamWriter out) throws IOException {
            members.add(out);
            out.write("welcome\n".getBytes(UTF_8));
            try {
                byte[] line;
                while ((line = Await.on(in.readline())).length > 0) {
                    for (StreamWriter other : members) {
                        if (other != out) {
                            other.write(line);
                        }
                    }
                }
            } finally {
                members.remove(out);
                out.close();
            }
            return Coroutine.done();
        }
    }

    /** One client: waits until everyone is in, speaks once, then listens for every other voice. */
    @Async
    static Coroutine<List<String>> client(int port, int id, dev.weft.Barrier everyoneIn) throws IOException {
        List<String> heard = new ArrayList<>();
        try (Connection c = Await.on(Asyncio.openConnection("127.0.0.1", port))) {
            Await.on(c.reader().readline());    // "welcome": the room knows this client now
            Await.on(everyoneIn.await());
            c.writer().write(("client " + id + " says hi\n").getBytes(UTF_8));
            Await.on(c.writer().drain());
            while (heard.size() < CLIENTS - 1) {
                heard.add(new String(Await.on(c.reader().readline()), UTF_8).strip());
            }
        }
        return Coroutine.of(heard);
    }

    @Async
    public static Coroutine<Report> main() throws IOException {
        Room room = new Room();
        try (Server server = Await.on(Asyncio.startServer(room::handle, "127.0.0.1", 0))) {
            dev.weft.Barrier everyoneIn = new dev.weft.Barrier(CLIENTS);
            List<Coroutine<List<String>>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(client(server.port(), i, everyoneIn));
            }
            List<List<String>> heard = Await.on(Asyncio.gather(clients));
            System.out.println("  " + CLIENTS + " clients each heard " + heard.get(0).size() + " others, e.g. client 0: "
                    + heard.get(0).subList(0, 3) + "...");
            return Coroutine.of(new Report(heard));
        }
    }
}
