package dev.weft.it.shapes;

import dev.weft.Async;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Where coroutines may be declared: static, private and generic methods, nested, inner, local and anonymous classes, lambdas. */
public final class Declarations {
    private Declarations() {
    }

    /** A functional interface returning a coroutine: a lambda implementing it may await. */
    public interface AsyncFunction<A, R> {
        Coroutine<R> apply(A argument);
    }

    @Async
    private static <T extends Comparable<T>> Coroutine<T> larger(Mode m, T a, T b) {
        T x = Await.on(m.value(a));
        T y = Await.on(m.value(b));
        return Coroutine.of(x.compareTo(y) >= 0 ? x : y);
    }

    @Async
    public static Coroutine<String> staticPrivateAndGenericMethods(Mode m) {
        return Coroutine.of(Await.on(larger(m, 3, 7)) + " " + Await.on(Declarations.<String>larger(m, "pear", "apple")));
    }

    /** A static nested class and an inner class, whose coroutine reads the outer instance's field. */
    public static final class Outer {
        private final String label;

        public Outer(String label) {
            this.label = label;
        }

        public static final class Nested {
            @Async
            public static Coroutine<String> run(Mode m) {
                return Coroutine.of("nested:" + Await.on(m.value(1)));
            }
        }

        public final class Inner {
            @Async
            public Coroutine<String> run(Mode m) {
                return Coroutine.of("inner of " + label + ":" + Await.on(m.value(2)));
            }
        }
    }

    @Async
    public static Coroutine<String> nestedAndInnerClasses(Mode m) {
        return Coroutine.of(Await.on(Outer.Nested.run(m)) + " " + Await.on(new Outer("o").new Inner().run(m)));
    }

    /** An anonymous class and a local class, both capturing a local of the enclosing coroutine. */
    @Async
    public static Coroutine<String> anonymousAndLocalClasses(Mode m) {
        String captured = Await.on(m.value("c"));
        Supplier<Coroutine<String>> anonymous = new Supplier<>() {
            @Override
            @Async
            public Coroutine<String> get() {
                return Coroutine.of("anonymous:" + captured + Await.on(m.value(1)));
            }
        };
        class Local {
            @Async
            Coroutine<String> get() {
                return Coroutine.of("local:" + captured + Await.on(m.value(2)));
            }
        }
        return Coroutine.of(Await.on(anonymous.get()) + " " + Await.on(new Local().get()));
    }

    /** Lambdas returning coroutines are woven when they await: capturing locals, {@code this}-free, nested. */
    @Async
    public static Coroutine<List<Integer>> asyncLambdas(Mode m) {
        int offset = Await.on(m.value(100));
        AsyncFunction<Integer, Integer> addOffset = x -> Coroutine.of(Await.on(m.value(x)) + offset);
        AsyncFunction<Integer, Integer> twiceThenAdd = x -> {
            int doubled = Await.on(m.value(x * 2));
            return addOffset.apply(doubled);
        };
        Function<Integer, Coroutine<Integer>> viaJavaUtil = x -> Coroutine.of(-Await.on(m.value(x)));
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            out.add(Await.on(addOffset.apply(i)));
            out.add(Await.on(twiceThenAdd.apply(i)));
            out.add(Await.on(viaJavaUtil.apply(i)));
        }
        return Coroutine.of(out);
    }

    /** Each recursive call is a fresh frame; both awaits of one frame are live at once on the suspended path. */
    @Async
    public static Coroutine<Integer> fibonacci(Mode m, int n) {
        if (n < 2) {
            return m.value(n);
        }
        return Coroutine.of(Await.on(fibonacci(m, n - 1)) + Await.on(fibonacci(m, n - 2)));
    }
}
