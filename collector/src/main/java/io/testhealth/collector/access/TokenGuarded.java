package io.testhealth.collector.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method as a write of the given scope, which needs one of the scope's tokens when any are
 * configured.
 *
 * <p>The token check finds this annotation on the matched route rather than matching paths itself, so that a path
 * the router accepts in another spelling (a trailing slash, a doubled one) cannot slip past the check, and a new
 * write endpoint is guarded by saying so beside its code.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TokenGuarded {

    /** Whose tokens the method needs. */
    WriteScope value();
}
