package dev.weft.weaver;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Generates the frame class of one {@code @Async} method: a subclass of {@code Coroutine} (or
 * {@code AsyncGenerator}) holding the receiver, the arguments, the state label and the spill
 * fields, whose {@code $step()} calls the body method in the owner class.
 *
 * <p>The body stays in the owner so it keeps its access to the owner's private members; the
 * frame only needs package access to call it.
 */
final class FrameClass {
    static final String SELF_FIELD = "self";

    private FrameClass() {
    }

    /** Parameter fields are named {@code p0, p1, ...} in declaration order. */
    static String parameterField(int index) {
        return "p" + index;
    }

    static ClassNode generate(AsyncMethod m, List<FrameLayout.Field> spills) {
        ClassNode frame = new ClassNode();
        String superName = m.generator() ? Names.ASYNC_GENERATOR : Names.COROUTINE;
        frame.visit(m.owner().version, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                m.frameClass(), null, superName, null);
        frame.visitSource(m.owner().sourceFile, null);
        frame.fields.add(new FieldNode(Opcodes.ACC_PUBLIC, Names.LABEL_FIELD, "I", null, null));
        if (!m.isStatic()) {
            frame.fields.add(new FieldNode(Opcodes.ACC_PUBLIC, SELF_FIELD, ownerDescriptor(m), null, null));
        }
        Type[] params = m.parameterTypes();
        for (int i = 0; i < params.length; i++) {
            frame.fields.add(new FieldNode(Opcodes.ACC_PUBLIC, parameterField(i), params[i].getDescriptor(), null, null));
        }
        for (FrameLayout.Field f : spills) {
            frame.fields.add(new FieldNode(Opcodes.ACC_PUBLIC, f.name(), f.descriptor(), null, null));
        }
        frame.methods.add(constructor(m, superName));
        frame.methods.add(step(m));
        return frame;
    }

    /** The descriptor of the frame constructor: the receiver (if any), then the arguments. */
    static String constructorDescriptor(AsyncMethod m) {
        StringBuilder d = new StringBuilder("(");
        if (!m.isStatic()) {
            d.append(ownerDescriptor(m));
        }
        for (Type p : m.parameterTypes()) {
            d.append(p.getDescriptor());
        }
        return d.append(")V").toString();
    }

    private static String ownerDescriptor(AsyncMethod m) {
        return "L" + m.owner().name + ";";
    }

    private static MethodNode constructor(AsyncMethod m, String superName) {
        MethodNode init = new MethodNode(0, "<init>", constructorDescriptor(m), null, null);
        init.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        init.instructions.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false));
        int slot = 1;
        if (!m.isStatic()) {
            init.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
            init.instructions.add(new VarInsnNode(Opcodes.ALOAD, slot++));
            init.instructions.add(new FieldInsnNode(Opcodes.PUTFIELD, m.frameClass(), SELF_FIELD, ownerDescriptor(m)));
        }
        Type[] params = m.parameterTypes();
        for (int i = 0; i < params.length; i++) {
            init.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
            init.instructions.add(new VarInsnNode(params[i].getOpcode(Opcodes.ILOAD), slot));
            init.instructions.add(new FieldInsnNode(Opcodes.PUTFIELD, m.frameClass(), parameterField(i), params[i].getDescriptor()));
            slot += params[i].getSize();
        }
        init.instructions.add(new InsnNode(Opcodes.RETURN));
        return init;
    }

    /** {@code $step()}: calls the body with the receiver, the arguments and this frame. */
    private static MethodNode step(AsyncMethod m) {
        Names.Member overridden = m.generator() ? Names.GENERATE : Names.STEP;
        MethodNode step = new MethodNode(Opcodes.ACC_PROTECTED | Opcodes.ACC_FINAL, overridden.name(), overridden.desc(), null, null);
        if (!m.isStatic()) {
            step.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
            step.instructions.add(new FieldInsnNode(Opcodes.GETFIELD, m.frameClass(), SELF_FIELD, ownerDescriptor(m)));
        }
        Type[] params = m.parameterTypes();
        for (int i = 0; i < params.length; i++) {
            step.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
            step.instructions.add(new FieldInsnNode(Opcodes.GETFIELD, m.frameClass(), parameterField(i), params[i].getDescriptor()));
        }
        step.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        boolean itf = m.ownerIsInterface();
        int opcode = m.isStatic() ? Opcodes.INVOKESTATIC : itf ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
        step.instructions.add(new MethodInsnNode(opcode, m.owner().name, m.bodyName(), m.bodyDescriptor(), itf));
        step.instructions.add(new InsnNode(Opcodes.ARETURN));
        return step;
    }
}
