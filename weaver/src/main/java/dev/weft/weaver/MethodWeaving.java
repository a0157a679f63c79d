package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Weaves one method: its body moves to a synthetic body method turned into a state machine, the
 * method itself becomes a factory returning a fresh frame, and the frame class is generated.
 */
final class MethodWeaving {
    private MethodWeaving() {
    }

    /** Rewrites {@code m} in its owner and returns the generated frame class. */
    static ClassNode weave(AsyncMethod m, ClassHierarchy hierarchy) throws AnalyzerException {
        ClassNode owner = m.owner();
        MethodNode method = m.method();
        if (!m.generator()) {
            ReturnsInsideTry.awaitInPlace(owner.name, method);
        }
        AllocationHoister.hoist(owner.name, method);
        ScopeDesugaring.desugar(method, hierarchy);
        Frame<BasicValue>[] frames = new Analyzer<>(verifier(owner, hierarchy)).analyze(owner.name, method);

        int firstLine = Insns.firstLine(method);
        MethodNode body = moveBody(m);
        List<FrameLayout.Field> spills = new StateMachine(body, frames, m.frameClass(), m.generator(),
                m.frameParameterSlot()).build();
        owner.methods.add(body);
        makeFactory(m, firstLine);
        return FrameClass.generate(m, spills);
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
        int access = Opcodes.ACC_SYNTHETIC | (method.access & Opcodes.ACC_STATIC)
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

    /** The method's new code: {@code return new Frame(this, args...)}, at the method's first line. */
    private static void makeFactory(AsyncMethod m, int line) {
        InsnList code = m.method().instructions;
        if (line > 0) {
            LabelNode start = new LabelNode();
            code.add(start);
            code.add(new LineNumberNode(line, start));
        }
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
        code.add(new InsnNode(Opcodes.ARETURN));
    }
}
