package dev.weft;

import java.util.Iterator;
import java.util.concurrent.CompletionStage;

/**
 * The protocol between woven code and the runtime: every runtime member that the weaver's output
 * calls or reads, besides the frame contract (a frame extends {@link Coroutine} and overrides
 * {@code $step()}, or extends {@link AsyncGenerator} and overrides {@code $generate()}; either
 * also overrides {@code $source()} and {@code $line()}, which name its source method and the line
 * it waits at) and the public API it rewrites ({@code Await.on}, {@code Coroutine.of}, ...). <strong>Not API</strong>:
 * users never call it, and it changes whenever {@link #PROTOCOL} does.
 *
 * <p>The weaver's {@code dev.weft.weaver.Names} mirrors this class one to one, and a weaver test
 * checks every name and descriptor there against this class by reflection. Changing a hook here
 * means changing {@code Names} and raising {@link #PROTOCOL} on both sides.
 *
 * <p>It lives in {@code dev.weft} so that the frame state it works on stays package-private, and
 * its hooks are static methods of a final class so that the hot path (await, resume) is a direct
 * call the JIT inlines.
 *
 * <p>A step's result is an object, except on one path: a frame that returns
 * {@code Coroutine.of(anInt)} (or a {@code long}) to a woven await that unboxes it at once, as
 * {@code int x = Await.on(child())} does, hands it over unboxed through its loop
 * ({@link #$returnInt}, {@link #$awaitUnboxed}); every other consumer sees the box.
 *
 * @hidden
 */
public final class WovenCode {
    private WovenCode() {
    }

    /**
     * The version of this protocol: the weaver records the version it wrote in every woven class
     * ({@code @Woven(protocol = ...)}) and refuses classes woven for another one.
     */
    public static final int PROTOCOL = 6;

    /**
     * What a frame class's binary name has between its owner and its method
     * ({@code com.acme.Service$$Weft$fetch$0}): how tools and {@link Coroutine#toString()} tell
     * frames from the classes that own them.
     */
    public static final String FRAME_MARK = "$$Weft$";

    /** Returned by a frame's step and by {@link #$await} when the coroutine is waiting. */
    public static final Object $SUSPENDED = marker("SUSPENDED");

    /**
     * Returned by a step in place of an {@code Integer} result that travels unboxed (see
     * {@link #$returnInt}); the value waits in {@link EventLoop#unboxedResult}.
     */
    private static final Object INT_RESULT = marker("INT_RESULT");
    /** As {@link #INT_RESULT}, for a {@code Long}. */
    private static final Object LONG_RESULT = marker("LONG_RESULT");

    private static Object marker(String name) {
        return new Object() {
            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * Awaits {@code awaitable} from the woven frame {@code frame}: returns its value when it is
     * available now, otherwise records what the task waits for and returns {@link #$SUSPENDED}.
     */
    public static Object $await(Coroutine<?> frame, Object awaitable) {
        return $boxed($awaitUnboxed(frame, awaitable), frame);
    }

    /**
     * {@link #$await} for a woven site that unboxes what it awaits at once: an {@code int} or
     * {@code long} result may come back as a marker that {@link #$unboxedInt}/{@link #$unboxedLong}
     * read, rather than as a box.
     */
    public static Object $awaitUnboxed(Coroutine<?> frame, Object awaitable) {
        if (awaitable instanceof Coroutine<?> child) {
            return frame.awaitChild(child);
        }
        if (awaitable instanceof BaseFuture<?, ?> future) {
            if (future.loop != frame.task.loop) {
                // Its state belongs to another thread: wait for it through both loops' inboxes.
                return $await(frame, Stages.fromOtherLoop(future, frame.task.loop));
            }
            if (future.isDone()) {
                return future.resultOrThrow();
            }
            if (future == frame.task) {
                throw new IllegalStateException("task " + future + " cannot await itself: it would wait forever");
            }
            frame.task.suspendOn(frame, future);
            return $SUSPENDED;
        }
        if (awaitable instanceof CompletionStage<?> stage) {
            Object now = Stages.outcomeNow(stage);
            return now != Stages.NOT_DONE ? now : $await(frame, Stages.toFuture(stage, frame.task.loop()));
        }
        if (awaitable == null) {
            throw new NullPointerException("Await.on(null): there is nothing to await");
        }
        throw new IllegalArgumentException("Await.on cannot await a " + awaitable.getClass().getName()
                + ": pass a Coroutine, a Task, a Future or a CompletionStage");
    }

    /** The value a resumed frame continues with, or the exception it must throw at its await. */
    public static Object $resumed(Coroutine<?> frame) {
        return $boxed(frame.task.takeResumption(), frame);
    }

    /** {@link #$resumed} for a woven site that unboxes what it awaited (see {@link #$awaitUnboxed}). */
    public static Object $resumedUnboxed(Coroutine<?> frame) {
        return frame.task.takeResumption();
    }

    /**
     * {@code return Coroutine.of(value)} of an {@code int}, woven: the frame completes with
     * {@code value} without boxing it. The awaiting frame reads it back at once, inline or as the
     * next frame its task steps, before anything else on the loop can run.
     */
    public static Object $returnInt(int value, Coroutine<?> frame) {
        frame.task.loop.unboxedResult = value;
        return INT_RESULT;
    }

    /** {@link #$returnInt} for a {@code long}. */
    public static Object $returnLong(long value, Coroutine<?> frame) {
        frame.task.loop.unboxedResult = value;
        return LONG_RESULT;
    }

    /** Whether {@code result} is the marker of an unboxed {@code int}. */
    public static boolean $isUnboxedInt(Object result) {
        return result == INT_RESULT;
    }

    /** Whether {@code result} is the marker of an unboxed {@code long}. */
    public static boolean $isUnboxedLong(Object result) {
        return result == LONG_RESULT;
    }

    /** The {@code int} behind an {@link #INT_RESULT} marker just returned to {@code frame}. */
    public static int $unboxedInt(Coroutine<?> frame) {
        return (int) frame.task.loop.unboxedResult;
    }

    /** The {@code long} behind a {@link #LONG_RESULT} marker just returned to {@code frame}. */
    public static long $unboxedLong(Coroutine<?> frame) {
        return frame.task.loop.unboxedResult;
    }

    /** {@code result} as an object: the box of an unboxed result, or {@code result} itself. */
    public static Object $boxed(Object result, Coroutine<?> frame) {
        if (result == INT_RESULT) {
            return Integer.valueOf((int) frame.task.loop.unboxedResult);
        }
        if (result == LONG_RESULT) {
            return Long.valueOf(frame.task.loop.unboxedResult);
        }
        return result;
    }

    /**
     * The woven code of an {@code @Async} method declared {@code void}, an entry point: runs
     * {@code main}, the frame of its body, to completion as {@link Asyncio#run(Coroutine)} does, and
     * rethrows the body's exception unchanged (checked ones too: the method declares them).
     */
    public static void $runEntryPoint(Coroutine<Void> main) {
        if (EventLoop.runningOrNull() != null) {
            // Never started, and for a reason reported here: debug mode must not call it forgotten too.
            NeverAwaited.started(main);
            throw new IllegalStateException("@Async void method " + main.describe() + " is an entry point: it runs its own"
                    + " event loop and cannot be called on a thread whose loop is running; declare it to return"
                    + " Coroutine<Void> and await the coroutine instead");
        }
        Asyncio.run(main);
    }

    /** {@code Await.yield(value)}, woven: hands {@code value} to the generator's consumer. */
    public static Object $yield(AsyncGenerator<?> generator, Object value) {
        return generator.yielded(value);
    }

    /**
     * The woven {@code close()} of an {@link AsyncCloseable} resource in try-with-resources
     * (Python's {@code async with}). With {@code bodyError == null} (the block completed) it awaits
     * the close and lets its failure propagate; otherwise it completes with the exception the block
     * must throw (the body's, with a close failure added as suppressed, as Java's
     * try-with-resources does).
     */
    public static Coroutine<Throwable> $aexit(AsyncCloseable resource, Throwable bodyError) {
        return Scopes.exit(resource, bodyError);
    }

    /**
     * The first thing each {@code catch} clause of an async body does. An exception caught inside a
     * coroutine never reaches the task's driver, so its trace loses the woven plumbing here, before
     * the user's code can print it. Never changes what the clause does: with too little stack or
     * memory left to edit the trace, the trace stays as the JVM made it.
     */
    public static void $caught(Throwable error) {
        if (AsyncTraces.ENABLED && !(error instanceof CancelledError)) {
            try {
                AsyncTraces.dropPlumbing(error);
            } catch (StackOverflowError | OutOfMemoryError tooLittleLeft) {
                // the user's handler runs all the same
            }
        }
    }

    /** {@code Await.each(iterable)}, woven (Python's {@code async for}): the loop's iterator. */
    public static <T> Each<T> $each(AsyncIterable<T> iterable) {
        if (iterable == null) {
            throw new NullPointerException("Await.each(null): there is nothing to iterate");
        }
        return new Each<>(iterable.iterator());
    }

    /**
     * The iterator of a woven {@code async for}: the loop awaits {@link #hasNextAsync()}; leaving
     * the loop early closes the underlying iterator when it is {@link AsyncCloseable}.
     */
    public static final class Each<T> implements Iterable<T>, Iterator<T>, AsyncCloseable {
        private final AsyncIterator<T> iterator;

        Each(AsyncIterator<T> iterator) {
            this.iterator = iterator;
        }

        /** What the woven loop awaits before each round. */
        public Coroutine<Boolean> hasNextAsync() {
            return iterator.hasNext();
        }

        @Override
        public boolean hasNext() {
            throw Await.notWoven("Await.each");
        }

        @Override
        public T next() {
            return iterator.next();
        }

        @Override
        public Iterator<T> iterator() {
            return this;
        }

        @Override
        public Coroutine<Void> aclose() {
            return iterator instanceof AsyncCloseable closeable ? closeable.aclose() : Coroutine.done();
        }
    }
}
