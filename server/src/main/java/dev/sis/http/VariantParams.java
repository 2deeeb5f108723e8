package dev.sis.http;

import dev.sis.config.ImageLimits;
import dev.sis.errors.InvalidInputException;
import dev.sis.image.Fit;
import dev.sis.image.ImageFormat;
import dev.sis.image.VariantSpec;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Parses /v1 variant parameters ({@code w h fit format q}) into a {@link VariantSpec}. */
final class VariantParams {
    private final ImageLimits limits;

    VariantParams(ImageLimits limits) {
        this.limits = limits;
    }

    /**
     * @return the variant asked for, or empty when none of {@code w h format q} is given (the
     *         original is wanted)
     * @throws InvalidInputException naming the bad parameter
     */
    Optional<VariantSpec> parse(Context ctx) {
        String w = ctx.queryParam("w");
        String h = ctx.queryParam("h");
        String format = ctx.queryParam("format");
        String q = ctx.queryParam("q");
        String fit = ctx.queryParam("fit");
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
                format == null ? null : format(format),
                q == null ? VariantSpec.DEFAULT_QUALITY : quality(q)));
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
        return Fit.fromUrlName(value).orElseThrow(() -> new InvalidInputException(
                "fit must be one of " + Arrays.stream(Fit.values()).map(Fit::urlName).collect(Collectors.joining(", "))));
    }

    private static ImageFormat format(String value) {
        return ImageFormat.fromUrlName(value).filter(ImageFormat::writable).orElseThrow(() -> new InvalidInputException(
                "format must be one of " + Arrays.stream(ImageFormat.values()).filter(ImageFormat::writable)
                        .map(ImageFormat::urlName).collect(Collectors.joining(", "))));
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
