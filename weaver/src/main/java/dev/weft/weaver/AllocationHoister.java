package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * Moves {@code new X} after the constructor's arguments when an argument awaits.
 *
 * <p>javac evaluates {@code new X(a, Await.on(b))} as {@code NEW X; DUP; a; <await>; INVOKESPECIAL};
 * an uninitialized reference cannot be saved in a frame field across a suspension. Rewritten as
 * {@code a; <await>; store args; NEW X; DUP; load args; INVOKESPECIAL} the stack holds only
 * ordinary values at the await. The visible difference, class initialization of {@code X} after
 * the arguments rather than before, is the one the JVM itself permits compilers.
 */
final class AllocationHoister {
    private AllocationHoister() {
    }

    /** Rewrites every allocation in {@code method} whose constructor arguments contain an await. */
    static void hoist(String owner, MethodNode method) throws AnalyzerException {
        if (!hasAllocation(method)) {
            return;
        }
        Frame<SourceValue>[] frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, method);
        InsnList insns = method.instructions;
        List<AbstractInsnNode[]> rewrites = new ArrayList<>();
        for (int i = 0; i < insns.size(); i++) {
            AbstractInsnNode insn = insns.get(i);
            if (!(insn instanceof MethodInsnNode init) || insn.getOpcode() != Opcodes.INVOKESPECIAL
                    || !init.name.equals("<init>") || frames[i] == null) {
                continue;
            }
            Frame<SourceValue> frame = frames[i];
            int receiverDepth = Type.getArgumentTypes(init.desc).length;
            SourceValue receiver = frame.getStack(frame.getStackSize() - 1 - receiverDepth);
            AbstractInsnNode dup = single(receiver);
            if (dup == null || dup.getOpcode() != Opcodes.DUP) {
                continue;
            }
            AbstractInsnNode allocation = Insns.previousReal(dup);
            if (allocation == null || allocation.getOpcode() != Opcodes.NEW
                    || !((TypeInsnNode) allocation).desc.equals(init.owner)) {
                continue;
            }
            if (awaitsBetween(allocation, init)) {
                rewrites.add(new AbstractInsnNode[] {allocation, dup, init});
            }
        }
        for (AbstractInsnNode[] r : rewrites) {
            move(method, (TypeInsnNode) r[0], r[1], (MethodInsnNode) r[2]);
        }
    }

    private static boolean hasAllocation(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() == Opcodes.NEW) {
                return true;
            }
        }
        return false;
    }

    private static AbstractInsnNode single(SourceValue value) {
        return value.insns.size() == 1 ? value.insns.iterator().next() : null;
    }

    private static boolean awaitsBetween(AbstractInsnNode from, AbstractInsnNode to) {
        for (AbstractInsnNode p = from; p != to; p = p.getNext()) {
            if (Insns.isAwaitOn(p)) {
                return true;
            }
        }
        return false;
    }

    private static void move(MethodNode method, TypeInsnNode allocation, AbstractInsnNode dup, MethodInsnNode init) {
        InsnList insns = method.instructions;
        insns.remove(allocation);
        insns.remove(dup);
        Type[] args = Type.getArgumentTypes(init.desc);
        int[] slots = new int[args.length];
        InsnList before = new InsnList();
        for (int a = args.length - 1; a >= 0; a--) {
            slots[a] = method.maxLocals;
            method.maxLocals += args[a].getSize();
            before.add(new VarInsnNode(args[a].getOpcode(Opcodes.ISTORE), slots[a]));
        }
        before.add(new TypeInsnNode(Opcodes.NEW, allocation.desc));
        before.add(new InsnNode(Opcodes.DUP));
        for (int a = 0; a < args.length; a++) {
            before.add(new VarInsnNode(args[a].getOpcode(Opcodes.ILOAD), slots[a]));
        }
        insns.insertBefore(init, before);
    }
}
