package dev.weft.weaver;

import java.util.Random;

/**
 * Generates random method bodies in two readings of one template: an {@code @Async} one whose
 * awaits are {@code Await.on(v(e))}, and a plain one where the same spots are {@code id(e)}.
 * Values of every JVM kind flow through awaits placed in arbitrary expression positions, loops,
 * branches, switches and try/catch/finally, and exceptions escape from random points.
 */
final class RandomBodies {
    private final Random random;
    private final boolean async;
    private final StringBuilder out = new StringBuilder();
    private int loopVars;
    private int depth;

    private RandomBodies(long seed, boolean async) {
        this.random = new Random(seed);
        this.async = async;
    }

    /** The body for {@code seed}; both readings of one seed make the same random choices. */
    static String body(long seed, boolean async) {
        RandomBodies g = new RandomBodies(seed, async);
        g.line("int i0 = p, i1 = " + g.random.nextInt(10) + ", i2 = -3;");
        g.line("long l0 = " + g.random.nextInt(1000) + "L;");
        g.line("double d0 = " + g.random.nextInt(100) + ".25;");
        g.line("String s0 = \"s\";");
        g.line("int[] arr = {1, 2, 3, 4};");
        g.statements(3 + g.random.nextInt(6));
        g.line(g.returnState());
        return g.out.toString();
    }

    /** The statement returning every variable's value, so the comparison sees all of them. */
    private String returnState() {
        return "return " + (async ? "Coroutine.of(" : "(") + "i0 + \",\" + i1 + \",\" + i2 + \",\" + l0 + \",\" + d0"
                + " + \",\" + s0 + \",\" + Arrays.toString(arr));";
    }

    private void line(String s) {
        out.append("        ".repeat(1 + depth)).append(s).append('\n');
    }

    private String await(String e) {
        return async ? "Await.on(v(" + e + "))" : "id(" + e + ")";
    }

    /**
     * An awaited {@code int}: a value ready or suspending, or the unboxed result of the woven
     * {@code wi}, which the plain reading reads as {@code id(e)} too.
     */
    private String awaitInt(String e) {
        return random.nextBoolean() && async ? "Await.on(wi(" + e + "))" : await(e);
    }

    /** As {@link #awaitInt}, for a {@code long} from the woven {@code wl}. */
    private String awaitLong(String e) {
        return random.nextBoolean() && async ? "Await.on(wl(" + e + "))" : await(e);
    }

    private void statements(int n) {
        for (int i = 0; i < n; i++) {
            statement();
        }
    }

    private void statement() {
        int choice = random.nextInt(depth > 2 ? 6 : 15);
        switch (choice) {
            case 0, 1 -> line("i" + random.nextInt(3) + " = " + intExpr(0) + ";");
            case 2 -> line("l0 += " + longExpr(0) + ";");
            case 3 -> line("d0 = " + doubleExpr(0) + ";");
            case 4 -> {
                line("s0 = " + strExpr(0) + ";");
                line("if (s0.length() > 12) s0 = s0.substring(0, 4);");
            }
            case 5 -> line("arr[" + intExpr(1) + " & 3] += " + intExpr(1) + ";");
            case 6 -> block("if (" + cond() + ") {", "} else {");
            case 7 -> {
                String k = "k" + loopVars++;
                block("for (int " + k + " = 0; " + k + " < " + awaitInt(String.valueOf(1 + random.nextInt(3))) + "; " + k + "++) {", null);
            }
            case 8 -> tryBlock();
            case 9 -> line("if (" + cond() + ") throw new IllegalStateException(\"t\" + " + intExpr(1) + ");");
            case 10 -> switchBlock();
            case 11 -> labelledLoops();
            case 12 -> line("if (" + cond() + ") " + returnState());
            case 13 -> stringSwitch();
            default -> line("i1 = i1 / (" + intExpr(1) + " % 3);");
        }
    }

    private void block(String open, String middle) {
        line(open);
        depth++;
        statements(1 + random.nextInt(3));
        depth--;
        if (middle != null) {
            line(middle);
            depth++;
            statements(1 + random.nextInt(2));
            depth--;
        }
        line("}");
    }

    private void tryBlock() {
        line("try {");
        depth++;
        statements(1 + random.nextInt(3));
        depth--;
        String e = "e" + loopVars++;
        line("} catch (RuntimeException " + e + ") {");
        depth++;
        line("s0 = " + await("\"c\" + " + e + ".getClass().getSimpleName().length()") + " + s0.length();");
        statements(random.nextInt(2));
        depth--;
        if (random.nextBoolean()) {
            line("} finally {");
            depth++;
            line("l0 = l0 * 3 + " + await("i2") + ";");
            depth--;
        }
        line("}");
    }

    private void switchBlock() {
        line("switch (" + intExpr(1) + " & 3) {");
        depth++;
        for (int c = 0; c < 3; c++) {
            line(c == 2 ? "default:" : "case " + c + ":");
            depth++;
            statements(1);
            if (random.nextBoolean()) {
                line("break;");
            }
            depth--;
        }
        depth--;
        line("}");
    }

    /** Nested loops left through labelled break and continue, at awaited conditions. */
    private void labelledLoops() {
        String outer = "outer" + loopVars;
        String a = "a" + loopVars;
        String b = "b" + loopVars++;
        line(outer + ":");
        line("for (int " + a + " = 0; " + a + " < 3; " + a + "++) {");
        depth++;
        line("for (int " + b + " = 0; " + b + " < " + await(String.valueOf(2 + random.nextInt(2))) + "; " + b + "++) {");
        depth++;
        line("if (" + cond() + ") continue " + outer + ";");
        statements(1);
        line("if (" + cond() + ") break " + outer + ";");
        depth--;
        line("}");
        statements(1);
        depth--;
        line("}");
    }

    private void stringSwitch() {
        line("switch (" + await("s0.length() > 2 ? s0.substring(0, 1) : s0") + ") {");
        depth++;
        line("case \"s\" -> i2 += " + intExpr(1) + ";");
        line("case \"a\", \"b\" -> s0 = " + strExpr(1) + ";");
        line("default -> l0 -= " + longExpr(1) + ";");
        depth--;
        line("}");
    }

    private String cond() {
        return switch (random.nextInt(3)) {
            case 0 -> intExpr(1) + " < " + intExpr(1);
            case 1 -> await(intExpr(2) + " % 2 == 0");
            default -> "s0.length() > " + await(String.valueOf(random.nextInt(6)));
        };
    }

    private String intExpr(int d) {
        int choice = random.nextInt(d > 2 ? 3 : 10);
        return switch (choice) {
            case 0 -> String.valueOf(random.nextInt(20) - 5);
            case 1 -> "i" + random.nextInt(3);
            case 2 -> "arr[" + random.nextInt(4) + "]";
            case 3 -> awaitInt(intExpr(d + 1));
            case 4 -> "(" + intExpr(d + 1) + " + " + intExpr(d + 1) + ")";
            case 5 -> "(" + intExpr(d + 1) + " * " + intExpr(d + 1) + ")";
            case 6 -> "(" + cond() + " ? " + intExpr(d + 1) + " : " + intExpr(d + 1) + ")";
            case 7 -> "(int) (" + longExpr(d + 1) + " % 1000)";
            case 8 -> "Math.max(" + intExpr(d + 1) + ", " + intExpr(d + 1) + ")";
            default -> strExpr(d + 1) + ".length()";
        };
    }

    private String longExpr(int d) {
        return switch (random.nextInt(d > 2 ? 2 : 4)) {
            case 0 -> "l0";
            case 1 -> random.nextInt(1_000_000) + "_000L";
            case 2 -> awaitLong(longExpr(d + 1));
            default -> "(" + longExpr(d + 1) + " - " + intExpr(d + 1) + ")";
        };
    }

    private String doubleExpr(int d) {
        return switch (random.nextInt(d > 2 ? 2 : 4)) {
            case 0 -> "d0";
            case 1 -> random.nextInt(50) + ".5";
            case 2 -> await(doubleExpr(d + 1));
            default -> "(" + doubleExpr(d + 1) + " * 0.5 + " + intExpr(d + 1) + ")";
        };
    }

    private String strExpr(int d) {
        return switch (random.nextInt(d > 2 ? 2 : 5)) {
            case 0 -> "s0";
            case 1 -> "\"" + (char) ('a' + random.nextInt(26)) + "\"";
            case 2 -> await(strExpr(d + 1));
            case 3 -> "new String(" + strExpr(d + 1) + " + " + intExpr(d + 1) + ")";
            default -> "(" + strExpr(d + 1) + " + " + longExpr(d + 1) + ")";
        };
    }
}
