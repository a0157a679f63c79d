package dev.weft.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
