package dev.weft.maven;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code weave} goal as Maven runs it, on a project model pointing at a compiled miniature project. */
class WeaveMojoTest {
    @TempDir
    Path root;

    @Test
    void misuseFailsTheBuildWithClassMethodFileAndLineOfEveryError() throws Exception {
        SourceTree tree = new SourceTree(root).write("demo/Bad.java", """
                package demo;
                import dev.weft.*;
                abstract class Bad {
                    @Async
                    abstract Coroutine<Integer> h();

                    static int plain() {
                        return Await.on(Coroutine.of(1));
                    }
                }
                """).compile();

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojoFor(tree).execute());

        assertTrue(e.getMessage().contains("Bad.java:5: error: @Async cannot mark an abstract method"), e::getMessage);
        assertTrue(e.getMessage().contains("[demo.Bad.h]"), e::getMessage);
        assertTrue(e.getMessage().contains("Bad.java:8: error: Await.on used outside an @Async method"), e::getMessage);
        assertTrue(e.getMessage().contains("[demo.Bad.plain]"), e::getMessage);
    }

    @Test
    void weavesTheOutputDirectoryInPlace() throws Exception {
        SourceTree tree = new SourceTree(root).write("demo/Good.java", """
                package demo;
                import dev.weft.*;
                class Good {
                    @Async static Coroutine<Integer> one() { return Coroutine.of(Await.on(Coroutine.of(1))); }
                }
                """).compile();

        mojoFor(tree).execute();

        assertTrue(Files.isRegularFile(tree.classes.resolve("demo/Good$$Weft$one$0.class")));
    }

    /** A project whose output directory, compile classpath and source root are the tree's. */
    private static WeaveMojo mojoFor(SourceTree tree) {
        List<String> classpath = SourceTree.classpath().stream().map(Path::toString).collect(Collectors.toList());
        MavenProject project = new MavenProject() {
            @Override
            public List<String> getCompileClasspathElements() {
                return classpath;
            }
        };
        project.getBuild().setOutputDirectory(tree.classes.toString());
        project.addCompileSourceRoot(tree.sources.toString());
        WeaveMojo mojo = new WeaveMojo();
        mojo.project = project;
        return mojo;
    }
}
