package dev.weft.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** Small questions about instructions that several weaving steps ask. */
final class Insns {
    private Insns() {
    }

    static boolean isCall(AbstractInsnNode insn, int opcode, String owner, String name) {
        return insn.getOpcode() == opcode && insn instanceof MethodInsnNode call
                && call.owner.equals(owner) && call.name.equals(name);
    }

    /** {@code Await.on(...)}, {@code Await.yield(...)} or {@code Await.each(...)}. */
    static boolean isAwaitCall(AbstractInsnNode insn) {
        return insn.getOpcode() == Opcodes.INVOKESTATIC && ((MethodInsnNode) insn).owner.equals(Names.AWAIT);
    }

    static boolean isAwaitOn(AbstractInsnNode insn) {
        return isCall(insn, Opcodes.INVOKESTATIC, Names.AWAIT, "on");
    }

    static boolean isAwaitYield(AbstractInsnNode insn) {
        return isCall(insn, Opcodes.INVOKESTATIC, Names.AWAIT, "yield");
    }

    static boolean isAwaitEach(AbstractInsnNode insn) {
        return isCall(insn, Opcodes.INVOKESTATIC, Names.AWAIT, "each");
    }

    /** {@code Coroutine.of(v)}: a coroutine that is complete from the start. */
    static boolean isCoroutineOf(AbstractInsnNode insn) {
        return isCall(insn, Opcodes.INVOKESTATIC, Names.COROUTINE, "of");
    }

    /** A new {@code Await.on(Awaitable)} call, for the awaits the weaver adds itself. */
    static MethodInsnNode awaitOn() {
        return Names.AWAIT_ON.invokeStatic();
    }

    /** The next instruction that is a real bytecode (skipping labels, line numbers and frames). */
    static AbstractInsnNode nextReal(AbstractInsnNode insn) {
        AbstractInsnNode n = insn.getNext();
        while (n != null && n.getOpcode() < 0) {
            n = n.getNext();
        }
        return n;
    }

    /** The previous instruction that is a real bytecode. */
    static AbstractInsnNode previousReal(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getPrevious();
        while (p != null && p.getOpcode() < 0) {
            p = p.getPrevious();
        }
        return p;
    }

    /** The source line of {@code insn}: the closest line number before it, or 0. */
    static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode p = insn; p != null; p = p.getPrevious()) {
            if (p instanceof LineNumberNode line) {
                return line.line;
            }
        }
        return 0;
    }

    /** The method's first source line, or 0. */
    static int firstLine(MethodNode method) {
        for (AbstractInsnNode p = method.instructions.getFirst(); p != null; p = p.getNext()) {
            if (p instanceof LineNumberNode line) {
                return line.line;
            }
        }
        return 0;
    }
}
