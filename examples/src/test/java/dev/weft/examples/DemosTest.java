package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Asyncio;
import dev.weft.EventLoop;
import dev.weft.Runner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each demo shows the property it is about, not just that it runs. */
class DemosTest {

    @Test
    void helloGatherRunsTheGreetingsConcurrently() {
        // One after the other the greetings would take 0.4 + 0.2 s; together, as long as the longer
        // one. Virtual time skips the idle waits, so a slow wake-up on a loaded machine cannot blur it.
        double elapsed;
        try (Runner runner = new Runner(EventLoop::withVirtualTime)) {
            elapsed = runner.run(Hello.main());
        }
        assertTrue(elapsed >= 0.4 && elapsed < 0.6, "elapsed " + elapsed);
    }

    /** Runs as a program of its own: a JVM whose main is the woven {@code @Async void main}. */
    @Test
    void topLevelMainAwaitsWithoutAsyncioRun() throws Exception {
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TopLevel.class.getName(), "banana", "fig", "kiwi")
                .redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.waitFor(), output);
        List<String> lines = output.lines().map(String::strip).toList();
        assertEquals(List.of("fig", "kiwi", "banana"), lines.subList(0, 3), output);
        double seconds = Double.parseDouble(lines.get(3).replaceAll("3 words in (.*) s", "$1"));
        assertTrue(seconds < 13 * TopLevel.SECONDS_PER_LETTER, "the words were spelled one after another: " + output);
    }

    @Test
    void fetchRequestsThePagesConcurrently() throws Exception {
        Fetch.Report report = Fetch.run();
        assertEquals(Fetch.PAGES, report.pages());
        // Sequential fetching would never have more than one request waiting at the server.
        assertTrue(report.maxInFlight() >= 10, "at most " + report.maxInFlight() + " requests were in flight together");
    }

    @Test
    void producerConsumerHandlesEveryJobOnceWithinTheBound() {
        ProducerConsumer.Report report = Asyncio.run(ProducerConsumer.main());
        int jobs = ProducerConsumer.PRODUCERS * ProducerConsumer.JOBS_PER_PRODUCER;
        assertEquals(jobs, report.handled().size());
        assertEquals(jobs, new HashSet<>(report.handled()).size(), "a job was handled twice");
        assertTrue(report.largestQueue() <= ProducerConsumer.CAPACITY, "queue held " + report.largestQueue());
    }

    @Test
    void limitedFetchNeverExceedsTheSemaphoreLimit() throws Exception {
        LimitedFetch.Report report = LimitedFetch.run();
        assertEquals(LimitedFetch.PAGES, report.pages());
        assertTrue(report.maxInFlight() <= LimitedFetch.LIMIT, "max in flight " + report.maxInFlight());
        assertEquals(LimitedFetch.LIMIT, report.maxInFlight(), "the limit was used fully");
        double rounds = (double) LimitedFetch.PAGES / LimitedFetch.LIMIT;
        assertTrue(report.seconds() >= 0.9 * rounds * Fetch.PAGE_DELAY_MS / 1000.0,
                "took " + report.seconds() + " s: faster than the limit allows");
    }

    @Test
    void signalsStartEveryRunnerAtTheGunAndNoneBefore() {
        Signals.Report report;
        try (Runner runner = new Runner(EventLoop::withVirtualTime)) { // no slow wake-up can delay a start
            report = runner.run(Signals.main());
        }
        assertEquals(Signals.RUNNERS, report.startedAt().size());
        for (double t : report.startedAt()) {
            assertTrue(t >= report.gunFiredAt(), "a runner started before the signal");
            assertTrue(t - report.gunFiredAt() < 0.1, "a runner started late: " + (t - report.gunFiredAt()));
        }
    }

    @Test
    void pagesFetchesOnlyThePagesItNeedsAndClosesTheGenerator() {
        Pages.Report report = Asyncio.run(Pages.main());
        assertEquals(Pages.WANTED, report.items().size());
        assertEquals("item 0", report.items().get(0));
        assertEquals("item 24", report.items().get(Pages.WANTED - 1));
        assertEquals(List.of(0, 1, 2), report.pagesFetched(), "pages are fetched lazily");
        assertTrue(report.generatorClosed(), "leaving the loop closed the generator");
        Set<String> distinct = new HashSet<>(report.items());
        assertEquals(Pages.WANTED, distinct.size());
    }

    @Test
    void groupFailureCancelsTheSlowChildAndReportsTheFailure() {
        GroupFailure.Report report = Asyncio.run(GroupFailure.main());
        assertEquals(List.of("fast done", "broken cleaned up", "slow cleaned up"), report.events());
        assertEquals(1, report.failures().size());
        assertEquals("broken broke", report.failures().get(0).getMessage());
        assertTrue(report.seconds() < GroupFailure.SLOW / 2, "the block took " + report.seconds() + " s");
    }

    @Test
    void timeoutsInterruptSlowWorkAndLetFastWorkFinish() {
        assertEquals(List.of(
                "slow left its finally", "slow timed out",
                "fast left its finally", "fast finished",
                "waited-for left its finally", "waited-for timed out",
                "rescheduled left its finally", "rescheduled finished"), Asyncio.run(Timeouts.main()));
    }

    @Test
    void mainRunsTheNamedDemosInTheOrderGiven() {
        assertEquals(List.of("pages", "hello"), Main.selected(new String[] {"pages", "hello"}).stream().map(Main.Demo::name).toList());
        assertEquals(Main.DEMOS, Main.selected(new String[0]));
    }

    @Test
    void anUnknownDemoNameListsTheNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Main.selected(new String[] {"nope"}));
        assertTrue(e.getMessage().contains("hello"), e.getMessage());
    }

    @Test
    void requestLoggingStampsEveryRecordWithItsOwnRequestId() {
        List<String> lines = Asyncio.run(RequestLogging.main());
        Map<String, String> idOf = Map.of("alice", "[r-1] ", "bob", "[r-2] ", "carol", "[r-3] ");
        assertEquals(12, lines.size(), lines.toString());
        for (String line : lines) {
            String user = idOf.keySet().stream().filter(line::contains).findFirst().orElseThrow();
            assertTrue(line.startsWith(idOf.get(user)), line);
        }
        for (String user : idOf.keySet()) {
            assertEquals(4, lines.stream().filter(l -> l.contains(user)).count(), user + " in " + lines);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("audited alice on") && !l.contains(Thread.currentThread().getName())));
        assertEquals("-", RequestLogging.REQUEST_ID.get());
    }

    @Test
    void echoSendsEveryLineBack() throws Exception {
        Echo.Report report = Asyncio.run(Echo.main());
        assertEquals(Echo.LINES, report.echoed());
    }

    @Test
    void chatDeliversEveryLineToEveryOtherClient() throws Exception {
        Chat.Report report = Asyncio.run(Chat.main());
        assertEquals(Chat.CLIENTS, report.heard().size());
        for (int i = 0; i < Chat.CLIENTS; i++) {
            Set<String> expected = new HashSet<>();
            for (int j = 0; j < Chat.CLIENTS; j++) {
                if (j != i) {
                    expected.add("client " + j + " says hi");
                }
            }
            assertEquals(expected, new HashSet<>(report.heard().get(i)), "what client " + i + " heard");
        }
    }

    @Test
    void tlsEchoNegotiatesTlsAndEchoes() throws Exception {
        TlsEcho.Report report = TlsEcho.run();
        assertEquals("TLSv1.3", report.protocol());
        assertEquals("CN=localhost", report.peer());
        assertEquals("secret handshake", report.echoed());
    }

    @Test
    void pipelineCountsTheWords() throws Exception {
        Pipeline.Report report = Asyncio.run(Pipeline.main());
        assertEquals(List.of("2 apple", "1 fig", "3 pear"),
                report.output().lines().map(String::strip).toList());
        assertEquals(0, report.sortExit());
        assertEquals(0, report.uniqExit());
    }
}
