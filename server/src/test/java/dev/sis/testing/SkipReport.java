package dev.sis.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Says what a test run skipped and why: one line on the console as each test is skipped, and at
 * the end of the run a summary, grouped by reason, in the file the build names with
 * {@code sis.test.skips} (one file per Surefire run, named after it). The build prints those
 * files at its end ({@code server/pom.xml}, {@code list-test-skips}), so the skips of every run
 * appear together. Any skip is listed, whatever its cause, and a run that skipped nothing says
 * so.
 *
 * <p>Registered with every JUnit Platform launcher through {@code META-INF/services}. Thread-safe.
 */
public final class SkipReport implements TestExecutionListener {
    private final Optional<Path> file;
    private final PrintStream console;
    private final Map<String, List<String>> testsByReason = new LinkedHashMap<>();

    /** As the build registers it: the summary goes to {@code sis.test.skips}, when set. */
    public SkipReport() {
        this(Optional.ofNullable(System.getProperty("sis.test.skips")).map(Path::of), System.out);
    }

    /** A report to {@code file} (none: the console only) that prints each skip on {@code console}. */
    public SkipReport(Optional<Path> file, PrintStream console) {
        this.file = file;
        this.console = console;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        record(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            record(test, "aborted: " + result.getThrowable().map(Throwable::getMessage).orElse("no reason given"));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (file.isEmpty()) {
            return;
        }
        Path target = file.get();
        String run = target.getFileName().toString().replaceFirst("\\.txt$", "");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, summary(run));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the skip summary " + target, e);
        }
    }

    /** The summary of {@code run}: a line saying it skipped nothing, or each reason with its tests. */
    public synchronized String summary(String run) {
        if (testsByReason.isEmpty()) {
            return run + ": nothing skipped\n";
        }
        StringBuilder text = new StringBuilder();
        int count = testsByReason.values().stream().mapToInt(List::size).sum();
        text.append(run).append(": ").append(count).append(" skipped\n");
        testsByReason.forEach((reason, tests) -> text.append("  ").append(reason).append("\n    ")
                .append(String.join(", ", tests)).append('\n'));
        return text.toString();
    }

    private synchronized void record(TestIdentifier test, String reason) {
        String name = name(test);
        testsByReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(name);
        console.println("SKIPPED " + name + ": " + reason);
    }

    private static String name(TestIdentifier test) {
        Optional<TestSource> source = test.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource method) {
            return simpleName(method.getClassName()) + "#" + method.getMethodName();
        }
        if (source.isPresent() && source.get() instanceof ClassSource type) {
            return simpleName(type.getClassName());
        }
        return test.getDisplayName();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
