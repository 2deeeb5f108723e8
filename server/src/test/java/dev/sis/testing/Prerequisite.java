package dev.sis.testing;

import dev.sis.config.ImageLimits;
import dev.sis.image.VipsImageEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Something outside the JDK and the Maven registry that some tests need. A test class or method
 * names what it needs with {@link Requires}; where it is missing, {@link PrerequisiteCondition}
 * skips the test with {@link #missing}'s line, or fails it in strict mode. Every location can be
 * moved with a setting (a JUnit configuration parameter or, as the build passes them, a system
 * property), which is also how a test hides a prerequisite that this machine has.
 *
 * <p>Thread-safe; the two checks that load or run something (libvips, the corpus check) are done
 * once per JVM and setting.
 */
public enum Prerequisite {
    /** Headless Chromium and its chromedriver, for the page's tests in a real browser. */
    CHROMIUM {
        @Override
        public Optional<String> missing(Function<String, Optional<String>> settings) {
            List<String> absent = new ArrayList<>();
            for (Path tool : List.of(chromium(settings), chromedriver(settings))) {
                if (!Files.isExecutable(tool)) {
                    absent.add("no " + tool);
                }
            }
            return absent.isEmpty() ? Optional.empty() : Optional.of("Chromium and chromedriver (" + String.join(", ", absent)
                    + "); on Debian or Ubuntu: apt-get install chromium chromium-driver, or name them with "
                    + "-Dsis.test.chromium=PATH -Dsis.test.chromedriver=PATH");
        }
    },
    /** libvips 8, for the run of the image tests with the native engine. */
    LIBVIPS {
        @Override
        public Optional<String> missing(Function<String, Optional<String>> settings) {
            return VIPS.computeIfAbsent("libvips", key -> {
                StringBuilder why = new StringBuilder();
                return VipsImageEngine.load(ImageLimits.defaults(), why).isPresent() ? Optional.empty()
                        : Optional.of("libvips 8 (" + why + "); on Debian or Ubuntu: apt-get install libvips42");
            });
        }
    },
    /** ImageMagick's {@code convert}, the reference the quality tests compare against. */
    IMAGEMAGICK {
        @Override
        public Optional<String> missing(Function<String, Optional<String>> settings) {
            Path convert = convert(settings);
            String where = convert.getParent() == null ? "on the PATH" : "at " + convert;
            return Files.isExecutable(convert) ? Optional.empty() : Optional.of("ImageMagick's convert (none " + where
                    + "); on Debian or Ubuntu: apt-get install imagemagick, or name it with -Dsis.test.convert=PATH");
        }
    },
    /** libvips' own command-line tools ({@code vips}, {@code vipsheader}): the reference for HEIF decoding. */
    VIPS_TOOLS {
        @Override
        public Optional<String> missing(Function<String, Optional<String>> settings) {
            return Executables.onPath("vips").isPresent() && Executables.onPath("vipsheader").isPresent()
                    ? Optional.empty()
                    : Optional.of("libvips' tools (vips and vipsheader, not on the PATH); on Debian or Ubuntu: "
                            + "apt-get install libvips-tools");
        }
    },
    /** The ICC profiles of Ghostscript (a print CMYK profile and sRGB), for the CMYK-with-profile test. */
    ICC_PROFILES {
        @Override
        public Optional<String> missing(Function<String, Optional<String>> settings) {
            Path dir = iccProfiles(settings);
            return Files.isRegularFile(dir.resolve("default_cmyk.icc")) && Files.isRegularFile(dir.resolve("srgb.icc"))
                    ? Optional.empty()
                    : Optional.of("Ghostscript's ICC profiles (no default_cmyk.icc and srgb.icc in " + dir
                            + "); on Debian or Ubuntu: apt-get install libgs-common, or name the folder with -Dsis.test.icc.dir=DIR");
        }
    },
    /**
     * The photo corpus ({@link Corpus}): built already, or buildable here by {@code bench/corpus.sh},
     * which says what it lacks ({@code --check}). A corpus that can be built but whose build fails
     * is a failure of the test that asked for it, not a skip.
     */
    PHOTO_CORPUS {
        @Override
        public Optional<String> missing(Function<String, Optional<String>> settings) {
            Path dir = corpusDir(settings);
            Path script = corpusScript(settings);
            return CORPUS.computeIfAbsent(dir + "\n" + script, key -> checkCorpus(dir, script));
        }
    },
    /** The right to mount a small tmpfs (root, or CAP_SYS_ADMIN), for the tests of a full or read-only disk. */
    TMPFS_MOUNT {
        @Override
        public Optional<String> missing(Function<String, Optional<String>> settings) {
            if (!hasSysAdminCapability()) {
                return Optional.of("the right to mount a tmpfs (this process is not root: it lacks CAP_SYS_ADMIN); "
                        + "run the tests as root, as .ci/run does");
            }
            return Executables.onPath("mount").isPresent() ? Optional.empty()
                    : Optional.of("mount (not on the PATH); on Debian or Ubuntu: apt-get install mount");
        }
    };

    private static final Map<String, Optional<String>> VIPS = new ConcurrentHashMap<>();
    private static final Map<String, Optional<String>> CORPUS = new ConcurrentHashMap<>();
    /** Bit 21 of the capability sets in /proc/self/status. */
    private static final long CAP_SYS_ADMIN = 1L << 21;

    /**
     * Empty when this machine has it; else one line: what is missing and how to get it.
     *
     * @param settings the value of a setting such as {@code sis.test.chromium}, when given
     */
    public abstract Optional<String> missing(Function<String, Optional<String>> settings);

    /** {@link #missing(Function)} with the settings of this JVM's system properties. */
    public Optional<String> missing() {
        return missing(Prerequisite::systemProperty);
    }

    static Optional<String> systemProperty(String key) {
        return Optional.ofNullable(System.getProperty(key));
    }

    static Path chromium(Function<String, Optional<String>> settings) {
        return Path.of(settings.apply("sis.test.chromium").orElse("/usr/bin/chromium"));
    }

    static Path chromedriver(Function<String, Optional<String>> settings) {
        return Path.of(settings.apply("sis.test.chromedriver").orElse("/usr/bin/chromedriver"));
    }

    /** {@code sis.test.convert}, else {@code convert} on the PATH (as bench/corpus.sh finds it). */
    static Path convert(Function<String, Optional<String>> settings) {
        return settings.apply("sis.test.convert").map(Path::of)
                .orElseGet(() -> Executables.onPath("convert").orElse(Path.of("convert")));
    }

    static Path iccProfiles(Function<String, Optional<String>> settings) {
        return Path.of(settings.apply("sis.test.icc.dir").orElse("/usr/share/color/icc/ghostscript"));
    }

    /** Where the corpus is kept: outside the clone, so that later runs reuse it. */
    static Path corpusDir(Function<String, Optional<String>> settings) {
        return Path.of(settings.apply("sis.corpus.dir").orElse(System.getProperty("user.home") + "/.cache/sis-corpus"));
    }

    static Path corpusScript(Function<String, Optional<String>> settings) {
        return Path.of(settings.apply("sis.corpus.script").orElse("bench/corpus.sh"));
    }

    private static Optional<String> checkCorpus(Path dir, Path script) {
        if (Files.exists(dir.resolve(".complete"))) {
            return Optional.empty();
        }
        Optional<Path> bash = Executables.onPath("bash");
        if (bash.isEmpty()) {
            return Optional.of("the photo corpus (none in " + dir + ", and no bash to run " + script + ")");
        }
        try {
            Process check = new ProcessBuilder(bash.get().toString(), script.toString(), "--check", dir.toString())
                    .redirectErrorStream(true).start();
            String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!check.waitFor(1, TimeUnit.MINUTES)) {
                check.destroyForcibly();
                throw new IllegalStateException(script + " --check did not finish in a minute");
            }
            return switch (check.exitValue()) {
                case 0 -> Optional.empty();
                case 3 -> Optional.of("the photo corpus: " + said);
                default -> throw new IllegalStateException(script + " --check failed (" + check.exitValue() + "): " + said);
            };
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + " --check", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + script + " --check", e);
        }
    }

    /** The effective capabilities of this process, from /proc (Linux); none elsewhere. */
    private static boolean hasSysAdminCapability() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return (Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16) & CAP_SYS_ADMIN) != 0;
                }
            }
        } catch (IOException | NumberFormatException notLinux) {
            return false;
        }
        return false;
    }
}
