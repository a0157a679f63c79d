package dev.weft.weaver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Weaves a directory of class files in place — what both goals do, kept free of Maven types so it
 * can be tested directly.
 *
 * <p>Incremental builds: an owner class that comes back from the compiler unwoven gets its old
 * frame classes deleted before the new ones are written, so a removed {@code @Async} method leaves
 * no stale frame behind; an owner that is still woven is left alone together with its frames.
 */
public final class ClassesWeaving {
    /** What a run did: classes rewritten, frames written, and every diagnostic. */
    public record Outcome(int wovenClasses, int frameClasses, List<Diagnostic> diagnostics) {
        public boolean hasErrors() {
            return Diagnostic.anyError(diagnostics);
        }
    }

    private ClassesWeaving() {
    }

    /**
     * Weaves every class file under {@code classesDir}, resolving types through {@code classpath}
     * (which should contain {@code classesDir} and the runtime). When any class has an error, no
     * file is written at all, so a failed build never leaves a half-woven directory.
     */
    public static Outcome weave(Path classesDir, List<Path> classpath) throws IOException {
        return weave(classesDir, classpath, List.of());
    }

    /**
     * Like {@link #weave(Path, List)}; a diagnostic on a method without code (abstract, native) gets
     * the line of the method's declaration when its source file is found under {@code sourceRoots}.
     */
    public static Outcome weave(Path classesDir, List<Path> classpath, List<Path> sourceRoots) throws IOException {
        Outcome outcome = weaveClasses(classesDir, classpath);
        return new Outcome(outcome.wovenClasses(), outcome.frameClasses(), SourceLines.locate(outcome.diagnostics(), sourceRoots));
    }

    private static Outcome weaveClasses(Path classesDir, List<Path> classpath) throws IOException {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Path> owners = new ArrayList<>();
        List<WeaveResult> results = new ArrayList<>();
        if (!Files.isDirectory(classesDir)) {
            return new Outcome(0, 0, diagnostics);
        }
        List<Path> all = new ArrayList<>(classpath);
        if (!all.contains(classesDir)) {
            all.add(0, classesDir);
        }
        try (ClassHierarchy hierarchy = ClassHierarchy.of(all); Stream<Path> files = Files.walk(classesDir)) {
            Weaver weaver = new Weaver(hierarchy);
            for (Path file : (Iterable<Path>) files.filter(ClassesWeaving::isOwnerClassFile).sorted()::iterator) {
                WeaveResult result = weaver.weave(Files.readAllBytes(file));
                diagnostics.addAll(result.diagnostics());
                if (result.changed()) {
                    owners.add(file);
                    results.add(result);
                }
            }
        }
        Outcome outcome = new Outcome(0, 0, diagnostics);
        if (outcome.hasErrors()) {
            return outcome;
        }
        int frames = 0;
        for (int i = 0; i < owners.size(); i++) {
            deleteFramesOf(owners.get(i));
            for (var entry : results.get(i).classes().entrySet()) {
                Path target = classesDir.resolve(entry.getKey() + ".class");
                Files.createDirectories(target.getParent());
                Files.write(target, entry.getValue());
            }
            frames += results.get(i).frames().size();
        }
        return new Outcome(owners.size(), frames, diagnostics);
    }

    private static boolean isOwnerClassFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".class") && !name.contains(Weaver.FRAME_MARK) && Files.isRegularFile(file);
    }

    private static void deleteFramesOf(Path ownerFile) throws IOException {
        String owner = ownerFile.getFileName().toString();
        String prefix = owner.substring(0, owner.length() - ".class".length()) + Weaver.FRAME_MARK;
        try (Stream<Path> siblings = Files.list(ownerFile.getParent())) {
            for (Path stale : (Iterable<Path>) siblings.filter(p -> p.getFileName().toString().startsWith(prefix))::iterator) {
                Files.delete(stale);
            }
        }
    }
}
