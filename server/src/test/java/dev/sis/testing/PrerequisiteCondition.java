package dev.sis.testing;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips a test whose {@link Requires prerequisites} this machine lacks, with one line that says
 * what is missing and how to get it; in strict mode ({@code -Dsis.tests.strict=true} or the
 * environment variable {@code SIS_TESTS_STRICT=1}, as CI runs) the test fails with that line
 * instead. The run of the image tests with the native engine ({@code sis.test.engine=vips})
 * needs libvips in every test.
 *
 * <p>Registered for every test by JUnit's extension auto-detection
 * ({@code junit-platform.properties}, {@code META-INF/services}). Nothing else skips a test.
 */
public final class PrerequisiteCondition implements ExecutionCondition {
    /** The start of every skip reason it gives, so that a report can tell them from other skips. */
    public static final String NEEDS = "needs ";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Set<Prerequisite> needed = EnumSet.noneOf(Prerequisite.class);
        if (context.getTestMethod().isEmpty() && context.getTestClass().isPresent()
                && "vips".equals(context.getConfigurationParameter("sis.test.engine").orElse(""))) {
            needed.add(Prerequisite.LIBVIPS);
        }
        context.getElement().flatMap(element -> AnnotationSupport.findAnnotation(element, Requires.class))
                .ifPresent(requires -> needed.addAll(List.of(requires.value())));
        List<String> missing = needed.stream()
                .map(prerequisite -> prerequisite.missing(context::getConfigurationParameter))
                .flatMap(Optional::stream)
                .toList();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled(needed.isEmpty() ? "needs nothing more" : "has " + needed);
        }
        String reason = NEEDS + String.join("; and ", missing);
        if (strict(context)) {
            throw new IllegalStateException("strict mode (sis.tests.strict, SIS_TESTS_STRICT) fails what would be skipped: "
                    + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    /** {@code sis.tests.strict} when given (as a flag overrides the environment), else {@code SIS_TESTS_STRICT}. */
    private static boolean strict(ExtensionContext context) {
        return context.getConfigurationParameter("sis.tests.strict")
                .or(() -> Optional.ofNullable(System.getenv("SIS_TESTS_STRICT")))
                .map(value -> value.equals("true") || value.equals("1"))
                .orElse(false);
    }
}
