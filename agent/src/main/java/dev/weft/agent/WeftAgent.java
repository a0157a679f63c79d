package dev.weft.agent;

import java.lang.instrument.Instrumentation;

/**
 * Weaves {@code @Async} methods while their classes load, for runs without the weft-maven-plugin
 * (tests started from an IDE, quick experiments). Classes the plugin already wove are left alone.
 *
 * <pre>{@code
 * java -javaagent:weft-agent.jar -cp target/classes:weft-runtime.jar com.acme.Main
 * }</pre>
 *
 * <p>Misuse of {@code @Async}/{@code Await} is printed to standard error with the class, method,
 * source file and line, and that class stays unwoven, so calling it fails with the runtime's
 * "not woven" {@link IllegalStateException}.
 */
public final class WeftAgent {
    private WeftAgent() {
    }

    /** Entry point for {@code -javaagent:weft-agent.jar}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    /** Entry point when attached to a running JVM: only classes loaded from then on are woven. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    private static void install(Instrumentation instrumentation) {
        instrumentation.addTransformer(new WeavingTransformer(new FrameInjector(instrumentation)));
    }
}
