package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ExceptionGroup}, as CPython's test_exception_group.py checks the parts Weft has. */
class ExceptionGroupTest {
    private final IOException io = new IOException("io");
    private final IllegalStateException state = new IllegalStateException("state");
    private final IOException nestedIo = new IOException("nested io");
    private final ExceptionGroup nested = new ExceptionGroup("inner", List.of(nestedIo, new ArithmeticException("math")));
    private final ExceptionGroup eg = new ExceptionGroup("outer", List.of(io, state, nested));

    /** Mirrors test_exception_group.py::BasicEGTests::test_basics_ExceptionGroup_fields. */
    @Test
    void fields() {
        assertEquals("outer", eg.message());
        assertEquals(List.of(io, state, nested), eg.exceptions());
        assertEquals("outer (3 sub-exceptions)", eg.getMessage());
        assertEquals(3, eg.getSuppressed().length);
    }

    /** Mirrors test_exception_group.py::InstanceCreation::test_EG_wraps_Exceptions__creates_EG (an empty group is refused). */
    @Test
    void emptyGroupRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ExceptionGroup("none", List.of()));
    }

    /** Mirrors test_exception_group.py::ExceptionGroupSubgroupTests::test_basics_subgroup_by_type__passthrough. */
    @Test
    void subgroupPassthrough() {
        assertSame(eg, eg.subgroup(Exception.class));
        assertSame(eg, eg.subgroup(ExceptionGroup.class));
    }

    /** Mirrors test_exception_group.py::ExceptionGroupSubgroupTests::test_basics_subgroup_by_type__no_match. */
    @Test
    void subgroupNoMatch() {
        assertNull(eg.subgroup(java.util.concurrent.TimeoutException.class));
    }

    /** Mirrors test_exception_group.py::ExceptionGroupSubgroupTests::test_basics_subgroup_by_type__match: nesting is kept. */
    @Test
    void subgroupMatchKeepsNesting() {
        ExceptionGroup ios = eg.subgroup(IOException.class);
        assertEquals(2, ios.exceptions().size());
        assertSame(io, ios.exceptions().get(0));
        ExceptionGroup inner = (ExceptionGroup) ios.exceptions().get(1);
        assertEquals("inner", inner.message());
        assertEquals(List.of(nestedIo), inner.exceptions());
    }

    /** Mirrors test_exception_group.py::ExceptionGroupSplitTests::test_basics_split_by_type__match. */
    @Test
    void split() {
        ExceptionGroup.Split parts = eg.split(IOException.class);
        assertEquals(2, parts.matching().exceptions().size());
        assertEquals(2, parts.rest().exceptions().size());
        assertSame(state, parts.rest().exceptions().get(0));
        ExceptionGroup restInner = (ExceptionGroup) parts.rest().exceptions().get(1);
        assertTrue(restInner.exceptions().get(0) instanceof ArithmeticException);
    }

    /** Mirrors test_exception_group.py::ExceptionGroupSplitTests::test_basics_split_by_predicate__passthrough. */
    @Test
    void splitByPredicate() {
        ExceptionGroup.Split all = eg.split(e -> true);
        assertSame(eg, all.matching());
        assertNull(all.rest());
        ExceptionGroup.Split none = eg.split(e -> e instanceof OutOfMemoryError);
        assertNull(none.matching());
        assertSame(eg, none.rest());
    }
}
