package dev.weft.examples;

import com.sun.net.httpserver.HttpServer;
import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Semaphore;
import dev.weft.Task;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A {@link Semaphore} limits how many requests run at once: 20 pages are requested by 20 tasks,
 * but the server never sees more than 4 in flight at any moment, so the run takes about 5 rounds
 * of one page delay.
 */
public final class LimitedFetch {
    static final int PAGES = 20;
    static final int LIMIT = 4;

    private LimitedFetch() {
    }

    /** What the run observed: pages fetched, the most requests the server held at once, seconds. */
    record Report(int pages, int maxInFlight, double seconds) {
    }

    @Async
    static Coroutine<Integer> fetchLimited(Semaphore limit, HttpClient client, URI uri) {
        try (var permit = Await.on(limit.acquire())) {          // async with limit:
            // Await inside the block: a bare "return fetch(...)" would run after the permit is released.
            return Coroutine.of(Await.on(Fetch.fetch(client, uri)));
        }
    }

    @Async
    static Coroutine<Integer> fetchAll(URI base) {
        HttpClient client = HttpClient.newHttpClient();
        Semaphore limit = new Semaphore(LIMIT);
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            tasks.add(Asyncio.createTask(fetchLimited(limit, client, base.resolve("/page/" + i))));
        }
        return Coroutine.of(Await.on(Asyncio.gather(tasks)).size());
    }

    /** Runs the demo against a local page server that counts the requests it holds. */
    public static Report run() throws IOException {
        ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
        Fetch.InFlight inFlight = new Fetch.InFlight();
        HttpServer server = Fetch.pageServer(delays, inFlight);
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            long start = System.nanoTime();
            int pages = Asyncio.run(fetchAll(base));
            Report report = new Report(pages, inFlight.max(), (System.nanoTime() - start) / 1e9);
            System.out.printf("  fetched %d pages in %.2f s with at most %d in flight (limit %d)%n",
                    report.pages(), report.seconds(), report.maxInFlight(), LIMIT);
            return report;
        } finally {
            server.stop(0);
            delays.shutdownNow();
        }
    }
}
