package dev.weft.weaver;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The weaver's command line, for builds other than Maven (Gradle, Bazel, a shell script): weaves
 * class folders in place, as the {@code weave} goal does.
 *
 * <pre>
 * java -jar weft-weaver-VERSION-cli.jar build/classes/java/main --classpath "$RUNTIME_CLASSPATH"
 * </pre>
 *
 * <p>Diagnostics go to standard error in the plugin's format ({@code File.java:42: error: ...});
 * the exit status is 0 when every folder was woven, 1 when any has an error (its classes are then
 * left as compiled) and 2 for a malformed command line.
 */
public final class WeaverCommand {
    static final String USAGE = "usage: java -jar weft-weaver-cli.jar CLASSES_DIR... [--classpath CP] [--sources DIR"
            + File.pathSeparator + "...]\n"
            + "  Weaves the @Async methods of every class under each CLASSES_DIR in place.\n"
            + "  --classpath  what the classes were compiled against (the Weft runtime included)\n"
            + "  --sources    source roots, to locate errors on methods without a line table";

    private WeaverCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status instead of exiting, so tests can call it. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> folders = new ArrayList<>();
        List<Path> classpath = new ArrayList<>();
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (arg.equals("--classpath") || arg.equals("-cp") || arg.equals("--sources")) {
                if (i + 1 == args.length) {
                    err.println("weft-weaver: " + arg + " needs a value\n" + USAGE);
                    return 2;
                }
                (arg.equals("--sources") ? sources : classpath).addAll(paths(args[++i]));
            } else if (arg.startsWith("-")) {
                err.println("weft-weaver: unknown option " + arg + "\n" + USAGE);
                return 2;
            } else {
                folders.add(Path.of(arg));
            }
        }
        if (folders.isEmpty()) {
            err.println("weft-weaver: no CLASSES_DIR given\n" + USAGE);
            return 2;
        }
        int status = 0;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                err.println("weft-weaver: " + folder + " is not a directory");
                status = 1;
                continue;
            }
            try {
                ClassesWeaving.Outcome outcome = ClassesWeaving.weave(folder, classpath, sources);
                outcome.diagnostics().forEach(d -> err.println(d.format()));
                if (outcome.hasErrors()) {
                    err.println("weft-weaver: misuse of @Async/Await in " + folder + "; nothing there was woven");
                    status = 1;
                } else {
                    out.println("weft-weaver: wove " + outcome.wovenClasses() + " class(es), " + outcome.frameClasses()
                            + " coroutine frame(s), in " + folder);
                }
            } catch (IOException e) {
                err.println("weft-weaver: could not weave " + folder + ": " + e);
                status = 1;
            }
        }
        return status;
    }

    private static List<Path> paths(String pathList) {
        List<Path> paths = new ArrayList<>();
        for (String p : pathList.split(File.pathSeparator)) {
            if (!p.isEmpty()) {
                paths.add(Path.of(p));
            }
        }
        return paths;
    }
}
