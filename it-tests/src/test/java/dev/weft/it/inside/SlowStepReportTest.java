package dev.weft.it.inside;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Debug mode's report of a slow step names the lines where the step started and where it gave the loop back. */
// Without WeftExtension: a step slower than its limit is what this test makes on purpose, and the extension would fail it.
class SlowStepReportTest {
    static int startLine;
    static int endLine;

    @Async
    static Coroutine<Void> blocksBetweenTwoAwaits() {
        Asyncio.getRunningLoop().setSlowCallbackDuration(0.05);
        startLine = Lines.here(); Await.on(Asyncio.sleep(0));
        block();
        endLine = Lines.here(); Await.on(Asyncio.sleep(0));
        return Coroutine.done();
    }

    private static void block() {
        try {
            Thread.sleep(80);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Mirrors test_base_events.py::test_log_slow_callbacks, with the lines Python's report lacks. */
    @Test
    void slowStepNamesWhereItStartedAndWhereItGaveTheLoopBack() {
        List<String> messages = Collections.synchronizedList(new ArrayList<>());
        Logger logger = Logger.getLogger("dev.weft");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try {
            Asyncio.run(blocksBetweenTwoAwaits(), true);
        } finally {
            logger.removeHandler(capture);
        }
        String method = SlowStepReportTest.class.getName() + ".blocksBetweenTwoAwaits";
        String expected = "took";
        String where = "it started at " + method + "(SlowStepReportTest.java:" + startLine + ") and gave the loop back at "
                + method + "(SlowStepReportTest.java:" + endLine + ")";
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Executing Task[") && m.contains(expected) && m.endsWith(where)),
                messages + " should contain " + where);
    }
}
