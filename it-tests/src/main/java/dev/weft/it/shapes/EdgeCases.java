package dev.weft.it.shapes;

import dev.weft.AsyncGenerator;
import dev.weft.Async;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Corners where the state machine, javac's finally copies and exception handlers meet. */
public final class EdgeCases {
    private EdgeCases() {
    }

    /** The two-slot return value is held in a local by javac while the finally block awaits. */
    @Async
    public static Coroutine<Long> longReturnedThroughFinallyThatAwaits(Mode m, List<String> log) {
        long big = 1L << 40;
        try {
            return Coroutine.of(big + Await.on(m.value(1L)));
        } finally {
            log.add("finally " + Await.on(m.value(big)));
        }
    }

    /** {@code break} and {@code continue} leave a try whose finally awaits; the loop goes on or ends afterwards. */
    @Async
    public static Coroutine<List<String>> breakAndContinueThroughFinallyThatAwaits(Mode m) {
        List<String> log = new ArrayList<>();
        for (int i = 0; ; i++) {
            try {
                if (Await.on(m.value(i)) == 2) {
                    break;
                }
                if (i == 0) {
                    continue;
                }
                log.add("body " + i);
            } finally {
                log.add("finally " + Await.on(m.value(i)));
            }
        }
        return Coroutine.of(log);
    }

    /** The failing await has operands below it; the handler starts with an empty stack and awaits again. */
    @Async
    public static Coroutine<String> exceptionWithOperandsOnTheStack(Mode m) {
        long base = 5;
        String result;
        try {
            result = "sum " + (base + 2 * Await.on(m.<Integer>failure(new ArithmeticException("overflow"))));
        } catch (ArithmeticException e) {
            result = e.getMessage() + " " + (base + Await.on(m.value(1)));
        }
        return Coroutine.of(result);
    }

    /** The caught exception stays live across awaits in a loop and in a string switch inside the handler. */
    @Async
    public static Coroutine<String> catchParameterLiveAcrossAwaits(Mode m) {
        StringBuilder out = new StringBuilder();
        try {
            Await.on(m.failure(new IllegalStateException("kept")));
        } catch (IllegalStateException e) {
            for (int i = 0; i < 2; i++) {
                out.append(Await.on(m.value(i))).append(e.getMessage());
            }
            switch (Await.on(m.value(e.getMessage()))) {
                case "kept" -> out.append(" same:").append(Await.on(m.value(e)).getMessage());
                default -> out.append(" lost");
            }
        }
        return Coroutine.of(out.toString());
    }

    /** An awaited value is itself awaitable, or is the receiver of a call. */
    @Async
    public static Coroutine<Integer> awaitOfAnAwaitAndAwaitAsReceiver(Mode m) {
        int inner = Await.on(Await.on(m.value(m.value(5))));
        return Coroutine.of(inner + Await.on(m.value("abc")).length());
    }

    /** Many locals of every kind live across several awaits, interleaved with the awaits' results. */
    @Async
    public static Coroutine<String> manyLocalsOfEveryKind(Mode m) {
        boolean z = true;
        byte b = 1;
        char c = 'c';
        short s = 2;
        int i = 3;
        float f = 4.5f;
        long l = 6L;
        double d = 7.5;
        String o = "o";
        int[] a = {8};
        long l2 = Await.on(m.value(9L)) + l;
        double d2 = Await.on(m.value(1.5)) * d;
        i += Await.on(m.value(10));
        return Coroutine.of(z + " " + b + c + s + i + f + l + d + o + a[0] + " " + l2 + " " + d2 + Await.on(m.value("!")));
    }

    /** A named class implementing a generic coroutine interface: javac adds a bridge {@code apply(Object)}. */
    public static final class Length implements Declarations.AsyncFunction<String, Integer> {
        private final Mode mode;

        public Length(Mode mode) {
            this.mode = mode;
        }

        @Override
        @Async
        public Coroutine<Integer> apply(String s) {
            return Coroutine.of(Await.on(mode.value(s)).length());
        }
    }

    @Async
    public static Coroutine<Integer> bridgeOfAGenericParameter(Mode m) {
        Declarations.AsyncFunction<String, Integer> viaInterface = new Length(m);
        return Coroutine.of(Await.on(viaInterface.apply("four")) + Await.on(new Length(m).apply("x")));
    }

    /** A lambda implementing a generator-returning interface yields and awaits. */
    @Async
    public static Coroutine<List<String>> asyncGeneratorLambda(Mode m) {
        Function<Integer, AsyncGenerator<String>> repeat = n -> {
            for (int k = 0; k < n; k++) {
                Await.yield("r" + Await.on(m.value(k)));
            }
            return AsyncGenerator.end();
        };
        List<String> out = new ArrayList<>();
        for (String s : Await.each(repeat.apply(3))) {
            out.add(s);
        }
        return Coroutine.of(out);
    }

    /** A plain {@code AutoCloseable} is closed synchronously by javac's try-with-resources code, around the awaits. */
    @Async
    public static Coroutine<String> plainTryWithResourcesAroundAwaits(Mode m, List<String> log) throws IOException {
        try (Closeable first = () -> log.add("closed first"); Closeable second = () -> log.add("closed second")) {
            log.add(Await.on(m.value("body")));
            Await.on(m.failure(new IllegalStateException("body failed")));
            return Coroutine.of("unreached");
        } catch (IllegalStateException e) {
            return Coroutine.of(e.getMessage() + " " + Await.on(m.value(log)));
        }
    }

    /** {@code break} out of a labelled block (not a loop) right after an await. */
    @Async
    public static Coroutine<String> breakOutOfALabelledBlock(Mode m) {
        String out = "start";
        block:
        {
            if (Await.on(m.value(true))) {
                out += " leaving";
                break block;
            }
            out += " unreached";
        }
        return Coroutine.of(out + " " + Await.on(m.value("after")));
    }

    /** javac reuses a local slot for variables of different types in sibling scopes, each live across an await. */
    @Async
    public static Coroutine<String> reusedLocalSlotsOfDifferentTypes(Mode m) {
        String out = "";
        {
            long wide = 1L << 33;
            Await.on(m.value(0));
            out += wide;
        }
        {
            String narrow = "s";
            int small = 3;
            Await.on(m.value(0));
            out += " " + narrow + small;
        }
        {
            double real = 0.25;
            Await.on(m.value(0));
            out += " " + real;
        }
        return Coroutine.of(out);
    }

    /** At the second await, the slot {@code x} had holds an int on one path and nothing on the other. */
    @Async
    public static Coroutine<String> localSlotSetOnOnePathOnly(Mode m, boolean assign) {
        String label;
        if (assign) {
            int x = Await.on(m.value(10));
            label = "x=" + x;
        } else {
            label = "none";
        }
        int y = Await.on(m.value(5));
        return Coroutine.of(label + " y=" + y);
    }

    /** An anonymous subclass whose constructor arguments are awaited. */
    @Async
    public static Coroutine<String> anonymousSubclassWithAwaitedConstructorArguments(Mode m) {
        List<Integer> list = new ArrayList<>(Await.on(m.value(List.of(1, 2)))) {
            @Override
            public String toString() {
                return "anonymous" + super.toString();
            }
        };
        return Coroutine.of(list.toString());
    }

    /** {@code lcmp}, {@code dcmpl} and char arithmetic on awaited operands. */
    @Async
    public static Coroutine<String> comparisonsAndCharArithmetic(Mode m) {
        long big = 1L << 40;
        String out = "";
        if (Await.on(m.value(big + 1)) > big) {
            out += "long>";
        }
        if (Await.on(m.value(0.1)) < 0.2 && !(Await.on(m.value(Double.NaN)) < 1.0)) {
            out += "double<NaN";
        }
        char c = (char) (Await.on(m.value('a')) + 2);
        return Coroutine.of(out + c);
    }

    /** An exception passes through two finally blocks that both await, and arrives as the same object. */
    @Async
    public static Coroutine<Void> nestedFinallyBlocksAwaitWhileAnExceptionIsPending(Mode m, RuntimeException error, List<String> log) {
        try {
            try {
                Await.on(m.failure(error));
            } finally {
                log.add("inner " + Await.on(m.value(1)));
            }
        } finally {
            log.add("outer " + Await.on(m.value(2)));
        }
        return Coroutine.done();
    }

    /** Every level catches, awaits, and rethrows the same exception, 1,000 frames deep (past the inline depth limit). */
    @Async
    public static Coroutine<Integer> rethrowAtEveryLevel(Mode m, int depth, RuntimeException error, int[] handled) {
        try {
            if (depth == 0) {
                Await.on(m.value(null));
                throw error;
            }
            return Coroutine.of(Await.on(rethrowAtEveryLevel(m, depth - 1, error, handled)));
        } catch (RuntimeException e) {
            handled[0] += Await.on(m.value(1));
            throw e;
        }
    }

    /** Awaits in an {@code assert} (run: surefire enables assertions), in a {@code throw}, and as a monitor's lock. */
    @Async
    public static Coroutine<String> awaitInAssertThrowAndMonitorExpressions(Mode m) {
        assert Await.on(m.value(true)) : Await.on(m.value("message"));
        int guarded;
        synchronized (Await.on(m.value(new Object()))) {
            guarded = 1;
        }
        try {
            throw Await.on(m.value(new IllegalStateException("thrown " + guarded)));
        } catch (IllegalStateException e) {
            return Coroutine.of(e.getMessage());
        }
    }
}
