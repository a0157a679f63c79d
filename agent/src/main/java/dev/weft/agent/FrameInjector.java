package dev.weft.agent;

import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * Defines a woven class's frame classes in its class loader and package while the class itself is
 * still being loaded, so they exist before its first use.
 */
final class FrameInjector {
    /**
     * Resolved through the agent's {@link Instrumentation}, which opens the JDK's internal
     * class definition to the agent: this works on JDK 17 and later without any JVM flag.
     */
    private final ClassInjector.UsingUnsafe.Factory injection;

    FrameInjector(Instrumentation instrumentation) {
        this.injection = ClassInjector.UsingUnsafe.Factory.resolve(instrumentation);
    }

    /** Defines {@code frames} (class files by internal name) in {@code loader}. */
    void inject(ClassLoader loader, ProtectionDomain domain, Map<String, byte[]> frames) {
        Map<String, byte[]> byBinaryName = new LinkedHashMap<>();
        frames.forEach((internalName, bytes) -> byBinaryName.put(internalName.replace('/', '.'), bytes));
        injection.make(loader, domain).injectRaw(byBinaryName);
    }
}
