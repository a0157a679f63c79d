package dev.weft.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * Defines a woven class's frame classes in its class loader and package while the class itself is
 * still being loaded, so they exist before its first use.
 *
 * <p>It calls {@link ClassLoader}'s own {@code defineClass}, which works for every loader and puts
 * each frame in its woven class's package and module. That method is protected; the agent's
 * {@link Instrumentation} opens {@code java.lang} to the agent alone so that it may call it. No
 * {@code sun.misc.Unsafe} is involved, which JDK 24 and later warn about.
 */
final class FrameInjector {
    private final Method defineClass;

    FrameInjector(Instrumentation instrumentation) {
        instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                Map.of("java.lang", Set.of(FrameInjector.class.getModule())), Set.of(), Map.of());
        try {
            defineClass = ClassLoader.class.getDeclaredMethod("defineClass",
                    String.class, byte[].class, int.class, int.class, ProtectionDomain.class);
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException("ClassLoader.defineClass is part of Java SE", impossible);
        }
        defineClass.setAccessible(true);
    }

    /** Defines {@code frames} (class files by internal name) in {@code loader}, in the order given. */
    void inject(ClassLoader loader, ProtectionDomain domain, Map<String, byte[]> frames) {
        for (Map.Entry<String, byte[]> frame : frames.entrySet()) {
            String name = frame.getKey().replace('/', '.');
            byte[] bytes = frame.getValue();
            try {
                defineClass.invoke(loader, name, bytes, 0, bytes.length, domain);
            } catch (ReflectiveOperationException failed) {
                throw new IllegalStateException("could not define the frame class " + name, failed);
            }
        }
    }
}
