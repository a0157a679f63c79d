package dev.weft.it.streams;

import dev.weft.EventLoop;
import dev.weft.ExceptionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Helpers shared by the network stream tests. */
final class Net {
    static final String LOOPBACK = "127.0.0.1";

    private Net() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Records what reaches the running loop's exception handler (asyncio's tests' {@code messages}). */
    static List<ExceptionContext> recordErrors(EventLoop loop) {
        List<ExceptionContext> messages = Collections.synchronizedList(new ArrayList<>());
        loop.setExceptionHandler((l, context) -> messages.add(context));
        return messages;
    }

    /**
     * This JVM's open file descriptors as "number -> target" (Linux's /proc/self/fd). Tests compare
     * sets, not counts: other threads of the JVM open and close descriptors of their own meanwhile.
     */
    static Set<String> openDescriptors() throws IOException {
        Path dir = Path.of("/proc/self/fd");
        Assumptions.assumeTrue(Files.isDirectory(dir), "needs /proc/self/fd");
        Set<String> open = new HashSet<>();
        try (Stream<Path> fds = Files.list(dir)) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    open.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one another thread closed since
                }
            }
        }
        return open;
    }

    /** The descriptors in {@code now} that were not in {@code before}. */
    static Set<String> opened(Set<String> before, Set<String> now) {
        Set<String> opened = new HashSet<>(now);
        opened.removeAll(before);
        return opened;
    }
}
