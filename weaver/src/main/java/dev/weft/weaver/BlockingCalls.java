package dev.weft.weaver;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Warns about calls inside an {@code @Async} body that block the loop's thread — and with it every
 * other coroutine on the loop — pointing at the awaitable replacement. A warning, not an error:
 * the call may be intended (a short read of a local file, say), and only the author can tell.
 */
final class BlockingCalls {
    /**
     * A blocking method: static, or an instance method of {@code owner} or a subtype; named
     * {@code name}, or starting with it when {@code prefix}.
     */
    private record Rule(boolean isStatic, String owner, String name, boolean prefix, String advice) {
        boolean matches(MethodInsnNode call, ClassHierarchy hierarchy) {
            boolean named = prefix ? call.name.startsWith(name) : call.name.equals(name);
            return named && isStatic == (call.getOpcode() == Opcodes.INVOKESTATIC) && !IN_MEMORY.contains(call.owner)
                    && (call.owner.equals(owner) || hierarchy.isAssignable(owner, call.owner));
        }
    }

    /** Streams over memory never wait, whatever their supertype says. */
    private static final List<String> IN_MEMORY = List.of("java/io/ByteArrayInputStream", "java/io/ByteArrayOutputStream",
            "java/io/StringReader", "java/io/StringWriter", "java/io/CharArrayReader", "java/io/CharArrayWriter");

    private static final List<Rule> RULES = List.of(
            new Rule(true, "java/lang/Thread", "sleep", false, "use Await.on(Asyncio.sleep(seconds))"),
            new Rule(false, "java/lang/Thread", "join", false, "run the work as a task and await it"),
            new Rule(false, "java/lang/Object", "wait", false, "use dev.weft.Event or dev.weft.Condition"),
            new Rule(false, "java/util/concurrent/CompletableFuture", "join", false, "use Await.on(future)"),
            new Rule(false, "java/util/concurrent/Future", "get", false,
                    "use Await.on(stage) for a CompletionStage, or Asyncio.toThread(() -> future.get())"),
            new Rule(false, "java/util/concurrent/CountDownLatch", "await", false, "use dev.weft.Event or dev.weft.Barrier"),
            new Rule(false, "java/util/concurrent/BlockingQueue", "take", false, "use dev.weft.Queue"),
            new Rule(false, "java/util/concurrent/BlockingQueue", "put", false, "use dev.weft.Queue"),
            new Rule(false, "java/util/concurrent/Semaphore", "acquire", false, "use dev.weft.Semaphore"),
            new Rule(false, "java/util/concurrent/locks/Lock", "lock", false, "use dev.weft.Lock"),
            new Rule(false, "java/net/http/HttpClient", "send", false, "use Await.on(client.sendAsync(request, handler))"),
            new Rule(false, "java/io/InputStream", "read", true, "do blocking I/O through Asyncio.toThread(...)"),
            new Rule(false, "java/io/Reader", "read", true, "do blocking I/O through Asyncio.toThread(...)"),
            new Rule(false, "java/net/Socket", "connect", false, "do blocking I/O through Asyncio.toThread(...)"),
            new Rule(false, "java/net/ServerSocket", "accept", false, "do blocking I/O through Asyncio.toThread(...)"),
            new Rule(true, "java/sql/DriverManager", "getConnection", false, "run JDBC through Asyncio.toThread(...)"),
            new Rule(false, "javax/sql/DataSource", "getConnection", false, "run JDBC through Asyncio.toThread(...)"),
            new Rule(false, "java/sql/Statement", "execute", true, "run JDBC through Asyncio.toThread(...)"));

    private BlockingCalls() {
    }

    /** Adds a warning to {@code misuse} for every blocking call in the async method {@code m}. */
    static void warn(MethodNode m, ClassHierarchy hierarchy, Misuse misuse) {
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof MethodInsnNode call) {
                for (Rule rule : RULES) {
                    if (rule.matches(call, hierarchy)) {
                        misuse.warning(m, Insns.lineOf(insn), simpleName(call.owner) + "." + call.name
                                + " blocks the event loop's thread, and every coroutine on it: " + rule.advice);
                        break;
                    }
                }
            }
        }
    }

    private static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }
}
