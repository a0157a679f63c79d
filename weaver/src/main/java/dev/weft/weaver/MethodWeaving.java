package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Weaves one method: the method passes of the pipeline, run in the order of {@link #PASSES}. The
 * package documentation lists every pass and why it runs where it does; in short, the rewrites
 * that add awaits come first, then the type analysis they all need, then the state machine that
 * consumes it, and last the factory and the frame class the state machine's spills define.
 */
final class MethodWeaving {
    /** One pass over a method being woven: reads and leaves its results in the {@link MethodWeaving}. */
    @FunctionalInterface
    private interface Pass {
        void run(MethodWeaving w) throws AnalyzerException;
    }

    /** The method passes, in order. */
    private static final List<Pass> PASSES = List.of(
            MethodWeaving::awaitReturnsInsideTry,
            w -> AllocationHoister.hoist(w.owner.name, w.method),
            w -> ScopeDesugaring.desugar(w.method, w.hierarchy),
            w -> CaughtExceptions.instrument(w.method),
            MethodWeaving::analyze,
            MethodWeaving::buildStateMachine,
            MethodWeaving::makeFactory,
            MethodWeaving::generateFrameClass);

    private final AsyncMethod m;
    private final ClassNode owner;
    private final MethodNode method;
    private final ClassHierarchy hierarchy;
    /** The type analysis of {@link #method} once its rewrites are done: one frame per instruction. */
    private Frame<BasicValue>[] frames;
    /** The fields the state machine spills into. */
    private List<FrameLayout.Field> spills;
    /** The source line of each state label, the first line for label 0: the frame's {@code $line()} table. */
    private List<Integer> lines;
    private ClassNode frameClass;

    private MethodWeaving(AsyncMethod m, ClassHierarchy hierarchy) {
        this.m = m;
        this.owner = m.owner();
        this.method = m.method();
        this.hierarchy = hierarchy;
    }

    /** Rewrites {@code m} in its owner and returns the generated frame class. */
    static ClassNode weave(AsyncMethod m, ClassHierarchy hierarchy) throws AnalyzerException {
        MethodWeaving w = new MethodWeaving(m, hierarchy);
        for (Pass pass : PASSES) {
            pass.run(w);
        }
        return w.frameClass;
    }

    /** An async generator's {@code return} only ends it: there is no returned coroutine to await. */
    private void awaitReturnsInsideTry() throws AnalyzerException {
        if (!m.generator()) {
            ReturnsInsideTry.awaitInPlace(owner.name, method);
        }
    }

    private void analyze() throws AnalyzerException {
        frames = new Analyzer<>(verifier(owner, hierarchy)).analyze(owner.name, method);
    }

    /** Moves the body into its synthetic method and turns it into the state machine. */
    private void buildStateMachine() {
        MethodNode body = moveBody(m);
        StateMachine machine = new StateMachine(body, frames, m.frameClass(), m.generator(), m.frameParameterSlot());
        spills = machine.build();
        owner.methods.add(body);
        lines = new ArrayList<>();
        lines.add(m.firstLine());
        lines.addAll(machine.labelLines());
    }

    private void generateFrameClass() {
        frameClass = FrameClass.generate(m, spills, lines);
    }

    private static HierarchyVerifier verifier(ClassNode owner, ClassHierarchy hierarchy) {
        List<Type> interfaces = new ArrayList<>();
        for (String i : owner.interfaces) {
            interfaces.add(Type.getObjectType(i));
        }
        return new HierarchyVerifier(hierarchy, Type.getObjectType(owner.name),
                owner.superName == null ? null : Type.getObjectType(owner.superName), interfaces,
                (owner.access & Opcodes.ACC_INTERFACE) != 0);
    }

    /** Moves the code of {@code m} into a new synthetic body method. */
    private static MethodNode moveBody(AsyncMethod m) {
        MethodNode method = m.method();
        // Synthetic only if the source method was (a lambda body): the body is the user's code, which
        // debuggers must step into and stop in, while they skip the synthetic frame class.
        int access = (method.access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC))
                // Interface methods are public or private; the frame class must be able to call it.
                | (m.ownerIsInterface() ? Opcodes.ACC_PUBLIC : 0);
        MethodNode body = new MethodNode(access, m.bodyName(), m.bodyDescriptor(), null, null);
        body.instructions = method.instructions;
        body.tryCatchBlocks = method.tryCatchBlocks;
        body.localVariables = method.localVariables;
        body.maxLocals = method.maxLocals;
        body.maxStack = method.maxStack;
        method.instructions = new InsnList();
        method.tryCatchBlocks = new ArrayList<>();
        method.localVariables = null;
        method.visibleLocalVariableAnnotations = null;
        method.invisibleLocalVariableAnnotations = null;
        body.visibleLocalVariableAnnotations = null;
        body.invisibleLocalVariableAnnotations = null;
        return body;
    }

    /**
     * The method's new code: {@code return new Frame(this, args...)}; for an entry point,
     * {@code WovenCode.$runEntryPoint(new Frame(this, args...))}. It has no line: calling the method
     * runs none of the body, so a breakpoint on the body's first line stops only where the body
     * runs, as in Python.
     */
    private void makeFactory() {
        InsnList code = method.instructions;
        code.add(new TypeInsnNode(Opcodes.NEW, m.frameClass()));
        code.add(new InsnNode(Opcodes.DUP));
        int slot = 0;
        if (!m.isStatic()) {
            code.add(new VarInsnNode(Opcodes.ALOAD, slot++));
        }
        for (Type p : m.parameterTypes()) {
            code.add(new VarInsnNode(p.getOpcode(Opcodes.ILOAD), slot));
            slot += p.getSize();
        }
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, m.frameClass(), "<init>", FrameClass.constructorDescriptor(m), false));
        if (m.entryPoint()) {
            code.add(Names.RUN_ENTRY_POINT_HOOK.invokeStatic());
            code.add(new InsnNode(Opcodes.RETURN));
        } else {
            code.add(new InsnNode(Opcodes.ARETURN));
        }
    }
}
