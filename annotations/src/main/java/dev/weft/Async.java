package dev.weft;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a coroutine method: Python's {@code async def}.
 *
 * <p>The method must return {@code Coroutine<T>} or {@code AsyncGenerator<T>}. At build time the
 * {@code weft-maven-plugin} rewrites its body into a resumable state machine; calling the method
 * then runs none of the body and returns a fresh coroutine, which runs when it is awaited,
 * scheduled with {@code Asyncio.createTask}, or passed to {@code Asyncio.run}.
 *
 * <pre>{@code
 * @Async
 * static Coroutine<String> greet(String name) {
 *     Await.on(Asyncio.sleep(0.1));
 *     return Coroutine.of("hello " + name);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {
}
