package dev.weft.weaver;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * ASM's type-inferring interpreter, answering subtype questions from class files through a
 * {@link ClassHierarchy} instead of loading classes into the build's JVM.
 */
final class HierarchyVerifier extends SimpleVerifier {
    private final ClassHierarchy hierarchy;

    HierarchyVerifier(ClassHierarchy hierarchy, Type currentClass, Type superClass, List<Type> interfaces, boolean isInterface) {
        super(Opcodes.ASM9, currentClass, superClass, interfaces, isInterface);
        this.hierarchy = hierarchy;
    }

    @Override
    protected boolean isInterface(Type type) {
        return hierarchy.isInterface(type.getInternalName());
    }

    @Override
    protected Type getSuperClass(Type type) {
        ClassHierarchy.ClassInfo info = hierarchy.info(type.getInternalName());
        // An unknown class (missing from the classpath) merges as Object, as the verifier would fail to do better.
        return info == null || info.superName() == null ? Type.getObjectType(Names.OBJECT) : Type.getObjectType(info.superName());
    }

    @Override
    protected boolean isAssignableFrom(Type to, Type from) {
        if (to.equals(from)) {
            return true;
        }
        if (to.getSort() == Type.OBJECT && to.getInternalName().equals(Names.OBJECT)) {
            return from.getSort() == Type.OBJECT || from.getSort() == Type.ARRAY;
        }
        if (from.getSort() == Type.ARRAY) {
            if (to.getSort() == Type.ARRAY) {
                Type toElement = Type.getType(to.getDescriptor().substring(1));
                Type fromElement = Type.getType(from.getDescriptor().substring(1));
                boolean references = isReference(toElement) && isReference(fromElement);
                return references ? isAssignableFrom(toElement, fromElement) : toElement.equals(fromElement);
            }
            String name = to.getInternalName();
            return name.equals("java/lang/Cloneable") || name.equals("java/io/Serializable");
        }
        if (to.getSort() != Type.OBJECT || from.getSort() != Type.OBJECT) {
            return false;
        }
        if (from.getInternalName().equals("null")) {
            return true;
        }
        return hierarchy.isAssignable(to.getInternalName(), from.getInternalName());
    }

    private static boolean isReference(Type t) {
        return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
    }

    /**
     * The input is javac's output, already verified by its compiler: this analysis infers types
     * and need not re-check them. Accepting every reference also mirrors the JVM verifier, which
     * treats interface types as {@code Object}.
     */
    @Override
    protected boolean isSubTypeOf(BasicValue value, BasicValue expected) {
        if (isReference(value.getType()) && isReference(expected.getType())) {
            return true;
        }
        return super.isSubTypeOf(value, expected);
    }

    @Override
    protected Class<?> getClass(Type type) {
        throw new IllegalStateException("the weaver never loads classes (asked for " + type + ")");
    }
}
