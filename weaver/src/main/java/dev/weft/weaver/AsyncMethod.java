package dev.weft.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * One method to weave, and the names the weaving gives it.
 *
 * @param owner     the class declaring it
 * @param method    the {@code @Async} method or async lambda body
 * @param index     its position among the class's woven methods, making generated names unique
 * @param generator whether it returns {@code AsyncGenerator}
 * @param firstLine its first source line (0 if it has none), read before weaving: where its
 *                  diagnostics point, and where its frame waits before the first step
 */
record AsyncMethod(ClassNode owner, MethodNode method, int index, boolean generator, int firstLine) {

    boolean isStatic() {
        return (method.access & Opcodes.ACC_STATIC) != 0;
    }

    boolean ownerIsInterface() {
        return (owner.access & Opcodes.ACC_INTERFACE) != 0;
    }

    /**
     * Whether it is declared {@code void}: an entry point, whose body is woven as a
     * {@code Coroutine<Void>} and whose own code runs that coroutine on a fresh loop.
     */
    boolean entryPoint() {
        return Type.getReturnType(method.desc) == Type.VOID_TYPE;
    }

    Type[] parameterTypes() {
        return Type.getArgumentTypes(method.desc);
    }

    /** {@code Owner$$Weft$method$N}: the generated frame class. */
    String frameClass() {
        return owner.name + Weaver.FRAME_MARK + method.name.replace('$', '_') + "$" + index;
    }

    /**
     * The synthetic method that holds the original body: an overload of the method itself (its
     * descriptor adds the frame), so that stack traces through the body name the source method.
     */
    String bodyName() {
        return method.name;
    }

    /** The original parameters, then the frame; returns the result or the suspension marker. */
    String bodyDescriptor() {
        StringBuilder d = new StringBuilder("(");
        for (Type p : parameterTypes()) {
            d.append(p.getDescriptor());
        }
        return d.append('L').append(frameClass()).append(";)").append(Names.OBJECT_DESC).toString();
    }

    /** The slot of the frame parameter in the body: right after the original parameters. */
    int frameParameterSlot() {
        return (Type.getArgumentsAndReturnSizes(method.desc) >> 2) - (isStatic() ? 1 : 0);
    }
}
