package dev.weft;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * the trace: the frame classes' {@code $step} and the await hooks between two coroutines. An
 * exception caught inside the coroutine never reaches the driver; the weaver makes each
 * {@code catch} clause of an async body hand it to {@link WovenCode#$caught} instead.
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
        boolean first;
        synchronized (TOUCHED) {
            Touched touched = TOUCHED.get(error);
            first = touched == null;
            if (first) {
                touched = new Touched();
                TOUCHED.put(error, touched);
            } else if (touched.hasReached(task)) {
                return;
            }
            touched.tasks.add(new WeakReference<>(task));
            for (Coroutine<?> f = frame; f != null && touched.added < MAX_ADDED; f = f.caller) {
                StackTraceElement element = f.element();
                if (element != null) { // the runtime's own coroutines have no source line
                    chain.add(element);
                    touched.added++;
                }
            }
        }
        if (first || !chain.isEmpty()) {
            rewrite(error, first, chain);
        }
    }

    /**
     * {@code error} ends a task, or a {@code catch} clause of woven code caught it: either way the
     * user's code may print it now, so its trace loses the plumbing, once.
     */
    static void dropPlumbing(Throwable error) {
        synchronized (TOUCHED) {
            if (TOUCHED.containsKey(error)) {
                return;
            }
            TOUCHED.put(error, new Touched());
        }
        rewrite(error, true, List.of());
    }

    /**
     * Sets {@code error}'s trace to what it was with {@code chain} inserted above the driver's frames,
     * and the woven plumbing dropped when {@code clean}: one read and one write of the trace, the
     * costly part (reading materialises every element the JVM recorded).
     */
    private static void rewrite(Throwable error, boolean clean, List<StackTraceElement> chain) {
        StackTraceElement[] trace = error.getStackTrace();
        int at = driverIndex(trace);
        List<StackTraceElement> rewritten = new ArrayList<>(trace.length + chain.size());
        for (int i = 0; i < trace.length; i++) {
            if (i == at) {
                rewritten.addAll(chain);
            }
            if (!clean || !isPlumbing(trace[i])) {
                rewritten.add(trace[i]);
            }
        }
        if (at == trace.length) {
            rewritten.addAll(chain);
        }
        error.setStackTrace(rewritten.toArray(new StackTraceElement[0]));
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

    /** The tasks whose chains one exception gained (usually one), and how many elements they added. */
    private static final class Touched {
        final List<WeakReference<Task<?>>> tasks = new ArrayList<>(1);
        int added;

        boolean hasReached(Task<?> task) {
            for (WeakReference<Task<?>> reached : tasks) {
                if (reached.get() == task) {
                    return true;
                }
            }
            return false;
        }
    }
}
