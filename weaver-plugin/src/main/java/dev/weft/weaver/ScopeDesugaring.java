package dev.weft.weaver;

import org.objectweb.asm.tree.MethodNode;

/** Rewrites the scope forms of async code into plain awaits before the state machine is built. */
final class ScopeDesugaring {
    private ScopeDesugaring() {
    }

    static void desugar(String owner, MethodNode method, ClassHierarchy hierarchy) {
    }
}
