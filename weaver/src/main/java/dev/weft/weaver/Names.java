package dev.weft.weaver;

/** Internal names and descriptors of the runtime members that woven code refers to. */
final class Names {
    private Names() {
    }

    static final String ASYNC_DESC = "Ldev/weft/Async;";
    static final String WOVEN_DESC = "Ldev/weft/internal/Woven;";
    /**
     * The contract between woven code and the runtime that this weaver writes, recorded in every
     * woven class. Raise it whenever woven code calls into the runtime differently, so that classes
     * woven by an older plugin and left in {@code target/} fail the build instead of failing to link.
     */
    static final int PROTOCOL = 2;
    static final String AWAIT = "dev/weft/Await";
    static final String COROUTINE = "dev/weft/Coroutine";
    static final String COROUTINE_DESC = "L" + COROUTINE + ";";
    static final String ASYNC_GENERATOR = "dev/weft/AsyncGenerator";
    static final String ASYNC_GENERATOR_DESC = "L" + ASYNC_GENERATOR + ";";
    static final String ASYNC_CLOSEABLE = "dev/weft/AsyncCloseable";
    static final String SCOPES = "dev/weft/Scopes";
    static final String OBJECT = "java/lang/Object";
    static final String OBJECT_DESC = "Ljava/lang/Object;";

    static final String SUSPENDED = "$SUSPENDED";
    static final String AWAIT_HOOK = "$await";
    static final String AWAIT_HOOK_DESC = "(" + COROUTINE_DESC + OBJECT_DESC + ")" + OBJECT_DESC;
    static final String RESUMED_HOOK = "$resumed";
    static final String RESUMED_HOOK_DESC = "(" + COROUTINE_DESC + ")" + OBJECT_DESC;
    static final String STEP = "$step";
    static final String GENERATE = "$generate";
    static final String STEP_DESC = "()" + OBJECT_DESC;
    static final String YIELD_HOOK = "$yield";
    static final String YIELD_HOOK_DESC = "(" + ASYNC_GENERATOR_DESC + OBJECT_DESC + ")" + OBJECT_DESC;
    static final String AEXIT_HOOK = "$aexit";
    static final String AEXIT_HOOK_DESC = "(L" + ASYNC_CLOSEABLE + ";Ljava/lang/Throwable;)" + COROUTINE_DESC;
    static final String EACH_HOOK = "$each";
    static final String EACH = "dev/weft/Scopes$Each";
    static final String EACH_HOOK_DESC = "(Ldev/weft/AsyncIterable;)L" + EACH + ";";
    static final String EACH_HAS_NEXT = "hasNextAsync";
    static final String EACH_HAS_NEXT_DESC = "()" + COROUTINE_DESC;
    static final String AWAIT_ON_DESC = "(Ldev/weft/Awaitable;)" + OBJECT_DESC;

    static final String LABEL_FIELD = "label";
}
