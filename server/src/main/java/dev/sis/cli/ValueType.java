package dev.sis.cli;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the text of one setting becomes a value: picocli's converter for that kind of value.
 * Parsing is strict: no surrounding whitespace, ASCII digits only, no fractions, so a typo is
 * reported instead of guessed.
 *
 * @param <T> the parsed value's type
 */
public interface ValueType<T> extends ITypeConverter<T> {

    /** What is accepted, phrased to follow "must be", e.g. {@code an integer from 0 to 65535}. */
    String accepted();

    /** Parses {@code raw}; throws {@link InvalidValueException} with the reason when it is not accepted. */
    T parse(String raw);

    /** picocli's name for {@link #parse}. */
    @Override
    default T convert(String raw) {
        return parse(raw);
    }

    /** Whether a bare flag (no value) means {@code true}. */
    default boolean isBoolean() {
        return false;
    }

    /**
     * How the values of a flag given several times are joined into one text to parse, or null
     * when the last one wins (Go's rule, every setting's but a list's like {@code --preset}).
     */
    default String repeatSeparator() {
        return null;
    }

    /** Whether the value is a secret: never repeated in a problem message. */
    default boolean isSecret() {
        return false;
    }

    /**
     * A secret such as a token: optional, and when given, 16 to 512 visible ASCII characters
     * (no spaces), long enough not to be guessed and safe in an HTTP header.
     */
    static ValueType<Optional<String>> optionalSecret() {
        return new ValueType<>() {
            @Override
            public String accepted() {
                return "16 to 512 visible ASCII characters, or empty for none";
            }

            @Override
            public Optional<String> parse(String raw) {
                if (raw.isEmpty()) {
                    return Optional.empty();
                }
                if (raw.length() < 16 || raw.length() > 512 || !raw.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                    throw new InvalidValueException("must be " + accepted());
                }
                if (ExampleSecrets.isExample(raw)) {
                    throw new InvalidValueException("is an example or a placeholder, known to anyone who read it; "
                            + "make one of your own, like: openssl rand -hex 32");
                }
                return Optional.of(raw);
            }

            @Override
            public boolean isSecret() {
                return true;
            }
        };
    }

    /** A rejected value; the message completes "--flag: ", e.g. {@code must be an integer from 0 to 65535}. */
    final class InvalidValueException extends TypeConversionException {
        public InvalidValueException(String reason) {
            super(reason);
        }
    }

    /** Go's {@code strconv.ParseBool} spellings, so every legacy command line keeps working. */
    static ValueType<Boolean> bool() {
        return new ValueType<>() {
            @Override
            public String accepted() {
                return "true or false (or 1 or 0)";
            }

            @Override
            public Boolean parse(String raw) {
                return switch (raw) {
                    case "true", "True", "TRUE", "t", "T", "1" -> true;
                    case "false", "False", "FALSE", "f", "F", "0" -> false;
                    default -> throw new InvalidValueException("must be " + accepted());
                };
            }

            @Override
            public boolean isBoolean() {
                return true;
            }
        };
    }

    static ValueType<Integer> integer(int min, int max) {
        return of("an integer from %d to %d".formatted(min, max), raw -> {
            BigInteger n = digits(raw, "-?[0-9]+");
            return n != null && within(n, min, max) ? n.intValueExact() : null;
        });
    }

    /** Bytes, or a number with a binary unit: {@code 512KiB}, {@code 50MiB}, {@code 1G} (= 1GiB). */
    static ValueType<Long> byteSize(long min, long max) {
        Pattern syntax = Pattern.compile("([0-9]+)([kmgt](?:ib)?)?", Pattern.CASE_INSENSITIVE);
        return of("a byte size from %s to %s: a number of bytes, or a number with KiB, MiB, GiB or TiB (K, M, G, T mean the same)"
                .formatted(bytesText(min), bytesText(max)), raw -> {
            Matcher m = syntax.matcher(raw);
            if (!m.matches()) {
                return null;
            }
            int shift = m.group(2) == null ? 0
                    : 10 * ("KMGT".indexOf(Character.toUpperCase(m.group(2).charAt(0))) + 1);
            BigInteger n = new BigInteger(m.group(1)).shiftLeft(shift);
            return within(n, min, max) ? n.longValueExact() : null;
        });
    }

    /** As {@link #byteSize}, or empty for the default (which depends on the machine or the store). */
    static ValueType<Optional<Long>> optionalByteSize(long min, long max) {
        ValueType<Long> size = byteSize(min, max);
        return of(size.accepted() + ", or empty for the default",
                raw -> raw.isEmpty() ? Optional.empty() : Optional.of(size.parse(raw)));
    }

    /** A pixel count, or megapixels with {@code MP}: {@code 50MP} = 50,000,000. */
    static ValueType<Long> pixels(long min, long max) {
        Pattern syntax = Pattern.compile("([0-9]+)(mp)?", Pattern.CASE_INSENSITIVE);
        return of("a pixel count like 50000000 or megapixels like 50MP, from %s to %s"
                .formatted(pixelsText(min), pixelsText(max)), raw -> {
            Matcher m = syntax.matcher(raw);
            if (!m.matches()) {
                return null;
            }
            BigInteger n = new BigInteger(m.group(1));
            if (m.group(2) != null) {
                n = n.multiply(BigInteger.valueOf(1_000_000));
            }
            return within(n, min, max) ? n.longValueExact() : null;
        });
    }

    /** Whole seconds, or a number with {@code ms}, {@code s}, {@code m} or {@code h}. */
    static ValueType<Duration> duration(Duration max) {
        Pattern syntax = Pattern.compile("([0-9]+)(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);
        return of("a duration from 0 to %s: seconds, or a number with ms, s, m or h (500ms, 30s, 2m)"
                .formatted(durationText(max)), raw -> {
            Matcher m = syntax.matcher(raw);
            if (!m.matches() || m.group(1).length() > 12) {
                return null;
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            return d.compareTo(max) <= 0 ? d : null;
        });
    }

    /** One of an enum's constants, written in any case. */
    static <E extends Enum<E>> ValueType<E> choice(Class<E> type) {
        String names = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" or "));
        return of(names, raw -> Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equalsIgnoreCase(raw))
                .findFirst().orElse(null));
    }

    /** {@code format=auto}'s offers: a comma-separated list of avif and webp, each once; may be empty. */
    static ValueType<java.util.List<dev.sis.image.ImageFormat>> autoFormats() {
        return of("a comma-separated list of avif and webp", raw -> {
            java.util.List<dev.sis.image.ImageFormat> formats = new java.util.ArrayList<>();
            for (String name : raw.isBlank() ? new String[0] : raw.split(",", -1)) {
                var format = dev.sis.image.ImageFormat.fromUrlName(name.strip())
                        .filter(dev.sis.config.ImageLimits.DEFAULT_AUTO_FORMATS::contains);
                if (format.isEmpty() || formats.contains(format.get())) {
                    return null;
                }
                formats.add(format.get());
            }
            return java.util.List.copyOf(formats);
        });
    }

    /**
     * {@code --quality}: {@code format=q} pairs, comma-separated, for jpeg, webp and avif, each
     * once, q from 1 to 100; the formats not named keep their defaults.
     */
    static ValueType<java.util.Map<dev.sis.image.ImageFormat, Integer>> formatQualities() {
        return of("comma-separated format=q pairs (jpeg, webp, avif; q 1 to 100)", raw -> {
            java.util.Map<dev.sis.image.ImageFormat, Integer> given = new java.util.EnumMap<>(dev.sis.image.ImageFormat.class);
            for (String pair : raw.split(",", -1)) {
                String[] parts = pair.strip().split("=", -1);
                var format = dev.sis.image.ImageFormat.fromUrlName(parts[0].strip())
                        .filter(dev.sis.image.ImageFormat::lossy);
                if (parts.length != 2 || format.isEmpty() || given.containsKey(format.get())
                        || !parts[1].strip().matches("\\d{1,3}")) {
                    return null;
                }
                int q = Integer.parseInt(parts[1].strip());
                if (q < 1 || q > 100) {
                    return null;
                }
                given.put(format.get(), q);
            }
            java.util.Map<dev.sis.image.ImageFormat, Integer> all = new java.util.EnumMap<>(dev.sis.config.FormatQualities.DEFAULTS);
            all.putAll(given);
            return java.util.Map.copyOf(all);
        });
    }

    /** {@code --preset}'s list ({@link PresetList}): repeated flags add up instead of replacing. */
    static ValueType<java.util.List<dev.sis.config.Preset>> presets() {
        return new ValueType<>() {
            @Override
            public String accepted() {
                return PresetList.ACCEPTED;
            }

            @Override
            public java.util.List<dev.sis.config.Preset> parse(String raw) {
                return PresetList.parse(raw);
            }

            @Override
            public String repeatSeparator() {
                return PresetList.SEPARATOR;
            }
        };
    }

    /** Non-empty text without whitespace or control characters (a host name, a path). */
    static ValueType<String> word(String accepted) {
        return of(accepted, raw -> raw.isEmpty() || raw.codePoints()
                .anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)) ? null : raw);
    }

    /** Non-empty text; only control characters are refused (a path may contain spaces). */
    static ValueType<String> text(String accepted) {
        return of(accepted, raw -> raw.isEmpty() || raw.codePoints().anyMatch(Character::isISOControl) ? null : raw);
    }

    /** Text without control characters (a path may contain spaces); empty means none. */
    static ValueType<Optional<String>> optionalText(String accepted) {
        ValueType<String> text = text(accepted);
        return of(accepted + ", or empty for the default", raw -> raw.isEmpty() ? Optional.empty() : Optional.of(text.parse(raw)));
    }

    /**
     * A comma-separated list of variant sizes {@code WxH}, either side may be left out
     * ({@code 300x}, {@code x200}) but not both; empty for none.
     */
    static ValueType<java.util.Set<String>> sizes() {
        Pattern size = Pattern.compile("([1-9][0-9]{0,6})?x([1-9][0-9]{0,6})?");
        return of("sizes like 300x200,100x100 (a side may be left out: 300x), or empty for any size", raw -> {
            java.util.Set<String> sizes = new java.util.TreeSet<>();
            if (raw.isEmpty()) {
                return sizes;
            }
            for (String item : raw.split(",", -1)) {
                Matcher m = size.matcher(item);
                if (!m.matches() || m.group(1) == null && m.group(2) == null) {
                    return null;
                }
                sizes.add(item);
            }
            return sizes;
        });
    }

    /** {@code *}, or a comma-separated list of web origins like {@code https://example.com}; empty for none. */
    static ValueType<java.util.Set<String>> origins() {
        Pattern origin = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");
        return of("* or origins like https://example.com,http://localhost:8080, or empty for none", raw -> {
            java.util.Set<String> origins = new java.util.TreeSet<>();
            if (raw.isEmpty()) {
                return origins;
            }
            for (String item : raw.split(",", -1)) {
                if (!item.equals("*") && !origin.matcher(item).matches()) {
                    return null;
                }
                origins.add(item);
            }
            return origins;
        });
    }

    /** A store location, {@code file:/path} or {@code s3://bucket/prefix}; empty means none. */
    static ValueType<Optional<dev.sis.config.StoreLocation>> optionalStore() {
        return new ValueType<>() {
            @Override
            public String accepted() {
                return "file:/path or s3://bucket/prefix, or empty for -image's directory";
            }

            @Override
            public Optional<dev.sis.config.StoreLocation> parse(String raw) {
                return raw.isEmpty() ? Optional.empty() : Optional.of(location(false).parse(raw));
            }
        };
    }

    /** A store location, {@code file:/path}, {@code s3://bucket/prefix} or, when allowed, {@code sis2:/path}. */
    static ValueType<dev.sis.config.StoreLocation> location(boolean allowSis2) {
        return new ValueType<>() {
            @Override
            public String accepted() {
                return allowSis2 ? "sis2:/path, file:/path or s3://bucket/prefix" : "file:/path or s3://bucket/prefix";
            }

            @Override
            public dev.sis.config.StoreLocation parse(String raw) {
                if (!allowSis2 && raw.startsWith("sis2:")) {
                    throw new InvalidValueException("must be " + accepted() + " (sis2: is a source only)");
                }
                try {
                    return dev.sis.config.StoreLocation.parse(raw, allowSis2);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValueException(e.getMessage());
                }
            }
        };
    }

    /** An AWS region name such as {@code eu-west-1}; empty means the SDK's default. */
    static ValueType<Optional<String>> optionalRegion() {
        Pattern region = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
        return of("a region name like eu-west-1, or empty for the default",
                raw -> raw.isEmpty() ? Optional.empty() : region.matcher(raw).matches() ? Optional.of(raw) : null);
    }

    /** An {@code http} or {@code https} base URL with a host; empty means none. */
    static ValueType<Optional<String>> optionalUrl() {
        ValueType<String> url = url();
        return of("an http or https URL with a host, like http://10.0.0.5:4444, or empty for none",
                raw -> raw.isEmpty() ? Optional.empty() : Optional.of(url.parse(raw)));
    }

    static ValueType<String> url() {
        return of("an http or https URL with a host, like http://10.0.0.5:4444", raw -> {
            try {
                URI uri = new URI(raw);
                boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                return http && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                        ? raw : null;
            } catch (URISyntaxException e) {
                return null;
            }
        });
    }

    /** {@code on}, {@code off}, or the path of a file to append to, in a folder that exists. */
    static ValueType<dev.sis.config.AccessLogTarget> accessLog() {
        ValueType<dev.sis.config.AccessLogTarget> words = of("on, off or a file's path",
                raw -> raw.isBlank() ? null : dev.sis.config.AccessLogTarget.parse(raw));
        return new ValueType<>() {
            @Override
            public String accepted() {
                return words.accepted();
            }

            @Override
            public dev.sis.config.AccessLogTarget parse(String raw) {
                dev.sis.config.AccessLogTarget target = words.parse(raw);
                if (target instanceof dev.sis.config.AccessLogTarget.ToFile(java.nio.file.Path file)) {
                    java.nio.file.Path folder = file.toAbsolutePath().getParent();
                    if (java.nio.file.Files.isDirectory(file)) {
                        throw new InvalidValueException("is a folder; name a file in it, like " + file.resolve("access.log"));
                    }
                    if (folder == null || !java.nio.file.Files.isDirectory(folder)) {
                        throw new InvalidValueException("must be a file in a folder that exists; " + folder
                                + " does not");
                    }
                }
                return target;
            }
        };
    }

    /** IP addresses and blocks ({@code 10.0.0.0/8}), comma-separated; empty for none. */
    static ValueType<dev.sis.config.TrustedProxies> trustedProxies() {
        return new ValueType<>() {
            @Override
            public String accepted() {
                return "IP addresses or blocks like 10.0.0.0/8,127.0.0.1,::1, or empty for none";
            }

            @Override
            public dev.sis.config.TrustedProxies parse(String raw) {
                try {
                    return dev.sis.config.TrustedProxies.parse(raw);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValueException("must be " + accepted() + "; " + e.getMessage());
                }
            }
        };
    }

    /** A type whose {@code parse} returns {@code null} for "not accepted". */
    private static <T> ValueType<T> of(String accepted, Function<String, T> parse) {
        return new ValueType<>() {
            @Override
            public String accepted() {
                return accepted;
            }

            @Override
            public T parse(String raw) {
                T value = parse.apply(raw);
                if (value == null) {
                    throw new InvalidValueException("must be " + accepted);
                }
                return value;
            }
        };
    }

    private static BigInteger digits(String raw, String regex) {
        return raw.matches(regex) ? new BigInteger(raw) : null;
    }

    private static boolean within(BigInteger n, long min, long max) {
        return n.compareTo(BigInteger.valueOf(min)) >= 0 && n.compareTo(BigInteger.valueOf(max)) <= 0;
    }

    private static String bytesText(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return bytes == 1 ? "1 byte" : bytes + " bytes";
    }

    private static String pixelsText(long pixels) {
        return pixels % 1_000_000 == 0 ? pixels / 1_000_000 + "MP" : pixels == 1 ? "1 pixel" : pixels + " pixels";
    }

    private static String durationText(Duration d) {
        return d.toMillis() % 3_600_000 == 0 ? d.toHours() + "h"
                : d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
