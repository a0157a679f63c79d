package dev.weft.weaver;

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
    private final ClassHierarchy hierarchy;

    /** A weaver resolving types through {@code hierarchy}. */
    public Weaver(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /**
     * Weaves one class file. A class without {@code @Async} methods or async lambdas, or one already
     * woven, comes back unchanged (an empty {@link WeaveResult#classes()}).
     */
    public WeaveResult weave(byte[] classFile) {
        throw new UnsupportedOperationException("not yet");
    }
}
