package dev.weft;

/**
 * What an event loop's exception handler is told about an error nobody else could handle: the
 * {@code context} dictionary of Python's {@code loop.call_exception_handler}.
 *
 * <pre>{@code
 * loop.setExceptionHandler((l, context) -> metrics.count(context.message(), context.exception()));
 * }</pre>
 *
 * @param message   what happened, e.g. {@code "Exception in callback ..."}
 * @param exception the error, or null when there is none
 * @param source    the task, future or callback involved, or null
 */
public record ExceptionContext(String message, Throwable exception, Object source) {
}
