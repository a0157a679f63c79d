package dev.weft;

import static dev.weft.Turns.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TimerHandle}: order by time then by scheduling, cancellation, and the loop's count of cancelled timers. */
class TimerHandleTest {
    private final EventLoop loop = new EventLoop();
    private final List<String> ran = new ArrayList<>();

    @AfterEach
    void close() {
        loop.close();
    }

    /** Runs the loop until every timer due by {@code until} (loop time) has run. */
    private void runUntil(double until) {
        loop.callAt(until, loop::stop);
        loop.runForever();
    }

    @Test
    void earlierTimersRunFirst() {
        double now = loop.time();
        loop.callAt(now + 0.003, () -> ran.add("third"));
        loop.callAt(now + 0.001, () -> ran.add("first"));
        loop.callAt(now + 0.002, () -> ran.add("second"));
        runUntil(now + 0.004);
        assertEquals(List.of("first", "second", "third"), ran);
    }

    /** Mirrors test_events.py::TimerTests::test_timer_comparison: equal times keep scheduling order. */
    @Test
    void timersDueAtTheSameTimeRunInSchedulingOrder() {
        double when = loop.time() + 0.001;
        for (int i = 0; i < 5; i++) {
            int n = i;
            loop.callAt(when, () -> ran.add("t" + n));
        }
        runUntil(when);
        assertEquals(List.of("t0", "t1", "t2", "t3", "t4"), ran);
    }

    @Test
    void compareToOrdersByWhenThenBySequence() {
        TimerHandle a = loop.callAt(5, () -> { });
        TimerHandle b = loop.callAt(5, () -> { });
        TimerHandle c = loop.callAt(1, () -> { });
        assertTrue(a.compareTo(b) < 0);
        assertTrue(c.compareTo(a) < 0);
        assertEquals(0, a.compareTo(a));
    }

    /** Mirrors test_events.py::HandleTests::test_handle (a cancelled handle's callback never runs). */
    @Test
    void aCancelledTimerNeverRuns() {
        double now = loop.time();
        TimerHandle h = loop.callAt(now + 0.001, () -> ran.add("cancelled one"));
        loop.callAt(now + 0.001, () -> ran.add("kept"));
        h.cancel();
        assertTrue(h.isCancelled());
        runUntil(now + 0.002);
        assertEquals(List.of("kept"), ran);
    }

    @Test
    void cancellingTwiceCountsOnce() {
        TimerHandle h = loop.callLater(60, () -> { });
        h.cancel();
        h.cancel();
        assertEquals(1, loop.stats().cancelledTimers());
        assertEquals(0, loop.stats().timers());
    }

    @Test
    void cancellingAfterItRanLeavesNoGarbageCounted() {
        double now = loop.time();
        TimerHandle h = loop.callAt(now, () -> ran.add("ran"));
        turn(loop);
        h.cancel();
        assertEquals(List.of("ran"), ran);
        assertEquals(new EventLoop.Stats(0, 0, 0, 0, 0, 0), loop.stats());
    }

    @Test
    void cancelledTimersAreDroppedOnceTheyAreMostOfTheHeap() {
        List<TimerHandle> handles = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            handles.add(loop.callLater(60, () -> { }));
        }
        for (int i = 0; i < 100; i++) {
            handles.get(i).cancel();
        }
        assertEquals(100, loop.stats().cancelledTimers(), "half cancelled: left in the heap");
        handles.get(100).cancel();
        assertEquals(0, loop.stats().cancelledTimers(), "more than half: the heap is rebuilt without them");
        assertEquals(99, loop.stats().timers());
    }

    @Test
    void aSmallHeapIsNeverCompacted() {
        List<TimerHandle> handles = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            handles.add(loop.callLater(60, () -> { }));
        }
        handles.forEach(TimerHandle::cancel);
        assertEquals(10, loop.stats().cancelledTimers());
    }

    @Test
    void aNaNTimeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.callAt(Double.NaN, () -> { }));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertFalse(loop.stats().timers() > 0);
    }
}
