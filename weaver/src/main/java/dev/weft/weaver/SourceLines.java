package dev.weft.weaver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives a line to diagnostics whose class file has none for the method: abstract and native methods
 * have no code, so no line table. The line is found by reading the method's declaration in the
 * source file, when one of the source roots holds it.
 */
final class SourceLines {
    private SourceLines() {
    }

    /** {@code diagnostics}, those at line 0 moved to their method's declaration where it can be found. */
    static List<Diagnostic> locate(List<Diagnostic> diagnostics, List<Path> sourceRoots) {
        List<Diagnostic> located = new ArrayList<>(diagnostics.size());
        for (Diagnostic d : diagnostics) {
            int line = d.line() == 0 && d.method() != null && d.sourceFile() != null ? declarationLine(d, sourceRoots) : 0;
            located.add(line > 0 ? new Diagnostic(d.severity(), d.className(), d.method(), d.sourceFile(), line, d.message()) : d);
        }
        return located;
    }

    private static int declarationLine(Diagnostic d, List<Path> sourceRoots) {
        int dot = d.className().lastIndexOf('.');
        String packageDir = dot < 0 ? "" : d.className().substring(0, dot).replace('.', '/');
        for (Path root : sourceRoots) {
            Path source = root.resolve(packageDir).resolve(d.sourceFile());
            if (Files.isRegularFile(source)) {
                try {
                    return declarationLine(Files.readString(source, StandardCharsets.UTF_8), d.method());
                } catch (IOException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /**
     * The 1-based line of the name of the first method {@code method} annotated {@code @Async} in
     * {@code source}, or 0. Between the annotation and the name only modifiers, other annotations,
     * type parameters and the return type may stand, none of which contains {@code ; { }}.
     */
    static int declarationLine(String source, String method) {
        Matcher m = Pattern.compile("@(?:dev\\.weft\\.)?Async\\b[^;{}]*?\\b(" + Pattern.quote(method) + ")\\s*\\(").matcher(source);
        if (!m.find()) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < m.start(1); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
