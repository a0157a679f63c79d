package dev.weft.weaver;

import static dev.weft.weaver.Shapes.assertShape;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per source shape an {@code Await.on} may stand in; each runs with ready and with
 * suspending awaitables (see {@link Shapes}).
 */
class AwaitShapesTest {

    @Test
    void awaitAsStatement() throws Throwable {
        assertShape(1, "", "Await.on(v(0)); return Coroutine.of(1);");
    }

    @Test
    void parametersAssignedAroundAwaitsKeepTheirNewValues() throws Throwable {
        assertShape("12/3/x!/4.5", """
                    @Async static Coroutine<String> f(int n, long m, String s, double d) {
                        Await.on(v(0));
                        n += Await.on(v(2));
                        m++;
                        s = s + Await.on(v("!"));
                        d = d * 3;
                        Await.on(v(0));
                        return Coroutine.of(n + "/" + m + "/" + s + "/" + d);
                    }
                """, "return Coroutine.of(Await.on(f(10, 2L, \"x\", 1.5)));");
    }

    @Test
    void parametersNeverAssignedSurviveAwaits() throws Throwable {
        assertShape("7/9/y/true/2.5", """
                    @Async static Coroutine<String> f(int n, long m, String s, boolean b, double d) {
                        int local = Await.on(v(n));
                        Await.on(v(0));
                        return Coroutine.of(local + "/" + (m + Await.on(v(2L))) + "/" + s + "/" + b + "/" + d);
                    }
                """, "return Coroutine.of(Await.on(f(7, 7L, \"y\", true, 2.5)));");
    }

    @Test
    void wideParameterPartlyOverwrittenIsSpilled() throws Throwable {
        // javac never reuses a parameter's slots; woven code would see the same if it did.
        assertShape(15L, """
                    @Async static Coroutine<Long> f(long m, int n) {
                        m = m + n;
                        Await.on(v(0));
                        return Coroutine.of(m + Await.on(v(n)));
                    }
                """, "return Coroutine.of(Await.on(f(5L, 5)));");
    }

    @Test
    void awaitAsLaterCallArgumentAfterEvaluatedArguments() throws Throwable {
        assertShape("a-b-c", "static String join(String a, String b, String c) { return a + '-' + b + '-' + c; }",
                "String a = \"a\"; return Coroutine.of(join(a, Await.on(v(\"b\")), \"c\"));");
    }

    @Test
    void awaitInsideConstructorArguments() throws Throwable {
        assertShape("[x, 2]", "record P(String s, int i) { public String toString() { return \"[\" + s + \", \" + i + \"]\"; } }",
                "return Coroutine.of(new P(\"x\", Await.on(v(2))).toString());");
    }

    @Test
    void nestedConstructorsWithAwaitsInBoth() throws Throwable {
        assertShape("outer(inner(1),2)", """
                    static final class Inner { final int v; Inner(int v) { this.v = v; } public String toString() { return "inner(" + v + ")"; } }
                    static final class Outer { final Inner i; final int w; Outer(Inner i, int w) { this.i = i; this.w = w; } public String toString() { return "outer(" + i + "," + w + ")"; } }
                """, "return Coroutine.of(new Outer(new Inner(Await.on(v(1))), Await.on(v(2))).toString());");
    }

    @Test
    void awaitInStringConcatenation() throws Throwable {
        assertShape("x=1 y=2.5 z=true", "",
                "int x = 1; return Coroutine.of(\"x=\" + x + \" y=\" + Await.on(v(2.5)) + \" z=\" + Await.on(v(true)));");
    }

    @Test
    void awaitInBothArmsOfTernary() throws Throwable {
        assertShape("yes/no", "",
                "boolean b = Await.on(v(true)); String s = (b ? Await.on(v(\"yes\")) : Await.on(v(\"n/a\"))) + \"/\""
                        + " + (!b ? \"x\" : Await.on(v(\"no\"))); return Coroutine.of(s);");
    }

    @Test
    void awaitInTernaryCondition() throws Throwable {
        assertShape(10, "", "return Coroutine.of(Await.on(v(false)) ? 5 : 10);");
    }

    @Test
    void switchStatementOnInt() throws Throwable {
        assertShape("two!", "", """
                String out = "";
                switch (Await.on(v(2))) {
                    case 1: out = "one"; break;
                    case 2: out = Await.on(v("two")); // fall through
                    case 3: out += "!"; break;
                    default: out = "other";
                }
                return Coroutine.of(out);""");
    }

    @Test
    void switchExpressionOnString() throws Throwable {
        assertShape(22, "", """
                String key = Await.on(v("b"));
                int r = switch (key) {
                    case "a" -> 1;
                    case "b" -> { int t = Await.on(v(20)); yield t + 2; }
                    default -> Await.on(v(-1));
                };
                return Coroutine.of(r);""");
    }

    @Test
    void switchOnEnumWithAwaitInArms() throws Throwable {
        assertShape("SLOW:7", "enum Speed { FAST, SLOW }", """
                Speed s = Await.on(v(Speed.SLOW));
                String r = switch (s) {
                    case FAST -> "FAST";
                    case SLOW -> s + ":" + Await.on(v(7));
                };
                return Coroutine.of(r);""");
    }

    @Test
    void labelledBreakAndContinueInNestedLoops() throws Throwable {
        assertShape(List.of("0,0", "0,1", "1,0", "1,1", "2,0"), "", """
                List<String> seen = new ArrayList<>();
                outer:
                for (int i = 0; i < 5; i++) {
                    for (int j = 0; j < 5; j++) {
                        if (Await.on(v(j)) == 2) continue outer;
                        if (i == 2 && Await.on(v(j)) == 1) break outer;
                        seen.add(i + "," + j);
                    }
                }
                return Coroutine.of(seen);""");
    }

    @Test
    void whileAndDoWhileLoopsAccumulate() throws Throwable {
        assertShape(45 + 10, "", """
                int i = 0, sum = 0;
                while (i < 10) sum += Await.on(v(i++));
                do { sum += Await.on(v(1)); } while (Await.on(v(--i)) > 0);
                return Coroutine.of(sum);""");
    }

    @Test
    void awaitInTryCatchAndFinally() throws Throwable {
        assertShape("try,catch:boom,finally,after", "", """
                StringBuilder log = new StringBuilder();
                try {
                    log.append(Await.on(v("try")));
                    Await.on(fail(new IllegalStateException("boom")));
                    log.append("unreached");
                } catch (IllegalStateException e) {
                    log.append(",").append(Await.on(v("catch:"))).append(e.getMessage());
                } finally {
                    log.append(",").append(Await.on(v("finally")));
                }
                log.append(",after");
                return Coroutine.of(log.toString());""");
    }

    @Test
    void finallyWithAwaitRunsWhenTryReturns() throws Throwable {
        assertShape("x r;f", """
                    static StringBuilder log = new StringBuilder();
                    @Async static Coroutine<String> inner() {
                        try {
                            log.append(Await.on(v("r")));
                            return Coroutine.of("x");
                        } finally {
                            log.append(";").append(Await.on(v("f")));
                        }
                    }""", "log.setLength(0); String r = Await.on(inner()); return Coroutine.of(r + \" \" + log);");
    }

    @Test
    void checkedExceptionsDeclaredOnAsyncMethodsAreCaughtAroundAwait() throws Throwable {
        assertShape("inner:1/outer:1", """
                    @Async static Coroutine<String> io(String m) throws java.io.IOException {
                        return Await.on(fail(new java.io.IOException(m)));
                    }""", """
                String log = "";
                try {
                    try {
                        Await.on(io("1"));
                    } catch (java.io.IOException e) {
                        log += "inner:" + Await.on(v(e.getMessage()));
                        throw new RuntimeException(e.getMessage());
                    }
                } catch (RuntimeException e) {
                    log += "/outer:" + Await.on(v(e.getMessage()));
                }
                return Coroutine.of(log);""");
    }

    @Test
    void longAndDoubleLocalsAndOperandsLiveAcrossAwait() throws Throwable {
        assertShape(10_000_000_000L * 3 + 7, "", """
                long big = 10_000_000_000L;
                double half = 0.5;
                float f = 1.5f;
                long r = big * Await.on(v(3)) + (long) (half * Await.on(v(4.0))) + (long) (f * Await.on(v(2.0f))) + Await.on(v(2L));
                return Coroutine.of(r);""");
    }

    @Test
    void primitiveKindsSurviveSuspension() throws Throwable {
        assertShape("true a 3 4 5 6.5 7.5 8", "", """
                boolean z = true; char c = 'a'; byte b = 3; short s = 4; int i = 5; float f = 6.5f; double d = 7.5; long l = 8;
                Await.on(v(0));
                return Coroutine.of(z + " " + c + " " + b + " " + s + " " + i + " " + f + " " + d + " " + l);""");
    }

    @Test
    void arrayStoresAndCompoundAssignments() throws Throwable {
        assertShape("[11, 22, 3]", "", """
                int[] a = {1, 2, 3};
                a[0] += Await.on(v(10));
                a[Await.on(v(1))] = a[1] * 10 + Await.on(v(2));
                long[] big = new long[Await.on(v(2))];
                big[1] += Await.on(v(5L));
                return Coroutine.of(Arrays.toString(a));""");
    }

    @Test
    void nullValuesLiveAcrossAwait() throws Throwable {
        assertShape("null-null", "", """
                String s = null;
                Object o = Await.on(v(null));
                return Coroutine.of(s + "-" + o);""");
    }

    @Test
    void genericAndPrivateStaticMethods() throws Throwable {
        assertShape(List.of("a", "a"), """
                    @Async private static <T> Coroutine<List<T>> twice(T t) {
                        T first = Await.on(v(t));
                        return Coroutine.of(List.of(first, Await.on(v(t))));
                    }""", "return Coroutine.of(Await.on(twice(\"a\")));");
    }

    @Test
    void instanceMethodsUseThis() throws Throwable {
        assertShape(15, """
                    private int base = 5;
                    @Async Coroutine<Integer> add(int x) {
                        base += Await.on(v(x));
                        return Coroutine.of(this.base);
                    }""", "Shape s = new Shape(); Await.on(s.add(3)); return Coroutine.of(Await.on(s.add(7)));");
    }

    @Test
    void recursion() throws Throwable {
        assertShape(55, """
                    @Async static Coroutine<Integer> fib(int n) {
                        if (n < 2) return Coroutine.of(Await.on(v(n)));
                        return Coroutine.of(Await.on(fib(n - 1)) + Await.on(fib(n - 2)));
                    }""", "return Coroutine.of(Await.on(fib(10)));");
    }

    @Test
    void tailReturnOfAnotherCoroutine() throws Throwable {
        assertShape(3, """
                    @Async static Coroutine<Integer> plusOne(int n) { return Coroutine.of(Await.on(v(n)) + 1); }
                    @Async static Coroutine<Integer> delegate(int n) {
                        Await.on(v(0));
                        return n > 10 ? Coroutine.of(n) : plusOne(n);
                    }""", "return Coroutine.of(Await.on(delegate(2)));");
    }

    @Test
    void doneReturnsNull() throws Throwable {
        assertShape("null", """
                    @Async static Coroutine<Void> nothing() { Await.on(v(1)); return Coroutine.done(); }""",
                "return Coroutine.of(String.valueOf(Await.on(nothing())));");
    }

    @Test
    void awaitCompletionStage() throws Throwable {
        assertShape("stage!", "", "return Coroutine.of(Await.on(stage(\"stage\")) + Await.on(stage(\"!\")));");
    }

    @Test
    void awaitInsideLambdaThatIsAsync() throws Throwable {
        assertShape(42, """
                    interface AsyncFn { Coroutine<Integer> apply(int x); }""", """
                int captured = 40;
                AsyncFn f = x -> Coroutine.of(Await.on(v(x)) + captured);
                return Coroutine.of(Await.on(f.apply(2)));""");
    }

    @Test
    void anonymousAndLocalClassesWithAsyncMethods() throws Throwable {
        assertShape("anon:1 local:2", """
                    interface Src { Coroutine<String> get(); }""", """
                Src anon = new Src() {
                    @Async public Coroutine<String> get() { return Coroutine.of("anon:" + Await.on(v(1))); }
                };
                class Local implements Src {
                    @Async public Coroutine<String> get() { return Coroutine.of("local:" + Await.on(v(2))); }
                }
                return Coroutine.of(Await.on(anon.get()) + " " + Await.on(new Local().get()));""");
    }

    @Test
    void interfaceDefaultAndStaticMethods() throws Throwable {
        assertShape("default:3 static:4", """
                    interface Api {
                        int base();
                        @Async default Coroutine<String> viaDefault() { return Coroutine.of("default:" + (base() + Await.on(v(1)))); }
                        @Async static Coroutine<String> viaStatic() { return Coroutine.of("static:" + Await.on(v(4))); }
                    }""", "Api api = () -> 2; return Coroutine.of(Await.on(api.viaDefault()) + \" \" + Await.on(Api.viaStatic()));");
    }

    /** Implementing {@code Supplier<Coroutine<T>>} makes javac add a bridge {@code Object get()} carrying a copy of {@code @Async}. */
    @Test
    void asyncMethodImplementingAGenericInterfaceMethodHasABridge() throws Throwable {
        assertShape("got 1", "", """
                java.util.function.Supplier<Coroutine<String>> s = new java.util.function.Supplier<>() {
                    @Async public Coroutine<String> get() { return Coroutine.of("got " + Await.on(v(1))); }
                };
                return Coroutine.of(Await.on(s.get()));""");
    }

    @Test
    void enumsAndRecordsDeclareAsyncMethods() throws Throwable {
        assertShape("RED#1 p=5", """
                    enum Color { RED; @Async Coroutine<String> tag(int n) { return Coroutine.of(name() + "#" + Await.on(v(n))); } }
                    record Pt(int x) { @Async Coroutine<String> show() { return Coroutine.of("p=" + (x + Await.on(v(0)))); } }""",
                "return Coroutine.of(Await.on(Color.RED.tag(1)) + \" \" + Await.on(new Pt(5).show()));");
    }

    @Test
    void nestedStaticAndInnerClasses() throws Throwable {
        assertShape("n1 i2", """
                    static class Nested { @Async static Coroutine<String> go() { return Coroutine.of("n" + Await.on(v(1))); } }
                    class Inner { @Async Coroutine<String> go() { return Coroutine.of("i" + Await.on(v(2))); } }""",
                "return Coroutine.of(Await.on(Nested.go()) + \" \" + Await.on(new Shape().new Inner().go()));");
    }

    @Test
    void awaitOnTasksAndGather() throws Throwable {
        assertShape(List.of(1, 2, 3), "", """
                Task<Integer> t = Asyncio.createTask(v(1));
                List<Integer> rest = Await.on(Asyncio.gather(v(2), v(3)));
                List<Integer> all = new ArrayList<>();
                all.add(Await.on(t));
                all.addAll(rest);
                return Coroutine.of(all);""");
    }

    @Test
    void synchronizedBlockWithoutAwaitIsAllowed() throws Throwable {
        assertShape(2, "static final Object LOCK = new Object();", """
                int x = Await.on(v(1));
                synchronized (LOCK) { x++; }
                return Coroutine.of(x);""");
    }

    @Test
    void instanceofPatternAndCastsAroundAwait() throws Throwable {
        assertShape(5, "", """
                Object o = Await.on(v((Object) "hello"));
                if (o instanceof String s && Await.on(v(s.length())) == 5) return Coroutine.of(s.length());
                return Coroutine.of(-1);""");
    }

    @Test
    void awaitInEnhancedForOverPlainIterable() throws Throwable {
        assertShape(6, "", """
                int sum = 0;
                for (int x : List.of(1, 2, 3)) sum += Await.on(v(x));
                return Coroutine.of(sum);""");
    }
}
