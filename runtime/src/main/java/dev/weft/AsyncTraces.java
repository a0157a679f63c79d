package dev.weft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Async stack traces: when an exception reaches a task's driver — it escaped a frame resumed after
 * a suspension, or it comes from a task or future the frame awaited — the frames that await it in
 * that task are added to its stack trace, each as its source class, method, file and the line of
 * its {@code Await.on}, just above the driver's own frames. The trace then reads like the
 * synchronous program's: the Java stack at the throw, then every coroutine waiting for it. Frames
 * awaited inline need nothing: they are on the Java stack when the exception is made.
 *
 * <p>The first time the runtime touches an exception it also drops the woven code's plumbing from
 * the trace: the frame classes' {@code $step} and the await hooks between two coroutines.
 *
 * <p>It all runs only while an exception propagates, once per task it reaches; an exception
 * rethrown again and again in one task (a retry loop) gains that task's chain once. A
 * {@link CancelledError} is left alone: cancellation is control flow that busy programs go
 * through by the thousand (timeouts, task groups cancelling siblings), every retrieval makes a
 * fresh one, and reading a trace to extend it costs far more than making the exception did.
 * {@code -Dweft.asyncStackTraces=false} turns it off.
 */
final class AsyncTraces {
    static final boolean ENABLED = !"false".equals(System.getProperty("weft.asyncStackTraces"));
    /**
     * At most this many elements are added to one exception, however many tasks it passes through:
     * the JVM's own default limit on a trace's depth.
     */
    private static final int MAX_ADDED = 1024;
    /**
     * What was done to each exception the runtime touched. Weak keys, and the tasks in each entry
     * are weak too, so that a task holding its exception keeps neither alive.
     */
    private static final Map<Throwable, Touched> TOUCHED = new WeakHashMap<>();

    private AsyncTraces() {
    }

    /**
     * {@code error} is about to be thrown into {@code frame}, a frame of {@code task} suspended at an
     * await: the first time it reaches {@code task}, the chain from {@code frame} to the task's
     * coroutine is added to its trace.
     */
    static void reached(Throwable error, Coroutine<?> frame, Task<?> task) {
        List<StackTraceElement> chain = new ArrayList<>();
        synchronized (TOUCHED) {
            Touched touched = touch(error);
            if (!touched.tasks.add(task)) {
                return;
            }
            for (Coroutine<?> f = frame; f != null && touched.added < MAX_ADDED; f = f.caller) {
                StackTraceElement element = f.element();
                if (element != null) { // the runtime's own coroutines have no source line
                    chain.add(element);
                    touched.added++;
                }
            }
        }
        if (chain.isEmpty()) {
            return;
        }
        StackTraceElement[] trace = error.getStackTrace();
        int at = driverIndex(trace);
        StackTraceElement[] longer = new StackTraceElement[trace.length + chain.size()];
        System.arraycopy(trace, 0, longer, 0, at);
        for (int i = 0; i < chain.size(); i++) {
            longer[at + i] = chain.get(i);
        }
        System.arraycopy(trace, at, longer, at + chain.size(), trace.length - at);
        error.setStackTrace(longer);
    }

    /** {@code error} ends a task: it leaves the woven code, so its trace loses the plumbing. */
    static void escaped(Throwable error) {
        synchronized (TOUCHED) {
            touch(error);
        }
    }

    /** The record of {@code error}; on first sight, its trace cleaned of the woven plumbing. */
    private static Touched touch(Throwable error) {
        Touched touched = TOUCHED.get(error);
        if (touched == null) {
            touched = new Touched();
            TOUCHED.put(error, touched);
            StackTraceElement[] trace = error.getStackTrace();
            List<StackTraceElement> kept = new ArrayList<>(trace.length);
            for (StackTraceElement element : trace) {
                if (!isPlumbing(element)) {
                    kept.add(element);
                }
            }
            if (kept.size() < trace.length) {
                error.setStackTrace(kept.toArray(new StackTraceElement[0]));
            }
        }
        return touched;
    }

    /** Where awaiting frames go: just above the task driver's frames, or at the end when the exception was made elsewhere. */
    private static int driverIndex(StackTraceElement[] trace) {
        for (int i = 0; i < trace.length; i++) {
            if (trace[i].getClassName().equals(Task.class.getName())
                    && (trace[i].getMethodName().equals("drive") || trace[i].getMethodName().equals("step"))) {
                return i;
            }
        }
        return trace.length;
    }

    /** The frame classes' step methods, and the runtime's hooks that woven code calls to await. */
    private static boolean isPlumbing(StackTraceElement element) {
        String type = element.getClassName();
        return type.contains(WovenCode.FRAME_MARK) || type.equals(WovenCode.class.getName())
                || type.equals(Coroutine.class.getName()) && element.getMethodName().equals("awaitChild");
    }

    /** The tasks whose chains one exception gained, and how many elements they added. */
    private static final class Touched {
        final Set<Task<?>> tasks = Collections.newSetFromMap(new WeakHashMap<>());
        int added;
    }
}
