package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.objectweb.asm.Type;

/**
 * {@link Names} against the runtime on the test classpath, by reflection: each member the weaver
 * writes calls to exists with the descriptor it writes, and {@code dev.weft.WovenCode} has no hook
 * that {@code Names} lacks.
 */
class NamesTest {
    private static final String WOVEN_CODE = "dev.weft.WovenCode";

    @Test
    void protocolMatchesTheRuntimes() throws ReflectiveOperationException {
        assertEquals(Names.PROTOCOL, Class.forName(WOVEN_CODE).getField("PROTOCOL").getInt(null));
    }

    @Test
    void frameMarkMatchesTheRuntimes() throws ReflectiveOperationException {
        assertEquals(Names.FRAME_MARK, Class.forName(WOVEN_CODE).getField("FRAME_MARK").get(null));
        assertEquals(Names.FRAME_MARK, Weaver.FRAME_MARK);
    }

    @TestFactory
    Stream<DynamicTest> everyMemberExistsWithItsDescriptor() {
        return members().stream().map(m -> DynamicTest.dynamicTest(m.owner() + "." + m.name() + m.desc(),
                () -> assertExists(m)));
    }

    @Test
    void everyHookOfWovenCodeIsNamed() throws ClassNotFoundException {
        Set<String> named = members().stream().map(m -> m.owner() + "." + m.name()).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (Class<?> type : List.of(Class.forName(WOVEN_CODE), Class.forName(WOVEN_CODE + "$Each"))) {
            List<Member> declared = new ArrayList<>(List.of(type.getDeclaredMethods()));
            declared.addAll(List.of(type.getDeclaredFields()));
            for (Member m : declared) {
                // Hooks are named with a leading $; Each also implements ordinary interfaces, whose methods are not hooks.
                boolean hook = m.getName().startsWith("$") || m.getName().equals("hasNextAsync");
                String name = Type.getInternalName(type) + "." + m.getName();
                if (Modifier.isPublic(m.getModifiers()) && hook && !named.contains(name)) {
                    missing.add(name);
                }
            }
        }
        assertEquals(Set.of(), missing, "hooks of WovenCode that Names does not mirror");
    }

    private static void assertExists(Names.Member m) throws ClassNotFoundException {
        Class<?> owner = Class.forName(m.owner().replace('/', '.'));
        if (m.desc().startsWith("(")) {
            Method found = Stream.of(owner.getDeclaredMethods())
                    .filter(method -> method.getName().equals(m.name()) && Type.getMethodDescriptor(method).equals(m.desc()))
                    .findFirst().orElse(null);
            assertTrue(found != null, () -> "no method " + m.name() + m.desc() + " in " + owner.getName());
            int modifiers = found.getModifiers();
            assertTrue(Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers),
                    () -> found + " is not accessible to woven classes in other packages");
        } else {
            Field found = Stream.of(owner.getDeclaredFields()).filter(f -> f.getName().equals(m.name())).findFirst().orElse(null);
            assertTrue(found != null, () -> "no field " + m.name() + " in " + owner.getName());
            assertEquals(m.desc(), Type.getDescriptor(found.getType()));
            assertTrue(Modifier.isPublic(found.getModifiers()) && Modifier.isStatic(found.getModifiers())
                    && Modifier.isFinal(found.getModifiers()), () -> found + " is not a public constant");
        }
    }

    /** Every {@link Names.Member} constant. */
    private static List<Names.Member> members() {
        List<Names.Member> members = new ArrayList<>();
        for (Field f : Names.class.getDeclaredFields()) {
            if (f.getType() == Names.Member.class) {
                try {
                    members.add((Names.Member) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return members;
    }
}
