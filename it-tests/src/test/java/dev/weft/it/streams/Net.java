package dev.weft.it.streams;

import dev.weft.EventLoop;
import dev.weft.ExceptionContext;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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

    /** How many file descriptors this JVM has open (Unix only). */
    static long openFileDescriptors() {
        return ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getOpenFileDescriptorCount();
    }
}
