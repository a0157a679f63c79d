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

    /** A generic class whose instance coroutine uses its type parameter for a field, a parameter and the result. */
    public static final class Box<T> {
        private T value;

        public Box(T value) {
            this.value = value;
        }

        @Async
        public Coroutine<T> swap(Mode m, T next) {
            T old = value;
            value = Await.on(m.value(next));
            return Coroutine.of(old);
        }

        public T get() {
            return value;
        }
    }

    /** Overloads share a name: each gets its own frame class. */
    @Async
    public static Coroutine<String> describe(Mode m, int i) {
        return Coroutine.of("int " + Await.on(m.value(i)));
    }

    @Async
    public static Coroutine<String> describe(Mode m, String s) {
        return Coroutine.of("string " + Await.on(m.value(s)));
    }

    @Async
    public static Coroutine<String> describe(Mode m, long first, double second, String... rest) {
        return Coroutine.of("wide " + (first + Await.on(m.value(second))) + " " + String.join("", rest) + first + second);
    }

    @Async
    public static Coroutine<String> overloadsVarargsAndWideParameters(Mode m) {
        return Coroutine.of(Await.on(describe(m, 1)) + ", " + Await.on(describe(m, "s")) + ", "
                + Await.on(describe(m, 2L, 0.5, "x", "y")));
    }

    private static Coroutine<Integer> doubled(Integer x) {
        return Coroutine.of(x * 2);
    }

    @Async
    private static Coroutine<Integer> squared(Mode m, Integer x) {
        return Coroutine.of(Await.on(m.value(x)) * x);
    }

    /** Method references to coroutine methods, and an async lambda that declares and awaits another async lambda. */
    @Async
    public static Coroutine<List<Integer>> methodReferencesAndNestedAsyncLambdas(Mode m) {
        AsyncFunction<Integer, Integer> byReference = Declarations::doubled;
        AsyncFunction<Integer, Integer> outer = x -> {
            AsyncFunction<Integer, Integer> inner = y -> Coroutine.of(Await.on(squared(m, y)) + 1);
            return Coroutine.of(Await.on(inner.apply(x)) + Await.on(byReference.apply(x)));
        };
        return Coroutine.of(List.of(Await.on(byReference.apply(4)), Await.on(outer.apply(3))));
    }

    private int secret = 40;

    private int reveal() {
        return secret;
    }

    /** An inner class's coroutine reads and writes its outer instance's private state. */
    public final class Spy {
        @Async
        public Coroutine<Integer> steal(Mode m) {
            secret += Await.on(m.value(2));
            return Coroutine.of(reveal());
        }
    }

    @Async
    public static Coroutine<Integer> innerClassUsesOuterPrivateMembers(Mode m) {
        return new Declarations().new Spy().steal(m);
    }
}
