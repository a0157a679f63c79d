package dev.weft.it.shapes;

import dev.weft.Async;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** {@code Await.on} inside statements that branch, loop and catch: the state machine's labels must nest in them. */
public final class ControlFlow {
    private ControlFlow() {
    }

    public enum Suit { CLUBS, DIAMONDS, HEARTS, SPADES }

    /** A {@code tableswitch} on an awaited int, with an await in a case that falls through. */
    @Async
    public static Coroutine<String> switchStatementOnInt(Mode m) {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            switch (Await.on(m.value(k))) {
                case 1:
                    out.append("one");
                    break;
                case 2:
                    out.append(Await.on(m.value("two"))); // falls through
                case 3:
                    out.append("three");
                    break;
                default:
                    out.append("other");
            }
            out.append(' ');
        }
        return Coroutine.of(out.toString());
    }

    /** A switch expression whose arms await, one of them inside a block with {@code yield}. */
    @Async
    public static Coroutine<Integer> switchExpressionOnInt(Mode m) {
        int sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += switch (k) {
                case 0 -> Await.on(m.value(100));
                case 1 -> {
                    int t = Await.on(m.value(20));
                    yield t + 1;
                }
                default -> 3;
            };
        }
        return Coroutine.of(sum);
    }

    /** A string switch compiles to a hashCode switch followed by an index switch; the await sits in between. */
    @Async
    public static Coroutine<String> switchStatementOnString(Mode m) {
        String out = "";
        for (String key : List.of("a", "b", "zz")) {
            switch (Await.on(m.value(key))) {
                case "a":
                    out += "A";
                    break;
                case "b":
                    out += Await.on(m.value("B"));
                    break;
                default:
                    out += "?";
            }
        }
        return Coroutine.of(out);
    }

    @Async
    public static Coroutine<String> switchExpressionOnString(Mode m) {
        String out = "";
        for (String key : List.of("a", "b", "zz")) {
            out += switch (key) {
                case "a" -> "A";
                case "b" -> Await.on(m.value("B"));
                default -> {
                    String s = Await.on(m.value("?"));
                    yield s + s;
                }
            };
        }
        return Coroutine.of(out);
    }

    /** An enum switch reads a synthetic {@code $SwitchMap} array; the awaited enum value feeds it. */
    @Async
    public static Coroutine<String> switchStatementOnEnum(Mode m) {
        StringBuilder out = new StringBuilder();
        for (Suit suit : Suit.values()) {
            switch (Await.on(m.value(suit))) {
                case CLUBS:
                    out.append('c');
                    break;
                case HEARTS:
                    out.append(Await.on(m.value('h')));
                    break;
                default:
                    out.append('-');
            }
        }
        return Coroutine.of(out.toString());
    }

    @Async
    public static Coroutine<String> switchExpressionOnEnum(Mode m) {
        StringBuilder out = new StringBuilder();
        for (Suit suit : Suit.values()) {
            out.append(switch (suit) {
                case CLUBS, SPADES -> "black";
                case HEARTS -> Await.on(m.value("red"));
                case DIAMONDS -> suit.name().toLowerCase() + Await.on(m.value("!"));
            }).append(' ');
        }
        return Coroutine.of(out.toString().trim());
    }

    /** {@code continue outer} and {@code break outer} jump out of an inner loop right after an await. */
    @Async
    public static Coroutine<List<String>> labelledBreakAndContinueInNestedLoops(Mode m) {
        List<String> seen = new ArrayList<>();
        outer:
        for (int i = 0; i < 5; i++) {
            int j = 0;
            while (true) {
                if (Await.on(m.value(j)) == 2) {
                    continue outer;
                }
                if (i == 2 && Await.on(m.value(j)) == 1) {
                    break outer;
                }
                seen.add(i + "," + j++);
            }
        }
        return Coroutine.of(seen);
    }

    /** Awaits in the try block, in the catch block and in the finally block. */
    @Async
    public static Coroutine<String> awaitsInTryCatchAndFinally(Mode m) {
        StringBuilder log = new StringBuilder();
        try {
            log.append(Await.on(m.value("try")));
            Await.on(m.failure(new IllegalStateException("boom")));
            log.append("unreached");
        } catch (IllegalStateException e) {
            log.append(" catch:").append(Await.on(m.value(e.getMessage())));
        } finally {
            log.append(" finally:").append(Await.on(m.value("ran")));
        }
        return Coroutine.of(log.append(" after").toString());
    }

    /** javac copies a finally block onto every exit; the copies on the return and throw paths await too. */
    @Async
    public static Coroutine<String> finallyAwaitsOnReturnAndOnThrow(Mode m, boolean fail, List<String> log) {
        try {
            if (fail) {
                Await.on(m.failure(new IllegalArgumentException("thrown")));
            }
            return Coroutine.of(Await.on(m.value("returned")));
        } finally {
            log.add("finally:" + Await.on(m.value(fail)));
        }
    }

    /** A checked exception declared by an {@code @Async} method, caught around the await that calls it. */
    @Async
    public static Coroutine<String> open(Mode m, String name) throws IOException {
        Await.on(m.value(name));
        throw new FileNotFoundException(name);
    }

    @Async
    public static Coroutine<String> checkedExceptionCaughtAroundAwait(Mode m) {
        String log;
        try {
            log = Await.on(open(m, "missing.txt"));
        } catch (FileNotFoundException e) {
            log = "not found: " + Await.on(m.value(e.getMessage()));
        } catch (IOException e) {
            log = "other i/o error";
        }
        return Coroutine.of(log);
    }

    /** Awaits in every part of a {@code for} header and in a {@code do/while} condition. */
    @Async
    public static Coroutine<String> awaitsInLoopHeadersAndConditions(Mode m) {
        StringBuilder out = new StringBuilder();
        for (int i = Await.on(m.value(0)); i < Await.on(m.value(3)); i += Await.on(m.value(1))) {
            out.append(i);
        }
        int n = 3;
        do {
            out.append('.');
        } while (Await.on(m.value(--n)) > 0);
        return Coroutine.of(out.toString());
    }

    /** An inner try/finally inside a multi-catch try; each handler and finally awaits, and the exception travels outward. */
    @Async
    public static Coroutine<String> nestedTryFinallyInsideMultiCatch(Mode m) {
        List<String> log = new ArrayList<>();
        try {
            try {
                log.add(Await.on(m.value("inner try")));
                Await.on(m.failure(new IllegalArgumentException("bad")));
            } finally {
                log.add(Await.on(m.value("inner finally")));
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            log.add("caught " + e.getMessage() + Await.on(m.value("!")));
        }
        return Coroutine.of(String.join(", ", log));
    }

    private static final Object LOCK = new Object();

    /** A synchronized block is allowed in a coroutine as long as no await happens while holding it. */
    @Async
    public static Coroutine<Integer> synchronizedBlockWithoutAwait(Mode m) {
        int x = Await.on(m.value(1));
        synchronized (LOCK) {
            x += 10;
        }
        return Coroutine.of(x + Await.on(m.value(100)));
    }
}
