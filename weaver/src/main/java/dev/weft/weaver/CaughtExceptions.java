package dev.weft.weaver;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Makes every {@code catch} clause of an async body first hand its exception to
 * {@code WovenCode.$caught}: an exception caught inside the coroutine never reaches the task's
 * driver, so this is where the runtime can drop the woven plumbing ({@code $step}, the await
 * hooks) from its trace before the user's code prints it.
 *
 * <p>Only typed handlers: a {@code finally} (or {@code synchronized}) handler catches everything
 * to rethrow it, and whatever catches it next is instrumented. Not a handler that never reads its
 * exception ({@code catch (TimeoutError ignored) { retry }}): no one can print what it drops, and
 * editing a trace costs microseconds, since the JDK must first materialise it. The call goes
 * before the handler's first instruction, after its label, so it carries the {@code catch}
 * clause's line.
 */
final class CaughtExceptions {
    private CaughtExceptions() {
    }

    static void instrument(MethodNode method) {
        Set<LabelNode> done = new HashSet<>();
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            AbstractInsnNode first = Insns.nextReal(block.handler);
            // a multi-catch shares its handler
            if (block.type != null && done.add(block.handler) && !neverRead(method, first)) {
                InsnList hook = new InsnList();
                hook.add(new InsnNode(Opcodes.DUP));
                hook.add(Names.CAUGHT_HOOK.invokeStatic());
                method.instructions.insertBefore(first, hook);
            }
        }
        method.maxStack = Math.max(method.maxStack, 2); // the handler's exception and its copy
    }

    /**
     * Whether the handler starting at {@code first} drops its exception: javac stores it in a local
     * that no instruction of the method reads (a slot another variable reuses counts as read).
     */
    private static boolean neverRead(MethodNode method, AbstractInsnNode first) {
        if (first.getOpcode() == Opcodes.POP) {
            return true;
        }
        if (first.getOpcode() != Opcodes.ASTORE) {
            return false;
        }
        int slot = ((VarInsnNode) first).var;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() == Opcodes.ALOAD && ((VarInsnNode) insn).var == slot) {
                return false;
            }
        }
        return true;
    }
}
