package dev.weft.it.shapes;

import dev.weft.Async;
import dev.weft.Await;
import dev.weft.Coroutine;

/** Coroutines declared in an interface: a default method (calling the abstract one and a private one) and a static one. */
public interface Named {
    String name();

    @Async
    default Coroutine<String> greet(Mode m) {
        return Coroutine.of("hello " + name() + Await.on(punctuation(m)));
    }

    @Async
    private Coroutine<String> punctuation(Mode m) {
        return m.value("!");
    }

    @Async
    static Coroutine<String> greetAll(Mode m, Named... all) {
        StringBuilder out = new StringBuilder();
        for (Named n : all) {
            out.append(Await.on(n.greet(m))).append("; ");
        }
        return Coroutine.of(out.toString());
    }
}
