package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Methods with many awaits and many live locals weave into code that grows with awaits plus live
 * values, not with their product; a method that still cannot fit is a located build error.
 */
class LargeMethodsTest {

    /** Weaves the bodies as one class and checks each against its plain reading, ready and suspending. */
    private static void assertBehaveLikePlainJava(String what, List<DifferentialTest.Body> bodies) throws Throwable {
        Class<?> type = Woven.source("demo/Large.java", DifferentialTest.source("Large", bodies)).load("demo.Large");
        for (int m = 0; m < bodies.size(); m++) {
            for (Values.Mode mode : Values.Mode.values()) {
                DifferentialTest.compare(type, m, mode, what + " #" + m, bodies.get(m));
            }
        }
    }

    @Test
    void fiveHundredAwaitsOverAFewLocals() throws Throwable {
        assertBehaveLikePlainJava("500 awaits, 3 locals", List.of(
                async -> RandomBodies.wideBody(1, async, 3, RandomBodies.MAX_AWAITS, true),
                async -> RandomBodies.wideBody(2, async, RandomBodies.FEW_LOCALS, RandomBodies.MAX_AWAITS, false)));
    }

    @Test
    void twoHundredFiftyFiveLiveLocalsOfEveryTypeAcrossFiftyAwaits() throws Throwable {
        assertBehaveLikePlainJava("255 locals, 50 awaits", List.of(
                async -> RandomBodies.wideBody(3, async, RandomBodies.MAX_LOCALS, RandomBodies.FEW_AWAITS, true),
                async -> RandomBodies.wideBody(4, async, RandomBodies.MAX_LOCALS, RandomBodies.FEW_AWAITS, false)));
    }

    /** Yields save and reload through the shared blocks too, next to awaits, and hand their value over. */
    @Test
    void generatorsYieldThroughSharedSpills() throws Throwable {
        StateMachine.sharedAbove = 0;
        try {
            Shapes.assertShape("g0:0 g1:1 g2:3 end 6.0 [closed]", """
                        static List<String> log = new ArrayList<>();
                        @Async static AsyncGenerator<String> gen(int n) {
                            long total = 0;
                            double x = 0.5;
                            String s = "g";
                            try {
                                for (int i = 0; i < n; i++) {
                                    total += Await.on(v(i));
                                    Await.yield(s + i + ":" + total);
                                    x = x * 2 + Await.on(v(i)) * 0.5;
                                }
                                Await.yield("end " + x);
                                return AsyncGenerator.end();
                            } finally {
                                log.add(Await.on(v("closed")));
                            }
                        }
                    """, """
                    log.clear();
                    StringBuilder out = new StringBuilder();
                    for (String line : Await.each(gen(3))) out.append(line).append(' ');
                    return Coroutine.of(out.toString() + log);""");
        } finally {
            StateMachine.sharedAbove = StateMachine.SHARED_ABOVE;
        }
    }

    /** 2,000 awaits fit in javac's 64 KB but not once woven: an error at the method, never an exception. */
    @Test
    void aMethodTooLargeOnceWovenIsALocatedError() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            body.append("        total += Await.on(Coroutine.of(").append(i).append("));\n");
        }
        Woven w = Woven.withDiagnostics("demo/Huge.java", """
                package demo;
                import dev.weft.*;
                public class Huge {
                    @Async static Coroutine<Integer> small() { return Coroutine.of(Await.on(Coroutine.of(1))); }
                    @Async static Coroutine<Long> huge() {
                        long total = 0;
                %s        return Coroutine.of(total);
                    }
                }
                """.formatted(body));
        assertEquals(1, w.diagnostics.size(), () -> "diagnostics: " + w.diagnostics);
        Diagnostic d = w.diagnostics.get(0);
        assertEquals(Diagnostic.Severity.ERROR, d.severity());
        assertEquals("demo.Huge", d.className());
        assertEquals("huge", d.method());
        assertEquals("Huge.java", d.sourceFile());
        assertEquals(6, d.line());
        assertTrue(d.message().contains("64 KB") && d.message().contains("split"), d::message);
        // The agent prints exactly this line, after its "weft-agent: " prefix.
        assertTrue(d.format().startsWith("Huge.java:6: error: ") && d.format().endsWith("[demo.Huge.huge]"), d::format);
        assertTrue(w.classes.get("demo/Huge") == w.original.get("demo/Huge"), "nothing is woven when there are errors");
    }
}
