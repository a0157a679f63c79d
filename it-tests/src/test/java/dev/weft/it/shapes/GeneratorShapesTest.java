package dev.weft.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Asyncio;
import java.util.ArrayList;
import java.util.List;

/** Async generators, {@code async for} and {@code async with}, woven by the real plugin (see {@link Generators}). */
class GeneratorShapesTest {
    private final List<String> log = new ArrayList<>();

    @InBothModes
    void asyncForSumsAGenerator(Mode m) {
        assertEquals(15, Asyncio.run(Generators.asyncForSumsAGenerator(m, log)));
        assertEquals(List.of("closed at 0"), log);
    }

    @InBothModes
    void breakOutOfAsyncForClosesTheGenerator(Mode m) {
        assertEquals(List.of(5, 4), Asyncio.run(Generators.breakOutOfAsyncForClosesTheGenerator(m, log)));
        assertEquals(List.of("closed at 2", "after loop"), log);
    }

    @InBothModes
    void manualIterationWithHasNextAndNext(Mode m) {
        assertEquals(List.of(3, 2, 1), Asyncio.run(Generators.manualIteration(m, log)));
        assertEquals(List.of("closed at 0"), log);
    }

    @InBothModes
    void tryWithResourcesAwaitsAcloseInReverseOrder(Mode m) {
        assertEquals("done", Asyncio.run(Generators.tryWithResourcesAwaitsAclose(m, log)));
        assertEquals(List.of("open a", "open b", "a:q1", "b:q2", "close b", "close a"), log);
    }

    @InBothModes
    void tryWithResourcesClosesWhenTheBodyThrows(Mode m) {
        assertEquals("body failed", Asyncio.run(Generators.tryWithResourcesClosesWhenTheBodyThrows(m, log)));
        assertEquals(List.of("open c", "close c"), log);
    }

    @InBothModes
    void generatorOverNestedAsyncFor(Mode m) {
        assertEquals(List.of("2:2", "2:1", "1:1"), Asyncio.run(Generators.generatorOverNestedAsyncFor(m, log)));
        assertEquals(List.of("closed at 0", "closed at 0", "closed at 0"), log);
    }

    @InBothModes
    void exceptionInAGeneratorReachesTheAsyncFor(Mode m) {
        RuntimeException error = new IllegalStateException("generator failed");
        assertEquals("01 same exception", Asyncio.run(Generators.exceptionInAGeneratorReachesTheAsyncFor(m, error)));
    }

    @InBothModes
    void returnFromAsyncForClosesNestedFinallyBlocks(Mode m) {
        assertEquals(20, Asyncio.run(Generators.returnFromAsyncForClosesNestedFinallyBlocks(m, log)));
        assertEquals(List.of("inner finally awaited", "outer finally awaited", "consumer finally"), log);
    }

    @InBothModes
    void returnAndBranchesInOneAsyncForBody(Mode m) {
        assertEquals(4 + 2, Asyncio.run(Generators.returnAndBranchesInOneAsyncForBody(m, log)));
        assertEquals(List.of("closed at 0"), log);
    }

    @InBothModes
    void breakOutOfARelayClosesBothGenerators(Mode m) {
        assertEquals(List.of("x3", "x2"), Asyncio.run(Generators.breakOutOfARelayClosesBothGenerators(m, log)));
        assertEquals(List.of("closed at 1", "relay closed"), log);
    }

    @InBothModes
    void generatorEndingInsideItsAsyncForClosesTheInnerGenerator(Mode m) {
        assertEquals(5 + 4, Asyncio.run(Generators.sumOfFirstTwo(m, log)));
        assertEquals(List.of("closed at 3", "consumer done"), log);
    }

    @InBothModes
    void switchInsideAsyncFor(Mode m) {
        assertEquals("four;3;", Asyncio.run(Generators.switchInsideAsyncFor(m, log)));
        assertEquals(List.of("closed at 1"), log);
    }
}
