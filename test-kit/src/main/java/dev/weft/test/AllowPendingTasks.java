package dev.weft.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * With {@link WeftExtension}: the test (or each test of the class) may leave tasks pending when
 * its loop closes, e.g. a background task that {@code Asyncio.run} is meant to cancel. The other
 * checks still apply.
 *
 * <pre>{@code
 * @Test @AllowPendingTasks
 * void heartbeatRunsUntilTheEnd() {
 *     Asyncio.run(startHeartbeatAndServe());
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AllowPendingTasks {
}
