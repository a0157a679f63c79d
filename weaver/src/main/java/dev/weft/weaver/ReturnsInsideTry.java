package dev.weft.weaver;

import java.util.LinkedHashSet;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceValue;
import org.objectweb.asm.tree.analysis.SourceInterpreter;

/**
 * Awaits a coroutine returned from inside a {@code try} where the {@code return} stands.
 *
 * <p>{@code return work();} outside any {@code try} is a tail await: the caller gets
 * {@code work()}'s result and nothing is left to run. Inside {@code try (var permit = ...) {
 * return work(); }} the same tail await would start {@code work()} only after the block had
 * closed the permit, and an exception from it would pass by the block's {@code catch} clauses —
 * the trap JavaScript has with {@code return} versus {@code return await}. So there the weaver
 * awaits the coroutine before the block's exits run, as {@code return await work()} would in
 * Python, and returns its result.
 *
 * <p>javac compiles such a return as the value stored in a temporary inside the protected range,
 * the finally code, then a load and {@code ARETURN} outside it; or, with only {@code catch}
 * clauses, as the value computed at the range's last instruction and an {@code ARETURN} just past
 * it. Both are found through the returned value's sources.
 */
final class ReturnsInsideTry {
    private ReturnsInsideTry() {
    }

    /** Inserts {@code Coroutine.of(Await.on(c))} where a returned coroutine {@code c} leaves a protected range. */
    static void awaitInPlace(String owner, MethodNode method) throws AnalyzerException {
        if (method.tryCatchBlocks.isEmpty()) {
            return;
        }
        Frame<SourceValue>[] frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, method);
        InsnList insns = method.instructions;
        Set<AbstractInsnNode> awaitAfter = new LinkedHashSet<>();
        for (int i = 0; i < insns.size(); i++) {
            AbstractInsnNode exit = insns.get(i);
            Frame<SourceValue> frame = frames[i];
            if (exit.getOpcode() != Opcodes.ARETURN || frame == null) {
                continue;
            }
            for (AbstractInsnNode producer : top(frame)) {
                if (producer.getOpcode() == Opcodes.ALOAD && !isNamedLocal(method, (VarInsnNode) producer)) {
                    int slot = ((VarInsnNode) producer).var;
                    for (AbstractInsnNode store : frames[insns.indexOf(producer)].getLocal(slot).insns) {
                        if (store.getOpcode() == Opcodes.ASTORE && isProtected(method, store, exit)
                                && !isCompleted(top(frames[insns.indexOf(store)]))) {
                            awaitAfter.add(store.getPrevious());
                        }
                    }
                } else if (isProtected(method, producer, exit) && !isCompleted(Set.of(producer))) {
                    awaitAfter.add(producer);
                }
            }
        }
        for (AbstractInsnNode at : awaitAfter) {
            InsnList await = new InsnList();
            await.add(Insns.awaitOn());
            await.add(Names.COROUTINE_OF.invokeStatic());
            insns.insert(at, await);
        }
    }

    private static Set<AbstractInsnNode> top(Frame<SourceValue> frame) {
        return frame.getStack(frame.getStackSize() - 1).insns;
    }

    /** Whether every one of {@code producers} makes an already complete coroutine ({@code of}, {@code done}, null). */
    private static boolean isCompleted(Set<AbstractInsnNode> producers) {
        for (AbstractInsnNode producer : producers) {
            boolean completed = Insns.isCoroutineOf(producer)
                    || Insns.isCall(producer, Opcodes.INVOKESTATIC, Names.COROUTINE, "done")
                    || producer.getOpcode() == Opcodes.ACONST_NULL;
            if (!completed) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code load} reads a variable of the source rather than javac's temporary for the
     * returned value: {@code c = work(); ... return c;} after a {@code try} is an ordinary tail
     * await. Without a local variable table every slot counts as a temporary.
     */
    private static boolean isNamedLocal(MethodNode method, VarInsnNode load) {
        if (method.localVariables == null) {
            return false;
        }
        InsnList insns = method.instructions;
        int at = insns.indexOf(load);
        for (LocalVariableNode local : method.localVariables) {
            if (local.index == load.var && insns.indexOf(local.start) <= at && at <= insns.indexOf(local.end)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code insn} lies in a protected range that does not also cover {@code exit}. */
    private static boolean isProtected(MethodNode method, AbstractInsnNode insn, AbstractInsnNode exit) {
        InsnList insns = method.instructions;
        int at = insns.indexOf(insn);
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            int start = insns.indexOf(block.start);
            int end = insns.indexOf(block.end);
            boolean covers = start <= at && at < end;
            boolean coversExit = start <= insns.indexOf(exit) && insns.indexOf(exit) < end;
            if (covers && !coversExit) {
                return true;
            }
        }
        return false;
    }
}
