package dev.weft.agent;

import dev.weft.weaver.ClassHierarchy;
import dev.weft.weaver.WeaveResult;
import dev.weft.weaver.Weaver;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/**
 * Runs the plugin's {@link Weaver} on each class as it loads: returns the woven class and defines its
 * frame classes next to it. Never throws, because an exception here would only be swallowed by the
 * JVM; problems are reported instead and the class loads as compiled.
 */
final class WeavingTransformer implements ClassFileTransformer {
    private final FrameInjector frames;

    WeavingTransformer(FrameInjector frames) {
        this.frames = frames;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        // Bootstrap classes are the JDK's; a redefinition cannot add the frames a weave needs.
        if (loader == null || className == null || redefined != null
                || !LoadTimeCandidates.mayNeedWeaving(className, classFile)) {
            return null;
        }
        try {
            return weave(loader, className, domain, classFile);
        } catch (Throwable failure) {
            LoadTimeReport.failure(className, failure);
            return null;
        }
    }

    private byte[] weave(ClassLoader loader, String className, ProtectionDomain domain, byte[] classFile) {
        // Types resolve as the loading class sees them, read as class files without loading them.
        Weaver weaver = new Weaver(ClassHierarchy.of(ClassHierarchy.fromClassLoader(loader)));
        WeaveResult result = weaver.weave(classFile);
        LoadTimeReport.diagnostics(className, result.diagnostics());
        if (!result.changed()) {
            return null;
        }
        frames.inject(loader, domain, result.frames());
        return result.classes().get(className);
    }
}
