package dev.sis.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a test class (and its subclasses) or method needs beyond a JDK 25: where one is missing
 * the test is skipped with a line saying what to install, or fails in strict mode
 * ({@link PrerequisiteCondition}, registered for every test).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface Requires {
    Prerequisite[] value();
}
