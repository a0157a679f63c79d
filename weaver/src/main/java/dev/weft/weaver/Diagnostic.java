package dev.weft.weaver;

import java.util.List;

/**
 * A problem the weaver found in a class, located by class, method, source file and line.
 *
 * @param severity   whether the build must fail
 * @param className  the class, in Java form ({@code com.acme.Service})
 * @param method     the method name ({@code <init>} for a constructor), {@code name (in a lambda)} for a
 *                   problem in a lambda declared in method {@code name}, or null for a class-level problem
 * @param sourceFile the source file name from the class file, or null if it was compiled without one
 * @param line       the source line, or 0 when unknown
 * @param message    what is wrong and what to do about it
 */
public record Diagnostic(Severity severity, String className, String method, String sourceFile, int line, String message) {

    /** How bad a diagnostic is. */
    public enum Severity {
        /** The build fails. */
        ERROR,
        /** Reported; the build goes on. */
        WARNING
    }

    /** True when the build must fail. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** True when any of {@code diagnostics} is an error. */
    public static boolean anyError(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** {@code Service.java:42: error: message [com.acme.Service.fetch]}, as compilers print. */
    public String format() {
        String where = (sourceFile != null ? sourceFile : className) + (line > 0 ? ":" + line : "");
        String member = className + (method != null ? "." + method : "");
        return where + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message + " [" + member + "]";
    }

    @Override
    public String toString() {
        return format();
    }
}
