package dev.weft.agent;

import dev.weft.weaver.Weaver;
import java.nio.charset.StandardCharsets;

/**
 * Decides from a class's name and raw bytes, without parsing them, whether the weaver should look
 * at it: nearly every class loaded (the JDK's, libraries') must pass through untouched and fast.
 */
final class LoadTimeCandidates {
    /**
     * The JDK's packages, the agent's own (its weaver and ASM are relocated below it) and the
     * runtime's internals.
     */
    private static final String[] SKIPPED_PACKAGES = {"java/", "javax/", "jdk/", "sun/", "com/sun/", "dev/weft/agent/",
        "dev/weft/internal/"};
    /** The runtime's package: its classes are woven by hand, never by the agent. */
    private static final String RUNTIME_PACKAGE = "dev/weft/";

    /**
     * An {@code @Async} method or async lambda returns one of the first two, so its descriptor names
     * it; an {@code @Async void} entry point names neither, only its annotation.
     */
    private static final byte[][] ASYNC_RETURN_TYPES = {ascii("dev/weft/Coroutine;"), ascii("dev/weft/AsyncGenerator;"),
        ascii("Ldev/weft/Async;")};

    private LoadTimeCandidates() {
    }

    /** True unless the class certainly needs no weaving; {@code className} is internal ({@code a/b/C}). */
    static boolean mayNeedWeaving(String className, byte[] classFile) {
        for (String skipped : SKIPPED_PACKAGES) {
            if (className.startsWith(skipped)) {
                return false;
            }
        }
        if (isRuntimeClass(className)) {
            return false;
        }
        // A class the plugin wove still reaches the weaver, which leaves it alone, or reports it
        // when a plugin writing another frame protocol wove it.
        if (className.contains(Weaver.FRAME_MARK)) {
            return false;
        }
        for (byte[] type : ASYNC_RETURN_TYPES) {
            if (contains(classFile, type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code className} is in the runtime's own package {@code dev.weft}, which implements
     * the frame protocol by hand (its {@code Await.each} iterator throws "not woven" on purpose).
     * Only that package itself: user code in subpackages such as {@code dev.weft.examples} is woven.
     */
    private static boolean isRuntimeClass(String className) {
        return className.startsWith(RUNTIME_PACKAGE) && className.indexOf('/', RUNTIME_PACKAGE.length()) < 0;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
