package dev.weft.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.Asyncio;
import java.util.ArrayList;
import java.util.List;

/** Corners of the state machine, woven by the real plugin (see {@link EdgeCases}). */
class EdgeCaseShapesTest {

    @InBothModes
    void longReturnedThroughFinallyThatAwaits(Mode m) {
        List<String> log = new ArrayList<>();
        assertEquals((1L << 40) + 1, Asyncio.run(EdgeCases.longReturnedThroughFinallyThatAwaits(m, log)));
        assertEquals(List.of("finally " + (1L << 40)), log);
    }

    @InBothModes
    void breakAndContinueThroughFinallyThatAwaits(Mode m) {
        assertEquals(List.of("finally 0", "body 1", "finally 1", "finally 2"),
                Asyncio.run(EdgeCases.breakAndContinueThroughFinallyThatAwaits(m)));
    }

    @InBothModes
    void exceptionWithOperandsOnTheStack(Mode m) {
        assertEquals("overflow 6", Asyncio.run(EdgeCases.exceptionWithOperandsOnTheStack(m)));
    }

    @InBothModes
    void catchParameterLiveAcrossAwaits(Mode m) {
        assertEquals("0kept1kept same:kept", Asyncio.run(EdgeCases.catchParameterLiveAcrossAwaits(m)));
    }

    @InBothModes
    void awaitOfAnAwaitAndAwaitAsReceiver(Mode m) {
        assertEquals(8, Asyncio.run(EdgeCases.awaitOfAnAwaitAndAwaitAsReceiver(m)));
    }

    @InBothModes
    void manyLocalsOfEveryKind(Mode m) {
        assertEquals("true 1c2134.567.5o8 15 11.25!", Asyncio.run(EdgeCases.manyLocalsOfEveryKind(m)));
    }

    @InBothModes
    void bridgeOfAGenericParameter(Mode m) {
        assertEquals(5, Asyncio.run(EdgeCases.bridgeOfAGenericParameter(m)));
    }

    @InBothModes
    void asyncGeneratorLambda(Mode m) {
        assertEquals(List.of("r0", "r1", "r2"), Asyncio.run(EdgeCases.asyncGeneratorLambda(m)));
    }

    @InBothModes
    void plainTryWithResourcesAroundAwaits(Mode m) throws Exception {
        List<String> log = new ArrayList<>();
        assertEquals("body failed [body, closed second, closed first]", Asyncio.run(EdgeCases.plainTryWithResourcesAroundAwaits(m, log)));
    }

    @InBothModes
    void breakOutOfALabelledBlock(Mode m) {
        assertEquals("start leaving after", Asyncio.run(EdgeCases.breakOutOfALabelledBlock(m)));
    }

    @InBothModes
    void reusedLocalSlotsOfDifferentTypes(Mode m) {
        assertEquals((1L << 33) + " s3 0.25", Asyncio.run(EdgeCases.reusedLocalSlotsOfDifferentTypes(m)));
    }

    @InBothModes
    void localSlotSetOnOnePathOnly(Mode m) {
        assertEquals("x=10 y=5", Asyncio.run(EdgeCases.localSlotSetOnOnePathOnly(m, true)));
        assertEquals("none y=5", Asyncio.run(EdgeCases.localSlotSetOnOnePathOnly(m, false)));
    }

    @InBothModes
    void anonymousSubclassWithAwaitedConstructorArguments(Mode m) {
        assertEquals("anonymous[1, 2]", Asyncio.run(EdgeCases.anonymousSubclassWithAwaitedConstructorArguments(m)));
    }

    @InBothModes
    void comparisonsAndCharArithmetic(Mode m) {
        assertEquals("long>double<NaNc", Asyncio.run(EdgeCases.comparisonsAndCharArithmetic(m)));
    }

    @InBothModes
    void nestedFinallyBlocksAwaitWhileAnExceptionIsPending(Mode m) {
        RuntimeException error = new IllegalStateException("pending");
        List<String> log = new ArrayList<>();
        assertSame(error, assertThrows(IllegalStateException.class,
                () -> Asyncio.run(EdgeCases.nestedFinallyBlocksAwaitWhileAnExceptionIsPending(m, error, log))));
        assertEquals(List.of("inner 1", "outer 2"), log);
    }

    @InBothModes
    void rethrowAtEveryLevelOfADeepChain(Mode m) {
        RuntimeException error = new IllegalStateException("deep");
        int[] handled = {0};
        assertSame(error, assertThrows(IllegalStateException.class,
                () -> Asyncio.run(EdgeCases.rethrowAtEveryLevel(m, 1_000, error, handled))));
        assertEquals(1_001, handled[0]);
    }

    @InBothModes
    void awaitInAssertThrowAndMonitorExpressions(Mode m) {
        assertEquals("thrown 1", Asyncio.run(EdgeCases.awaitInAssertThrowAndMonitorExpressions(m)));
    }
}
