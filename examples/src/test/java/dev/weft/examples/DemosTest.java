package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Asyncio;
import org.junit.jupiter.api.Test;

/** The demos run and show real concurrency (elapsed ≈ the longest delay, 0.4 s, not the sum, 0.6 s). */
class DemosTest {

    @Test
    void helloGatherRunsTheGreetingsConcurrently() {
        double elapsed = Asyncio.run(Hello.main());
        assertTrue(elapsed >= 0.39 && elapsed < 0.55, "elapsed " + elapsed);
    }

    @Test
    void fetchRequestsThePagesConcurrently() throws Exception {
        Fetch.Report report = Fetch.run();
        assertEquals(Fetch.PAGES, report.pages());
        // Sequential fetching would never have more than one request waiting at the server.
        assertTrue(report.maxInFlight() >= 10, "at most " + report.maxInFlight() + " requests were in flight together");
    }
}
