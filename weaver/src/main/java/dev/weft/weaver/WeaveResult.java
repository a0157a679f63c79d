package dev.weft.weaver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What weaving one class file produced.
 *
 * @param classes     the class files to write, by internal name ({@code com/acme/Service}); empty when
 *                    the class needed no weaving (its bytes stay as they were), otherwise the woven
 *                    class and every frame class generated for it
 * @param diagnostics errors and warnings, with locations
 */
public record WeaveResult(Map<String, byte[]> classes, List<Diagnostic> diagnostics) {

    /** True when the input must be replaced by {@link #classes()}. */
    public boolean changed() {
        return !classes.isEmpty();
    }

    /** The generated frame classes among {@link #classes()}: all but the woven class itself. */
    public Map<String, byte[]> frames() {
        Map<String, byte[]> frames = new LinkedHashMap<>();
        classes.forEach((name, bytes) -> {
            if (name.contains(Weaver.FRAME_MARK)) {
                frames.put(name, bytes);
            }
        });
        return frames;
    }

    /** True when a diagnostic is an error: the build must fail. */
    public boolean hasErrors() {
        return Diagnostic.anyError(diagnostics);
    }
}
