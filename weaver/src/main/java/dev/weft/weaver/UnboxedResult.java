package dev.weft.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * {@code int} and {@code long} results that travel from a frame to the frame awaiting it without a
 * box. The producer is {@code return Coroutine.of(i)} over javac's {@code Integer.valueOf(i)}; the
 * consumer is an await javac follows with {@code checkcast Integer; intValue()}, as it does for
 * {@code int x = Await.on(...)}. Either side works with the other's ordinary form: the runtime
 * boxes an unboxed result for a consumer that wants an object, and an unboxing consumer unboxes
 * a box as before.
 */
enum UnboxedResult {
    INT("java/lang/Integer", "intValue", "I", Names.RETURN_INT_HOOK, Names.IS_UNBOXED_INT_HOOK, Names.UNBOXED_INT_HOOK),
    LONG("java/lang/Long", "longValue", "J", Names.RETURN_LONG_HOOK, Names.IS_UNBOXED_LONG_HOOK, Names.UNBOXED_LONG_HOOK);

    private final String box;
    private final String unboxMethod;
    private final String primitive;
    private final Names.Member returnHook;
    private final Names.Member isUnboxedHook;
    private final Names.Member unboxedHook;

    UnboxedResult(String box, String unboxMethod, String primitive, Names.Member returnHook, Names.Member isUnboxedHook,
            Names.Member unboxedHook) {
        this.box = box;
        this.unboxMethod = unboxMethod;
        this.primitive = primitive;
        this.returnHook = returnHook;
        this.isUnboxedHook = isUnboxedHook;
        this.unboxedHook = unboxedHook;
    }

    /** The kind {@code valueOf} boxes when {@code insn} is javac's {@code Integer/Long.valueOf}, else null. */
    static UnboxedResult boxedBy(AbstractInsnNode insn) {
        for (UnboxedResult kind : values()) {
            if (Insns.isCall(insn, Opcodes.INVOKESTATIC, kind.box, "valueOf")
                    && ((MethodInsnNode) insn).desc.equals("(" + kind.primitive + ")L" + kind.box + ";")) {
                return kind;
            }
        }
        return null;
    }

    /** The kind the code right after {@code await} unboxes its result to, else null. */
    static UnboxedResult unboxedAfter(AbstractInsnNode await) {
        AbstractInsnNode cast = await.getNext();
        if (cast == null || cast.getOpcode() != Opcodes.CHECKCAST) {
            return null;
        }
        AbstractInsnNode unbox = cast.getNext();
        for (UnboxedResult kind : values()) {
            if (((TypeInsnNode) cast).desc.equals(kind.box)
                    && Insns.isCall(unbox, Opcodes.INVOKEVIRTUAL, kind.box, kind.unboxMethod)
                    && ((MethodInsnNode) unbox).desc.equals("()" + kind.primitive)) {
                return kind;
            }
        }
        return null;
    }

    /** {@code $await}, or for a site that takes unboxed results, {@code $awaitUnboxed}. */
    static MethodInsnNode awaitHook(boolean unboxed) {
        return (unboxed ? Names.AWAIT_UNBOXED_HOOK : Names.AWAIT_HOOK).invokeStatic();
    }

    /** {@code $resumed}, or for a site that takes unboxed results, {@code $resumedUnboxed}. */
    static MethodInsnNode resumedHook(boolean unboxed) {
        return (unboxed ? Names.RESUMED_UNBOXED_HOOK : Names.RESUMED_HOOK).invokeStatic();
    }

    /**
     * Replaces javac's {@code valueOf(value)} and {@code Coroutine.of(box)} with
     * {@code $returnInt(value, F)}: the frame completes with its value unboxed.
     */
    void replaceReturn(InsnList insns, AbstractInsnNode valueOf, AbstractInsnNode of, int frameSlot) {
        insns.set(valueOf, new VarInsnNode(Opcodes.ALOAD, frameSlot));
        insns.set(of, returnHook.invokeStatic());
    }

    /**
     * Wraps javac's {@code checkcast; intValue()} after an await so that an unboxed result skips
     * them, and anything else (a box, or the other kind's marker) is boxed and goes through them
     * as before, failing the same way on a wrong type or null.
     */
    void unboxAfter(InsnList insns, AbstractInsnNode cast, int frameSlot) {
        AbstractInsnNode unbox = cast.getNext();
        LabelNode boxed = new LabelNode();
        LabelNode done = new LabelNode();
        InsnList fast = new InsnList();
        fast.add(new InsnNode(Opcodes.DUP));
        fast.add(isUnboxedHook.invokeStatic());
        fast.add(new JumpInsnNode(Opcodes.IFEQ, boxed));
        fast.add(new InsnNode(Opcodes.POP));
        fast.add(new VarInsnNode(Opcodes.ALOAD, frameSlot));
        fast.add(unboxedHook.invokeStatic());
        fast.add(new JumpInsnNode(Opcodes.GOTO, done));
        fast.add(boxed);
        fast.add(new VarInsnNode(Opcodes.ALOAD, frameSlot));
        fast.add(Names.BOXED_HOOK.invokeStatic());
        insns.insertBefore(cast, fast);
        insns.insert(unbox, done);
    }
}
