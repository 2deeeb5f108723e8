package dev.sis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * How the build treats a test whose prerequisite is missing, through a real JUnit launcher with
 * this project's configuration ({@code junit-platform.properties}, the auto-detected
 * {@link PrerequisiteCondition}): skipped with one line saying what to install, listed in the
 * run's summary, and a failure in strict mode. The missing prerequisite is Chromium at a path
 * where nothing is, so the result is the same on every machine.
 */
class PrerequisitesTest {
    private static final String NOWHERE = "/nonexistent/sis-test";

    @TempDir
    Path dir;

    @Test
    void aTestWhosePrerequisiteIsMissingIsSkippedWithWhatToInstall() throws Exception {
        Run run = run(NeedsChromium.class, Map.of("sis.test.chromium", NOWHERE + "/chromium",
                "sis.test.chromedriver", NOWHERE + "/chromedriver", "sis.tests.strict", "false"));

        assertThat(run.summary().getContainersSkippedCount()).isEqualTo(1);
        assertThat(run.summary().getTestsStartedCount()).isZero();
        String line = "SKIPPED PrerequisitesTest$NeedsChromium: needs Chromium and chromedriver (no /nonexistent/sis-test/chromium, "
                + "no /nonexistent/sis-test/chromedriver); on Debian or Ubuntu: apt-get install chromium chromium-driver, "
                + "or name them with -Dsis.test.chromium=PATH -Dsis.test.chromedriver=PATH";
        assertThat(run.console()).isEqualTo(line + "\n");
        assertThat(run.report()).isEqualTo("""
                unit: 1 skipped
                  %s
                    PrerequisitesTest$NeedsChromium
                """.formatted(line.substring("SKIPPED PrerequisitesTest$NeedsChromium: ".length())));
    }

    @Test
    void strictModeMakesTheSkipAFailure() throws Exception {
        Run run = run(NeedsChromium.class, Map.of("sis.test.chromium", NOWHERE + "/chromium",
                "sis.test.chromedriver", NOWHERE + "/chromedriver", "sis.tests.strict", "true"));

        assertThat(run.summary().getContainersSkippedCount()).isZero();
        assertThat(run.summary().getTotalFailureCount()).isEqualTo(1);
        assertThat(run.summary().getFailures().getFirst().getException())
                .hasMessageContaining("strict mode")
                .hasMessageContaining("apt-get install chromium chromium-driver");
        assertThat(run.report()).isEqualTo("unit: nothing skipped\n");
    }

    @Test
    void aTestWhosePrerequisitesArePresentRuns() throws Exception {
        String anExecutable = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Run run = run(NeedsChromium.class, Map.of("sis.test.chromium", anExecutable, "sis.test.chromedriver", anExecutable,
                "sis.tests.strict", "true"));

        assertThat(run.summary().getTestsSucceededCount()).isEqualTo(1);
        assertThat(run.console()).isEmpty();
        assertThat(run.report()).isEqualTo("unit: nothing skipped\n");
    }

    @Test
    void aPrerequisiteOfOneMethodSkipsThatMethodOnly() throws Exception {
        Run run = run(OneMethodNeedsChromium.class, Map.of("sis.test.chromium", NOWHERE + "/chromium",
                "sis.test.chromedriver", NOWHERE + "/chromedriver", "sis.tests.strict", "false"));

        assertThat(run.summary().getTestsSucceededCount()).isEqualTo(1);
        assertThat(run.summary().getTestsSkippedCount()).isEqualTo(1);
        assertThat(run.console()).startsWith("SKIPPED PrerequisitesTest$OneMethodNeedsChromium#drivesABrowser: needs Chromium and chromedriver");
    }

    private Run run(Class<?> fixture, Map<String, String> settings) throws Exception {
        // Only the listeners given here: the build's own SkipReport must not report these runs.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Path report = dir.resolve("unit.txt");
        SkipReport skips = new SkipReport(Optional.of(report), new PrintStream(console, true, StandardCharsets.UTF_8));
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture))
                .configurationParameters(settings).build(), summary, skips);
        return new Run(summary.getSummary(), console.toString(StandardCharsets.UTF_8), Files.readString(report));
    }

    private record Run(TestExecutionSummary summary, String console, String report) {
    }

    /** A test class that drives a browser (run by the tests above only). */
    @Requires(Prerequisite.CHROMIUM)
    static class NeedsChromium {
        @Test
        void drivesABrowser() {
            // The body does not matter: whether it runs does.
        }
    }

    /** A test class with one method that drives a browser. */
    static class OneMethodNeedsChromium {
        @Test
        @Requires(Prerequisite.CHROMIUM)
        void drivesABrowser() {
            // As above.
        }

        @Test
        void needsNothing() {
            // As above.
        }
    }
}
