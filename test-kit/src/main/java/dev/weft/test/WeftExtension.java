package dev.weft.test;

import dev.weft.EventLoop;
import dev.weft.internal.LoopObserver;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit Jupiter extension that makes every event loop a test starts ({@code Asyncio.run},
 * {@code new Runner()}, {@code new EventLoop()} on the test's thread) run in debug mode, and fails
 * the test when a loop closes leaving work behind: a task still pending (before {@code Asyncio.run}
 * cancels it), a task's exception never retrieved, a coroutine never awaited, or a step that held
 * the loop longer than {@link SlowStep} allows (1 second by default). The failure lists each
 * culprit with where it was created and, for a task, what it awaits and its await chain.
 *
 * <pre>{@code
 * @ExtendWith(WeftExtension.class)
 * class DownloaderTest {
 *     @Test
 *     void downloadsBoth() {
 *         assertEquals(2, Asyncio.run(downloader.fetchAll(urls)).size());
 *     }
 *
 *     @Test @VirtualTime
 *     void givesUpAfterAnHour() { ... }          // idle waits are skipped
 *
 *     @Test @AllowPendingTasks
 *     void leavesItsHeartbeatRunning() { ... }   // Asyncio.run cancels it, and that is fine
 * }
 * }</pre>
 *
 * <p>Annotations on the test method win over those on its class (or an enclosing class of a
 * {@code @Nested} one). Loops made on other threads are not watched, except those made from the
 * test's thread by {@code EventLoop.startOnNewThread}. Not in asyncio, whose test suite checks the
 * same by hand.
 */
public final class WeftExtension implements InvocationInterceptor {
    private static final String NL = System.lineSeparator();

    /** Public for {@code @ExtendWith}, which makes the instance. */
    public WeftExtension() {
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        watch(invocation, extensionContext);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        watch(invocation, extensionContext);
    }

    /** Runs the test with its thread's loops observed, then fails it if they left work behind. */
    private static void watch(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        SlowStep slow = find(context, SlowStep.class);
        Watch watch = new Watch(find(context, VirtualTime.class) != null, slow != null ? slow.value() : 1.0,
                find(context, AllowPendingTasks.class) != null);
        LoopObserver previous = LoopObserver.installed();
        LoopObserver.install(watch);
        Throwable failure = null;
        try {
            invocation.proceed();
        } catch (Throwable t) {
            failure = t;
        } finally {
            LoopObserver.install(previous);
        }
        String report = watch.report();
        if (report != null) {
            AssertionError leftBehind = new AssertionError(report);
            if (failure == null) {
                throw leftBehind;
            }
            failure.addSuppressed(leftBehind);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** {@code type} on the test method, else on its class or the classes enclosing it; null if on none. */
    private static <A extends Annotation> A find(ExtensionContext context, Class<A> type) {
        Optional<A> onMethod = AnnotationSupport.findAnnotation(context.getTestMethod(), type);
        if (onMethod.isPresent()) {
            return onMethod.get();
        }
        for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
            Optional<A> onClass = AnnotationSupport.findAnnotation(c, type);
            if (onClass.isPresent()) {
                return onClass.get();
            }
        }
        return null;
    }

    /** The observer of one test's loops: configures each and collects what each left behind. */
    private static final class Watch implements LoopObserver {
        private final boolean virtualTime;
        private final double slowStep;
        private final boolean allowPending;
        /** Filled by loops closing, possibly on other threads. */
        private final List<Leftovers> closed = new ArrayList<>();

        Watch(boolean virtualTime, double slowStep, boolean allowPending) {
            this.virtualTime = virtualTime;
            this.slowStep = slowStep;
            this.allowPending = allowPending;
        }

        @Override
        public boolean virtualTime() {
            return virtualTime;
        }

        @Override
        public void created(EventLoop loop) {
            loop.setDebug(true);
            loop.setSlowCallbackDuration(slowStep);
        }

        @Override
        public synchronized void closed(EventLoop loop, Leftovers leftovers) {
            closed.add(leftovers);
        }

        /** The failure message, or null when every loop closed clean. */
        synchronized String report() {
            List<String> pending = new ArrayList<>();
            List<String> unretrieved = new ArrayList<>();
            List<String> neverAwaited = new ArrayList<>();
            List<String> slow = new ArrayList<>();
            for (Leftovers l : closed) {
                if (!allowPending) {
                    pending.addAll(l.pendingTasks());
                }
                unretrieved.addAll(l.unretrievedFailures());
                neverAwaited.addAll(l.neverAwaited());
                slow.addAll(l.slowSteps());
            }
            StringBuilder out = new StringBuilder();
            section(out, pending, "task still pending when its loop finished",
                    "await it, cancel it, or annotate the test @AllowPendingTasks if Asyncio.run is meant to cancel it");
            section(out, unretrieved, "exception never retrieved",
                    "await the task, or read its exception()");
            section(out, neverAwaited, "coroutine never awaited",
                    "await it with Await.on, or schedule it with Asyncio.createTask");
            section(out, slow, "step held the event loop longer than " + slowStep + " s",
                    "move blocking work to Asyncio.toThread, or raise the limit with @SlowStep");
            return out.length() == 0 ? null : "The event loop left work behind:" + out;
        }

        private static void section(StringBuilder out, List<String> culprits, String what, String advice) {
            if (culprits.isEmpty()) {
                return;
            }
            out.append(NL).append(culprits.size()).append(' ').append(what.replaceFirst("^(\\S+)",
                    culprits.size() == 1 ? "$1" : "$1s")).append(" (").append(advice).append("):");
            for (String culprit : culprits) {
                out.append(NL).append("  - ").append(culprit.replace("\n", "\n    "));
            }
        }
    }
}
