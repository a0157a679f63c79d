package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Top-level await: {@code main} itself is {@code @Async void}, so it awaits directly, with no
 * {@code Asyncio.run}; it runs on a loop of its own, which is closed when it returns. Each word
 * is a task that sleeps 50 ms per letter, so the words print shortest first and the whole run
 * takes as long as the longest word, not the sum.
 * <pre>
 * mvn -B -q package -DskipTests exec:java -Dexec.mainClass=dev.weft.examples.TopLevel -Dexec.args="kiwi fig banana"
 * </pre>
 */
public final class TopLevel {
    static final double SECONDS_PER_LETTER = 0.05;

    private TopLevel() {
    }

    @Async
    static Coroutine<String> spell(String word) {
        Await.on(Asyncio.sleep(word.length() * SECONDS_PER_LETTER));
        System.out.println("  " + word);
        return Coroutine.of(word);
    }

    @Async
    public static void main(String[] args) {
        List<String> words = args.length > 0 ? List.of(args) : List.of("banana", "fig", "kiwi");
        double start = Asyncio.getRunningLoop().time();
        List<Task<String>> tasks = new ArrayList<>();
        for (String word : words) {
            tasks.add(Asyncio.createTask(spell(word)));
        }
        for (Task<String> task : tasks) {
            Await.on(task);
        }
        System.out.printf(Locale.ROOT, "  %d words in %.2f s%n", words.size(), Asyncio.getRunningLoop().time() - start);
    }
}
