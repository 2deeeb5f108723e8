package dev.sis.http;

import dev.sis.config.ImageLimits;
import dev.sis.errors.InvalidInputException;
import dev.sis.client.Fit;
import dev.sis.image.Gravity;
import dev.sis.image.ImageFormat;
import dev.sis.image.VariantSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Parses variant parameters into a {@link VariantSpec}: /v1's ({@code w h fit format q}) and the
 * legacy stretch's ({@code w h}). The one parser for the routes and {@link CachedReads}: each
 * hands it its own way to look a parameter up (Javalin's context, Jetty's query fields), and
 * CachedReads takes any refusal as "let the routes answer".
 */
final class VariantParams {
    /** Smallest and largest side of a legacy stretch, as sis 2.0 allowed them. */
    static final int LEGACY_MIN_SIDE = 5;
    static final int LEGACY_MAX_SIDE = 1_048_576;

    /** The {@code format} value that asks for negotiation by {@code Accept} ({@link AcceptedFormats}). */
    static final String AUTO = "auto";

    private final ImageLimits limits;
    private final List<ImageFormat> autoOffers;

    /** @param autoOffers what {@code format=auto} may choose besides the source's format, best first */
    VariantParams(ImageLimits limits, List<ImageFormat> autoOffers) {
        this.limits = limits;
        this.autoOffers = List.copyOf(autoOffers);
    }

    /** Whether the answer depends on {@code Accept}, and so must say {@code Vary: Accept}. */
    static boolean negotiated(Function<String, String> query) {
        return AUTO.equals(query.apply("format"));
    }

    /**
     * @param query  a parameter's value by name, or {@code null} when it is absent
     * @param accept the request's {@code Accept} header, or {@code null}; read for {@code format=auto}
     * @return the /v1 variant asked for, or empty when none of {@code w h format q} is given
     *         (the original is wanted)
     * @throws InvalidInputException naming the bad parameter
     */
    Optional<VariantSpec> parse(Function<String, String> query, String accept) {
        String w = query.apply("w");
        String h = query.apply("h");
        String format = query.apply("format");
        String q = query.apply("q");
        String fit = query.apply("fit");
        Gravity gravity = gravity(query.apply("gravity"), query.apply("fp"));
        boolean cover = fit != null && fit(fit) == Fit.COVER;
        if (w == null && h == null && format == null && q == null) {
            if (fit != null) {
                fit(fit);
            }
            return Optional.empty();
        }
        return Optional.of(new VariantSpec(
                w == null ? 0 : side("w", w),
                h == null ? 0 : side("h", h),
                fit == null ? Fit.CONTAIN : fit(fit),
                // auto resolves here, so the spec (and the variant id, cache and store keys) names
                // the concrete format; null (the source's) when nothing offered is accepted
                format == null ? null : AUTO.equals(format) ? AcceptedFormats.choose(accept, autoOffers) : format(format),
                q == null ? VariantSpec.DEFAULT_QUALITY : quality(q),
                // /v1's cover crops around the image's focal point when it has one: gravity=auto
                cover && gravity == null ? Gravity.of(Gravity.Kind.AUTO) : gravity));
    }

    /**
     * {@code gravity} (a name) or {@code fp=x,y} (a point, each from 0 to 1), not both; null
     * when neither is given. {@code focal} and {@code auto} are resolved later, with the image's
     * stored focal point ({@code service.Analyses#resolve}).
     */
    private static Gravity gravity(String name, String point) {
        if (name != null && point != null) {
            throw new InvalidInputException("give gravity or fp, not both (fp is a gravity of its own)");
        }
        if (point != null) {
            String[] xy = point.split(",", -1);
            double x = xy.length == 2 ? fraction(xy[0]) : -1;
            double y = xy.length == 2 ? fraction(xy[1]) : -1;
            if (x < 0 || y < 0) {
                throw new InvalidInputException("fp must be x,y with each a decimal from 0 to 1, e.g. fp=0.3,0.6");
            }
            return Gravity.point(x, y);
        }
        if (name == null) {
            return null;
        }
        return Gravity.fromUrlName(name).map(Gravity::of)
                .orElseThrow(() -> new InvalidInputException("gravity must be one of " + Gravity.urlNames()));
    }

    /** A plain decimal from 0 to 1 ({@code 0}, {@code 0.25}, {@code .5}, {@code 1}), else -1. */
    private static double fraction(String value) {
        if (value.isEmpty() || value.length() > 8 || !value.matches("[0-9]*\\.?[0-9]*") || value.equals(".")) {
            return -1;
        }
        double v = Double.parseDouble(value);
        return v >= 0 && v <= 1 ? v : -1;
    }

    /**
     * The legacy {@code /stretch_simple_down} variant: {@code w} and {@code h}, each from
     * {@value #LEGACY_MIN_SIDE} to {@value #LEGACY_MAX_SIDE}.
     *
     * @throws InvalidInputException naming the bad parameter
     */
    static VariantSpec legacyStretch(Function<String, String> query) {
        return VariantSpec.legacyStretch(legacySide("w", query.apply("w")), legacySide("h", query.apply("h")));
    }

    /** Read as sis 2.0 read it: Go's Atoi, which also takes a sign. */
    private static int legacySide(String name, String value) {
        try {
            int side = Integer.parseInt(value == null ? "" : value);
            if (side >= LEGACY_MIN_SIDE && side <= LEGACY_MAX_SIDE) {
                return side;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInputException(name + " must be an integer from " + LEGACY_MIN_SIDE + " to " + LEGACY_MAX_SIDE);
    }

    private int side(String name, String value) {
        int side = integer(value, 1, limits.maxDimension());
        if (side < 0) {
            throw new InvalidInputException(name + " must be an integer from 1 to " + limits.maxDimension());
        }
        return side;
    }

    private static int quality(String value) {
        int q = integer(value, 1, 100);
        if (q < 0) {
            throw new InvalidInputException("q must be an integer from 1 to 100");
        }
        return q;
    }

    private static Fit fit(String value) {
        try {
            return Fit.fromUrlName(value);
        } catch (IllegalArgumentException unknown) {
            // The server's own wording: the client's message also repeats the value it was given.
            throw new InvalidInputException("fit must be one of "
                    + Arrays.stream(Fit.values()).map(Fit::urlName).collect(Collectors.joining(", ")));
        }
    }

    private static ImageFormat format(String value) {
        return ImageFormat.fromUrlName(value).filter(ImageFormat::writable).orElseThrow(() -> new InvalidInputException(
                "format must be one of " + Arrays.stream(ImageFormat.values()).filter(ImageFormat::writable)
                        .map(ImageFormat::urlName).collect(Collectors.joining(", ")) + ", " + AUTO));
    }

    /** The value if it is a plain decimal integer within [min, max], else -1. */
    private static int integer(String value, int min, int max) {
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int n = Integer.parseInt(value);
        return n >= min && n <= max ? n : -1;
    }
}
