package dev.weft.it.inside;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Asyncio;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code -Dweft.asyncStackTraces=false} leaves traces as the JVM made them; it is read once, so it runs in a JVM of its own. */
class TracesOffTest {

    /** Prints the elements of the {@link Deep} example's trace that come from this package's coroutines, one a line. */
    public static void main(String[] args) {
        try {
            Asyncio.run(new Deep().level1(1));
        } catch (IllegalArgumentException e) {
            for (StackTraceElement element : e.getStackTrace()) {
                if (element.getClassName().equals(Deep.class.getName())) {
                    System.out.println(element.getMethodName());
                }
            }
        }
    }

    private static List<String> run(String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(options));
        command.add(TracesOffTest.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue(), out);
        return out.lines().collect(java.util.stream.Collectors.toList());
    }

    @Test
    void offLeavesOnlyTheJavaStack() throws Exception {
        assertEquals(List.of("level3"), run("-Dweft.asyncStackTraces=false"));
    }

    @Test
    void onByDefault() throws Exception {
        assertEquals(List.of("level3", "level2", "level1"), run());
    }
}
