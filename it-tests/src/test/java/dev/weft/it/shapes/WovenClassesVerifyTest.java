package dev.weft.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** Everything the plugin wrote for the shape fixtures passes ASM's verifier and the JVM's. */
class WovenClassesVerifyTest {
    private static final Path FIXTURES = Path.of("target/classes/dev/weft/it/shapes");

    private static List<Path> classFiles() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyFixtureClassAndFramePassesAsmVerification() throws IOException {
        List<Path> files = classFiles();
        assertTrue(files.stream().anyMatch(f -> f.getFileName().toString().contains("$$Weft$")), "no frame classes: not woven?");
        for (Path file : files) {
            StringWriter problems = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(Files.readAllBytes(file)), getClass().getClassLoader(), false,
                    new PrintWriter(problems));
            assertEquals("", problems.toString(), file.toString());
        }
    }

    /** Initializing a class makes the JVM link, and so verify, it. */
    @Test
    void everyFixtureClassAndFrameLoadsUnderTheJvmVerifier() throws IOException, ClassNotFoundException {
        for (Path file : classFiles()) {
            String simpleName = file.getFileName().toString().replace(".class", "");
            Class.forName(Mode.class.getPackageName() + "." + simpleName, true, getClass().getClassLoader());
        }
    }
}
