package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StartedGenerators}: the weak set of started generators that shutdownAsyncgens closes. */
class StartedGeneratorsTest {
    private final StartedGenerators started = new StartedGenerators();

    /** A generator that is never stepped: only its identity matters here. */
    private static AsyncGenerator<Integer> generator() {
        return new AsyncGenerator<>() {
            @Override
            protected Object $generate() {
                return null;
            }
        };
    }

    @Test
    void takeAllReturnsEveryTrackedGeneratorAndForgetsThem() {
        AsyncGenerator<Integer> a = generator();
        AsyncGenerator<Integer> b = generator();
        started.add(a);
        started.add(b);
        assertEquals(List.of(a, b), started.takeAll());
        assertEquals(List.of(), started.takeAll());
    }

    @Test
    void aRemovedEntryLeavesTheOthersTracked() {
        AsyncGenerator<Integer> a = generator();
        AsyncGenerator<Integer> b = generator();
        AsyncGenerator<Integer> c = generator();
        started.add(a);
        StartedGenerators.Entry middle = started.add(b);
        started.add(c);
        middle.remove();
        assertEquals(new HashSet<>(List.of(a, c)), new HashSet<>(started.takeAll()));
    }

    @Test
    void removingTwiceOrAfterTakeAllIsHarmless() {
        AsyncGenerator<Integer> a = generator();
        AsyncGenerator<Integer> b = generator();
        StartedGenerators.Entry first = started.add(a);
        started.takeAll();
        first.remove();
        StartedGenerators.Entry second = started.add(b);
        second.remove();
        second.remove();
        assertEquals(List.of(), started.takeAll());
    }

    @Test
    void growsPastItsFirstCapacity() {
        List<AsyncGenerator<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            AsyncGenerator<Integer> g = generator();
            all.add(g);
            started.add(g);
        }
        assertEquals(all, started.takeAll());
    }
}
