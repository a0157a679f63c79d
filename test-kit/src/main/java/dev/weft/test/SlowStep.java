package dev.weft.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * With {@link WeftExtension}: how long, in seconds, one step of a task or one callback may hold
 * the event loop before the test fails; without it, 1 second. The loop's
 * {@link dev.weft.EventLoop#setSlowCallbackDuration slow-callback duration} (asyncio's
 * {@code slow_callback_duration}).
 *
 * <pre>{@code
 * @Test @SlowStep(0.2)
 * void parsesWithoutBlocking() {
 *     Asyncio.run(parseAll(files));   // fails if one step computes for more than 200 ms
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SlowStep {
    /** The longest step allowed, in seconds. */
    double value() default 1.0;
}
