package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Subprocess;
import java.io.IOException;
import java.util.List;

/**
 * A shell-like pipeline, {@code printf ... | sort | uniq -c}, with the loop moving the bytes from
 * one child to the next ({@code asyncio.create_subprocess_exec}); the loop thread never blocks
 * on a pipe.
 */
public final class Pipeline {
    static final String WORDS = "pear\napple\npear\nfig\napple\npear\n";

    private Pipeline() {
    }

    /** The pipeline's output and the exit codes of its two children. */
    public record Report(String output, int sortExit, int uniqExit) {
    }

    @Async
    public static Coroutine<Report> main() throws IOException {
        Subprocess sort = Await.on(Asyncio.createSubprocessExec(List.of("sort")));
        Subprocess uniq = Await.on(Asyncio.createSubprocessExec(List.of("uniq", "-c")));
        sort.stdin().write(WORDS.getBytes(UTF_8));
        sort.stdin().close();
        byte[] chunk;
        while ((chunk = Await.on(sort.stdout().read(4096))).length > 0) {
            uniq.stdin().write(chunk);
            Await.on(uniq.stdin().drain());
        }
        Subprocess.Output counted = Await.on(uniq.communicate(null));
        String output = new String(counted.stdout(), UTF_8);
        System.out.print(output.indent(2));
        return Coroutine.of(new Report(output, Await.on(sort.waitFor()), counted.exitCode()));
    }
}
