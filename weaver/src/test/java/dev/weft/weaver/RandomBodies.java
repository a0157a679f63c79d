package dev.weft.weaver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random method bodies in two readings of one template: an {@code @Async} one whose
 * awaits are {@code Await.on(v(e))}, and a plain one where the same spots are {@code id(e)}.
 * Values of every JVM kind flow through awaits placed in arbitrary expression positions, loops,
 * branches, switches, try/catch/finally and after {@code synchronized} blocks, and exceptions
 * escape from random points. One body in {@link #WIDE_ONE_IN} is wide: up to {@link #MAX_LOCALS}
 * more locals of every primitive type (and strings), live across up to {@link #MAX_AWAITS} awaits.
 */
final class RandomBodies {
    /** The most live locals a wide body has, with at most {@link #FEW_AWAITS} awaits. */
    static final int MAX_LOCALS = 255;
    static final int FEW_AWAITS = 50;
    /** The most awaits a wide body has, with at most {@link #FEW_LOCALS} extra locals. */
    static final int MAX_AWAITS = 500;
    static final int FEW_LOCALS = 12;
    private static final int WIDE_ONE_IN = 50;
    private static final String[] WIDE_TYPES = {"byte", "short", "char", "boolean", "int", "long", "float", "double", "String"};

    private final Random random;
    private final boolean async;
    private final StringBuilder out = new StringBuilder();
    private final List<String> wideNames = new ArrayList<>();
    private final List<String> wideTypes = new ArrayList<>();
    private int loopVars;
    private int depth;
    /** Spots that await in the async reading, so far (counted in both readings alike). */
    private int awaitSpots;
    /** Inside a {@code synchronized} block, where an await would be a build error: awaits read as {@code id}. */
    private boolean inMonitor;

    private RandomBodies(long seed, boolean async) {
        this.random = new Random(seed);
        this.async = async;
    }

    /** The body for {@code seed}; both readings of one seed make the same random choices. */
    static String body(long seed, boolean async) {
        RandomBodies g = new RandomBodies(seed, async);
        if (g.random.nextInt(WIDE_ONE_IN) == 0) {
            boolean manyLocals = g.random.nextBoolean();
            int locals = g.upTo(manyLocals ? MAX_LOCALS : FEW_LOCALS);
            int awaits = g.upTo(manyLocals ? FEW_AWAITS : MAX_AWAITS);
            return g.wide(locals, awaits, g.random.nextBoolean());
        }
        g.declareState();
        g.statements(3 + g.random.nextInt(6));
        g.line(g.returnState());
        return g.out.toString();
    }

    /** A number from 1 to {@code max}, small ones likelier: the limits are reached, but rarely, as they cost the most. */
    private int upTo(int max) {
        return 1 + random.nextInt(1 + random.nextInt(max));
    }

    /**
     * A wide body for {@code seed}: {@code locals} locals besides the usual ones, declared
     * {@code upFront} or else a few before each await, and {@code awaits} awaits updating them,
     * some among random statements.
     */
    static String wideBody(long seed, boolean async, int locals, int awaits, boolean upFront) {
        return new RandomBodies(seed, async).wide(locals, awaits, upFront);
    }

    private String wide(int locals, int awaits, boolean upFront) {
        declareState();
        int declared = 0;
        awaitSpots = 0;
        while (awaitSpots < awaits) {
            // Spread declarations, so that the live set grows from await to await as in real code.
            int upTo = upFront || awaitSpots == awaits - 1 ? locals
                    : Math.min(locals, declared + random.nextInt(2 + 2 * locals / awaits));
            for (; declared < upTo || declared == 0; declared++) {
                declareWide();
            }
            // A random statement has a few awaits, rarely more than a dozen.
            if (awaits - awaitSpots > 12 && random.nextInt(8) == 0) {
                statement();
            } else {
                line(wideUpdate());
            }
        }
        for (; declared < locals; declared++) {
            declareWide();
        }
        line(returnState());
        return out.toString();
    }

    private void declareState() {
        line("int i0 = p, i1 = " + random.nextInt(10) + ", i2 = -3;");
        line("long l0 = " + random.nextInt(1000) + "L;");
        line("double d0 = " + random.nextInt(100) + ".25;");
        line("String s0 = \"s\";");
        line("int[] arr = {1, 2, 3, 4};");
    }

    private void declareWide() {
        String type = WIDE_TYPES[random.nextInt(WIDE_TYPES.length)];
        String name = "w" + wideNames.size();
        int n = random.nextInt(100);
        String init = switch (type) {
            case "byte", "short", "char" -> "(" + type + ") (p + " + n + ")";
            case "boolean" -> "p % " + (2 + n % 3) + " == 0";
            case "long" -> "p * " + n + "_000_000_007L";
            case "float" -> n + ".5f";
            case "double" -> "p + " + n + ".125";
            case "String" -> "\"w" + n + "\"";
            default -> "p - " + n;
        };
        line(type + " " + name + " = " + init + ";");
        wideNames.add(name);
        wideTypes.add(type);
    }

    /** An await that updates a wide local from another one, often with an operand left on the stack. */
    private String wideUpdate() {
        int k = random.nextInt(wideNames.size());
        String x = wideNames.get(k);
        String other = wideNames.get(random.nextInt(wideNames.size()));
        String otherAsInt = asInt(other, wideTypes.get(wideNames.indexOf(other)));
        return switch (wideTypes.get(k)) {
            case "byte", "short", "char" -> x + " = (" + wideTypes.get(k) + ") (" + x + " * 3 + " + awaitInt(otherAsInt) + ");";
            case "boolean" -> x + " = " + x + " ^ " + await("(" + otherAsInt + ") % 2 == 0") + ";";
            case "long" -> x + " = " + x + " * 31 + " + awaitLong("(long) (" + otherAsInt + ")") + ";";
            case "float" -> x + " = " + x + " * 0.5f + " + await("(float) (" + otherAsInt + ")") + ";";
            case "double" -> x + " = " + x + " * 0.25 + " + await("(" + otherAsInt + ") * 1.5") + ";";
            case "String" -> x + " = " + await(x + ".length() > 6 ? \"r\" + " + otherAsInt + " : " + x + " + \"+\"") + ";";
            default -> x + " = " + x + " * 7 + " + awaitInt(otherAsInt) + ";";
        };
    }

    private static String asInt(String name, String type) {
        return switch (type) {
            case "boolean" -> "(" + name + " ? 1 : 0)";
            case "long", "float", "double" -> "(int) (" + name + " % 1000)";
            case "String" -> name + ".length()";
            default -> name;
        };
    }

    /** The statement returning every variable's value, so the comparison sees all of them. */
    private String returnState() {
        StringBuilder wide = new StringBuilder();
        for (String name : wideNames) {
            wide.append(" + \",\" + ").append(name);
        }
        return "return " + (async ? "Coroutine.of(" : "(") + "i0 + \",\" + i1 + \",\" + i2 + \",\" + l0 + \",\" + d0"
                + " + \",\" + s0 + \",\" + Arrays.toString(arr)" + wide + ");";
    }

    private void line(String s) {
        out.append("        ".repeat(1 + depth)).append(s).append('\n');
    }

    private String await(String e) {
        if (inMonitor) {
            return "id(" + e + ")";
        }
        awaitSpots++;
        return async ? "Await.on(v(" + e + "))" : "id(" + e + ")";
    }

    /**
     * An awaited {@code int}: a value ready or suspending, or the unboxed result of the woven
     * {@code wi}, which the plain reading reads as {@code id(e)} too.
     */
    private String awaitInt(String e) {
        if (random.nextBoolean() && !inMonitor) {
            awaitSpots++;
            return async ? "Await.on(wi(" + e + "))" : "id(" + e + ")";
        }
        return await(e);
    }

    /** As {@link #awaitInt}, for a {@code long} from the woven {@code wl}. */
    private String awaitLong(String e) {
        if (random.nextBoolean() && !inMonitor) {
            awaitSpots++;
            return async ? "Await.on(wl(" + e + "))" : "id(" + e + ")";
        }
        return await(e);
    }

    private void statements(int n) {
        for (int i = 0; i < n; i++) {
            statement();
        }
    }

    private void statement() {
        int choice = random.nextInt(depth > 2 ? 6 : inMonitor ? 10 : 16);
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
            case 14 -> synchronizedBlock();
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

    /**
     * A {@code synchronized} block (awaits inside one are build errors), sometimes left by an
     * exception, then an await: the monitor must be released before the frame suspends.
     */
    private void synchronizedBlock() {
        line("synchronized (arr) {");
        depth++;
        inMonitor = true;
        statements(1 + random.nextInt(2));
        inMonitor = false;
        depth--;
        line("}");
        line("i" + random.nextInt(3) + " += " + awaitInt(intExpr(1)) + ";");
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
