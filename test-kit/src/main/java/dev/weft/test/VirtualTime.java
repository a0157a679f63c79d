package dev.weft.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * With {@link WeftExtension}: every event loop the test (or each test of the class) makes runs on
 * a virtual clock, as {@link dev.weft.EventLoop#withVirtualTime()} makes it: idle waits are
 * skipped, so {@code sleep(3600)} ends at once and {@code time()} then reads 3600.
 *
 * <pre>{@code
 * @Test @VirtualTime
 * void retriesForAnHour() {
 *     assertEquals(60, Asyncio.run(retryEveryMinute(60)));   // an hour of waiting, in milliseconds
 * }
 * }</pre>
 *
 * <p>Not in asyncio (where a test injects a fake clock by hand).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface VirtualTime {
}
