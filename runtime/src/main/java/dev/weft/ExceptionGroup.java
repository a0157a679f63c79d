package dev.weft;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Several exceptions thrown together: Python's {@code ExceptionGroup}, as thrown by a
 * {@link TaskGroup} whose children failed. Unchecked. Each exception is also attached as
 * suppressed, so a stack trace shows them all.
 *
 * <p>Java has no {@code except*}; {@link #subgroup} and {@link #split} do its work:
 *
 * <pre>{@code
 * try {
 *     ...
 * } catch (ExceptionGroup eg) {
 *     ExceptionGroup.Split io = eg.split(IOException.class);
 *     if (io.matching() != null) retryLater(io.matching().exceptions());
 *     if (io.rest() != null) throw io.rest();
 * }
 * }</pre>
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String description;
    private final List<Throwable> exceptions;

    /**
     * A group of {@code exceptions}, which must not be empty (as in Python).
     *
     * @param message what the exceptions have in common, e.g. {@code "unhandled errors in a TaskGroup"}
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")");
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an ExceptionGroup needs at least one exception");
        }
        for (Throwable e : exceptions) {
            if (e == null) {
                throw new NullPointerException("an ExceptionGroup cannot hold null");
            }
            addSuppressed(e);
        }
        this.description = message;
        this.exceptions = List.copyOf(exceptions);
    }

    /** Python's {@code message}: the group's own message, without the count. */
    public String message() {
        return description;
    }

    /** Python's {@code exceptions}: the exceptions in the group, in order. */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /**
     * Python's {@code subgroup(type)}: the exceptions of {@code type} (looking inside nested groups,
     * keeping their structure), or null if there are none. Returns this group itself when
     * everything matches.
     */
    public ExceptionGroup subgroup(Class<? extends Throwable> type) {
        return subgroup(type::isInstance);
    }

    /** Python's {@code subgroup(condition)}. */
    public ExceptionGroup subgroup(Predicate<? super Throwable> condition) {
        return split(condition).matching();
    }

    /**
     * Python's {@code split(type)}: the exceptions of {@code type} and the others, each as a group
     * of the same shape, or null when empty.
     */
    public Split split(Class<? extends Throwable> type) {
        return split(type::isInstance);
    }

    /** Python's {@code split(condition)}. */
    public Split split(Predicate<? super Throwable> condition) {
        if (condition.test(this)) {
            return new Split(this, null);
        }
        List<Throwable> matching = new ArrayList<>();
        List<Throwable> rest = new ArrayList<>();
        for (Throwable e : exceptions) {
            if (e instanceof ExceptionGroup nested) {
                Split parts = nested.split(condition);
                if (parts.matching() != null) {
                    matching.add(parts.matching());
                }
                if (parts.rest() != null) {
                    rest.add(parts.rest());
                }
            } else if (condition.test(e)) {
                matching.add(e);
            } else {
                rest.add(e);
            }
        }
        return new Split(derive(matching), derive(rest));
    }

    private ExceptionGroup derive(List<Throwable> part) {
        if (part.isEmpty()) {
            return null;
        }
        if (part.equals(exceptions)) {
            return this;
        }
        ExceptionGroup derived = new ExceptionGroup(description, part);
        derived.setStackTrace(getStackTrace());
        if (getCause() != null) {
            derived.initCause(getCause());
        }
        return derived;
    }

    /**
     * The two halves of {@link #split}.
     *
     * @param matching the exceptions that matched, or null
     * @param rest     the others, or null
     */
    public record Split(ExceptionGroup matching, ExceptionGroup rest) {
    }
}
