package dev.weft.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Warns where a call's coroutine is dropped on the floor ({@code Asyncio.sleep(1);} without
 * {@code Await.on}): calling an {@code @Async} method runs none of its body, so the work silently
 * never happens. Python reports this at run time ("coroutine was never awaited"); the class file
 * shows it at build time, where it costs nothing.
 */
final class ForgottenAwaits {
    private ForgottenAwaits() {
    }

    /** Adds a warning to {@code misuse} for every coroutine-returning call in {@code m} whose result is popped. */
    static void warn(MethodNode m, Misuse misuse) {
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof MethodInsnNode call && returnsCoroutine(call)) {
                AbstractInsnNode next = Insns.nextReal(insn);
                if (next != null && next.getOpcode() == Opcodes.POP) {
                    String callee = call.name + "(...)";
                    misuse.warning(m, Insns.lineOf(insn), "the coroutine returned by " + callee + " is never awaited,"
                            + " so none of its body runs: write Await.on(" + callee + ") or Asyncio.createTask(" + callee + ")");
                }
            }
        }
    }

    private static boolean returnsCoroutine(MethodInsnNode call) {
        String returned = Type.getReturnType(call.desc).getDescriptor();
        return returned.equals(Names.COROUTINE_DESC) || returned.equals(Names.ASYNC_GENERATOR_DESC);
    }
}
