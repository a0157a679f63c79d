package dev.weft.weaver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * The weaver's single entry point: one class file in, its woven replacement (plus generated frame
 * classes) and diagnostics out. Pure: it reads other classes only through its
 * {@link ClassHierarchy} and never loads them.
 *
 * <pre>{@code
 * Weaver weaver = new Weaver(ClassHierarchy.of(classpath));
 * WeaveResult r = weaver.weave(Files.readAllBytes(classFile));
 * if (r.hasErrors()) fail(r.diagnostics());
 * r.classes().forEach((name, bytes) -> write(name, bytes));
 * }</pre>
 */
public final class Weaver {
    /**
     * In the name of every generated frame class, after its owner's name
     * ({@code com/acme/Service$$Weft$fetch$0}): how build tools tell frames from owners.
     */
    public static final String FRAME_MARK = Names.FRAME_MARK;

    private final ClassHierarchy hierarchy;

    /** A weaver resolving types through {@code hierarchy}. */
    public Weaver(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /**
     * Weaves one class file. A class without {@code @Async} methods or async lambdas, or one already
     * woven, comes back unchanged (an empty {@link WeaveResult#classes()}). When there are errors
     * nothing is woven.
     */
    public WeaveResult weave(byte[] classFile) {
        ClassNode owner = new ClassNode();
        new ClassReader(classFile).accept(owner, ClassReader.SKIP_FRAMES);
        List<Diagnostic> diagnostics = new ArrayList<>();
        // The class stage of the pipeline (see package-info): checks, before anything changes.
        Integer wovenFor = wovenProtocol(owner);
        if (wovenFor != null) {
            if (wovenFor != Names.PROTOCOL) {
                diagnostics.add(new Diagnostic(Diagnostic.Severity.ERROR, owner.name.replace('/', '.'), null,
                        owner.sourceFile, 0, "this class was woven by a different weft-maven-plugin (protocol " + wovenFor
                        + ", this plugin writes " + Names.PROTOCOL + "): run mvn clean so that it is compiled and woven again"));
            }
            return new WeaveResult(Map.of(), diagnostics);
        }
        Misuse misuse = new Misuse(owner, diagnostics);
        List<AsyncMethod> toWeave = select(owner, misuse);
        boolean ok = !Diagnostic.anyError(diagnostics);
        for (AsyncMethod m : toWeave) {
            ok &= check(m, misuse);
        }
        if (toWeave.isEmpty() || !ok) {
            return new WeaveResult(Map.of(), diagnostics);
        }
        // The method stage, for each method; then the output, only if every method wove.
        Map<String, byte[]> classes = new LinkedHashMap<>();
        List<ClassNode> frames = new ArrayList<>();
        for (AsyncMethod m : toWeave) {
            try {
                frames.add(MethodWeaving.weave(m, hierarchy));
            } catch (WeaveError e) {
                misuse.error(m.method(), e.line, e.getMessage());
            } catch (AnalyzerException e) {
                misuse.error(m.method(), e.node != null ? Insns.lineOf(e.node) : m.firstLine(),
                        "cannot weave this method (please report it): " + e.getMessage());
            } catch (RuntimeException e) {
                misuse.error(m.method(), m.firstLine(), "cannot weave this method (please report it): " + e);
            }
        }
        if (frames.size() < toWeave.size()) {
            return new WeaveResult(Map.of(), diagnostics);
        }
        markWoven(owner);
        try {
            classes.put(owner.name, write(owner));
            for (ClassNode frame : frames) {
                classes.put(frame.name, write(frame));
            }
        } catch (RuntimeException e) {
            reportUnwritable(e, owner, toWeave, misuse);
            return new WeaveResult(Map.of(), diagnostics);
        }
        return new WeaveResult(classes, diagnostics);
    }

    /** Reports why the woven classes could not be written: most often a method past the JVM's 64 KB. */
    private static void reportUnwritable(RuntimeException e, ClassNode owner, List<AsyncMethod> woven, Misuse misuse) {
        if (e instanceof MethodTooLargeException tooLarge) {
            String message = "this @Async method is too large once woven: its code would take " + tooLarge.getCodeSize()
                    + " bytes, over the JVM's limit of 64 KB (65535 bytes) per method; split it into smaller @Async methods";
            AsyncMethod m = bodyOf(woven, tooLarge.getMethodName());
            if (m != null) {
                misuse.error(m.method(), m.firstLine(), message);
            } else {
                misuse.classError(message + " (" + tooLarge.getMethodName() + ")");
            }
        } else if (e instanceof ClassTooLargeException tooLarge) {
            misuse.classError("this class is too large once woven: its constant pool would have "
                    + tooLarge.getConstantPoolCount() + " entries, over the JVM's limit of 65535; split the class");
        } else {
            misuse.classError("cannot weave this class (please report it): " + e);
        }
    }

    /** The woven method whose body method is {@code bodyName}, or null. */
    private static AsyncMethod bodyOf(List<AsyncMethod> woven, String bodyName) {
        for (AsyncMethod m : woven) {
            if (m.bodyName().equals(bodyName)) {
                return m;
            }
        }
        return null;
    }

    /** The {@code @Async} methods and async lambdas of {@code owner}; reports misplaced and forgotten awaits. */
    private List<AsyncMethod> select(ClassNode owner, Misuse misuse) {
        List<AsyncMethod> selected = new ArrayList<>();
        for (MethodNode m : owner.methods) {
            ForgottenAwaits.warn(m, misuse);
            // javac copies annotations onto bridge methods; a bridge only delegates to the real @Async method.
            boolean annotated = Misuse.isAnnotatedAsync(m) && (m.access & Opcodes.ACC_BRIDGE) == 0;
            misuse.checkNoAwaitReference(m);
            if (annotated ? misuse.checkDeclaration(m) : isAsyncLambda(m)) {
                selected.add(new AsyncMethod(owner, m, selected.size(), returnsGenerator(m), Insns.firstLine(m)));
            } else if (!annotated) {
                misuse.checkNoAwait(m);
            }
        }
        return selected;
    }

    private boolean check(AsyncMethod m, Misuse misuse) {
        BlockingCalls.warn(m.method(), hierarchy, misuse);
        try {
            return misuse.checkAwaits(m.method(), m.generator());
        } catch (AnalyzerException e) {
            misuse.error(m.method(), m.firstLine(), "cannot analyze this method: " + e.getMessage());
            return false;
        }
    }

    /**
     * A lambda body whose functional interface returns a coroutine and which awaits, or closes an
     * {@code AsyncCloseable} (a task group or timeout scope is all the async code some lambdas have).
     */
    private boolean isAsyncLambda(MethodNode m) {
        if ((m.access & Opcodes.ACC_SYNTHETIC) == 0 || !m.name.startsWith("lambda$")) {
            return false;
        }
        String returned = Type.getReturnType(m.desc).getDescriptor();
        if (!returned.equals(Names.COROUTINE_DESC) && !returned.equals(Names.ASYNC_GENERATOR_DESC)) {
            return false;
        }
        for (var insn : m.instructions) {
            if (Insns.isAwaitCall(insn) || ScopeDesugaring.isAsyncClose(insn, hierarchy)) {
                return true;
            }
        }
        return false;
    }

    private static boolean returnsGenerator(MethodNode m) {
        return Type.getReturnType(m.desc).getDescriptor().equals(Names.ASYNC_GENERATOR_DESC);
    }

    /** The protocol {@code owner} was woven for (0 if it predates the record), or null if it is not woven. */
    private static Integer wovenProtocol(ClassNode owner) {
        if (owner.invisibleAnnotations != null) {
            for (AnnotationNode a : owner.invisibleAnnotations) {
                if (a.desc.equals(Names.WOVEN_DESC)) {
                    return a.values == null ? 0 : (Integer) a.values.get(1);
                }
            }
        }
        return owner.name.contains(FRAME_MARK) ? Names.PROTOCOL : null;
    }

    private static void markWoven(ClassNode owner) {
        if (owner.invisibleAnnotations == null) {
            owner.invisibleAnnotations = new ArrayList<>();
        }
        AnnotationNode woven = new AnnotationNode(Names.WOVEN_DESC);
        woven.visit("protocol", Names.PROTOCOL);
        owner.invisibleAnnotations.add(woven);
    }

    private byte[] write(ClassNode node) {
        HierarchyClassWriter writer = new HierarchyClassWriter(hierarchy);
        node.accept(writer);
        return writer.toByteArray();
    }
}
