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
 * but at most 4 are in flight at any moment, so the run takes about 5 rounds of one page delay.
 */
public final class LimitedFetch {
    static final int PAGES = 20;
    static final int LIMIT = 4;

    private LimitedFetch() {
    }

    /** What the run observed. */
    record Report(int pages, int maxInFlight, double seconds) {
    }

    @Async
    static Coroutine<Integer> fetchLimited(Semaphore limit, HttpClient client, URI uri, int[] inFlight, int[] maxInFlight) {
        try (var permit = Await.on(limit.acquire())) {          // async with limit:
            inFlight[0]++;
            maxInFlight[0] = Math.max(maxInFlight[0], inFlight[0]);
            try {
                return Coroutine.of(Await.on(Fetch.fetch(client, uri)));
            } finally {
                inFlight[0]--;
            }
        }
    }

    @Async
    static Coroutine<Report> fetchAll(URI base) {
        HttpClient client = HttpClient.newHttpClient();
        Semaphore limit = new Semaphore(LIMIT);
        int[] inFlight = new int[1];
        int[] maxInFlight = new int[1];
        double start = Asyncio.getRunningLoop().time();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            tasks.add(Asyncio.createTask(fetchLimited(limit, client, base.resolve("/page/" + i), inFlight, maxInFlight)));
        }
        int pages = Await.on(Asyncio.gather(tasks)).size();
        return Coroutine.of(new Report(pages, maxInFlight[0], Asyncio.getRunningLoop().time() - start));
    }

    /** Runs the demo against a local page server. */
    public static Report run() throws IOException {
        ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor();
        HttpServer server = Fetch.pageServer(delays);
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            Report report = Asyncio.run(fetchAll(base));
            System.out.printf("  fetched %d pages in %.2f s with at most %d in flight (limit %d)%n",
                    report.pages(), report.seconds(), report.maxInFlight(), LIMIT);
            return report;
        } finally {
            server.stop(0);
            delays.shutdownNow();
        }
    }
}
