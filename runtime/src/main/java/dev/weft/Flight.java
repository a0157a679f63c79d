package dev.weft;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The runtime's JDK Flight Recorder events: {@code dev.weft.TaskStep}, {@code dev.weft.SlowStep},
 * {@code dev.weft.TaskCreated} and {@code dev.weft.TaskDone}, each naming the task and its
 * coroutine. They are off unless a recording enables them by name, e.g.
 * {@code java -XX:StartFlightRecording:filename=app.jfr,+dev.weft.TaskStep#enabled=true ...}: a
 * recording with the JDK's own settings ({@code default}, {@code profile}), which do not name them,
 * leaves them off, so that an always-on recording in production does not pay for an event per step.
 *
 * <p>The loop asks whether any of them is enabled once per turn ({@link #anyEnabled()}) and keeps
 * the answer in a plain field, so a step, a task's creation and its end cost nothing more while
 * no recording wants them. A runtime image without the {@code jdk.jfr} module has none of them.
 */
final class Flight {
    /** Whether {@code jdk.jfr} is there: the event classes are touched only then. */
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private Flight() {
    }

    /**
     * Whether a recording wants any of the events. Until the JDK's recorder has been initialised
     * (a recording started, or {@code -XX:StartFlightRecording}) no event can be enabled, and the
     * event classes are not even loaded.
     */
    static boolean anyEnabled() {
        return AVAILABLE && FlightRecorder.isInitialized() && Events.anyEnabled();
    }

    static void taskCreated(Task<?> task) {
        if (AVAILABLE) {
            Events.taskCreated(task);
        }
    }

    static void taskDone(Task<?> task, Throwable error) {
        if (AVAILABLE) {
            Events.taskDone(task, error);
        }
    }

    /** A begun {@code TaskStep} event to end with {@link #stepEnded}, or null if none is wanted. */
    static Object stepBegins() {
        return AVAILABLE ? Events.stepBegins() : null;
    }

    /** Ends a step begun with {@link #stepBegins}; {@code step} may be null. */
    static void stepEnded(Object step, Task<?> task) {
        if (step != null) {
            Events.stepEnded(step, task);
        }
    }

    /** Records a {@code SlowStep} that held the loop {@code nanos}, if a recording wants it. */
    static void slowStep(Task<?> task, long nanos, String startedAt, String gaveBackAt) {
        if (AVAILABLE) {
            Events.slowStep(task, nanos, startedAt, gaveBackAt);
        }
    }

    /** The event classes, loaded only where {@code jdk.jfr} exists. */
    private static final class Events {
        /** Never committed: asked whether its type is enabled, which is a static question. */
        private static final TaskStep STEP = new TaskStep();
        private static final SlowStep SLOW_STEP = new SlowStep();
        private static final TaskCreated CREATED = new TaskCreated();
        private static final TaskDone DONE = new TaskDone();

        static boolean anyEnabled() {
            return STEP.isEnabled() || SLOW_STEP.isEnabled() || CREATED.isEnabled() || DONE.isEnabled();
        }

        static void taskCreated(Task<?> task) {
            if (CREATED.isEnabled()) {
                TaskCreated event = new TaskCreated();
                event.fill(task);
                event.commit();
            }
        }

        static void taskDone(Task<?> task, Throwable error) {
            if (DONE.isEnabled()) {
                TaskDone event = new TaskDone();
                event.fill(task);
                event.outcome = error == null ? "result" : error instanceof CancelledError ? "cancelled" : "failed";
                event.exception = error == null || error instanceof CancelledError ? null : error.getClass().getName();
                event.commit();
            }
        }

        static Object stepBegins() {
            if (!STEP.isEnabled()) {
                return null;
            }
            TaskStep step = new TaskStep();
            step.begin();
            return step;
        }

        static void stepEnded(Object begun, Task<?> task) {
            TaskStep step = (TaskStep) begun;
            step.end();
            if (step.shouldCommit()) {
                step.fill(task);
                step.commit();
            }
        }

        static void slowStep(Task<?> task, long nanos, String startedAt, String gaveBackAt) {
            if (!SLOW_STEP.isEnabled()) {
                return;
            }
            SlowStep event = new SlowStep();
            event.fill(task);
            event.held = nanos;
            event.startedAt = startedAt;
            event.gaveBackAt = gaveBackAt;
            event.commit();
        }
    }

    /** The fields every event has: which task, running which coroutine. Off by default (inherited). */
    @Category("Weft")
    @StackTrace(false)
    @Enabled(false)
    abstract static class TaskEvent extends Event {
        @Label("Task")
        String task;

        @Label("Coroutine")
        @Description("The task's coroutine: the source class and method of a woven one")
        String coroutine;

        final void fill(Task<?> t) {
            task = t.getName();
            coroutine = t.getCoroutine().describe();
        }
    }

    @Name("dev.weft.TaskStep")
    @Label("Task Step")
    @Description("A task ran its coroutine from one await to the next (or to its end) on its loop's thread")
    static final class TaskStep extends TaskEvent {
    }

    @Name("dev.weft.SlowStep")
    @Label("Slow Step")
    @Description("A task step held its loop at least the loop's slow callback duration")
    static final class SlowStep extends TaskEvent {
        @Label("Held")
        @Description("How long the step held the loop")
        @Timespan(Timespan.NANOSECONDS)
        long held;

        @Label("Started At")
        @Description("The await the step resumed from (or the coroutine's first line)")
        String startedAt;

        @Label("Gave Back At")
        @Description("The await where the step gave the loop back, or how the task ended")
        String gaveBackAt;
    }

    @Name("dev.weft.TaskCreated")
    @Label("Task Created")
    @StackTrace(true)
    static final class TaskCreated extends TaskEvent {
    }

    @Name("dev.weft.TaskDone")
    @Label("Task Done")
    static final class TaskDone extends TaskEvent {
        @Label("Outcome")
        @Description("result, failed or cancelled")
        String outcome;

        @Label("Exception")
        String exception;
    }
}
