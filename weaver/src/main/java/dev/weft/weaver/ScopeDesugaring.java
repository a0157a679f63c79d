package dev.weft.weaver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Rewrites the scope forms of async code into plain {@code Await.on} calls before the state
 * machine is built, so one mechanism handles every suspension:
 * <ul>
 *   <li>{@code close()} on an {@link Names#ASYNC_CLOSEABLE} (try-with-resources: Python's
 *       {@code async with}) awaits {@code WovenCode.$aexit(resource, bodyError)}; on javac's
 *       exceptional path the exception the block rethrows becomes the one {@code $aexit} returns,
 *       so a task group or timeout can replace the body's failure as Python's {@code __aexit__}
 *       does;</li>
 *   <li>{@code for (T x : Await.each(it))} (Python's {@code async for}) awaits the iterator's
 *       {@code hasNext()}, and every early way out of the loop (break, continue of an outer loop,
 *       return, exception) first awaits the iterator's close.</li>
 * </ul>
 * Both rely on the shapes javac emits for these statements.
 */
final class ScopeDesugaring {
    private final MethodNode method;
    private final ClassHierarchy hierarchy;

    private ScopeDesugaring(MethodNode method, ClassHierarchy hierarchy) {
        this.method = method;
        this.hierarchy = hierarchy;
    }

    /**
     * Desugars {@code method} in place.
     *
     * @throws WeaveError for an {@code Await.each} that is not the iterable of an enhanced for
     */
    static void desugar(MethodNode method, ClassHierarchy hierarchy) {
        // Room on the operand stack for the calls added below; the writer recomputes the real maximum.
        method.maxStack += 4;
        ScopeDesugaring d = new ScopeDesugaring(method, hierarchy);
        d.asyncCloses();
        d.asyncLoops();
    }

    // ---- async with ------------------------------------------------------------------------

    /** Whether {@code insn} closes an {@link Names#ASYNC_CLOSEABLE}: try-with-resources' close, to be awaited. */
    static boolean isAsyncClose(AbstractInsnNode insn, ClassHierarchy hierarchy) {
        return insn instanceof MethodInsnNode call && call.name.equals("close") && call.desc.equals("()V")
                && (call.getOpcode() == Opcodes.INVOKEINTERFACE || call.getOpcode() == Opcodes.INVOKEVIRTUAL)
                && hierarchy.isAssignable(Names.ASYNC_CLOSEABLE, call.owner);
    }

    private void asyncCloses() {
        for (AbstractInsnNode insn : method.instructions.toArray()) {
            if (isAsyncClose(insn, hierarchy)) {
                MethodInsnNode call = (MethodInsnNode) insn;
                int bodyError = exceptionalPathSlot(call);
                InsnList exit = awaitAexit(bodyError < 0 ? new InsnNode(Opcodes.ACONST_NULL) : new VarInsnNode(Opcodes.ALOAD, bodyError));
                if (bodyError < 0) {
                    exit.add(new InsnNode(Opcodes.POP));
                } else {
                    exit.add(new TypeInsnNode(Opcodes.CHECKCAST, "java/lang/Throwable"));
                    exit.add(new VarInsnNode(Opcodes.ASTORE, bodyError));
                }
                method.instructions.insert(call, exit);
                method.instructions.remove(call);
            }
        }
    }

    /**
     * The slot holding the body's exception when {@code close} is javac's exceptional-path close
     * ({@code handler: astore e; aload r; [ifnull; aload r;] close}), else -1.
     */
    private int exceptionalPathSlot(MethodInsnNode close) {
        AbstractInsnNode p = Insns.previousReal(close);
        if (p == null || p.getOpcode() != Opcodes.ALOAD) {
            return -1;
        }
        int resource = ((VarInsnNode) p).var;
        p = Insns.previousReal(p);
        if (p != null && p.getOpcode() == Opcodes.IFNULL) {
            AbstractInsnNode load = Insns.previousReal(p);
            if (load == null || load.getOpcode() != Opcodes.ALOAD || ((VarInsnNode) load).var != resource) {
                return -1;
            }
            p = Insns.previousReal(load);
        }
        if (p == null || p.getOpcode() != Opcodes.ASTORE) {
            return -1;
        }
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            if (Insns.nextReal(block.handler) == p) {
                return ((VarInsnNode) p).var;
            }
        }
        return -1;
    }

    // ---- async for -------------------------------------------------------------------------

    /**
     * One {@code for (x : Await.each(...))}: the iterator's slot and the loop's extent, from its head
     * to {@code bodyEnd}, the body's last instruction (the back edge, unless every iteration leaves).
     */
    private record Loop(int iterator, LabelNode head, AbstractInsnNode hasNextExit, AbstractInsnNode bodyEnd) {
    }

    private void asyncLoops() {
        // Inner loops come after their outer loop in the code, and are desugared first: an exit
        // leaving both then closes the inner loop's iterator before the outer's.
        AbstractInsnNode[] all = method.instructions.toArray();
        for (int i = all.length - 1; i >= 0; i--) {
            AbstractInsnNode insn = all[i];
            if (!Insns.isAwaitEach(insn)) {
                continue;
            }
            Loop loop = findLoop(insn);
            if (loop == null) {
                throw new WeaveError(Insns.lineOf(insn), "Await.each(...) must be the iterable of an enhanced for loop:"
                        + " for (T x : Await.each(iterable)) { ... }");
            }
            method.instructions.set(insn, Names.EACH_HOOK.invokeStatic());
            awaitHasNext(loop);
            closeOnEarlyExits(loop);
        }
    }

    /** Matches javac's enhanced for: {@code each; iterator(); astore k; head: aload k; hasNext(); ifeq end; ... goto head; end:}. */
    private Loop findLoop(AbstractInsnNode each) {
        AbstractInsnNode iterator = Insns.nextReal(each);
        if (!Insns.isCall(iterator, Opcodes.INVOKEINTERFACE, "java/lang/Iterable", "iterator")) {
            return null;
        }
        AbstractInsnNode store = Insns.nextReal(iterator);
        if (store == null || store.getOpcode() != Opcodes.ASTORE) {
            return null;
        }
        int slot = ((VarInsnNode) store).var;
        AbstractInsnNode load = Insns.nextReal(store);
        if (load == null || load.getOpcode() != Opcodes.ALOAD || ((VarInsnNode) load).var != slot) {
            return null;
        }
        AbstractInsnNode hasNext = Insns.nextReal(load);
        AbstractInsnNode exit = hasNext == null ? null : Insns.nextReal(hasNext);
        if (!Insns.isCall(hasNext, Opcodes.INVOKEINTERFACE, "java/util/Iterator", "hasNext")
                || exit == null || exit.getOpcode() != Opcodes.IFEQ) {
            return null;
        }
        LabelNode end = ((JumpInsnNode) exit).label;
        AbstractInsnNode bodyEnd = Insns.previousReal(end);
        if (bodyEnd == null || bodyEnd == exit) {
            return null;
        }
        LabelNode head = labelBefore(load);
        if (head == null) {
            // Nothing jumps back to the head of a loop whose every iteration leaves.
            head = new LabelNode();
            method.instructions.insertBefore(load, head);
        }
        if (fallsThrough(bodyEnd)) {
            // A body that always breaks (for (x : each) { ...; break; }) has no back edge; javac still
            // jumps to the end, a compiler dropping that jump to the next instruction falls through.
            // Leaving the loop must close it either way, so a fall-through becomes an explicit exit.
            JumpInsnNode leave = new JumpInsnNode(Opcodes.GOTO, end);
            method.instructions.insertBefore(end, leave);
            bodyEnd = leave;
        }
        return new Loop(slot, head, exit, bodyEnd);
    }

    private static boolean fallsThrough(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        return op != Opcodes.GOTO && op != Opcodes.ATHROW && op != Opcodes.TABLESWITCH && op != Opcodes.LOOKUPSWITCH
                && !isReturn(insn);
    }

    private static LabelNode labelBefore(AbstractInsnNode insn) {
        for (AbstractInsnNode p = insn.getPrevious(); p != null && p.getOpcode() < 0; p = p.getPrevious()) {
            if (p instanceof LabelNode label) {
                return label;
            }
        }
        return null;
    }

    /** {@code it.hasNext()} becomes {@code Await.on(it.hasNextAsync())}. */
    private void awaitHasNext(Loop loop) {
        AbstractInsnNode hasNext = Insns.previousReal(loop.hasNextExit);
        InsnList awaited = new InsnList();
        awaited.add(new TypeInsnNode(Opcodes.CHECKCAST, Names.EACH));
        awaited.add(Names.EACH_HAS_NEXT.invokeVirtual());
        awaited.add(Insns.awaitOn());
        awaited.add(new TypeInsnNode(Opcodes.CHECKCAST, "java/lang/Boolean"));
        awaited.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/Boolean", "booleanValue", "()Z", false));
        method.instructions.insert(hasNext, awaited);
        method.instructions.remove(hasNext);
    }

    private void closeOnEarlyExits(Loop loop) {
        InsnList insns = method.instructions;
        int first = insns.indexOf(loop.head);
        int last = insns.indexOf(loop.bodyEnd);
        List<AbstractInsnNode> body = new ArrayList<>();
        Set<LabelNode> inside = new HashSet<>();
        for (int i = first; i <= last; i++) {
            body.add(insns.get(i));
            if (insns.get(i) instanceof LabelNode label) {
                inside.add(label);
            }
        }
        Predicate<LabelNode> outside = label -> !inside.contains(label);
        // Found before any instruction is added, while instruction indexes still match the try blocks'.
        Map<AbstractInsnNode, AbstractInsnNode> beforeFinalizers = new HashMap<>();
        for (int i = first; i <= last; i++) {
            AbstractInsnNode insn = insns.get(i);
            boolean jumpsOut = insn instanceof JumpInsnNode jump && insn != loop.hasNextExit && outside.test(jump.label);
            if (jumpsOut || isReturn(insn)) {
                AbstractInsnNode before = beforeEnclosingFinalizers(i, first, inside);
                if (before != null) {
                    beforeFinalizers.put(insn, before);
                }
            }
        }
        // The close paths go right after the loop, inside whatever try blocks enclose the loop, so
        // the exception they rethrow meets the source's handlers; the loop's own handler ends
        // before them.
        InsnList stubs = new InsnList();
        LabelNode rangeEnd = new LabelNode();
        stubs.add(rangeEnd);
        // The enclosing finally code in front of an exit, and the exit, run after the loop was left:
        // the loop's own close handler leaves them out, as javac leaves them out of the enclosing try.
        List<LabelNode> gaps = new ArrayList<>();
        for (AbstractInsnNode insn : body) {
            if (insn == loop.hasNextExit) {
                continue;
            }
            AbstractInsnNode detourAfter = beforeFinalizers.get(insn);
            if (detourAfter != null) {
                // Leaving the loop comes before the finally blocks (and resource closes) of the try
                // statements around it, which javac copied in front of this exit. An outer loop's
                // detour, added later, lands after this one's resume label: inner closes first.
                LabelNode resume = new LabelNode();
                InsnList detour = new InsnList();
                detour.add(new JumpInsnNode(Opcodes.GOTO, exitStub(loop, resume, stubs)));
                detour.add(resume);
                insns.insert(detourAfter, detour);
                LabelNode afterExit = new LabelNode();
                insns.insert(insn, afterExit);
                gaps.add(resume);
                gaps.add(afterExit);
            } else if (insn instanceof JumpInsnNode jump && outside.test(jump.label)) {
                jump.label = exitStub(loop, jump.label, stubs);
            } else if (insn instanceof TableSwitchInsnNode s) {
                s.dflt = outside.test(s.dflt) ? exitStub(loop, s.dflt, stubs) : s.dflt;
                s.labels.replaceAll(l -> outside.test(l) ? exitStub(loop, l, stubs) : l);
            } else if (insn instanceof LookupSwitchInsnNode s) {
                s.dflt = outside.test(s.dflt) ? exitStub(loop, s.dflt, stubs) : s.dflt;
                s.labels.replaceAll(l -> outside.test(l) ? exitStub(loop, l, stubs) : l);
            } else if (isReturn(insn)) {
                AbstractInsnNode before = Insns.previousReal(insn);
                boolean returnsOf = before != null && before.getNext() == insn
                        && Insns.isCoroutineOf(before);
                insns.insertBefore(returnsOf ? before : insn, close(loop));
            }
        }
        LabelNode handler = new LabelNode();
        stubs.add(handler);
        int error = method.maxLocals++;
        stubs.add(new VarInsnNode(Opcodes.ASTORE, error));
        stubs.add(awaitExit(loop, new VarInsnNode(Opcodes.ALOAD, error)));
        stubs.add(new TypeInsnNode(Opcodes.CHECKCAST, "java/lang/Throwable"));
        stubs.add(new InsnNode(Opcodes.ATHROW));
        insns.insert(loop.bodyEnd, stubs);
        List<TryCatchBlockNode> ranges = new ArrayList<>();
        LabelNode start = loop.head;
        for (int i = 0; i < gaps.size(); i += 2) {
            ranges.add(new TryCatchBlockNode(start, gaps.get(i), handler, null));
            start = gaps.get(i + 1);
        }
        ranges.add(new TryCatchBlockNode(start, rangeEnd, handler, null));
        addInnermostHandler(ranges, first, last);
    }

    private static boolean isReturn(AbstractInsnNode insn) {
        return insn.getOpcode() >= Opcodes.IRETURN && insn.getOpcode() <= Opcodes.RETURN;
    }

    /**
     * The node right before javac's inlined finally code of the try statements enclosing the loop, in
     * front of the exit at index {@code exit}; null if there is none. javac leaves that code, and the
     * exit itself, out of the enclosing try's ranges (a "gap" that runs to the exit), so it starts
     * right after the last node before the exit that an enclosing handler still covers.
     */
    private AbstractInsnNode beforeEnclosingFinalizers(int exit, int first, Set<LabelNode> inside) {
        int before = -1;
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            boolean enclosesLoop = !inside.contains(block.handler) && covers(block, first);
            if (!enclosesLoop || coveredByHandler(block.handler, exit)) {
                continue;
            }
            int covered = exit - 1;
            while (covered > first && !coveredByHandler(block.handler, covered)) {
                covered--;
            }
            before = before < 0 ? covered : Math.min(before, covered);
        }
        return before < 0 ? null : method.instructions.get(before);
    }

    private boolean coveredByHandler(LabelNode handler, int index) {
        for (TryCatchBlockNode block : method.tryCatchBlocks) {
            if (block.handler == handler && covers(block, index)) {
                return true;
            }
        }
        return false;
    }

    private boolean covers(TryCatchBlockNode block, int index) {
        return method.instructions.indexOf(block.start) <= index && index < method.instructions.indexOf(block.end);
    }

    private LabelNode exitStub(Loop loop, LabelNode target, InsnList stubs) {
        LabelNode stub = new LabelNode();
        stubs.add(stub);
        stubs.add(close(loop));
        stubs.add(new JumpInsnNode(Opcodes.GOTO, target));
        return stub;
    }

    /** {@code Await.on(WovenCode.$aexit(iterator, null))}, discarding the result. */
    private static InsnList close(Loop loop) {
        InsnList close = awaitExit(loop, new InsnNode(Opcodes.ACONST_NULL));
        close.add(new InsnNode(Opcodes.POP));
        return close;
    }

    /** {@code Await.on(WovenCode.$aexit(iterator, error))}, where {@code loadError} pushes the error or null. */
    private static InsnList awaitExit(Loop loop, AbstractInsnNode loadError) {
        InsnList exit = new InsnList();
        exit.add(new VarInsnNode(Opcodes.ALOAD, loop.iterator));
        exit.add(new TypeInsnNode(Opcodes.CHECKCAST, Names.ASYNC_CLOSEABLE));
        exit.add(awaitAexit(loadError));
        return exit;
    }

    /**
     * {@code [closeable] -> [result]}: {@code Await.on(WovenCode.$aexit(closeable, error))}, Python's
     * awaited {@code __aexit__}; {@code loadError} pushes the body's exception or null.
     */
    private static InsnList awaitAexit(AbstractInsnNode loadError) {
        InsnList exit = new InsnList();
        exit.add(loadError);
        exit.add(Names.AEXIT_HOOK.invokeStatic());
        exit.add(Insns.awaitOn());
        return exit;
    }

    /**
     * Adds {@code ranges}, the loop's close handler, where the JVM consults it before any handler
     * that encloses the whole loop, but after the handlers of try blocks inside the loop.
     */
    private void addInnermostHandler(List<TryCatchBlockNode> ranges, int first, int last) {
        List<TryCatchBlockNode> blocks = method.tryCatchBlocks;
        for (int i = 0; i < blocks.size(); i++) {
            TryCatchBlockNode b = blocks.get(i);
            if (method.instructions.indexOf(b.start) <= first && method.instructions.indexOf(b.end) > last) {
                blocks.addAll(i, ranges);
                return;
            }
        }
        blocks.addAll(ranges);
    }
}
