package dev.weft.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.Asyncio;
import java.util.ArrayList;
import java.util.List;

/** {@code Await.on} inside switches, loops and exception handling, woven by the real plugin (see {@link ControlFlow}). */
class ControlFlowShapesTest {

    @InBothModes
    void switchStatementOnInt(Mode m) {
        assertEquals("other one twothree three ", Asyncio.run(ControlFlow.switchStatementOnInt(m)));
    }

    @InBothModes
    void switchExpressionOnInt(Mode m) {
        assertEquals(100 + 21 + 3, Asyncio.run(ControlFlow.switchExpressionOnInt(m)));
    }

    @InBothModes
    void switchStatementOnString(Mode m) {
        assertEquals("AB?", Asyncio.run(ControlFlow.switchStatementOnString(m)));
    }

    @InBothModes
    void switchExpressionOnString(Mode m) {
        assertEquals("AB??", Asyncio.run(ControlFlow.switchExpressionOnString(m)));
    }

    @InBothModes
    void switchStatementOnEnum(Mode m) {
        assertEquals("c-h-", Asyncio.run(ControlFlow.switchStatementOnEnum(m)));
    }

    @InBothModes
    void switchExpressionOnEnum(Mode m) {
        assertEquals("black diamonds! red black", Asyncio.run(ControlFlow.switchExpressionOnEnum(m)));
    }

    @InBothModes
    void labelledBreakAndContinueInNestedLoops(Mode m) {
        assertEquals(List.of("0,0", "0,1", "1,0", "1,1", "2,0"), Asyncio.run(ControlFlow.labelledBreakAndContinueInNestedLoops(m)));
    }

    @InBothModes
    void awaitsInTryCatchAndFinally(Mode m) {
        assertEquals("try catch:boom finally:ran after", Asyncio.run(ControlFlow.awaitsInTryCatchAndFinally(m)));
    }

    @InBothModes
    void finallyAwaitsWhenTryReturns(Mode m) {
        List<String> log = new ArrayList<>();
        assertEquals("returned", Asyncio.run(ControlFlow.finallyAwaitsOnReturnAndOnThrow(m, false, log)));
        assertEquals(List.of("finally:false"), log);
    }

    @InBothModes
    void finallyAwaitsWhenTryThrows(Mode m) {
        List<String> log = new ArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Asyncio.run(ControlFlow.finallyAwaitsOnReturnAndOnThrow(m, true, log)));
        assertEquals("thrown", e.getMessage());
        assertEquals(List.of("finally:true"), log);
    }

    @InBothModes
    void checkedExceptionCaughtAroundAwait(Mode m) {
        assertEquals("not found: missing.txt", Asyncio.run(ControlFlow.checkedExceptionCaughtAroundAwait(m)));
    }

    @InBothModes
    void awaitsInLoopHeadersAndConditions(Mode m) {
        assertEquals("012...", Asyncio.run(ControlFlow.awaitsInLoopHeadersAndConditions(m)));
    }

    @InBothModes
    void nestedTryFinallyInsideMultiCatch(Mode m) {
        assertEquals("inner try, inner finally, caught bad!", Asyncio.run(ControlFlow.nestedTryFinallyInsideMultiCatch(m)));
    }

    @InBothModes
    void synchronizedBlockWithoutAwait(Mode m) {
        assertEquals(111, Asyncio.run(ControlFlow.synchronizedBlockWithoutAwait(m)));
    }
}
