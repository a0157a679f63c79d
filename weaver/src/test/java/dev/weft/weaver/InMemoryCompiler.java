package dev.weft.weaver;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources held in strings into class files held in memory, with {@code javax.tools}. */
final class InMemoryCompiler {
    private InMemoryCompiler() {
    }

    /**
     * Compiles {@code sources} (file name, e.g. {@code "demo/Shapes.java"}, to text) against the test
     * classpath for Java {@code release}; returns class files by internal name. Fails with javac's
     * messages on errors.
     */
    static Map<String, byte[]> compile(Map<String, String> sources, int release) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> problems = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> outputs = new TreeMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(problems, null, null);
        JavaFileManager files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        outputs.put(className.replace('.', '/'), out);
                        return out;
                    }
                };
            }
        };
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(URI.create("string:///" + name), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        StringWriter log = new StringWriter();
        List<String> options = List.of("--release", String.valueOf(release), "-g", "-classpath", System.getProperty("java.class.path"));
        boolean ok = javac.getTask(log, files, problems, options, null, units).call();
        if (!ok) {
            StringBuilder message = new StringBuilder("compilation failed:\n");
            problems.getDiagnostics().forEach(d -> message.append(d).append('\n'));
            throw new AssertionError(message.toString() + log);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        outputs.forEach((name, out) -> classes.put(name, out.toByteArray()));
        return classes;
    }
}
