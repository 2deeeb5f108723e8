package dev.sis.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test (class, its subclasses, or method) that starts processes (a server JVM, a script, a
 * container build), crashes a server, drives a browser, or runs for tens of seconds by design (a
 * flood, a race, a wait for libvips' idle exit): seconds each, not milliseconds. The
 * build runs these in a surefire execution of their own ({@code slow-tests}), after the quick
 * ones; {@code -Pquick} leaves them out (README, Development).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag(Slow.TAG)
public @interface Slow {
    String TAG = "slow";
}
