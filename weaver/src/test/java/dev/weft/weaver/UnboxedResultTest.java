package dev.weft.weaver;

import static dev.weft.weaver.Shapes.assertShape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code int} and {@code long} results handed from frame to frame without a box, and every mix of
 * an unboxing and an ordinary producer or consumer. {@code num} and {@code big} produce unboxed
 * results; each shape runs with awaits ready (the result comes back inline) and suspending (it
 * comes back through the task's trampoline).
 */
class UnboxedResultTest {
    private static final String PRODUCERS = """
                @Async static Coroutine<Integer> num(int x) { Await.on(v(0)); return Coroutine.of(x); }
                @Async static Coroutine<Long> big(long x) { Await.on(v(0)); return Coroutine.of(x); }
            """;

    @Test
    void intToUnboxingAwait() throws Throwable {
        assertShape(42, PRODUCERS, "int a = Await.on(num(40)); return Coroutine.of(a + Await.on(num(2)));");
    }

    @Test
    void longToUnboxingAwait() throws Throwable {
        assertShape(5_000_000_001L, PRODUCERS, "long a = Await.on(big(5_000_000_000L)); return Coroutine.of(a + Await.on(big(1)));");
    }

    @Test
    void intToAwaitThatKeepsTheObject() throws Throwable {
        assertShape("7 Integer", PRODUCERS, """
                Object o = Await.on(num(7));
                return Coroutine.of(o + " " + o.getClass().getSimpleName());""");
    }

    @Test
    void boxedIntToUnboxingAwait() throws Throwable {
        assertShape(9, """
                    @Async static Coroutine<Integer> boxed(Integer x) { Await.on(v(0)); return Coroutine.of(x); }
                """, "int a = Await.on(boxed(9)); return Coroutine.of(a);");
    }

    @Test
    void intThroughATask() throws Throwable {
        assertShape(3, PRODUCERS, "Task<Integer> t = Asyncio.createTask(num(3)); return Coroutine.of((int) Await.on(t));");
    }

    @Test
    void intThroughATailAwait() throws Throwable {
        assertShape(10, PRODUCERS + """
                    @Async static Coroutine<Integer> tail(int x) { return num(x + 1); }
                    @Async static Coroutine<Integer> tailOfTail(int x) { Await.on(v(0)); return tail(x); }
                """, "int a = Await.on(tailOfTail(9)); return Coroutine.of(a);");
    }

    @Test
    void intFromTheRootCoroutine() throws Throwable {
        Woven w = Shapes.compile(PRODUCERS + """
                    public static Object root() { return Asyncio.run(num(5)); }
                """, "return Coroutine.done();");
        assertEquals(5, w.call("demo.Shape", "root"));
    }

    @Test
    void intThroughWaitFor() throws Throwable {
        assertShape(6, PRODUCERS, "return Coroutine.of((int) Await.on(Asyncio.waitFor(num(6), 1.0)));");
    }

    @Test
    void conditionalIntReturn() throws Throwable {
        assertShape(3, """
                    @Async static Coroutine<Integer> pick(boolean b) { Await.on(v(0)); return Coroutine.of(b ? 1 : 2); }
                """, "return Coroutine.of(Await.on(pick(true)) + Await.on(pick(false)));");
    }

    @Test
    void intReturnInsideTryFinally() throws Throwable {
        assertShape("4 finally", """
                    static String log = "";
                    @Async static Coroutine<Integer> guarded(int x) {
                        try { Await.on(v(0)); return Coroutine.of(x); } finally { log += "finally"; }
                    }
                """, "log = \"\"; int a = Await.on(guarded(4)); return Coroutine.of(a + \" \" + log);");
    }

    @Test
    void intAwaitedWhereALongIsExpectedFailsAsItWouldUnwoven() throws Throwable {
        assertShape("ClassCastException", PRODUCERS + """
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    static Coroutine<Long> asLong(Coroutine c) { return c; }
                """, """
                try { long a = Await.on(asLong(num(1))); return Coroutine.of("no error " + a); }
                catch (ClassCastException e) { return Coroutine.of("ClassCastException"); }""");
    }

    @Test
    void nullAwaitedWhereAnIntIsExpectedThrowsNullPointerException() throws Throwable {
        assertShape("NullPointerException", """
                    @Async static Coroutine<Integer> none() { Await.on(v(0)); return Coroutine.of(null); }
                """, """
                try { int a = Await.on(none()); return Coroutine.of("no error " + a); }
                catch (NullPointerException e) { return Coroutine.of("NullPointerException"); }""");
    }

    @Test
    void unboxedIntInsideAnAsyncGenerator() throws Throwable {
        assertShape(6, PRODUCERS + """
                    @Async static AsyncGenerator<Integer> gen() {
                        for (int i = 1; i <= 3; i++) { int x = Await.on(num(i)); Await.yield(x); }
                        return AsyncGenerator.end();
                    }
                """, "int s = 0; for (int x : Await.each(gen())) { s += x; } return Coroutine.of(s);");
    }

    /** {@code return Coroutine.of(Await.on(descend(d - 1)) + 1)}: no box on either side of the await. */
    @Test
    void recursionBoxesNothing() throws Throwable {
        Woven w = assertShape(50, """
                    @Async static Coroutine<Integer> descend(int d) {
                        if (d == 0) { Await.on(v(0)); return Coroutine.of(0); }
                        return Coroutine.of(Await.on(descend(d - 1)) + 1);
                    }
                """, "return Coroutine.of(Await.on(descend(50)));");
        ClassNode shape = new ClassNode();
        new ClassReader(w.classes.get("demo/Shape")).accept(shape, 0);
        MethodNode body = shape.methods.stream().filter(m -> m.name.contains("descend") && m.desc.contains("Weft")).findFirst().orElseThrow();
        // Both returns hand back an unboxed int (the only box left is v(0)'s argument) ...
        assertEquals(2, Arrays.stream(body.instructions.toArray()).filter(i -> isCall(i, Names.RETURN_INT_HOOK)).count());
        // ... and the await reads one back.
        assertTrue(Arrays.stream(body.instructions.toArray()).anyMatch(i -> isCall(i, Names.UNBOXED_INT_HOOK)));
    }

    private static boolean isCall(AbstractInsnNode insn, Names.Member hook) {
        return Insns.isCall(insn, Opcodes.INVOKESTATIC, hook.owner(), hook.name());
    }
}
