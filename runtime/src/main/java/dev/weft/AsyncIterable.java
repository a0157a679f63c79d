package dev.weft;

/**
 * Something {@code async for} can iterate: {@code for (T x : Await.each(iterable))} inside an
 * {@link Async} method.
 *
 * <pre>{@code
 * for (String line : Await.each(lines(file))) {
 *     System.out.println(line);
 * }
 * }</pre>
 *
 * @param <T> the element type
 */
public interface AsyncIterable<T> {
    /** Python's {@code __aiter__}. */
    AsyncIterator<T> iterator();
}
