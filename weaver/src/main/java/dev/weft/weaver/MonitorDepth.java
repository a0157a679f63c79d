package dev.weft.weaver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;

/**
 * How many monitors are held at each instruction: an await inside {@code synchronized} would
 * suspend while holding a lock that only the same thread may release.
 */
final class MonitorDepth {
    private MonitorDepth() {
    }

    /** Per instruction index: monitors held before it runs, or -1 where unreachable. */
    static int[] of(String owner, MethodNode method) throws AnalyzerException {
        int n = method.instructions.size();
        List<List<Integer>> successors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            successors.add(new ArrayList<>(2));
        }
        new Analyzer<>(new BasicInterpreter()) {
            @Override
            protected void newControlFlowEdge(int insn, int successor) {
                successors.get(insn).add(successor);
            }

            @Override
            protected boolean newControlFlowExceptionEdge(int insn, int successor) {
                successors.get(insn).add(successor);
                return true;
            }
        }.analyze(owner, method);
        int[] depth = new int[n];
        Arrays.fill(depth, -1);
        ArrayDeque<Integer> work = new ArrayDeque<>();
        if (n > 0) {
            depth[0] = 0;
            work.add(0);
        }
        while (!work.isEmpty()) {
            int i = work.poll();
            int opcode = method.instructions.get(i).getOpcode();
            int after = depth[i] + (opcode == Opcodes.MONITORENTER ? 1 : opcode == Opcodes.MONITOREXIT ? -1 : 0);
            for (int s : successors.get(i)) {
                if (depth[s] < 0) {
                    depth[s] = Math.max(0, after);
                    work.add(s);
                }
            }
        }
        return depth;
    }
}
