package dev.weft.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on a class by the weaver once its {@code @Async} methods are woven, so that weaving it again
 * changes nothing. Not for use in source code.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Woven {
    /**
     * The version of the contract between woven code and the runtime that the class was woven
     * for; a class woven for another version must be compiled and woven again.
     */
    int protocol() default 0;
}
