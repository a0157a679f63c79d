package dev.weft;

import java.util.NoSuchElementException;

/**
 * A variable whose value depends on the {@link Context} it is read in: Python's
 * {@code contextvars.ContextVar}. Request ids, trace spans, the user of a request: state that
 * belongs to one flow of work, which a task and the tasks it creates see and other tasks do not.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");
 *
 * @Async
 * static Coroutine<Void> handle(Request r) {
 *     REQUEST_ID.set(r.id());                       // this task, and tasks it creates from now on
 *     Await.on(Asyncio.gather(load(r), audit(r)));  // both see r.id()
 *     return Coroutine.done();
 * }
 * }</pre>
 *
 * <p>Declare variables once (a {@code static final} field): a variable is a key, compared by
 * identity. Values may be null.
 *
 * @param <T> the type of the value
 */
public final class ContextVar<T> {
    /** No value: distinct from null, which is a value. */
    static final Object MISSING = new Object();

    private final String name;
    private final Object defaultValue;

    /** Python's {@code ContextVar(name)}: no default, so {@link #get()} throws until a value is set. */
    public ContextVar(String name) {
        this.name = requireName(name);
        this.defaultValue = MISSING;
    }

    /** Python's {@code ContextVar(name, default=...)}. */
    public ContextVar(String name, T defaultValue) {
        this.name = requireName(name);
        this.defaultValue = defaultValue;
    }

    private static String requireName(String name) {
        if (name == null) {
            throw new NullPointerException("a ContextVar needs a name");
        }
        return name;
    }

    /** Python's {@code ContextVar.name}. */
    public String getName() {
        return name;
    }

    /**
     * Python's {@code ContextVar.get()}: the value in the current context, else the variable's
     * default.
     *
     * @throws NoSuchElementException (Python's {@code LookupError}) if there is neither
     */
    public T get() {
        Object value = valueOr(defaultValue);
        if (value == MISSING) {
            throw new NoSuchElementException("ContextVar " + name + " has no value in the current context and no default:"
                    + " set() it first, or call get(fallback)");
        }
        return cast(value);
    }

    /** Python's {@code ContextVar.get(default)}: the value in the current context, else {@code fallback}. */
    public T get(T fallback) {
        return cast(valueOr(fallback));
    }

    private Object valueOr(Object fallback) {
        Context current = Context.currentOrNull();
        Object value = current == null ? MISSING : current.lookup(this);
        return value != MISSING ? value : fallback;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    /**
     * Python's {@code ContextVar.set()}: gives the variable {@code value} in the current context;
     * the returned token lets {@link #reset} restore the value it had before.
     */
    public Token<T> set(T value) {
        Context current = Context.currentForUpdate();
        Token<T> token = new Token<>(this, current, current.lookup(this));
        current.bind(this, value);
        return token;
    }

    /**
     * Python's {@code ContextVar.reset()}: restores the value the variable had before the
     * {@link #set} that returned {@code token}, in the context that set was made in.
     *
     * @throws IllegalArgumentException if the token belongs to another variable, or was made in
     *                                  another context (Python's {@code ValueError})
     * @throws IllegalStateException    if the token was already used (Python's {@code RuntimeError})
     */
    public void reset(Token<T> token) {
        if (token.var != this) {
            throw new IllegalArgumentException(token + " was created by a different ContextVar than " + this);
        }
        if (token.context != Context.currentOrNull()) {
            throw new IllegalArgumentException(token + " was created in a different Context: reset it where it was set");
        }
        if (token.used) {
            throw new IllegalStateException(token + " has already been used once");
        }
        token.used = true;
        token.context.bind(this, token.oldValue);
    }

    @Override
    public String toString() {
        return "ContextVar[" + name + "]";
    }

    /**
     * Python's {@code contextvars.Token}: what {@link #set} returns, to {@link #reset} the variable.
     *
     * @param <T> the type of the variable's value
     */
    public static final class Token<T> {
        private final ContextVar<T> var;
        private final Context context;
        private final Object oldValue;
        private boolean used;

        Token(ContextVar<T> var, Context context, Object oldValue) {
            this.var = var;
            this.context = context;
            this.oldValue = oldValue;
        }

        /** Python's {@code Token.var}. */
        public ContextVar<T> getVar() {
            return var;
        }

        /** Python's {@code Token.old_value}: the value before the set, or null if there was none (see {@link #hadValue()}). */
        @SuppressWarnings("unchecked")
        public T getOldValue() {
            return oldValue == MISSING ? null : (T) oldValue;
        }

        /** False where Python's {@code Token.old_value} is {@code Token.MISSING}. */
        public boolean hadValue() {
            return oldValue != MISSING;
        }

        @Override
        public String toString() {
            return "Token[" + var.getName() + (used ? ", used" : "") + "]";
        }
    }
}
