package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The weaver passes every class of large real-world libraries — javac, kotlinc and generated
 * bytecode of every class-file version they ship, multi-release entries included — without an
 * exception, a diagnostic or a changed byte.
 */
class RealJarsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"guava", "jackson-databind", "commons-lang3", "byte-buddy", "kotlin-stdlib",
            "netty-codec-http", "netty-common", "spring-core"})
    void everyClassComesBackByteIdentical(String artifact, @TempDir Path classes) throws IOException {
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).collect(Collectors.toList());
        Path jar = classpath.stream()
                .filter(p -> p.getFileName().toString().matches(artifact + "-\\d.*\\.jar"))
                .findFirst().orElseThrow(() -> new AssertionError(artifact + " is not on the test classpath"));
        int extracted = extractClasses(jar, classes);
        Map<String, byte[]> before = snapshot(classes);

        ClassesWeaving.Outcome outcome = ClassesWeaving.weave(classes, classpath);

        assertTrue(extracted > 300, jar + " has only " + extracted + " classes");
        assertEquals(List.of(), outcome.diagnostics());
        assertEquals(0, outcome.wovenClasses());
        Map<String, byte[]> after = snapshot(classes);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, after.get(name)), name + " changed"));
    }

    private static int extractClasses(Path jar, Path into) throws IOException {
        int count = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
                if (entry.isDirectory() || !entry.getName().endsWith(".class")) {
                    continue;
                }
                Path target = into.resolve(entry.getName());
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                count++;
            }
        }
        return count;
    }

    private static Map<String, byte[]> snapshot(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
