package dev.weft.test;

import dev.weft.EventLoop;
import dev.weft.internal.LoopObserver;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit Jupiter extension that makes every event loop a test starts ({@code Asyncio.run},
 * {@code new Runner()}, {@code new EventLoop()} on the test's thread, and the fresh loop of a
 * {@code @Test @Async void} test) run in debug mode, and fails the test when a loop closes leaving
 * work behind: a task still pending (before {@code Asyncio.run} cancels it), a task's exception
 * never retrieved, a coroutine never awaited, or a step that held the loop longer than
 * {@link SlowStep} allows (1 second by default). A loop still open when the test ends fails it
 * too, since what it leaves could not be checked. The failure lists each culprit with where it was
 * created and, for a task, what it awaits and its await chain.
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
 *
 *     @Test @Async
 *     void fetchesOne() {                        // an entry point: runs on a fresh loop, watched the same
 *         assertEquals(200, Await.on(downloader.fetch(url)).status());
 *     }
 * }
 * }</pre>
 *
 * <p>A test's loops are those its thread makes from its instance's constructor (field initializers
 * included) through its {@code @BeforeEach} methods, the test itself and its {@code @AfterEach}
 * methods: a loop started in {@code @BeforeEach} (a {@code Runner} kept in a field, say) is in debug
 * mode and on virtual time if the test asks for it, and what it leaves when {@code @AfterEach}
 * closes it fails that test. The checks run after the last {@code @AfterEach}, so a loop must be
 * closed by then. When the test fails on its own, its failure stands and the leftovers are added to
 * it as suppressed. Loops made in {@code @BeforeAll} and {@code @AfterAll} methods (and, under
 * {@code @TestInstance(PER_CLASS)}, in the constructor) belong to the class: they must be closed by
 * the last {@code @AfterAll}, the class's annotations apply to them, and what they leave fails the
 * class, whichever test left it.
 *
 * <p>Annotations on the test method win over those on its class (or an enclosing class of a
 * {@code @Nested} one). Loops made on other threads are not watched, except those made from the
 * test's thread by {@code EventLoop.startOnNewThread}. Not in asyncio, whose test suite checks the
 * same by hand.
 */
public final class WeftExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, InvocationInterceptor {
    private static final String NL = System.lineSeparator();

    /** Public for {@code @ExtendWith}, which makes the instance. */
    public WeftExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        watchOf(context).observeThisThread();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        watchOf(context).observeThisThread();
    }

    /** Runs after the test's {@code @AfterEach} methods; JUnit adds this failure to the test's own as suppressed. */
    @Override
    public void afterEach(ExtensionContext context) {
        watchOf(context).finish();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        watchOf(context).finish();
    }

    /** The constructor runs before {@link #beforeEach}, in the test's context (see below): its loops are the test's. */
    @Override
    public <T> T interceptTestClassConstructor(Invocation<T> invocation,
                                               ReflectiveInvocationContext<Constructor<T>> invocationContext,
                                               ExtensionContext extensionContext) throws Throwable {
        Watch watch = watchOf(extensionContext);
        watch.observeThisThread();
        try {
            return invocation.proceed();
        } finally {
            watch.stopObserving();
        }
    }

    /** Asks JUnit for the test's own context when it constructs a test's instance, not the class's. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /**
     * The watch of a test's or a class's loops, made on first use. The namespace names the context:
     * a store also answers with its parents' values, and a test must not get its class's watch.
     */
    private static Watch watchOf(ExtensionContext context) {
        return context.getStore(ExtensionContext.Namespace.create(WeftExtension.class, context.getUniqueId()))
                .getOrComputeIfAbsent(Watch.class, type -> {
                    SlowStep slow = find(context, SlowStep.class);
                    return new Watch(find(context, VirtualTime.class) != null, slow != null ? slow.value() : 1.0,
                            find(context, AllowPendingTasks.class) != null);
                }, Watch.class);
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

    /** The observer of one test's (or class's) loops: configures each and collects what each left behind. */
    private static final class Watch implements LoopObserver {
        private final boolean virtualTime;
        private final double slowStep;
        private final boolean allowPending;
        /** Each loop made while observed, with where, to find those never closed. */
        private final Map<EventLoop, String> made = new LinkedHashMap<>();
        /** Filled by loops closing, possibly on other threads. */
        private final List<Leftovers> closed = new ArrayList<>();
        /** The thread's observer before this one, put back by {@link #stopObserving}: a class's, during its tests. */
        private LoopObserver previous;

        Watch(boolean virtualTime, double slowStep, boolean allowPending) {
            this.virtualTime = virtualTime;
            this.slowStep = slowStep;
            this.allowPending = allowPending;
        }

        void observeThisThread() {
            previous = LoopObserver.installed();
            LoopObserver.install(this);
        }

        /** Puts the previous observer back; does nothing if this one is not observing (its {@code before} never ran). */
        void stopObserving() {
            if (LoopObserver.installed() == this) {
                LoopObserver.install(previous);
            }
        }

        /** Stops observing, then fails if the loops left work behind. */
        void finish() {
            stopObserving();
            String report = report();
            if (report != null) {
                throw new AssertionError(report);
            }
        }

        @Override
        public boolean virtualTime() {
            return virtualTime;
        }

        @Override
        public synchronized void created(EventLoop loop) {
            loop.setDebug(true);
            loop.setSlowCallbackDuration(slowStep);
            made.put(loop, madeAt());
        }

        @Override
        public synchronized void closed(EventLoop loop, Leftovers leftovers) {
            closed.add(leftovers);
        }

        /** The failure message, or null when every loop closed clean. */
        private synchronized String report() {
            List<String> unclosed = new ArrayList<>();
            made.forEach((loop, where) -> {
                if (!loop.isClosed()) {
                    unclosed.add(where);
                }
            });
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
            section(out, unclosed, "loop never closed",
                    "close it, or shutdown() one started on a new thread: in @AfterEach if @BeforeEach made it,"
                            + " in @AfterAll if @BeforeAll did");
            section(out, pending, "task still pending when its loop finished",
                    "await it, cancel it, or annotate the test @AllowPendingTasks if Asyncio.run is meant to cancel it");
            section(out, unretrieved, "exception never retrieved",
                    "await the task, or read its exception()");
            section(out, neverAwaited, "coroutine never awaited",
                    "await it with Await.on, or schedule it with Asyncio.createTask");
            section(out, slow, "step held the event loop longer than its limit",
                    "move blocking work to Asyncio.toThread, or raise the limit with @SlowStep");
            return out.length() == 0 ? null : "The event loop left work behind:" + out;
        }

        /** {@code "made at Frame"}: the first frame of the caller's code, past the runtime, this extension and the JDK. */
        private static String madeAt() {
            return StackWalker.getInstance().walk(frames -> frames
                    .filter(frame -> !outsideTheTest(frame.getClassName()))
                    .findFirst()
                    .map(frame -> "made at " + frame.toStackTraceElement())
                    .orElse("made outside the test's code"));
        }

        private static boolean outsideTheTest(String className) {
            boolean runtime = className.startsWith("dev.weft.") && className.indexOf('.', "dev.weft.".length()) < 0;
            return runtime || className.startsWith(WeftExtension.class.getName())
                    || className.startsWith("java.") || className.startsWith("jdk.");
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
