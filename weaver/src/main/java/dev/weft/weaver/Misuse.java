package dev.weft.weaver;

import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * The build-time checks: every misuse of {@code @Async} and {@code Await} becomes an error naming
 * the class, method, source file and line, so it fails the build instead of failing at run time.
 */
final class Misuse {
    private final ClassNode owner;
    private final List<Diagnostic> diagnostics;

    Misuse(ClassNode owner, List<Diagnostic> diagnostics) {
        this.owner = owner;
        this.diagnostics = diagnostics;
    }

    static boolean isAnnotatedAsync(MethodNode m) {
        return hasAnnotation(m.invisibleAnnotations) || hasAnnotation(m.visibleAnnotations);
    }

    private static boolean hasAnnotation(List<AnnotationNode> annotations) {
        if (annotations != null) {
            for (AnnotationNode a : annotations) {
                if (a.desc.equals(Names.ASYNC_DESC)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Checks the declaration of an {@code @Async} method; returns false if it cannot be woven. */
    boolean checkDeclaration(MethodNode m) {
        String returned = Type.getReturnType(m.desc).getDescriptor();
        boolean ok = true;
        // void: an entry point, which runs its body on a fresh loop (see AsyncMethod.entryPoint).
        if (!returned.equals(Names.COROUTINE_DESC) && !returned.equals(Names.ASYNC_GENERATOR_DESC) && !returned.equals("V")) {
            error(m, Insns.firstLine(m), "@Async method must return Coroutine<T> or AsyncGenerator<T> (or be void, an entry"
                    + " point that runs on its own event loop), not "
                    + Type.getReturnType(m.desc).getClassName());
            ok = false;
        }
        if ((m.access & Opcodes.ACC_ABSTRACT) != 0) {
            error(m, 0, "@Async cannot mark an abstract method: it needs a body to weave; put @Async on the implementations");
            ok = false;
        }
        if ((m.access & Opcodes.ACC_NATIVE) != 0) {
            error(m, 0, "@Async cannot mark a native method: it needs a Java body to weave");
            ok = false;
        }
        if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            error(m, Insns.firstLine(m), "@Async method cannot be synchronized: it would suspend while holding the monitor;"
                    + " use dev.weft.Lock instead");
            ok = false;
        }
        return ok;
    }

    /**
     * Reports every {@code Await} call in {@code m}, a method that is not woven. An await in a plain
     * lambda is reported against the method that declares the lambda, not its synthetic body.
     */
    void checkNoAwait(MethodNode m) {
        boolean lambda = enclosingMethodOfLambda(m) != null;
        for (AbstractInsnNode insn : m.instructions) {
            if (Insns.isAwaitCall(insn)) {
                String call = "Await." + ((MethodInsnNode) insn).name;
                error(m, Insns.lineOf(insn), lambda
                        ? call + " used inside a lambda that is not async: only a lambda whose functional interface"
                                + " returns Coroutine<T> may await"
                        : call + " used outside an @Async method: mark the method @Async and make it return Coroutine<T>");
            }
        }
    }

    /**
     * Reports {@code Await::on} (and the other {@code Await} methods) used as method references: the
     * weaver rewrites direct calls only, so such a function would throw when applied.
     */
    void checkNoAwaitReference(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof InvokeDynamicInsnNode indy) {
                for (Object arg : indy.bsmArgs) {
                    if (arg instanceof Handle h && h.getOwner().equals(Names.AWAIT)) {
                        error(m, Insns.lineOf(insn), "Await::" + h.getName() + " used as a method reference: only a direct call Await."
                                        + h.getName() + "(...) inside an @Async method or async lambda can be woven");
                    }
                }
            }
        }
    }

    /** How diagnostics name {@code m}: a lambda body after the method declaring the lambda, {@code name (in a lambda)}. */
    static String reportedName(MethodNode m) {
        String declaring = enclosingMethodOfLambda(m);
        return declaring != null ? declaring + " (in a lambda)" : m.name;
    }

    /**
     * For javac's synthetic lambda body {@code lambda$name$0}, the method declaring the lambda:
     * {@code name}, or {@code <init>}/{@code <clinit>} for javac's {@code new}/{@code static}; else null.
     */
    private static String enclosingMethodOfLambda(MethodNode m) {
        if ((m.access & Opcodes.ACC_SYNTHETIC) == 0 || !m.name.startsWith("lambda$")) {
            return null;
        }
        int end = m.name.indexOf('$', "lambda$".length());
        String name = m.name.substring("lambda$".length(), end < 0 ? m.name.length() : end);
        return switch (name) {
            case "new" -> "<init>";
            case "static" -> "<clinit>";
            default -> name;
        };
    }

    /** Checks the awaits inside {@code m}, which is about to be woven; returns false on errors. */
    boolean checkAwaits(MethodNode m, boolean generator) throws AnalyzerException {
        boolean ok = true;
        int[] monitors = null;
        for (int i = 0; i < m.instructions.size(); i++) {
            AbstractInsnNode insn = m.instructions.get(i);
            if (!Insns.isAwaitCall(insn)) {
                continue;
            }
            String call = "Await." + ((MethodInsnNode) insn).name;
            if (monitors == null) {
                monitors = MonitorDepth.of(owner.name, m);
            }
            if (monitors[i] > 0) {
                error(m, Insns.lineOf(insn), call + " inside a synchronized block: the coroutine would suspend"
                        + " holding the monitor; use dev.weft.Lock instead");
                ok = false;
            }
            if (Insns.isAwaitYield(insn) && !generator) {
                error(m, Insns.lineOf(insn), "Await.yield is only allowed in an @Async method returning AsyncGenerator<T>");
                ok = false;
            }
        }
        return ok;
    }

    /** An error about the class as a whole, located by its source file only. */
    void classError(String message) {
        diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, owner.name.replace('/', '.'), null, owner.sourceFile, 0,
                message));
    }

    void error(MethodNode m, int line, String message) {
        diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, owner.name.replace('/', '.'), reportedName(m),
                owner.sourceFile, line, message));
    }

    void warning(MethodNode m, int line, String message) {
        diagnostics.add(new Diagnostic(Diagnostic.Severity.WARNING, owner.name.replace('/', '.'), reportedName(m),
                owner.sourceFile, line, message));
    }
}
