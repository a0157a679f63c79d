package dev.weft.weaver;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
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
    /** Public, for the body method in the owner class; synthetic, like all the frame's members, so debuggers skip them. */
    private static final int FIELD_ACCESS = Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC;

    private FrameClass() {
    }

    /** Parameter fields are named {@code p0, p1, ...} in declaration order. */
    static String parameterField(int index) {
        return "p" + index;
    }

    /**
     * @param lines the source line of each state label: the body's first line, then each
     *              suspension site's, for {@code $line()}
     */
    static ClassNode generate(AsyncMethod m, List<FrameLayout.Field> spills, List<Integer> lines) {
        ClassNode frame = new ClassNode();
        String superName = m.generator() ? Names.ASYNC_GENERATOR : Names.COROUTINE;
        frame.visit(m.owner().version, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                m.frameClass(), null, superName, null);
        frame.visitSource(m.owner().sourceFile, null);
        frame.fields.add(new FieldNode(FIELD_ACCESS, Names.LABEL_FIELD, "I", null, null));
        if (!m.isStatic()) {
            frame.fields.add(new FieldNode(FIELD_ACCESS, SELF_FIELD, ownerDescriptor(m), null, null));
        }
        Type[] params = m.parameterTypes();
        for (int i = 0; i < params.length; i++) {
            frame.fields.add(new FieldNode(FIELD_ACCESS, parameterField(i), params[i].getDescriptor(), null, null));
        }
        for (FrameLayout.Field f : spills) {
            frame.fields.add(new FieldNode(FIELD_ACCESS, f.name(), f.descriptor(), null, null));
        }
        frame.methods.add(constructor(m, superName));
        frame.methods.add(step(m));
        frame.methods.add(source(m));
        frame.methods.add(line(m, lines));
        return frame;
    }

    private static final int SYNTHETIC_OVERRIDE = Opcodes.ACC_PROTECTED | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC;

    /** {@code $source()}: the constant {@code "class\tmethod\tfile"} that names the source method. */
    private static MethodNode source(AsyncMethod m) {
        MethodNode source = new MethodNode(SYNTHETIC_OVERRIDE, Names.SOURCE.name(), Names.SOURCE.desc(), null, null);
        String file = m.owner().sourceFile == null ? "" : m.owner().sourceFile;
        source.instructions.add(new LdcInsnNode(m.owner().name.replace('/', '.') + "\t" + m.method().name + "\t" + file));
        source.instructions.add(new InsnNode(Opcodes.ARETURN));
        return source;
    }

    /**
     * {@code $line()}: {@code LINES.charAt(label)}, the line table being one string constant with a
     * char per label — the smallest table a class file can hold, and no static initialiser. Lines
     * past 65535 read as 65535.
     */
    private static MethodNode line(AsyncMethod m, List<Integer> lines) {
        StringBuilder table = new StringBuilder(lines.size());
        for (int line : lines) {
            table.append((char) Math.min(Math.max(line, 0), Character.MAX_VALUE));
        }
        MethodNode method = new MethodNode(SYNTHETIC_OVERRIDE, Names.LINE.name(), Names.LINE.desc(), null, null);
        method.instructions.add(new LdcInsnNode(table.toString()));
        method.instructions.add(new VarInsnNode(Opcodes.ALOAD, 0));
        method.instructions.add(new FieldInsnNode(Opcodes.GETFIELD, m.frameClass(), Names.LABEL_FIELD, "I"));
        method.instructions.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, "java/lang/String", "charAt", "(I)C", false));
        method.instructions.add(new InsnNode(Opcodes.IRETURN));
        return method;
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
        MethodNode init = new MethodNode(Opcodes.ACC_SYNTHETIC, "<init>", constructorDescriptor(m), null, null);
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
        MethodNode step = new MethodNode(SYNTHETIC_OVERRIDE, overridden.name(), overridden.desc(), null, null);
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
