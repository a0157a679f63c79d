package dev.weft.it.shapes;

import dev.weft.Async;
import dev.weft.AsyncGenerator;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** What woven coroutines promise beyond computing the right values. */
public final class Behaviour {
    private Behaviour() {
    }

    /** Counts how often its body started: calling it must not count. */
    @Async
    public static Coroutine<Integer> countsItsRuns(Mode m, AtomicInteger runs) {
        runs.incrementAndGet();
        return Coroutine.of(Await.on(m.value(runs.get())));
    }

    @Async
    static Coroutine<Void> setFlag(boolean[] flag) {
        flag[0] = true;
        return Coroutine.done();
    }

    /**
     * Whether another task got to run while this coroutine awaited {@code m}'s values and a child
     * coroutine awaiting them: only a real suspension hands the loop to another task, since a child
     * runs inline and anything complete is returned at once.
     */
    @Async
    public static Coroutine<Boolean> otherTaskRanDuringAwaits(Mode m) {
        boolean[] ran = {false};
        var other = Asyncio.createTask(setFlag(ran));
        Await.on(m.value("x"));
        Await.on(chain(m, 3));
        boolean ranDuringAwaits = ran[0];
        Await.on(other);
        return Coroutine.of(ranDuringAwaits);
    }

    /** Awaits the same coroutine twice and returns the second await's exception. */
    @Async
    public static Coroutine<IllegalStateException> awaitTwice(Mode m) {
        Coroutine<Integer> once = chain(m, 1);
        Await.on(once);
        try {
            Await.on(once);
            return Coroutine.of(null);
        } catch (IllegalStateException e) {
            return Coroutine.of(e);
        }
    }

    /**
     * Awaits stages completed by a thread of the common pool, and reports the threads the coroutine
     * ran on before and after each await: [loop, completer, loop, loop].
     */
    @Async
    public static Coroutine<List<Thread>> threadsAroundStageAwaits(Mode m) {
        Thread before = Thread.currentThread();
        Thread completer = Await.on(CompletableFuture.supplyAsync(Thread::currentThread));
        Thread between = Thread.currentThread();
        Await.on(m.stage("later"));
        return Coroutine.of(List.of(before, completer, between, Thread.currentThread()));
    }

    /** A failed stage rethrows its original exception, not the CompletionException wrapping it. */
    @Async
    public static Coroutine<Throwable> failedStage(Mode m, RuntimeException error) {
        try {
            Await.on(m.stage("input").thenApply(input -> {
                throw error;
            }));
            return Coroutine.of(null);
        } catch (RuntimeException e) {
            return Coroutine.of(e);
        }
    }

    /** Throws {@code error} from {@code depth} frames down, after suspending; the caller catches it. */
    @Async
    public static Coroutine<Integer> throwFrom(Mode m, int depth, RuntimeException error) {
        if (depth == 0) {
            Await.on(m.value(null));
            throw error;
        }
        return Coroutine.of(Await.on(throwFrom(m, depth - 1, error)) + 1);
    }

    /** Fails with an exception created inside the coroutine, after awaits, on the marked line. */
    @Async
    public static Coroutine<Integer> indexOutOfBoundsAfterAwait(Mode m) {
        int[] empty = new int[Await.on(m.value(0))];
        int index = Await.on(m.value(3));
        return Coroutine.of(empty[index]); // line-marker: indexOutOfBoundsAfterAwait
    }

    /** An async lambda that fails after an await, on the marked line. */
    @Async
    public static Coroutine<Integer> lambdaFailsAfterAwait(Mode m) {
        Declarations.AsyncFunction<String, Integer> parse = text -> {
            String awaited = Await.on(m.value(text));
            return Coroutine.of(Integer.parseInt(awaited)); // line-marker: lambdaFailsAfterAwait
        };
        return parse.apply("not a number");
    }

    /** A generator that fails after a yield and an await, on the marked line. */
    @Async
    public static AsyncGenerator<Integer> generatorFailsAfterYield(Mode m) {
        Await.yield(1);
        Object missing = Await.on(m.value(null));
        Await.yield(missing.hashCode()); // line-marker: generatorFailsAfterYield
        return AsyncGenerator.end();
    }

    @Async
    public static Coroutine<Integer> sumOfGeneratorFailingAfterYield(Mode m) {
        int sum = 0;
        for (int x : Await.each(generatorFailsAfterYield(m))) {
            sum += x;
        }
        return Coroutine.of(sum);
    }

    /** Each level awaits the next; with ready values nothing ever suspends, so the chain completes synchronously. */
    @Async
    public static Coroutine<Integer> chain(Mode m, int depth) {
        if (depth == 0) {
            return Coroutine.of(Await.on(m.value(0)));
        }
        return Coroutine.of(Await.on(chain(m, depth - 1)) + 1);
    }

    /** Every level stays suspended until the bottom wakes up, then each resumes and suspends once more. */
    @Async
    public static Coroutine<Integer> suspendedChain(int depth) {
        if (depth == 0) {
            Await.on(Asyncio.sleep(0.001));
            return Coroutine.of(0);
        }
        int below = Await.on(suspendedChain(depth - 1));
        Await.on(Asyncio.sleep(0));
        return Coroutine.of(below + 1);
    }
}
