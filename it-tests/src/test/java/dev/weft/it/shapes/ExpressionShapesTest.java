package dev.weft.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Asyncio;
import java.util.List;
import dev.weft.it.shapes.Expressions.Triple;

/** {@code Await.on} inside expressions, woven by the real plugin (see {@link Expressions}). */
class ExpressionShapesTest {

    @InBothModes
    void awaitAsLaterCallArgument(Mode m) {
        assertEquals("a-b-c-4 [a, b, c]", Asyncio.run(Expressions.awaitAsLaterCallArgument(m)));
    }

    @InBothModes
    void awaitInsideConstructorArguments(Mode m) {
        assertEquals(new Triple("first", 2, new Triple(3L, 4.0, 'c')), Asyncio.run(Expressions.awaitInsideConstructorArguments(m)));
    }

    @InBothModes
    void awaitInStringConcatenation(Mode m) {
        assertEquals("i=1 l=2 await=3.5 c=c again=true null=null", Asyncio.run(Expressions.awaitInStringConcatenation(m)));
    }

    @InBothModes
    void awaitInTernaries(Mode m) {
        assertEquals("then x1 [then]", Asyncio.run(Expressions.awaitInTernaries(m)));
    }

    @InBothModes
    void longAndDoubleLiveAcrossAwait(Mode m) {
        assertEquals(40_000_000_002.0, Asyncio.run(Expressions.longAndDoubleLiveAcrossAwait(m)));
    }

    @InBothModes
    void arrayStoresAndCompoundAssignments(Mode m) {
        assertEquals("[11, 22, 3][0, -5][2.5]s!28", Asyncio.run(Expressions.arrayStoresAndCompoundAssignments(m)));
    }

    @InBothModes
    void awaitInArrayInitializersAndVarargs(Mode m) {
        assertEquals("[1, 2, 3] a-7-z [3, y, c]", Asyncio.run(Expressions.awaitInArrayInitializersAndVarargs(m)));
    }

    @InBothModes
    void awaitInShortCircuitConditions(Mode m) {
        assertEquals(List.of("or", "evaluated-and", "and"), Asyncio.run(Expressions.awaitInShortCircuitConditions(m)));
    }

    @InBothModes
    void fieldCompoundAssignments(Mode m) {
        assertEquals("3 5 -45", Asyncio.run(Expressions.fieldCompoundAssignments(m)));
    }

    @InBothModes
    void castsUnboxingAndWidening(Mode m) {
        assertEquals("3 3.5 text 4 NullPointerException", Asyncio.run(Expressions.castsUnboxingAndWidening(m)));
    }
}
