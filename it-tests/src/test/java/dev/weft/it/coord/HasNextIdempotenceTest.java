package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.weft.Async;
import dev.weft.AsyncGenerator;
import dev.weft.AsyncIterable;
import dev.weft.AsyncIterator;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code hasNext()} may be awaited any number of times before {@code next()}, as
 * {@link java.util.Iterator#hasNext()} may be called: only {@code next()} moves on.
 */
@ExtendWith(WeftExtension.class)
class HasNextIdempotenceTest {

    @Async
    static AsyncGenerator<Integer> oneTwoThree() {
        Await.yield(1);
        Await.on(Asyncio.sleep(0));
        Await.yield(2);
        Await.yield(3);
        return AsyncGenerator.end();
    }

    /** Awaits {@code hasNext()} twice before each {@code next()}, and twice more at the end. */
    @Async
    static Coroutine<List<Integer>> askingTwice(AsyncIterator<Integer> it) {
        List<Integer> out = new ArrayList<>();
        while (Await.on(it.hasNext()) && Await.on(it.hasNext())) {
            out.add(it.next());
        }
        assertFalse(Await.on(it.hasNext()));
        return Coroutine.of(out);
    }

    @Test
    @Async
    void generator() {
        assertEquals(List.of(1, 2, 3), Await.on(askingTwice(oneTwoThree())));
    }

    @Async
    static Coroutine<Integer> valueAfter(double delay, int value) {
        Await.on(Asyncio.sleep(delay));
        return Coroutine.of(value);
    }

    @Test
    @Async
    void asCompleted() {
        AsyncIterable<Integer> done = Asyncio.asCompleted(List.of(
                valueAfter(0.03, 3), valueAfter(0.01, 1), valueAfter(0.02, 2)));
        assertEquals(List.of(1, 2, 3), Await.on(askingTwice(done.iterator())));
    }

    @Test
    @Async
    void publisherBridge() {
        for (int batch : new int[] {1, 16}) {
            AsyncIterable<Integer> items = AsyncIterable.from(oneTwoThreePublisher(), batch);
            assertEquals(List.of(1, 2, 3), Await.on(askingTwice(items.iterator())), "batch " + batch);
        }
    }

    /** Emits 1, 2, 3 synchronously as they are requested, then completes. */
    private static Flow.Publisher<Integer> oneTwoThreePublisher() {
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private int next = 1;
            private boolean over;

            @Override
            public void request(long n) {
                for (; n > 0 && next <= 3; n--) {
                    subscriber.onNext(next++);
                }
                if (next > 3 && !over) {
                    over = true;
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                over = true;
            }
        });
    }
}
