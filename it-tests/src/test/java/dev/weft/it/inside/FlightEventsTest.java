package dev.weft.it.inside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK Flight Recorder events of the runtime, recorded and read back with jdk.jfr. */
// Without WeftExtension: a step slower than its limit is what this test makes on purpose, and the extension would fail it.
class FlightEventsTest {
    static int blockedLine;
    static int resumedLine;

    @Async
    static Coroutine<Integer> worker() {
        resumedLine = Lines.here(); Await.on(Asyncio.sleep(0));
        blockedLine = Lines.here(); sleepBlocking(60); Await.on(Asyncio.sleep(0));
        return Coroutine.of(7);
    }

    @Async
    static Coroutine<Void> failing() {
        Await.on(Asyncio.sleep(0));
        throw new IllegalStateException("failing on purpose");
    }

    private static void sleepBlocking(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void taskCreatedStepSlowStepAndDoneAreRecorded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("weft.jfr");
        try (Recording recording = new Recording()) {
            for (String event : List.of("dev.weft.TaskCreated", "dev.weft.TaskDone", "dev.weft.TaskStep", "dev.weft.SlowStep")) {
                recording.enable(event).withThreshold(Duration.ZERO);
            }
            recording.start();
            Asyncio.run(Bodies.coroutine(() -> {
                Asyncio.getRunningLoop().setSlowCallbackDuration(0.05);
                Task<Integer> work = Asyncio.createTask(worker(), "work");
                Task<Void> fail = Asyncio.createTask(failing(), "fail");
                Task<Void> idle = Asyncio.createTask(Asyncio.sleep(3600), "idle");
                assertEquals(7, Await.on(work));
                Await.on(Asyncio.sleep(0));
                assertTrue(fail.exception() instanceof IllegalStateException);
                idle.cancel();
                return Coroutine.done();
            }));
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> List.of("work", "fail", "idle").contains(e.getString("task")))
                .collect(Collectors.toList());
        String worker = FlightEventsTest.class.getName() + ".worker";
        assertEquals(List.of("work:" + worker, "fail:" + FlightEventsTest.class.getName() + ".failing", "idle:Sleep"),
                describe(events, "dev.weft.TaskCreated"));
        assertEquals(List.of("fail:failed:java.lang.IllegalStateException", "idle:cancelled:null", "work:result:null"),
                events.stream().filter(e -> e.getEventType().getName().equals("dev.weft.TaskDone"))
                        .map(e -> e.getString("task") + ":" + e.getString("outcome") + ":" + e.getString("exception"))
                        .sorted().collect(Collectors.toList()));
        assertEquals(3, describe(events, "dev.weft.TaskStep").stream().filter(("work:" + worker)::equals).count(),
                "three steps: to the first sleep, to the second, to the end");
        List<RecordedEvent> slow = events.stream().filter(e -> e.getEventType().getName().equals("dev.weft.SlowStep"))
                .collect(Collectors.toList());
        assertEquals(1, slow.size(), slow.toString());
        RecordedEvent step = slow.get(0);
        assertEquals("work", step.getString("task"));
        assertEquals(worker + "(FlightEventsTest.java:" + resumedLine + ")", step.getString("startedAt"));
        assertEquals("at " + worker + "(FlightEventsTest.java:" + blockedLine + ")", step.getString("gaveBackAt"));
        assertTrue(step.getDuration("held").toMillis() >= 50, step.toString());
    }

    private static List<String> describe(List<RecordedEvent> events, String type) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type))
                .map(e -> e.getString("task") + ":" + e.getString("coroutine"))
                .collect(Collectors.toList());
    }
}
