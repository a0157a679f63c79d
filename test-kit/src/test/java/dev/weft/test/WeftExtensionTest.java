package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.weft.EventLoop;
import dev.weft.internal.LoopObserver;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs the {@link Samples} through the JUnit engine and checks which tests fail, and with what message. */
class WeftExtensionTest {
    private static final String PASSED = "passed";
    /** The key of the sample class's own outcome, which fails apart from its tests', in {@link #outcomes}. */
    private static final String THE_CLASS = "the class";

    /** Each test of {@code samples} by method name, and the class as {@link #THE_CLASS}: its failure, or {@link #PASSED}. */
    private static Map<String, Throwable> outcomes(Class<?> samples) {
        Map<String, Throwable> outcomes = new TreeMap<>();
        for (Event event : EngineTestKit.engine("junit-jupiter").selectors(selectClass(samples)).execute()
                .allEvents().finished().list()) {
            Optional<Throwable> failure = event.getRequiredPayload(TestExecutionResult.class).getThrowable();
            boolean theClass = event.getTestDescriptor().getSource().filter(ClassSource.class::isInstance).isPresent();
            outcomes.put(theClass ? THE_CLASS : event.getTestDescriptor().getDisplayName().replace("()", ""),
                    failure.orElse(new Throwable(PASSED)));
        }
        return outcomes;
    }

    private static String message(Map<String, Throwable> outcomes, String test) {
        return outcomes.get(test).getMessage();
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), () -> "expected to find\n" + expected + "\nin\n" + actual);
    }

    @Test
    void aTestThatLeavesNothingBehindPassesAndRunsItsLoopInDebugMode() {
        assertEquals(PASSED, message(outcomes(Samples.Clean.class), "awaitsEverything"));
    }

    @Test
    void aTaskLeftPendingFailsTheTestNamingTheTaskWhereItWasCreatedAndWhatItAwaits() {
        Map<String, Throwable> outcomes = outcomes(Samples.LeaksATask.class);
        String leaked = message(outcomes, "leavesItPending");
        assertContains("1 task still pending when its loop finished", leaked);
        assertContains("@AllowPendingTasks", leaked);
        assertContains("sleeper (waiting) dev.weft.test.Samples.sleepAnHour,"
                + " created at dev.weft.test.Samples$LeaksATask.leak(Samples.java:69)", leaked);
        assertContains("awaits Sleep", leaked);
        assertContains("at dev.weft.test.Samples.sleepAnHour(Samples.java:32)", leaked);
        assertFalse(leaked.contains("never retrieved") || leaked.contains("never awaited") || leaked.contains("held"),
                leaked);
    }

    @Test
    void allowPendingTasksLetsATaskBeLeftForAsyncioRunToCancel() {
        assertEquals(PASSED, message(outcomes(Samples.LeaksATask.class), "isAllowedTo"));
    }

    @Test
    void aTaskLeftByOneRunnerRunAndFinishedByTheNextIsNotPending() {
        assertEquals(PASSED, message(outcomes(Samples.LeaksATask.class), "finishesItInTheNextRun"));
    }

    @Test
    void anExceptionNeverRetrievedFailsTheTestNamingTheTaskWhereItFailedAndWhereItWasCreated() {
        String dropped = message(outcomes(Samples.DropsAnException.class), "neverRetrievesIt");
        assertContains("1 exception never retrieved", dropped);
        assertContains("Task exception was never retrieved: Task[failing]", dropped);
        assertContains("IllegalStateException: nobody looks at this", dropped);
        assertContains("thrown at dev.weft.test.Samples.failSoon(Samples.java:39)", dropped);
        assertContains("created at dev.weft.test.Samples$DropsAnException.drop(Samples.java:105)", dropped);
        assertFalse(dropped.contains("pending"), dropped);
    }

    @Test
    void aCoroutineNeverAwaitedFailsTheTestNamingWhereItWasCreated() {
        String forgotten = message(outcomes(Samples.ForgetsAnAwait.class), "createsACoroutineAndDropsIt");
        assertContains("1 coroutine never awaited", forgotten);
        assertContains("Samples.sleepAnHour", forgotten);
        assertContains("was never awaited; it was created at dev.weft.test.Samples$ForgetsAnAwait.forget(Samples.java:120)",
                forgotten);
    }

    @Test
    void aStepHoldingTheLoopLongerThanSlowStepFailsTheTestWithTheLinesItRanBetween() {
        Map<String, Throwable> outcomes = outcomes(Samples.HoldsTheLoop.class);
        String slow = message(outcomes, "longerThanAllowed");
        assertContains("1 step held the event loop longer than its limit", slow);
        assertContains("(this loop's limit is 0.1 s)", slow);
        assertContains("it started at dev.weft.test.Samples$HoldsTheLoop.block(Samples.java:135)"
                + " and gave the loop back at dev.weft.test.Samples$HoldsTheLoop.block(Samples.java:137)", slow);
        assertContains("created at dev.weft.test.Samples$HoldsTheLoop.longerThanAllowed(Samples.java:144)", slow);
        assertEquals(PASSED, message(outcomes, "withinItsLimit"));
    }

    @Test
    void aSlowStepReportNamesTheLimitTheTestGaveItsLoop() {
        String slow = message(outcomes(Samples.LowersItsLoopsLimit.class), "holdsTheLoopLongerThanItsOwnLimit");
        assertContains("1 step held the event loop longer than its limit", slow);
        assertContains("(this loop's limit is 0.05 s)", slow);
    }

    @Test
    void virtualTimeOnATestOrItsClassSkipsTheIdleHour() {
        assertEquals(PASSED, message(outcomes(Samples.SkipsIdleTime.class), "sleepsAnHourAtOnce"));
        assertEquals(PASSED, message(outcomes(Samples.SkipsIdleTimeInEveryTest.class), "underRunner"));
    }

    @Test
    void withoutTheExtensionALeakedTaskGoesUnnoticed() {
        assertEquals(PASSED, message(outcomes(Samples.Unwatched.class), "leaksUnnoticed"));
    }

    @Test
    void aTestFailingOnItsOwnKeepsItsFailureAndCarriesTheLeftoversAsSuppressed() {
        Throwable failure = outcomes(Samples.FailsAndLeaks.class).get("failsItself");
        assertEquals("the test's own failure", failure.getMessage());
        assertEquals(1, failure.getSuppressed().length);
        assertContains("sleeper (waiting)", failure.getSuppressed()[0].getMessage());
    }

    @Test
    void theObserverIsRemovedAfterEachTest() {
        outcomes(Samples.LeaksATask.class);
        assertNull(LoopObserver.installed());
        try (EventLoop loop = new EventLoop()) {
            assertFalse(loop.isDebug());
            assertFalse(loop.isVirtualTime());
        }
    }

    @Test
    void aLoopStartedInBeforeEachAndShutDownInAfterEachIsWatchedAsTheTestsOwn() {
        Map<String, Throwable> outcomes = outcomes(Samples.StartsALoopBeforeEach.class);
        assertEquals(PASSED, message(outcomes, "runsItInDebugMode"));
        String leaked = message(outcomes, "leavesATaskPendingOnIt");
        assertContains("1 task still pending when its loop finished", leaked);
        assertContains("sleeper (waiting) dev.weft.test.Samples.sleepAnHour,"
                + " created at dev.weft.test.Samples$LeaksATask.leak(Samples.java:69)", leaked);
        assertContains("awaits Sleep", leaked);
    }

    @Test
    void aRunnerKeptInAFieldWhoseLoopBeforeEachMakesRunsOnTheTestsVirtualTime() {
        assertEquals(PASSED, message(outcomes(Samples.KeepsARunnerInAField.class), "sleepsAnHourAtOnce"));
    }

    @Test
    void aLoopMadeInTheConstructorIsTheTestsOrUnderPerClassTheClasses() {
        assertEquals(PASSED, message(outcomes(Samples.MakesALoopInItsConstructor.class), "runsItInDebugMode"));
        Map<String, Throwable> perClass = outcomes(Samples.OneInstanceForTheClass.class);
        assertEquals(PASSED, message(perClass, "runsItInDebugMode"), "not the test's: it closes after the test");
        assertEquals(PASSED, message(perClass, THE_CLASS));
    }

    @Test
    void aTaskLeftPendingByALoopMadeInAfterEachFailsTheTest() {
        String leaked = message(outcomes(Samples.LeaksInAfterEach.class), "passesOnItsOwn");
        assertContains("sleeper (waiting) dev.weft.test.Samples.sleepAnHour,"
                + " created at dev.weft.test.Samples$LeaksATask.leak(Samples.java:69)", leaked);
    }

    @Test
    void aLoopStillOpenWhenTheTestEndsFailsItNamingWhereTheLoopWasMade() {
        String unclosed = message(outcomes(Samples.NeverClosesItsLoop.class), "usesIt");
        assertContains("1 loop never closed (close it, or shutdown() one started on a new thread:"
                + " in @AfterEach if @BeforeEach made it, in @AfterAll if @BeforeAll did):", unclosed);
        assertContains("made at dev.weft.test.Samples$NeverClosesItsLoop.makeALoop(Samples.java:294)", unclosed);
    }

    @Test
    void whatALoopMadeInBeforeAllLeavesWhenAfterAllShutsItDownFailsTheClassNotTheTest() {
        Map<String, Throwable> outcomes = outcomes(Samples.SharesALoopAcrossTheClass.class);
        assertEquals(PASSED, message(outcomes, "leavesATaskPendingOnIt"), "the class's loop is in debug mode too");
        String leaked = message(outcomes, THE_CLASS);
        assertContains("1 task still pending when its loop finished", leaked);
        assertContains("sleeper (waiting) dev.weft.test.Samples.sleepAnHour", leaked);
    }

    @Test
    void anAsyncVoidTestRunsItsBodyOnAWatchedLoopThatHonoursItsAnnotations() {
        Map<String, Throwable> outcomes = outcomes(Samples.AsyncVoidTests.class);
        assertEquals(PASSED, message(outcomes, "awaitsEverything"));
        assertEquals(PASSED, message(outcomes, "isAllowedToLeaveIt"));
        assertEquals(PASSED, message(outcomes, "sleepsAnHourAtOnce"));
    }

    @Test
    void anAsyncVoidTestLeavingATaskPendingFailsNamingTheTaskWhereItWasCreatedAndWhatItAwaits() {
        String leaked = message(outcomes(Samples.AsyncVoidTests.class), "leavesATaskPending");
        assertContains("1 task still pending when its loop finished", leaked);
        assertContains("sleeper (waiting) dev.weft.test.Samples.sleepAnHour,"
                + " created at dev.weft.test.Samples$AsyncVoidTests.leavesATaskPending(Samples.java:337)", leaked);
        assertContains("awaits Sleep", leaked);
        assertContains("at dev.weft.test.Samples.sleepAnHour(Samples.java:32)", leaked);
    }

    @Test
    void anAsyncVoidTestThatThrowsFailsWithItsExceptionCarryingTheLeftoversAsSuppressed() {
        Throwable failure = outcomes(Samples.AsyncVoidTests.class).get("failsAndLeaks");
        assertEquals("the test's own failure", failure.getMessage());
        assertEquals(1, failure.getSuppressed().length);
        assertContains("sleeper (waiting)", failure.getSuppressed()[0].getMessage());
    }
}
