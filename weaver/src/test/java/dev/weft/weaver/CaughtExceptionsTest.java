package dev.weft.weaver;

import static dev.weft.weaver.Shapes.assertShape;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Each {@code catch} clause of an async body first hands its exception to {@code WovenCode.$caught},
 * which drops the woven plumbing from the trace of an exception that never reaches the runtime.
 */
class CaughtExceptionsTest {
    /** True when the caught exception's trace still shows a frame class or a generated method. */
    private static final String PLUMBING_SHOWS = """
                static boolean plumbingShows(Throwable e) {
                    for (StackTraceElement s : e.getStackTrace()) {
                        if (s.getClassName().contains("$$Weft$") || s.getMethodName().startsWith("$")) return true;
                    }
                    return false;
                }
            """;

    @Test
    void anExceptionThrownAndCaughtInOneBodyLosesThePlumbing() throws Throwable {
        assertShape(false, PLUMBING_SHOWS, """
                try { Await.on(v(0)); throw new IllegalStateException("x"); }
                catch (IllegalStateException e) { return Coroutine.of(plumbingShows(e)); }""");
    }

    @Test
    void anExceptionFromACoroutineAwaitedInlineLosesThePlumbing() throws Throwable {
        assertShape(false, PLUMBING_SHOWS + """
                    @Async static Coroutine<Integer> fail() { Await.on(v(0)); throw new IllegalStateException("x"); }
                """, """
                try { Await.on(fail()); return Coroutine.of(null); }
                catch (IllegalStateException e) { return Coroutine.of(plumbingShows(e)); }""");
    }

    @Test
    void eachCatchClauseCallsTheHookOnce() {
        assertEquals(2, caughtHooks("""
                try { Await.on(v(0)); } catch (IllegalStateException e) { return Coroutine.of(e); }
                try { Await.on(v(0)); } catch (RuntimeException e) { return Coroutine.of(e); }
                return Coroutine.of(0);"""));
    }

    /** Nobody can print an exception its handler drops, so it is left as made: no trace to edit. */
    @Test
    void aCatchThatNeverReadsItsExceptionGetsNoHook() {
        assertEquals(0, caughtHooks("""
                try { Await.on(v(0)); } catch (IllegalStateException ignored) { return Coroutine.of(1); }
                return Coroutine.of(0);"""));
    }

    @Test
    void aMultiCatchSharesOneHook() {
        assertEquals(1, caughtHooks("""
                try { Await.on(v(0)); } catch (IllegalStateException | IllegalArgumentException e) { return Coroutine.of(e); }
                return Coroutine.of(0);"""));
    }

    @Test
    void aFinallyGetsNoHook() {
        assertEquals(0, caughtHooks("""
                try { Await.on(v(0)); } finally { System.out.flush(); }
                return Coroutine.of(0);"""));
    }

    /** The {@code $caught} calls in {@code main}'s woven body, and each one right after a {@code DUP} of the caught exception. */
    private static int caughtHooks(String body) {
        ClassNode shape = new ClassNode();
        new ClassReader(Shapes.compile("", body).classes.get("demo/Shape")).accept(shape, 0);
        int hooks = 0;
        for (MethodNode m : shape.methods) {
            if (!m.name.equals("main") || !m.desc.contains(Names.FRAME_MARK)) {
                continue;
            }
            for (AbstractInsnNode insn : m.instructions) {
                if (insn instanceof MethodInsnNode call && call.name.equals(Names.CAUGHT_HOOK.name())
                        && call.owner.equals(Names.WOVEN_CODE)) {
                    assertEquals(Opcodes.DUP, Insns.previousReal(insn).getOpcode());
                    hooks++;
                }
            }
        }
        return hooks;
    }
}
