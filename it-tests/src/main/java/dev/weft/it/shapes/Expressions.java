package dev.weft.it.shapes;

import dev.weft.Async;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code Await.on} in the middle of expressions: the operand stack around it must survive a suspension. */
public final class Expressions {
    private Expressions() {
    }

    static String join(String a, String b, String c, int d) {
        return a + "-" + b + "-" + c + "-" + d;
    }

    /** Arguments evaluated before the await stay on the stack while the coroutine is suspended. */
    @Async
    public static Coroutine<String> awaitAsLaterCallArgument(Mode m) {
        List<String> order = new ArrayList<>();
        String joined = join(log(order, "a"), Await.on(m.value(log(order, "b"))), log(order, "c"), Await.on(m.value(4)));
        return Coroutine.of(joined + " " + order);
    }

    private static String log(List<String> order, String s) {
        order.add(s);
        return s;
    }

    /** A three-argument constructor, to put awaits between other constructor arguments. */
    public record Triple(Object first, Object second, Object third) {
    }

    /** {@code new} is emitted before its arguments; the weaver must not spill an uninitialized object. */
    @Async
    public static Coroutine<Triple> awaitInsideConstructorArguments(Mode m) {
        String first = "first";
        return Coroutine.of(new Triple(first, Await.on(m.value(2)), new Triple(3L, Await.on(m.value(4.0)), 'c')));
    }

    /** Concatenation is an {@code invokedynamic} with every operand on the stack, of mixed types. */
    @Async
    public static Coroutine<String> awaitInStringConcatenation(Mode m) {
        int i = 1;
        long l = 2L;
        char c = 'c';
        return Coroutine.of("i=" + i + " l=" + l + " await=" + Await.on(m.value(3.5)) + " c=" + c
                + " again=" + Await.on(m.value(true)) + " null=" + Await.on(m.value(null)));
    }

    /** Awaits in the condition and in both arms; only the chosen arm's await runs. */
    @Async
    public static Coroutine<String> awaitInTernaries(Mode m) {
        List<String> ran = new ArrayList<>();
        boolean yes = Await.on(m.value(true));
        String a = yes ? Await.on(m.value(log(ran, "then"))) : Await.on(m.value(log(ran, "else")));
        String b = Await.on(m.value(!yes)) ? "unreached" : "x" + (yes ? Await.on(m.value(1)) : 0);
        return Coroutine.of(a + " " + b + " " + ran);
    }

    /** Two-slot values as locals and as operands below the await, with float and int operands between. */
    @Async
    public static Coroutine<Double> longAndDoubleLiveAcrossAwait(Mode m) {
        long big = 10_000_000_000L;
        double half = 0.5;
        float f = 1.5f;
        long r = big * Await.on(m.value(3)) + (long) (half * Await.on(m.value(4.0))) + Await.on(m.value(2L));
        double d = half + r - f * Await.on(m.value(2.0f)) + big;
        return Coroutine.of(d + half);
    }

    /** The array and index (and for compound forms, the old element) wait on the stack across the await. */
    @Async
    public static Coroutine<String> arrayStoresAndCompoundAssignments(Mode m) {
        int[] ints = {1, 2, 3};
        ints[0] += Await.on(m.value(10));
        ints[Await.on(m.value(1))] = ints[1] * 10 + Await.on(m.value(2));
        long[] longs = new long[Await.on(m.value(2))];
        longs[1] -= Await.on(m.value(5L));
        double[] doubles = {1.0};
        doubles[0] *= Await.on(m.value(2.5));
        String s = "s";
        s += Await.on(m.value("!"));
        int counter = 7;
        counter <<= Await.on(m.value(2));
        return Coroutine.of(Arrays.toString(ints) + Arrays.toString(longs) + Arrays.toString(doubles) + s + counter);
    }

    /** Array initializers and varargs keep the new array (and its duplicate and index) on the stack. */
    @Async
    public static Coroutine<String> awaitInArrayInitializersAndVarargs(Mode m) {
        int[] ints = {1, Await.on(m.value(2)), 3};
        String formatted = String.format("%s-%d-%s", "a", Await.on(m.value(7)), Await.on(m.value("z")));
        List<Object> list = List.of(ints.length, Await.on(m.value("y")), 'c');
        return Coroutine.of(Arrays.toString(ints) + " " + formatted + " " + list);
    }

    /** {@code &&} and {@code ||} skip the await on their right when the left side decides. */
    @Async
    public static Coroutine<List<String>> awaitInShortCircuitConditions(Mode m) {
        List<String> ran = new ArrayList<>();
        boolean t = true;
        boolean f = false;
        if (f && Await.on(m.value(log(ran, "skipped-and") != null))) {
            ran.add("unreached");
        }
        if (t || Await.on(m.value(log(ran, "skipped-or") != null))) {
            ran.add("or");
        }
        if (t && Await.on(m.value(log(ran, "evaluated-and") != null)) && !(f || !Await.on(m.value(true)))) {
            ran.add("and");
        }
        return Coroutine.of(ran);
    }

    /** A mutable holder, to assign to fields of an object that waits on the stack across the await. */
    public static final class Holder {
        public int count;
        public long total;
    }

    public static int staticCounter;

    /** Field compound assignments: static ({@code getstatic} after the await) and instance (object reference below it). */
    @Async
    public static Coroutine<String> fieldCompoundAssignments(Mode m) {
        staticCounter = 1;
        staticCounter += Await.on(m.value(2));
        Holder h = Await.on(m.value(new Holder()));
        h.count++;
        h.count *= Await.on(m.value(5));
        h.total -= Await.on(m.value(9L)) * h.count;
        return Coroutine.of(staticCounter + " " + h.count + " " + h.total);
    }

    /** Awaited boxes are cast, unboxed and widened as the target type requires; a null unboxes to NullPointerException. */
    @Async
    public static Coroutine<String> castsUnboxingAndWidening(Mode m) {
        long widened = Await.on(m.value(3));
        double mixed = widened + Await.on(m.value(0.5f));
        Object o = Await.on(m.value("text"));
        String cast = (String) o;
        int length = o instanceof String s && Await.on(m.value(s.isEmpty())) == false ? s.length() : -1;
        String npe;
        try {
            int unboxed = Await.on(m.<Integer>value(null));
            npe = "no exception: " + unboxed;
        } catch (NullPointerException e) {
            npe = "NullPointerException";
        }
        return Coroutine.of(widened + " " + mixed + " " + cast + " " + length + " " + npe);
    }
}
