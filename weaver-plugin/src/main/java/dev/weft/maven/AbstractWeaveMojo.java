package dev.weft.maven;

import dev.weft.weaver.ClassesWeaving;
import dev.weft.weaver.Diagnostic;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Shared by {@code weave} and {@code weave-tests}: weave one output directory, report, fail on errors. */
abstract class AbstractWeaveMojo extends AbstractMojo {
    /** Skips weaving (the woven classes then throw when {@code Await.on} runs). */
    @Parameter(property = "weft.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** The directory to weave in place. */
    abstract File classesDirectory();

    /** The classpath its classes were compiled against. */
    abstract List<String> classpath() throws DependencyResolutionRequiredException;

    /** The source roots its classes were compiled from, to locate methods that have no line table. */
    abstract List<String> sourceRoots();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Weft weaving skipped (weft.skip)");
            return;
        }
        List<Path> classpath;
        try {
            classpath = classpath().stream().map(Path::of).collect(Collectors.toList());
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Weft cannot resolve the classpath to weave against", e);
        }
        ClassesWeaving.Outcome outcome;
        try {
            outcome = ClassesWeaving.weave(classesDirectory().toPath(), classpath,
                    sourceRoots().stream().map(Path::of).collect(Collectors.toList()));
        } catch (IOException e) {
            throw new MojoExecutionException("Weft could not weave " + classesDirectory() + ": " + e.getMessage(), e);
        }
        for (Diagnostic d : outcome.diagnostics()) {
            if (d.isError()) {
                getLog().error(d.format());
            } else {
                getLog().warn(d.format());
            }
        }
        if (outcome.hasErrors()) {
            String errors = outcome.diagnostics().stream()
                    .filter(Diagnostic::isError)
                    .map(Diagnostic::format)
                    .collect(Collectors.joining("\n  ", "\n  ", ""));
            throw new MojoFailureException("Weft found misuse of @Async/Await; nothing was woven:" + errors);
        }
        if (outcome.wovenClasses() > 0) {
            getLog().info("Weft wove " + outcome.wovenClasses() + " class(es), " + outcome.frameClasses()
                    + " coroutine frame(s), in " + classesDirectory());
        }
    }
}
