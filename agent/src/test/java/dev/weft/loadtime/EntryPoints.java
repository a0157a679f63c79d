package dev.weft.loadtime;

import dev.weft.Async;
import dev.weft.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An {@code @Async void} entry point that awaits only {@code CompletionStage}s: its annotation is
 * the one mention of Weft's async types in the class file, which the agent must still weave.
 */
final class EntryPoints {
    static final List<Integer> SEEN = new ArrayList<>();

    private EntryPoints() {
    }

    @Async
    static void addOffTheLoop(int a, int b) {
        SEEN.add(Await.on(CompletableFuture.supplyAsync(() -> a + b)));
    }
}
