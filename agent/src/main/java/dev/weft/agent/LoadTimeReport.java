package dev.weft.agent;

import dev.weft.weaver.Diagnostic;
import java.util.List;

/**
 * Tells the user on standard error what went wrong while weaving at load time: unlike the plugin,
 * the agent cannot fail a build, and a silent skip would only surface later as a puzzling error.
 */
final class LoadTimeReport {
    private static final String PREFIX = "weft-agent: ";

    private LoadTimeReport() {
    }

    /** Prints every diagnostic, then, if any is an error, that {@code className} stays unwoven. */
    static void diagnostics(String className, List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            System.err.println(PREFIX + d.format());
        }
        if (Diagnostic.anyError(diagnostics)) {
            System.err.println(PREFIX + javaName(className) + " is left unwoven: its @Async methods will throw"
                    + " IllegalStateException when run");
        }
    }

    /** Reports a failure of the agent itself; the class loads unwoven rather than not at all. */
    static void failure(String className, Throwable failure) {
        System.err.println(PREFIX + "could not weave " + javaName(className) + ", it is left unwoven (please report"
                + " this): " + failure);
        failure.printStackTrace();
    }

    private static String javaName(String internalName) {
        return internalName.replace('/', '.');
    }
}
