package dev.weft.weaver;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Makes every {@code catch} clause of an async body first hand its exception to
 * {@code WovenCode.$caught}: an exception caught inside the coroutine never reaches the task's
 * driver, so this is where the runtime can drop the woven plumbing ({@code $step}, the await
 * hooks) from its trace before the user's code prints it.
 *
 * <p>Only typed handlers: a {@code finally} (or {@code synchronized}) handler catches everything
 * to rethrow it, and whatever catches it next is instrumented. The call goes before the handler's
 * first instruction, after its label, so it carries the {@code catch} clause's line.
 */
final class CaughtExceptions {
    private CaughtExceptions() {
    }

    static void instrument(MethodNode method) {
        Set<LabelNode> done = new HashSet<>();
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            if (block.type != null && done.add(block.handler)) { // a multi-catch shares its handler
                InsnList hook = new InsnList();
                hook.add(new InsnNode(Opcodes.DUP));
                hook.add(Names.CAUGHT_HOOK.invokeStatic());
                method.instructions.insertBefore(Insns.nextReal(block.handler), hook);
            }
        }
        if (!done.isEmpty()) {
            method.maxStack = Math.max(method.maxStack, 2); // the handler's exception and its copy
        }
    }
}
