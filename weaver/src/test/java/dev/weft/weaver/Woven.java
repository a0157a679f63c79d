package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Sources compiled in memory, woven, checked with ASM's verifier and loaded into a class loader of
 * their own: the transformer's unit-test bench.
 */
final class Woven {
    final Map<String, byte[]> original;
    final Map<String, byte[]> classes = new HashMap<>();
    final List<Diagnostic> diagnostics = new ArrayList<>();
    private final ClassLoader loader;

    /**
     * With {@code -Dweft.test.sharedSpills=true}, every method is woven with the spill code that
     * only large methods get otherwise ({@link SharedSpills}): the whole suite then checks that layout.
     */
    private static final boolean SHARED_SPILLS = Boolean.getBoolean("weft.test.sharedSpills");

    private Woven(Map<String, String> sources, int release) {
        if (SHARED_SPILLS) {
            StateMachine.sharedAbove = 0;
        }
        original = InMemoryCompiler.compile(sources, release);
        ClassHierarchy hierarchy = hierarchyOf(original);
        Weaver weaver = new Weaver(hierarchy);
        for (Map.Entry<String, byte[]> e : original.entrySet()) {
            WeaveResult result = weaver.weave(e.getValue());
            diagnostics.addAll(result.diagnostics());
            if (result.changed()) {
                classes.putAll(result.classes());
            } else {
                classes.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        loader = new ClassLoader(Woven.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name.replace('.', '/'));
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    static ClassHierarchy hierarchyOf(Map<String, byte[]> classes) {
        ClassHierarchy.ClassSource test = ClassHierarchy.fromClassLoader(Woven.class.getClassLoader());
        return ClassHierarchy.of(name -> {
            byte[] b = classes.get(name);
            return b != null ? b : test.find(name);
        });
    }

    /** Compiles and weaves one source file whose first class is public; fails on weaver errors. */
    static Woven source(String fileName, String text) {
        return source(fileName, text, 17);
    }

    /** As {@link #source(String, String)}, compiled for Java {@code release}. */
    static Woven source(String fileName, String text, int release) {
        Woven w = new Woven(Map.of(fileName, text), release);
        assertFalse(w.diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR),
                () -> "weaver errors: " + w.diagnostics);
        w.verifyAll();
        return w;
    }

    /** Compiles and weaves, keeping errors for the test to inspect. */
    static Woven withDiagnostics(String fileName, String text) {
        return new Woven(Map.of(fileName, text), 17);
    }

    /** Every woven class passes ASM's bytecode verifier. */
    void verifyAll() {
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            StringWriter out = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(e.getValue()), loader, false, new PrintWriter(out));
            if (!out.toString().isEmpty()) {
                throw new AssertionError("woven class " + e.getKey() + " fails verification:\n" + out);
            }
        }
    }

    Class<?> load(String className) {
        try {
            return loader.loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Calls the public static no-argument method {@code name} of {@code className}. */
    Object call(String className, String name) throws Throwable {
        Method m = load(className).getMethod(name);
        try {
            return m.invoke(null);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
