package dev.weft.weaver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * Answers type questions about classes by reading their class files, never by loading them: the
 * weaver must not run user code nor depend on what the build's class loader happens to see.
 *
 * <pre>{@code
 * ClassHierarchy h = ClassHierarchy.of(List.of(Path.of("target/classes"), Path.of("lib/dep.jar")));
 * boolean closeable = h.isAssignable("com/acme/Conn", "dev/weft/AsyncCloseable");
 * }</pre>
 */
public final class ClassHierarchy implements AutoCloseable {
    /** What the weaver needs to know about one class. */
    public record ClassInfo(String name, String superName, List<String> interfaces, boolean isInterface) {
    }

    /** Where class files come from: returns the bytes of {@code internalName}, or null. */
    @FunctionalInterface
    public interface ClassSource {
        byte[] find(String internalName) throws IOException;
    }

    private static final ClassInfo MISSING = new ClassInfo("", null, List.of(), false);

    private final List<ClassSource> sources;
    private final List<JarFile> jars;
    private final Map<String, ClassInfo> cache = new ConcurrentHashMap<>();

    private ClassHierarchy(List<ClassSource> sources, List<JarFile> jars) {
        this.sources = sources;
        this.jars = jars;
    }

    /**
     * A hierarchy over directories and jars of class files, then the running JDK's own classes.
     */
    public static ClassHierarchy of(List<Path> classpath) {
        List<ClassSource> sources = new ArrayList<>();
        List<JarFile> jars = new ArrayList<>();
        for (Path entry : classpath) {
            if (Files.isDirectory(entry)) {
                sources.add(name -> {
                    Path file = entry.resolve(name + ".class");
                    return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
                });
            } else if (Files.isRegularFile(entry)) {
                try {
                    JarFile jar = new JarFile(entry.toFile());
                    jars.add(jar);
                    sources.add(name -> {
                        ZipEntry e = jar.getEntry(name + ".class");
                        if (e == null) {
                            return null;
                        }
                        try (InputStream in = jar.getInputStream(e)) {
                            return in.readAllBytes();
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + entry, e);
                }
            }
        }
        sources.add(fromClassLoader(ClassLoader.getPlatformClassLoader()));
        return new ClassHierarchy(sources, jars);
    }

    /** A hierarchy over whatever {@code source} finds, then the running JDK's own classes. */
    public static ClassHierarchy of(ClassSource source) {
        return new ClassHierarchy(List.of(source, fromClassLoader(ClassLoader.getPlatformClassLoader())), List.of());
    }

    /** Reads class files as resources of {@code loader} (without loading the classes). */
    public static ClassSource fromClassLoader(ClassLoader loader) {
        return name -> {
            try (InputStream in = loader.getResourceAsStream(name + ".class")) {
                return in == null ? null : in.readAllBytes();
            }
        };
    }

    /** The class named {@code internalName}, or null when no source has it. */
    public ClassInfo info(String internalName) {
        ClassInfo info = cache.computeIfAbsent(internalName, this::read);
        return info == MISSING ? null : info;
    }

    private ClassInfo read(String internalName) {
        for (ClassSource source : sources) {
            byte[] bytes;
            try {
                bytes = source.find(internalName);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read class " + internalName, e);
            }
            if (bytes != null) {
                ClassReader reader = new ClassReader(bytes);
                return new ClassInfo(reader.getClassName(), reader.getSuperName(), List.of(reader.getInterfaces()),
                        (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0);
            }
        }
        return MISSING;
    }

    /** True if a value of class {@code from} can be assigned to {@code to} (both internal names). */
    public boolean isAssignable(String to, String from) {
        if (to.equals(from) || to.equals("java/lang/Object")) {
            return true;
        }
        ClassInfo info = info(from);
        if (info == null) {
            return false;
        }
        if (info.superName() != null && isAssignable(to, info.superName())) {
            return true;
        }
        for (String i : info.interfaces()) {
            if (isAssignable(to, i)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code internalName} is an interface; false for classes and for unknown types. */
    public boolean isInterface(String internalName) {
        ClassInfo info = info(internalName);
        return info != null && info.isInterface();
    }

    /**
     * The most specific common superclass of two classes, as the verifier computes it (interfaces
     * merge to {@code java/lang/Object}); {@code java/lang/Object} when either is unknown.
     */
    public String commonSuperClass(String a, String b) {
        if (isAssignable(a, b)) {
            return a;
        }
        if (isAssignable(b, a)) {
            return b;
        }
        if (isInterface(a) || isInterface(b)) {
            return "java/lang/Object";
        }
        for (String s = superOf(a); s != null; s = superOf(s)) {
            if (isAssignable(s, b)) {
                return s;
            }
        }
        return "java/lang/Object";
    }

    private String superOf(String name) {
        ClassInfo info = info(name);
        return info == null ? null : info.superName();
    }

    @Override
    public void close() throws IOException {
        for (JarFile jar : jars) {
            jar.close();
        }
    }
}
