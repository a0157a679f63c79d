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
 *
 * <p>A method declared {@code void} is an <em>entry point</em> instead (Python's top-level
 * {@code asyncio.run(main())}): calling it runs its body to completion on a fresh event loop on the
 * calling thread, as {@code Asyncio.run} does, and rethrows the body's exception, checked ones
 * included. It cannot be called on a thread whose loop is running ({@code IllegalStateException}:
 * make it return {@code Coroutine<Void>} and await it there).
 *
 * <pre>{@code
 * @Async
 * public static void main(String[] args) throws IOException {
 *     System.out.println(Await.on(greet("world")));
 * }
 *
 * @Test @Async
 * void greets() {                      // a JUnit test: each runs on a loop of its own
 *     assertEquals("hello bob", Await.on(greet("bob")));
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {
}
