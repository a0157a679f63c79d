package dev.weft.weaver;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * The weaver's half of the protocol between woven code and the runtime: every runtime member the
 * woven code refers to. The hooks mirror {@code dev.weft.WovenCode} one to one, in its order; the
 * frame contract is what a frame class overrides; the rest is public API the weaver recognises.
 * {@code NamesTest} checks each name and descriptor against the runtime by reflection, so a hook
 * renamed on one side only fails the weaver's build, not a user's program at link time.
 */
final class Names {
    private Names() {
    }

    /**
     * The version of the protocol this weaver writes, recorded in every woven class; the runtime's
     * {@code WovenCode.PROTOCOL}. Raise both whenever woven code calls into the runtime differently,
     * so that classes woven by an older plugin and left in {@code target/} fail the build instead of
     * failing to link.
     */
    static final int PROTOCOL = 6;
    /** In every frame class's name, between its owner and its method: {@code WovenCode.FRAME_MARK}. */
    static final String FRAME_MARK = "$$Weft$";

    static final String ASYNC_DESC = "Ldev/weft/Async;";
    static final String WOVEN_DESC = "Ldev/weft/internal/Woven;";
    static final String AWAIT = "dev/weft/Await";
    static final String COROUTINE = "dev/weft/Coroutine";
    static final String COROUTINE_DESC = "L" + COROUTINE + ";";
    static final String ASYNC_GENERATOR = "dev/weft/AsyncGenerator";
    static final String ASYNC_GENERATOR_DESC = "L" + ASYNC_GENERATOR + ";";
    static final String ASYNC_CLOSEABLE = "dev/weft/AsyncCloseable";
    static final String WOVEN_CODE = "dev/weft/WovenCode";
    static final String EACH = WOVEN_CODE + "$Each";
    static final String OBJECT = "java/lang/Object";
    static final String OBJECT_DESC = "Ljava/lang/Object;";

    /** A runtime method or field that woven code refers to. */
    record Member(String owner, String name, String desc) {
        /** A call of this static method. */
        MethodInsnNode invokeStatic() {
            return new MethodInsnNode(Opcodes.INVOKESTATIC, owner, name, desc, false);
        }

        /** A call of this instance method. */
        MethodInsnNode invokeVirtual() {
            return new MethodInsnNode(Opcodes.INVOKEVIRTUAL, owner, name, desc, false);
        }

        /** A read of this static field. */
        FieldInsnNode getStatic() {
            return new FieldInsnNode(Opcodes.GETSTATIC, owner, name, desc);
        }
    }

    private static Member hook(String name, String desc) {
        return new Member(WOVEN_CODE, name, desc);
    }

    // The hooks of WovenCode, in its order.
    static final Member SUSPENDED = hook("$SUSPENDED", OBJECT_DESC);
    static final Member AWAIT_HOOK = hook("$await", "(" + COROUTINE_DESC + OBJECT_DESC + ")" + OBJECT_DESC);
    static final Member AWAIT_UNBOXED_HOOK = hook("$awaitUnboxed", AWAIT_HOOK.desc());
    static final Member RESUMED_HOOK = hook("$resumed", "(" + COROUTINE_DESC + ")" + OBJECT_DESC);
    static final Member RESUMED_UNBOXED_HOOK = hook("$resumedUnboxed", RESUMED_HOOK.desc());
    static final Member RETURN_INT_HOOK = hook("$returnInt", "(I" + COROUTINE_DESC + ")" + OBJECT_DESC);
    static final Member RETURN_LONG_HOOK = hook("$returnLong", "(J" + COROUTINE_DESC + ")" + OBJECT_DESC);
    static final Member IS_UNBOXED_INT_HOOK = hook("$isUnboxedInt", "(" + OBJECT_DESC + ")Z");
    static final Member IS_UNBOXED_LONG_HOOK = hook("$isUnboxedLong", "(" + OBJECT_DESC + ")Z");
    static final Member UNBOXED_INT_HOOK = hook("$unboxedInt", "(" + COROUTINE_DESC + ")I");
    static final Member UNBOXED_LONG_HOOK = hook("$unboxedLong", "(" + COROUTINE_DESC + ")J");
    static final Member BOXED_HOOK = hook("$boxed", "(" + OBJECT_DESC + COROUTINE_DESC + ")" + OBJECT_DESC);
    static final Member RUN_ENTRY_POINT_HOOK = hook("$runEntryPoint", "(" + COROUTINE_DESC + ")V");
    static final Member YIELD_HOOK = hook("$yield", "(" + ASYNC_GENERATOR_DESC + OBJECT_DESC + ")" + OBJECT_DESC);
    static final Member AEXIT_HOOK = hook("$aexit", "(L" + ASYNC_CLOSEABLE + ";Ljava/lang/Throwable;)" + COROUTINE_DESC);
    static final Member CAUGHT_HOOK = hook("$caught", "(Ljava/lang/Throwable;)V");
    static final Member EACH_HOOK = hook("$each", "(Ldev/weft/AsyncIterable;)L" + EACH + ";");
    static final Member EACH_HAS_NEXT = new Member(EACH, "hasNextAsync", "()" + COROUTINE_DESC);

    // The frame contract: what a frame class overrides.
    static final Member STEP = new Member(COROUTINE, "$step", "()" + OBJECT_DESC);
    static final Member GENERATE = new Member(ASYNC_GENERATOR, "$generate", STEP.desc());
    /** Where the frame comes from, and the line it waits at: for task dumps and async stack traces. */
    static final Member SOURCE = new Member(COROUTINE, "$source", "()Ljava/lang/String;");
    static final Member LINE = new Member(COROUTINE, "$line", "()I");

    // Public API that woven code is written from or calls.
    static final Member AWAIT_ON = new Member(AWAIT, "on", "(Ldev/weft/Awaitable;)" + OBJECT_DESC);
    static final Member COROUTINE_OF = new Member(COROUTINE, "of", "(" + OBJECT_DESC + ")" + COROUTINE_DESC);

    /** The field of a frame class holding the label to resume at; the weaver makes it, not the runtime. */
    static final String LABEL_FIELD = "label";
}
