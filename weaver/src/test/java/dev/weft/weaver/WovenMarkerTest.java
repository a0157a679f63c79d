package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;

/** The {@code @Woven} marker: weaving twice changes nothing; a class woven for another protocol fails the build. */
class WovenMarkerTest {
    private static final String SOURCE = """
            package demo;
            import dev.weft.*;
            public class Marked {
                @Async static Coroutine<Integer> one() {
                    return Coroutine.of(Await.on(Coroutine.of(1)));
                }
            }
            """;

    @Test
    void wovenClassComesBackUnchanged() {
        Woven w = Woven.source("demo/Marked.java", SOURCE);
        WeaveResult again = new Weaver(Woven.hierarchyOf(w.classes)).weave(w.classes.get("demo/Marked"));
        assertFalse(again.changed());
        assertEquals(List.of(), again.diagnostics());
    }

    @Test
    void classWovenForAnotherProtocolAsksForACleanBuild() {
        Woven w = Woven.source("demo/Marked.java", SOURCE);
        byte[] olderPlugin = withProtocol(w.classes.get("demo/Marked"), Names.PROTOCOL - 1);

        WeaveResult again = new Weaver(Woven.hierarchyOf(w.classes)).weave(olderPlugin);

        assertFalse(again.changed());
        assertEquals(1, again.diagnostics().size(), again.diagnostics()::toString);
        Diagnostic d = again.diagnostics().get(0);
        assertEquals(Diagnostic.Severity.ERROR, d.severity());
        assertEquals("demo.Marked", d.className());
        assertEquals("Marked.java", d.sourceFile());
        assertTrue(d.message().contains("run mvn clean"), d::format);
    }

    private static byte[] withProtocol(byte[] woven, int protocol) {
        ClassNode node = new ClassNode();
        new ClassReader(woven).accept(node, 0);
        for (AnnotationNode a : node.invisibleAnnotations) {
            if (a.desc.equals(Names.WOVEN_DESC)) {
                a.values = List.of("protocol", protocol);
            }
        }
        ClassWriter writer = new ClassWriter(0);
        node.accept(writer);
        return writer.toByteArray();
    }
}
