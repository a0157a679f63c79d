package dev.weft.examples;

import dev.weft.Async;
import dev.weft.AsyncGenerator;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.util.ArrayList;
import java.util.List;

/**
 * A paginating async generator: {@code items()} fetches a page at a time from a (simulated) paged
 * API and yields its items one by one, fetching the next page only when the consumer wants more.
 * The consumer stops after 25 of the 100 items, so only 3 of the 10 pages are ever fetched, and
 * leaving the loop closes the generator at once.
 */
public final class Pages {
    static final int PAGE_SIZE = 10;
    static final int TOTAL = 100;
    static final int WANTED = 25;

    private Pages() {
    }

    /** One page of results and where the next one starts (-1 at the end). */
    record Page(List<String> items, int next) {
    }

    /** What the run observed. */
    record Report(List<String> items, List<Integer> pagesFetched, boolean generatorClosed) {
    }

    /** A paged API: each call takes 10 ms. */
    @Async
    static Coroutine<Page> fetchPage(int start, List<Integer> pagesFetched) {
        Await.on(Asyncio.sleep(0.01));
        pagesFetched.add(start / PAGE_SIZE);
        List<String> items = new ArrayList<>();
        for (int i = start; i < Math.min(start + PAGE_SIZE, TOTAL); i++) {
            items.add("item " + i);
        }
        int next = start + PAGE_SIZE < TOTAL ? start + PAGE_SIZE : -1;
        return Coroutine.of(new Page(items, next));
    }

    @Async
    static AsyncGenerator<String> items(List<Integer> pagesFetched, boolean[] closed) {
        try {
            int start = 0;
            while (start >= 0) {
                Page page = Await.on(fetchPage(start, pagesFetched));
                for (String item : page.items()) {
                    Await.yield(item);                           // yield item
                }
                start = page.next();
            }
            return AsyncGenerator.end();
        } finally {
            closed[0] = true;                                    // runs on exhaustion, aclose() or early exit
        }
    }

    @Async
    public static Coroutine<Report> main() {
        List<Integer> pagesFetched = new ArrayList<>();
        boolean[] closed = new boolean[1];
        List<String> taken = new ArrayList<>();
        for (String item : Await.each(items(pagesFetched, closed))) {   // async for item in items():
            taken.add(item);
            if (taken.size() == WANTED) {
                break;                                           // closes the generator
            }
        }
        System.out.printf("  took %d items (%s .. %s) from pages %s of %d; generator closed: %b%n",
                taken.size(), taken.get(0), taken.get(taken.size() - 1), pagesFetched, TOTAL / PAGE_SIZE, closed[0]);
        return Coroutine.of(new Report(taken, pagesFetched, closed[0]));
    }
}
