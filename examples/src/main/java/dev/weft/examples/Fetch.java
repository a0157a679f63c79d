package dev.weft.examples;

import com.sun.net.httpserver.HttpServer;
import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent HTTP fetches: many URLs requested through {@link HttpClient#sendAsync} and awaited with
 * {@code Await.on}, against a local server this demo starts itself. Each page answers after 100 ms,
 * so 50 sequential fetches would take 5 s; concurrently they take little more than 100 ms, and the
 * server sees dozens of requests waiting at once.
 */
public final class Fetch {
    static final int PAGES = 50;
    static final long PAGE_DELAY_MS = 100;

    /** What a run observed: pages fetched, bytes, seconds, and the most requests the server held at once. */
    public record Report(int pages, int bytes, double seconds, int maxInFlight) {
    }

    /** Counts the requests a server has received and not yet answered. */
    static final class InFlight {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();

        void enter() {
            max.accumulateAndGet(now.incrementAndGet(), Math::max);
        }

        void leave() {
            now.decrementAndGet();
        }

        int max() {
            return max.get();
        }
    }

    private Fetch() {
    }

    @Async
    static Coroutine<Integer> fetch(HttpClient client, URI uri) {
        HttpResponse<String> response = Await.on(client.sendAsync(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return Coroutine.of(response.body().length());
    }

    @Async
    static Coroutine<Integer> fetchAll(URI base) {
        HttpClient client = HttpClient.newHttpClient();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            tasks.add(Asyncio.createTask(fetch(client, base.resolve("/page/" + i))));
        }
        int bytes = 0;
        for (int size : Await.on(Asyncio.gather(tasks))) {
            bytes += size;
        }
        return Coroutine.of(bytes);
    }

    /** Runs the demo and reports what it saw. */
    public static Report run() throws IOException {
        ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
        InFlight inFlight = new InFlight();
        HttpServer server = pageServer(delays, inFlight);
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            long start = System.nanoTime();
            int bytes = Asyncio.run(fetchAll(base));
            Report report = new Report(PAGES, bytes, (System.nanoTime() - start) / 1e9, inFlight.max());
            System.out.printf("  fetched %d pages (%d bytes) in %.2f s, one page taking %.2f s;"
                    + " up to %d requests were in flight at once%n",
                    report.pages(), report.bytes(), report.seconds(), PAGE_DELAY_MS / 1000.0, report.maxInFlight());
            return report;
        } finally {
            server.stop(0);
            delays.shutdownNow();
        }
    }

    /** A server whose pages answer after {@link #PAGE_DELAY_MS}, without holding a thread meanwhile. */
    static HttpServer pageServer(ScheduledExecutorService delays, InFlight inFlight) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "page-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/page/", exchange -> {
            inFlight.enter();
            byte[] body = ("page " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            delays.schedule(() -> {
                inFlight.leave();
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                } catch (IOException ignored) {
                    // the client went away; nothing to answer
                }
            }, PAGE_DELAY_MS, TimeUnit.MILLISECONDS);
        });
        return server;
    }
}
