package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A miniature project on disk, as a build sees it: sources under {@code src/}, compiled by javac
 * into {@code classes/}, which is then woven in place.
 */
public final class SourceTree {
    /** Where a test source marks the line a diagnostic must point at. */
    static final String ERROR_MARK = "// <- error";

    public final Path sources;
    public final Path classes;

    public SourceTree(Path root) {
        sources = root.resolve("src");
        classes = root.resolve("classes");
        try {
            Files.createDirectories(sources);
            Files.createDirectories(classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes (or overwrites) the source file {@code path}, e.g. {@code demo/Bad.java}. */
    public SourceTree write(String path, String text) throws IOException {
        Path file = sources.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return this;
    }

    /** Compiles the given sources (all of them when none is given) into {@code classes/}; fails on javac errors. */
    public SourceTree compile(String... paths) throws IOException {
        List<Diagnostic<? extends JavaFileObject>> errors = compileReportingErrors(paths);
        assertEquals(List.of(), errors, "javac errors");
        return this;
    }

    /** Compiles like {@link #compile}, returning javac's errors instead of failing on them. */
    List<Diagnostic<? extends JavaFileObject>> compileReportingErrors(String... paths) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        List<Path> files;
        if (paths.length == 0) {
            try (Stream<Path> all = Files.walk(sources)) {
                files = all.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
            }
        } else {
            files = Arrays.stream(paths).map(sources::resolve).collect(Collectors.toList());
        }
        String classpath = classes + File.pathSeparator + System.getProperty("java.class.path");
        try (StandardJavaFileManager fm = javac.getStandardFileManager(problems, null, null)) {
            javac.getTask(null, fm, problems, List.of("--release", "17", "-g", "-d", classes.toString(), "-classpath", classpath),
                    null, fm.getJavaFileObjectsFromPaths(files)).call();
        }
        return problems.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
    }

    /** Weaves {@code classes/} as the Mojo does, against the test classpath (which holds the runtime). */
    ClassesWeaving.Outcome weave() throws IOException {
        return ClassesWeaving.weave(classes, classpath(), List.of(sources));
    }

    public static List<Path> classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).collect(Collectors.toList());
    }

    /** Every file under {@code classes/}, by relative path, with contents comparable by {@code equals}. */
    Map<String, ByteBuffer> snapshot() throws IOException {
        Map<String, ByteBuffer> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(classes.relativize(p).toString().replace(File.separatorChar, '/'), ByteBuffer.wrap(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    /** The 1-based line of {@code path} that carries {@link #ERROR_MARK}. */
    int markedLine(String path) throws IOException {
        List<String> lines = Files.readAllLines(sources.resolve(path));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(ERROR_MARK)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + ERROR_MARK + " in " + path);
    }
}
