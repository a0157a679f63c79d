package dev.weft.maven;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import dev.weft.weaver.SourceTree;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The goals as Maven runs them, on a project model pointing at a compiled miniature project. */
class WeaveMojoTest {
    @TempDir
    Path root;

    /** Each goal, given a project whose (main or test) output directory, classpath and source root are the tree's. */
    enum Goal {
        WEAVE {
            @Override
            AbstractWeaveMojo mojoFor(SourceTree tree) {
                MavenProject project = new MavenProject() {
                    @Override
                    public List<String> getCompileClasspathElements() {
                        return classpath();
                    }
                };
                project.getBuild().setOutputDirectory(tree.classes.toString());
                project.addCompileSourceRoot(tree.sources.toString());
                return withProject(new WeaveMojo(), project);
            }
        },
        WEAVE_TESTS {
            @Override
            AbstractWeaveMojo mojoFor(SourceTree tree) {
                MavenProject project = new MavenProject() {
                    @Override
                    public List<String> getTestClasspathElements() {
                        return classpath();
                    }
                };
                project.getBuild().setTestOutputDirectory(tree.classes.toString());
                project.addTestCompileSourceRoot(tree.sources.toString());
                return withProject(new WeaveTestsMojo(), project);
            }
        };

        abstract AbstractWeaveMojo mojoFor(SourceTree tree);

        static List<String> classpath() {
            return SourceTree.classpath().stream().map(Path::toString).collect(Collectors.toList());
        }

        static AbstractWeaveMojo withProject(AbstractWeaveMojo mojo, MavenProject project) {
            mojo.project = project;
            return mojo;
        }
    }

    @ParameterizedTest
    @EnumSource(Goal.class)
    void misuseFailsTheBuildWithClassMethodFileAndLineOfEveryError(Goal goal) throws Exception {
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

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> goal.mojoFor(tree).execute());

        assertTrue(e.getMessage().contains("Bad.java:5: error: @Async cannot mark an abstract method"), e::getMessage);
        assertTrue(e.getMessage().contains("[demo.Bad.h]"), e::getMessage);
        assertTrue(e.getMessage().contains("Bad.java:8: error: Await.on used outside an @Async method"), e::getMessage);
        assertTrue(e.getMessage().contains("[demo.Bad.plain]"), e::getMessage);
    }

    @ParameterizedTest
    @EnumSource(Goal.class)
    void weavesItsOutputDirectoryInPlace(Goal goal) throws Exception {
        SourceTree tree = new SourceTree(root).write("demo/Good.java", """
                package demo;
                import dev.weft.*;
                class Good {
                    @Async static Coroutine<Integer> one() { return Coroutine.of(Await.on(Coroutine.of(1))); }
                }
                """).compile();

        goal.mojoFor(tree).execute();

        assertTrue(Files.isRegularFile(tree.classes.resolve("demo/Good$$Weft$one$0.class")));
    }
}
