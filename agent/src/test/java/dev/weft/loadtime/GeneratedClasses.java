package dev.weft.loadtime;

import java.io.IOException;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Sources too big to keep in the tree, compiled at test time into a class loader the agent watches. */
final class GeneratedClasses {
    private GeneratedClasses() {
    }

    /** Compiles {@code source} as {@code fileName} (e.g. {@code probe/Huge.java}) against the test classpath. */
    static ClassLoader compile(String fileName, String source) throws IOException {
        Path dir = Files.createTempDirectory("weft-generated");
        Path file = dir.resolve(fileName);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter log = new StringWriter();
        boolean ok = javac.getTask(log, null, null, List.of("--release", "17", "-g", "-d", dir.toString(),
                "-classpath", System.getProperty("java.class.path")), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
        if (!ok) {
            throw new AssertionError("compilation failed:\n" + log);
        }
        return classLoader(dir);
    }

    private static ClassLoader classLoader(Path dir) throws MalformedURLException {
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, GeneratedClasses.class.getClassLoader());
    }
}
