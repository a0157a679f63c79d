package dev.weft;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text of {@link EventLoop#dumpTasks()}: every unfinished task with its state, what it awaits
 * and its await chain, then the tree of who awaits whom, as {@code python -m asyncio pstree}
 * draws it. Built on the loop's thread (or while the loop is not running), from what the tasks
 * hold: their suspended frames, each frame's await line, and the future they wait on.
 */
final class TaskDump {
    private static final String NL = System.lineSeparator();

    private final EventLoop loop;
    private final List<Task<?>> tasks;
    /** For each task, the tasks it awaits directly (a task, or the children of a gather, TaskGroup or wait it awaits). */
    private final Map<Task<?>, List<Task<?>>> awaits = new IdentityHashMap<>();
    private final StringBuilder out = new StringBuilder();

    private TaskDump(EventLoop loop) {
        this.loop = loop;
        this.tasks = loop.tasks.snapshot();
        for (Task<?> task : tasks) {
            awaits.put(task, awaitedTasks(task));
        }
    }

    static String of(EventLoop loop) {
        return new TaskDump(loop).write();
    }

    /**
     * The fan-out {@code task} waits in, if any: a gather is the future it awaits; a wait or a
     * TaskGroup's exit is its innermost frame, which awaits a plain future of its own.
     */
    private static FanIn fanIn(Task<?> task) {
        if (task.waitingOn() instanceof FanIn gather) {
            return gather;
        }
        Coroutine<?> innermost = task.innermost();
        if (innermost instanceof Wait<?> wait) {
            return wait.fanIn();
        }
        return innermost instanceof FanIn exit ? exit : null;
    }

    private static List<Task<?>> awaitedTasks(Task<?> waiting) {
        if (waiting.waitingOn() instanceof Task<?> task) {
            return List.of(task);
        }
        FanIn fanIn = fanIn(waiting);
        return fanIn == null ? List.of() : unfinishedTasks(fanIn);
    }

    private static List<Task<?>> unfinishedTasks(FanIn fanIn) {
        List<Task<?>> unfinished = new ArrayList<>();
        for (BaseFuture<?, ?> child : fanIn.children()) {
            if (child instanceof Task<?> task && !child.isDone()) {
                unfinished.add(task);
            }
        }
        return unfinished;
    }

    private String write() {
        Task<?> current = loop.currentTask();
        out.append("Event loop ").append(loop.describe()).append(": ").append(tasks.size())
                .append(tasks.size() == 1 ? " task" : " tasks").append(NL);
        for (Task<?> task : tasks) {
            out.append(NL);
            describe(task, current, out);
        }
        if (!tasks.isEmpty()) {
            out.append(NL).append("Who awaits whom:").append(NL);
            Set<Task<?>> awaited = Collections.newSetFromMap(new IdentityHashMap<>());
            for (List<Task<?>> children : awaits.values()) {
                awaited.addAll(children);
            }
            List<Task<?>> roots = new ArrayList<>();
            for (Task<?> task : tasks) {
                if (!awaited.contains(task)) {
                    roots.add(task);
                }
            }
            if (roots.isEmpty()) {
                roots.add(tasks.get(0)); // every task awaits another: a cycle, drawn from the oldest
            }
            Set<Task<?>> path = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < roots.size(); i++) {
                tree(roots.get(i), "", i == roots.size() - 1, path);
            }
        }
        return out.toString();
    }

    /** {@code task}'s name, state, coroutine, where it was created (debug mode), what it awaits and its await chain. */
    private static void describe(Task<?> task, Task<?> current, StringBuilder out) {
        out.append(task.getName()).append(" (").append(state(task, current)).append(") ")
                .append(task.getCoroutine().describe()).append(createdAt(task)).append(NL);
        String waits = waitsFor(task);
        if (waits != null) {
            out.append("    awaits ").append(waits).append(NL);
        }
        for (StackTraceElement element : task.getStack()) {
            out.append("        at ").append(element).append(NL);
        }
    }

    /** One {@link #describe} per task, for a loop's observer; the loop is not running. */
    static List<String> describeAll(List<Task<?>> tasks) {
        List<String> described = new ArrayList<>(tasks.size());
        for (Task<?> task : tasks) {
            StringBuilder one = new StringBuilder();
            describe(task, null, one);
            described.add(one.toString().stripTrailing());
        }
        return described;
    }

    /** {@code ", created at Frame"} for a task made in debug mode, else empty. */
    static String createdAt(Task<?> task) {
        StackTraceElement at = task.createdAt();
        return at == null ? "" : ", created at " + at;
    }

    /** {@code prefix} and the first {@link #userFrame} of {@code stack}, or empty if it has none. */
    static String where(String prefix, StackTraceElement[] stack) {
        StackTraceElement frame = userFrame(stack);
        return frame == null ? "" : prefix + frame;
    }

    /**
     * The first frame of {@code stack} in the user's code: outside the runtime (package
     * {@code dev.weft} itself) and the JDK, and past the making of a woven frame (its
     * {@code Owner$$Weft$method$N} class and the {@code @Async} method that calls its constructor),
     * so that a coroutine is placed where its method was called; null if none.
     */
    static StackTraceElement userFrame(StackTraceElement[] stack) {
        boolean makingFrame = false;
        for (StackTraceElement frame : stack) {
            String name = frame.getClassName();
            if (name.contains(WovenCode.FRAME_MARK)) {
                makingFrame = true;
                continue;
            }
            if (makingFrame) {
                makingFrame = false;
                continue;
            }
            boolean runtime = name.startsWith("dev.weft.") && name.indexOf('.', "dev.weft.".length()) < 0;
            if (!runtime && !name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
                return frame;
            }
        }
        return null;
    }

    private static String state(Task<?> task, Task<?> current) {
        if (task == current) {
            return "running";
        }
        return task.waitingOn() == null ? "ready" : "waiting";
    }

    /** What the task waits for, beyond its own frames: a task, a future, or a runtime wait (a sleep, a lock). */
    private static String waitsFor(Task<?> task) {
        Object waited = task.waitingOn();
        if (waited instanceof Task<?> other) {
            return "task " + other.getName();
        }
        FanIn fanIn = fanIn(task);
        if (fanIn != null) {
            return fanIn.kind() + " of " + unfinishedTasks(fanIn).size() + " unfinished tasks";
        }
        if (waited instanceof Coroutine<?> runtime) {
            return runtime.describe();
        }
        return waited == null ? null : String.valueOf(waited);
    }

    /**
     * Draws {@code task}, its await chain outermost first, and the tasks it awaits below the
     * innermost frame; {@code path} holds the tasks being drawn above it, to stop at a cycle.
     */
    private void tree(Task<?> task, String indent, boolean last, Set<Task<?>> path) {
        out.append(indent).append(last ? "└── " : "├── ").append("(T) ").append(task.getName());
        if (!path.add(task)) {
            out.append(" (drawn above: these tasks await each other in a cycle)").append(NL);
            return;
        }
        out.append(NL);
        String inner = indent + (last ? "    " : "│   ");
        List<StackTraceElement> stack = new ArrayList<>(task.getStack());
        Collections.reverse(stack);
        for (StackTraceElement element : stack) {
            out.append(inner).append("└── ").append(element.getClassName()).append('.').append(element.getMethodName())
                    .append(' ').append(element.getFileName()).append(':').append(element.getLineNumber()).append(NL);
            inner += "    ";
        }
        List<Task<?>> children = awaits.get(task);
        Map<Task<?>, Boolean> shown = new LinkedHashMap<>();
        for (Task<?> child : children) {
            if (awaits.containsKey(child)) {
                shown.put(child, Boolean.TRUE);
            }
        }
        int i = 0;
        for (Task<?> child : shown.keySet()) {
            tree(child, inner, ++i == shown.size(), path);
        }
        path.remove(task);
    }
}
