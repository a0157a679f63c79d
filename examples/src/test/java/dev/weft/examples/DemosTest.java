package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Asyncio;
import org.junit.jupiter.api.Test;

/** The demos run and show real concurrency (elapsed ≈ the longest delay, 0.3 s, not the sum, 0.5 s). */
class DemosTest {

    @Test
    void helloGatherRunsTheGreetingsConcurrently() {
        double elapsed = Asyncio.run(Hello.main());
        assertTrue(elapsed >= 0.29 && elapsed < 0.45, "elapsed " + elapsed);
    }

    @Test
    void fetchRequestsThePagesConcurrently() throws Exception {
        double seconds = Fetch.run();
        double sequential = Fetch.PAGES * Fetch.PAGE_DELAY_MS / 1000.0;
        assertTrue(seconds < sequential / 4, "took " + seconds + " s; sequentially it would take " + sequential);
    }
}
