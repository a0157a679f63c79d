package dev.weft.weaver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Turns an {@code @Async} body into a resumable state machine, in place: the pipeline's method
 * pass that consumes the type analysis (see the package documentation for what runs before it).
 *
 * <p>The layout, all in one method whose last parameter is the frame:
 * <pre>
 *   F = frame; frame = null        // the parameter's slot is an ordinary local of the body
 *   switch (F.label) { case 0: start; case k: resume_k; default: throw "corrupt coroutine frame state" }
 * start:
 *   ... original code ...
 *   // await site k, stack [S.., x]:
 *   tmpX = x; tmpS.. = S..
 *   r = WovenCode.$await(F, tmpX)
 *   if (r != $SUSPENDED) goto continue_k
 *   spill live locals and tmpS.. into F's fields; F.label = k
 *   return $SUSPENDED
 * deliver_k:
 *   r = WovenCode.$resumed(F)      // throws what the awaited thing failed with
 * continue_k:
 *   push tmpS..; push r            // the stack as the original code expects it
 *   ... original code ...
 *   // return Coroutine.of(v): return v;  return Coroutine.done(), or an entry point's return: return null;
 *   // return other(): tmpX = other(); goto tail
 * tail:                            // one shared tail await, outside every exception range;
 *   r = WovenCode.$awaitUnboxed(F, tmpX)    // an unboxed result passes through to our awaiter
 *   if (r != $SUSPENDED) return r
 *   F.label = t; return $SUSPENDED
 * resume_t:
 *   return WovenCode.$resumedUnboxed(F)
 * resume_k:                        // after all code; entered from the switch on resume
 *   reload locals and tmpS.. from F
 *   goto deliver_k
 * </pre>
 * {@code deliver_k} sits where the await stood, inside the same exception ranges: a failure
 * rethrown on resume meets the source's own {@code catch} and {@code finally}. Line numbers stay
 * attached to the original instructions.
 *
 * <p>An await spills only once the awaited thing has really suspended: nothing can resume the
 * frame before it has returned {@code $SUSPENDED} to the task (resumptions go through the loop),
 * and its locals are still those of the await. So an await that finds its value ready (a child
 * that returns without suspending, a done future) writes nothing to the frame, and once the JIT
 * has inlined the child it costs what a plain call does. An async generator's
 * {@code Await.yield(v)} always suspends, so it spills up front and returns
 * {@code WovenCode.$yield(F, v)}; its {@code return} returns {@code Boolean.FALSE}, which ends it.
 *
 * <p>Two refinements of the layout: a parameter the body never assigns is not spilled (each step
 * is passed the parameters from F again), and an await that javac follows with
 * {@code checkcast Integer; intValue()} (or {@code Long}), like a {@code return Coroutine.of(i)},
 * takes and gives its {@code int} or {@code long} unboxed ({@link UnboxedResult}).
 *
 * <p>Spilling in place costs each site code for each of its live values, so a method with many
 * awaits and many locals would outgrow the JVM's 64 KB. Above {@link #SHARED_ABOVE} spilled
 * values in all, the sites share that code instead ({@link SharedSpills}); only the part that runs
 * once the awaited thing has suspended changes:
 * <pre>
 *   if (r == $SUSPENDED) { F.label = k; goto save_k }      // instead of spilling in place
 *   ...
 * save_k:  F.v_k1 = v_k1; goto save_..                     // one block per live value, shared
 * save_..: F.v_kn = v_kn; goto suspend                     //   by every site saving the same
 * suspend: return $SUSPENDED;                              //   value (yields: return $yield(F, x))
 * reload_g:                                                // entered from the switch, for every
 *   reload each value any site of group g spills           //   site k of group g
 *   switch (F.label) { case k: goto deliver_k; ... }
 * </pre>
 * The ready path, and so a ready await's cost, is the same in both layouts.
 */
final class StateMachine {
    /**
     * Above this many values saved over all suspension points together, saving and reloading go
     * through {@link SharedSpills}; below, each point has its own code, the shortest resume.
     * Inline, each value costs some 15 bytes, so this keeps well under the JVM's 64 KB per method.
     */
    static final int SHARED_ABOVE = 1000;
    /** Tests lower it to run small methods through the shared code too. */
    static int sharedAbove = SHARED_ABOVE;

    private final MethodNode method;
    private final Frame<BasicValue>[] frames;
    private final String frameClass;
    private final boolean generator;
    private final boolean isStatic;
    private final FrameLayout layout = new FrameLayout();
    private final FrameLayout.Access access;
    private final List<LabelNode> resumeLabels = new ArrayList<>();
    /** The locals-reloading half of each resume path, placed after the method's code. */
    private final InsnList resumeBlocks = new InsnList();
    private final int frameParam;
    /**
     * Parameter slots the body never assigns. They need no spill: every step is called with the
     * parameters from the frame's own fields, so on resume they already hold the right values.
     */
    private final boolean[] unassignedParameters;
    private final int frameSlot;
    private final int awaitedSlot;
    private final int resultSlot;
    private final int firstTempSlot;
    private int tempSlotsUsed;
    /** Where a label no suspension point set leads. */
    private final LabelNode corrupt = new LabelNode();
    /** The save and reload code shared between suspension points, in a large method; else null. */
    private SharedSpills shared;
    /** With {@link #shared}: where saving ends for an await ({@code return $SUSPENDED}) and for a yield. */
    private final LabelNode suspendExit = new LabelNode();
    private final LabelNode yieldExit = new LabelNode();
    /** The shared block that awaits a coroutine given to {@code return} (a tail await), if any. */
    private LabelNode tailAwait;
    /** The line of the first {@code return} that needed {@link #tailAwait}. */
    private int tailAwaitLine;
    /** The source line of the suspension site being rewritten, for {@link #newLabel()}. */
    private int siteLine;
    /** The source line of each label's suspension site, label 1 first. */
    private final List<Integer> labelLines = new ArrayList<>();

    /**
     * @param method     the body method, after every rewrite that adds awaits (returns inside
     *                   {@code try} awaited, allocations hoisted, scopes desugared); its
     *                   instructions are rewritten, its descriptor is left to the caller
     * @param frames     the type analysis of {@code method}, one frame per instruction
     * @param frameClass internal name of the frame class
     * @param generator  whether the body is an async generator's
     * @param frameParam slot of the frame parameter on entry
     */
    StateMachine(MethodNode method, Frame<BasicValue>[] frames, String frameClass, boolean generator, int frameParam) {
        this.method = method;
        this.frames = frames;
        this.frameClass = frameClass;
        this.generator = generator;
        this.isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        this.frameSlot = Math.max(method.maxLocals, frameParam + 1);
        this.awaitedSlot = frameSlot + 1;
        this.resultSlot = frameSlot + 2;
        this.firstTempSlot = frameSlot + 3;
        this.access = new FrameLayout.Access(frameClass, frameSlot);
        this.frameParam = frameParam;
        this.unassignedParameters = unassignedParameters(method, frameParam);
    }

    private static boolean[] unassignedParameters(MethodNode method, int frameParam) {
        boolean[] unassigned = new boolean[frameParam];
        Arrays.fill(unassigned, true);
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof VarInsnNode var && var.getOpcode() >= Opcodes.ISTORE && var.getOpcode() <= Opcodes.ASTORE) {
                int size = var.getOpcode() == Opcodes.LSTORE || var.getOpcode() == Opcodes.DSTORE ? 2 : 1;
                markAssigned(unassigned, var.var, size);
            } else if (insn instanceof IincInsnNode iinc) {
                markAssigned(unassigned, iinc.var, 1);
            }
        }
        return unassigned;
    }

    /** A write of {@code size} slots at {@code slot}; it also spoils a long or double starting just below. */
    private static void markAssigned(boolean[] unassigned, int slot, int size) {
        for (int s = Math.max(slot - 1, 0); s < Math.min(slot + size, unassigned.length); s++) {
            unassigned[s] = false;
        }
    }

    /** Rewrites the method; returns the spill fields the frame class must declare. */
    List<FrameLayout.Field> build() {
        InsnList insns = method.instructions;
        AbstractInsnNode[] original = insns.toArray();
        shareSpillsIfLarge(original);
        for (int i = 0; i < original.length; i++) {
            AbstractInsnNode insn = original[i];
            if (Insns.isAwaitOn(insn) && frames[i] != null) {
                awaitSite(insn, frames[i]);
            } else if (Insns.isAwaitYield(insn) && frames[i] != null) {
                yieldSite(insn, frames[i]);
            } else if (insn.getOpcode() == Opcodes.ARETURN) {
                rewriteReturn(insn);
            } else if (insn.getOpcode() == Opcodes.RETURN) {
                // An entry point's return: its coroutine completes with null, as Coroutine.done() would.
                insns.insertBefore(insn, new InsnNode(Opcodes.ACONST_NULL));
                insns.set(insn, new InsnNode(Opcodes.ARETURN));
            }
        }
        if (tailAwait != null) {
            insns.add(tailAwaitBlock());
        }
        insns.add(resumeBlocks);
        if (shared != null) {
            insns.add(sharedExits());
            insns.add(shared.blocks());
        }
        insns.insert(entry());
        method.maxLocals = firstTempSlot + tempSlotsUsed;
        return layout.fields();
    }

    /** {@code F = frame; switch (F.label) ...}: the jump back into the body on resume. */
    private InsnList entry() {
        InsnList entry = new InsnList();
        entry.add(new VarInsnNode(Opcodes.ALOAD, frameParam));
        entry.add(new VarInsnNode(Opcodes.ASTORE, frameSlot));
        // The parameter's slot is an ordinary local of the original code: leave no frame type in it.
        entry.add(new InsnNode(Opcodes.ACONST_NULL));
        entry.add(new VarInsnNode(Opcodes.ASTORE, frameParam));
        if (resumeLabels.isEmpty()) {
            return entry;
        }
        LabelNode start = new LabelNode();
        LabelNode[] targets = new LabelNode[resumeLabels.size() + 1];
        targets[0] = start;
        for (int k = 0; k < resumeLabels.size(); k++) {
            targets[k + 1] = resumeLabels.get(k);
        }
        entry.add(new VarInsnNode(Opcodes.ALOAD, frameSlot));
        entry.add(new FieldInsnNode(Opcodes.GETFIELD, frameClass, Names.LABEL_FIELD, "I"));
        entry.add(new TableSwitchInsnNode(0, resumeLabels.size(), corrupt, targets));
        entry.add(corrupt);
        entry.add(new TypeInsnNode(Opcodes.NEW, "java/lang/IllegalStateException"));
        entry.add(new InsnNode(Opcodes.DUP));
        entry.add(new LdcInsnNode("corrupt coroutine frame state"));
        entry.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V"));
        entry.add(new InsnNode(Opcodes.ATHROW));
        entry.add(start);
        return entry;
    }

    /** The values live at a suspension: locals (by slot) and stack temps, with their types. */
    private record Spill(int slot, Type type, FrameLayout.Field field) {
    }

    private void awaitSite(AbstractInsnNode await, Frame<BasicValue> frame) {
        siteLine = Insns.lineOf(await);
        InsnList code = new InsnList();
        List<Spill> spills = new ArrayList<>();
        List<Spill> stack = stashOperands(frame, code, spills);
        UnboxedResult unboxing = UnboxedResult.unboxedAfter(await);
        LabelNode proceed = new LabelNode();
        awaitStashed(code, proceed, unboxing != null);
        if (shared != null) {
            code.add(saveShared(frame, spills, suspendExit));
        } else {
            spill(frame, spills, code);
            code.add(suspendedMarker());
            code.add(new InsnNode(Opcodes.ARETURN));
        }
        code.add(resumeInPlace(spills, unboxing != null));
        code.add(new VarInsnNode(Opcodes.ASTORE, resultSlot));
        code.add(proceed);
        reloadStack(stack, code);
        code.add(new VarInsnNode(Opcodes.ALOAD, resultSlot));
        AbstractInsnNode next = await.getNext();
        method.instructions.insert(await, code);
        method.instructions.remove(await);
        if (unboxing != null) {
            unboxing.unboxAfter(method.instructions, next, frameSlot);
        }
    }

    private void yieldSite(AbstractInsnNode yield, Frame<BasicValue> frame) {
        siteLine = Insns.lineOf(yield);
        InsnList code = new InsnList();
        List<Spill> spills = new ArrayList<>();
        List<Spill> stack = stashOperands(frame, code, spills);
        if (shared != null) {
            code.add(saveShared(frame, spills, yieldExit));
        } else {
            spill(frame, spills, code);
            yieldAndReturn(code);
        }
        code.add(resumeInPlace(spills, false));
        code.add(new InsnNode(Opcodes.POP));
        reloadStack(stack, code);
        method.instructions.insert(yield, code);
        method.instructions.remove(yield);
    }

    /**
     * Stores the awaited or yielded value, and the stack below it, in temp slots; returns that
     * stack, bottom first, and adds it to {@code spills}.
     */
    private List<Spill> stashOperands(Frame<BasicValue> frame, InsnList code, List<Spill> spills) {
        code.add(new VarInsnNode(Opcodes.ASTORE, awaitedSlot));
        return saveStack(frame, code, spills);
    }

    /**
     * {@code result = $await(F, stashed); if (result != $SUSPENDED) goto ready}: what follows in
     * {@code code} runs only when the frame really suspends. With {@code unboxed}, an {@code int}
     * or {@code long} result may come back as {@link UnboxedResult}'s marker.
     */
    private void awaitStashed(InsnList code, LabelNode ready, boolean unboxed) {
        pushFrameAndOperand(code);
        code.add(UnboxedResult.awaitHook(unboxed));
        code.add(new VarInsnNode(Opcodes.ASTORE, resultSlot));
        code.add(new VarInsnNode(Opcodes.ALOAD, resultSlot));
        code.add(suspendedMarker());
        code.add(new JumpInsnNode(Opcodes.IF_ACMPNE, ready));
    }

    /** Pushes {@code F} and the stashed value: the arguments of the hook calls. */
    private void pushFrameAndOperand(InsnList code) {
        code.add(new VarInsnNode(Opcodes.ALOAD, frameSlot));
        code.add(new VarInsnNode(Opcodes.ALOAD, awaitedSlot));
    }

    /** Saves the live locals and stack temps into F and labels the site, whose resume path comes next. */
    private void spill(Frame<BasicValue> frame, List<Spill> spills, InsnList code) {
        saveLocals(frame, spills, code);
        setLabel(code, newLabel());
    }

    /**
     * The resume path of the site just labelled. Reloading the locals happens in a block after
     * the method's code, outside every exception range: inside one, the half-restored locals
     * would spoil the types the handlers see. That block then jumps back here, into the ranges,
     * where {@code $resumed} delivers the value (left on the stack) or throws.
     */
    private InsnList resumeInPlace(List<Spill> spills, boolean unboxed) {
        LabelNode deliver = new LabelNode();
        int label = resumeLabels.size();
        if (shared != null) {
            resumeLabels.set(label - 1, shared.reload(values(spills), label, deliver));
        } else {
            InsnList reload = new InsnList();
            reload.add(resumeLabels.get(label - 1));
            restore(spills, reload);
            reload.add(new JumpInsnNode(Opcodes.GOTO, deliver));
            resumeBlocks.add(reload);
        }
        InsnList here = new InsnList();
        here.add(deliver);
        here.add(new VarInsnNode(Opcodes.ALOAD, frameSlot));
        here.add(UnboxedResult.resumedHook(unboxed));
        return here;
    }

    /**
     * {@code return Coroutine.of(v)} returns {@code v} itself and {@code return Coroutine.done()}
     * returns null, allocating nothing; any other returned coroutine is awaited (a tail await)
     * outside every exception range, as the caller would have awaited it. An async generator's
     * return ends it.
     */
    private void rewriteReturn(AbstractInsnNode areturn) {
        InsnList insns = method.instructions;
        AbstractInsnNode previous = Insns.previousReal(areturn);
        if (generator) {
            InsnList end = new InsnList();
            end.add(new InsnNode(Opcodes.POP));
            end.add(new FieldInsnNode(Opcodes.GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;"));
            insns.insertBefore(areturn, end);
            return;
        }
        if (previous != null && previous.getNext() == areturn
                && Insns.isCoroutineOf(previous)) {
            AbstractInsnNode box = Insns.previousReal(previous);
            UnboxedResult unboxed = box != null && box.getNext() == previous ? UnboxedResult.boxedBy(box) : null;
            if (unboxed != null) {
                unboxed.replaceReturn(insns, box, previous, frameSlot);
            } else {
                insns.remove(previous);
            }
            return;
        }
        if (previous != null && previous.getNext() == areturn
                && Insns.isCall(previous, Opcodes.INVOKESTATIC, Names.COROUTINE, "done")) {
            insns.set(previous, new InsnNode(Opcodes.ACONST_NULL));
            return;
        }
        if (tailAwait == null) {
            tailAwait = new LabelNode();
            tailAwaitLine = Insns.lineOf(areturn);
        }
        insns.insertBefore(areturn, new VarInsnNode(Opcodes.ASTORE, awaitedSlot));
        insns.set(areturn, new JumpInsnNode(Opcodes.GOTO, tailAwait));
    }

    private InsnList tailAwaitBlock() {
        InsnList block = new InsnList();
        block.add(tailAwait);
        // The result is this frame's own: an unboxed one passes through to whoever awaits it.
        LabelNode done = new LabelNode();
        awaitStashed(block, done, true);
        siteLine = tailAwaitLine;
        int label = newLabel();
        setLabel(block, label);
        block.add(done);
        block.add(new VarInsnNode(Opcodes.ALOAD, resultSlot));
        block.add(new InsnNode(Opcodes.ARETURN));
        block.add(resumeLabels.get(label - 1));
        block.add(new VarInsnNode(Opcodes.ALOAD, frameSlot));
        block.add(UnboxedResult.resumedHook(true));
        block.add(new InsnNode(Opcodes.ARETURN));
        return block;
    }

    /**
     * Decides, before any rewriting, whether the method is large enough for {@link SharedSpills}
     * and if so counts every suspension point's values for it.
     */
    private void shareSpillsIfLarge(AbstractInsnNode[] original) {
        List<List<SharedSpills.Value>> sites = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < original.length; i++) {
            if ((Insns.isAwaitOn(original[i]) || Insns.isAwaitYield(original[i])) && frames[i] != null) {
                List<Spill> spills = stackTemps(frames[i]);
                addLocals(frames[i], spills);
                sites.add(values(spills));
                total += spills.size();
            }
        }
        if (total > sharedAbove) {
            shared = new SharedSpills(access, layout, corrupt);
            sites.forEach(shared::count);
        }
    }

    /**
     * The shared-spill version of a suspension: labels the site and jumps into the shared blocks
     * that save its values and then leave through {@code exit}.
     */
    private InsnList saveShared(Frame<BasicValue> frame, List<Spill> spills, LabelNode exit) {
        InsnList code = new InsnList();
        addLocals(frame, spills);
        setLabel(code, newLabel());
        code.add(new JumpInsnNode(Opcodes.GOTO, shared.save(values(spills), exit)));
        return code;
    }

    /** The ends of saving through shared blocks: an await returns {@code $SUSPENDED}, a yield hands its value over. */
    private InsnList sharedExits() {
        InsnList code = new InsnList();
        code.add(suspendExit);
        code.add(suspendedMarker());
        code.add(new InsnNode(Opcodes.ARETURN));
        if (generator) {
            code.add(yieldExit);
            yieldAndReturn(code);
        }
        return code;
    }

    /** {@code return WovenCode.$yield(F, value)}. */
    private void yieldAndReturn(InsnList code) {
        pushFrameAndOperand(code);
        code.add(Names.YIELD_HOOK.invokeStatic());
        code.add(new InsnNode(Opcodes.ARETURN));
    }

    private static List<SharedSpills.Value> values(List<Spill> spills) {
        List<SharedSpills.Value> values = new ArrayList<>(spills.size());
        for (Spill s : spills) {
            values.add(new SharedSpills.Value(s.slot, s.type));
        }
        return values;
    }

    /**
     * Pops the stack below the top value into temp slots (the top itself is already stored);
     * returns them bottom first and adds them to {@code spills}.
     */
    private List<Spill> saveStack(Frame<BasicValue> frame, InsnList save, List<Spill> spills) {
        List<Spill> stack = stackTemps(frame);
        for (int i = stack.size() - 1; i >= 0; i--) {
            Spill s = stack.get(i);
            save.add(new VarInsnNode(s.type.getOpcode(Opcodes.ISTORE), s.slot));
        }
        for (Spill s : stack) {
            spills.add(s);
        }
        return stack;
    }

    /** The temp slots of the stack below the top value, bottom first. */
    private List<Spill> stackTemps(Frame<BasicValue> frame) {
        int depth = frame.getStackSize() - 1;
        List<Spill> stack = new ArrayList<>(depth);
        int slot = firstTempSlot;
        for (int i = 0; i < depth; i++) {
            Type type = frame.getStack(i).getType();
            stack.add(new Spill(slot, type, null));
            slot += type.getSize();
        }
        tempSlotsUsed = Math.max(tempSlotsUsed, slot - firstTempSlot);
        return stack;
    }

    /** Adds every local holding a value at the await to {@code spills}. */
    private void addLocals(Frame<BasicValue> frame, List<Spill> spills) {
        for (int slot = isStatic ? 0 : 1; slot < frame.getLocals(); slot++) {
            BasicValue value = frame.getLocal(slot);
            if (value.getType() != null && !(slot < frameParam && unassignedParameters[slot])) {
                spills.add(new Spill(slot, value.getType(), null));
            }
        }
    }

    /** Adds every local holding a value at the await to {@code spills}, then stores all spills into F. */
    private void saveLocals(Frame<BasicValue> frame, List<Spill> spills, InsnList save) {
        addLocals(frame, spills);
        FrameLayout.Site site = layout.site();
        for (int i = 0; i < spills.size(); i++) {
            Spill s = spills.get(i);
            if (isNullType(s.type)) {
                continue;
            }
            FrameLayout.Kind kind = FrameLayout.Kind.of(s.type);
            FrameLayout.Field field = site.next(kind);
            spills.set(i, new Spill(s.slot, s.type, field));
            access.save(save, s.slot, s.type, field);
        }
    }

    private void restore(List<Spill> spills, InsnList code) {
        for (Spill s : spills) {
            access.reload(code, s.slot, s.type, s.field);
        }
    }

    private static void reloadStack(List<Spill> stack, InsnList code) {
        for (Spill s : stack) {
            code.add(new VarInsnNode(s.type.getOpcode(Opcodes.ILOAD), s.slot));
        }
    }

    private static boolean isNullType(Type type) {
        return type.getSort() == Type.OBJECT && type.getInternalName().equals("null");
    }

    private int newLabel() {
        resumeLabels.add(new LabelNode());
        labelLines.add(siteLine);
        return resumeLabels.size();
    }

    /** After {@link #build()}: the source line of each suspension label, label 1 first (0 where unknown). */
    List<Integer> labelLines() {
        return labelLines;
    }

    private void setLabel(InsnList code, int label) {
        code.add(new VarInsnNode(Opcodes.ALOAD, frameSlot));
        code.add(new LdcInsnNode(label));
        code.add(new FieldInsnNode(Opcodes.PUTFIELD, frameClass, Names.LABEL_FIELD, "I"));
    }

    private static AbstractInsnNode suspendedMarker() {
        return Names.SUSPENDED.getStatic();
    }
}
