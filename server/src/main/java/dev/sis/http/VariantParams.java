package dev.sis.http;

import dev.sis.config.ImageLimits;
import dev.sis.config.Preset;
import dev.sis.config.VariantFeatures;
import dev.sis.errors.ForbiddenException;
import dev.sis.errors.InvalidInputException;
import dev.sis.client.Fit;
import dev.sis.image.Gravity;
import dev.sis.image.ImageFormat;
import dev.sis.image.Transform;
import dev.sis.image.VariantSpec;
import dev.sis.image.Watermark;
import dev.sis.image.WatermarkSpec;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
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
public final class VariantParams {
    /** Smallest and largest side of a legacy stretch, as sis 2.0 allowed them. */
    static final int LEGACY_MIN_SIDE = 5;
    static final int LEGACY_MAX_SIDE = 1_048_576;

    /** The {@code format} value that asks for negotiation by {@code Accept} ({@link AcceptedFormats}). */
    static final String AUTO = "auto";

    private final ImageLimits limits;
    private final List<ImageFormat> autoOffers;
    private final VariantFeatures features;

    /** @param autoOffers what {@code format=auto} may choose besides the source's format, best first */
    VariantParams(ImageLimits limits, List<ImageFormat> autoOffers) {
        this(limits, autoOffers, VariantFeatures.none());
    }

    /** @param features the presets {@code preset=} names, and whether only they are made */
    VariantParams(ImageLimits limits, List<ImageFormat> autoOffers, VariantFeatures features) {
        this.limits = limits;
        this.autoOffers = List.copyOf(autoOffers);
        this.features = features;
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
        String wm = query.apply(WM);
        boolean transformed = TransformParams.anyGiven(query);
        Gravity gravity = gravity(query.apply("gravity"), query.apply("fp"));
        boolean cover = fit != null && fit(fit) == Fit.COVER;
        if (w == null && h == null && format == null && q == null && wm == null && !transformed) {
            if (fit != null) {
                fit(fit);
            }
            return Optional.empty();
        }
        double dpr = TransformParams.dpr(query.apply("dpr"));
        // auto resolves here, so the spec (and the variant id, cache and store keys) names
        // the concrete format; null (the source's) when nothing offered is accepted
        ImageFormat chosen = format == null ? null
                : AUTO.equals(format) ? AcceptedFormats.choose(accept, autoOffers) : format(format);
        VariantSpec spec = new VariantSpec(
                w == null ? 0 : side("w", w, dpr),
                h == null ? 0 : side("h", h, dpr),
                fit == null ? Fit.CONTAIN : fit(fit),
                chosen,
                // no q: the chosen format's own default (--quality), so the id names the q used
                q == null ? limits.defaultQuality(chosen) : quality(q))
                // /v1's cover crops around the image's focal point when it has one: gravity=auto
                .withGravity(cover && gravity == null ? Gravity.of(Gravity.Kind.AUTO) : gravity)
                .withWatermark(watermark(wm));
        return Optional.of(transformed ? withTransform(spec, query, dpr, w != null || h != null) : spec);
    }

    /** The spec with /v1's geometry and effects ({@link TransformParams}), checked against each other. */
    private static VariantSpec withTransform(VariantSpec spec, Function<String, String> query, double dpr,
                                             boolean sized) {
        if (dpr != 1 && !sized) {
            throw new InvalidInputException("dpr multiplies w and h: give w or h with it");
        }
        Transform transform = TransformParams.parse(query);
        if (transform.background() != null && spec.fit() != Fit.PAD) {
            throw new InvalidInputException("bg is the padding colour: it applies only with fit=pad");
        }
        return spec.withTransform(transform);
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

    private int side(String name, String value, double dpr) {
        int side = integer(value, 1, limits.maxDimension());
        if (side < 0) {
            throw new InvalidInputException(name + " must be an integer from 1 to " + limits.maxDimension());
        }
        long scaled = Math.round(side * dpr);
        if (scaled > limits.maxDimension()) {
            throw new InvalidInputException(name + " × dpr is " + scaled + ", over this server's limit of "
                    + limits.maxDimension() + " pixels a side");
        }
        return (int) scaled;
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

    // ---- presets (--preset, ?preset=) ----

    /** The presets and watermark this parser reads requests against. */
    VariantFeatures features() {
        return features;
    }

    /** The query parameter that names a preset. */
    static final String PRESET = "preset";

    /**
     * A /v1 request's variant: its preset's when it names one ({@code preset=}, beside which no
     * other variant parameter may be given: a preset names the whole variant), else its own
     * parameters' ({@link #parse}), which {@code --presets-only} refuses.
     *
     * @return the variant, or empty when the original is wanted
     * @throws InvalidInputException naming the bad parameter, or the unknown preset
     * @throws ForbiddenException    when only presets are made and none is named
     */
    Optional<VariantSpec> request(Function<String, String> query, String accept) {
        String name = query.apply(PRESET);
        if (name == null) {
            Optional<VariantSpec> own = parse(query, accept);
            if (own.isPresent() && features.presetsOnly()) {
                throw new ForbiddenException("this server makes only its presets (" + presetNames()
                        + "): ask for one with ?preset=name");
            }
            return own;
        }
        Preset preset = features.preset(name).orElseThrow(() -> new InvalidInputException(features.presets().isEmpty()
                ? "preset: this server has no presets" : "preset must be one of " + presetNames()));
        return parse(presetQuery(preset, query), accept);
    }

    /** Whether the variant {@code query} asks for may differ by {@code Accept} ({@code format=auto}, also in a preset). */
    boolean varies(Function<String, String> query) {
        String name = query.apply(PRESET);
        return name == null ? negotiated(query)
                : features.preset(name).map(p -> AUTO.equals(p.parameters().get("format"))).orElse(false);
    }

    /** The preset's parameters, refusing any the request gives beside it. */
    private static Function<String, String> presetQuery(Preset preset, Function<String, String> query) {
        return key -> {
            if (query.apply(key) != null) {
                throw new InvalidInputException("preset= cannot be combined with " + key
                        + "=: the preset " + preset.name() + " names the whole variant");
            }
            return preset.parameters().get(key);
        };
    }

    private String presetNames() {
        return features.presets().stream().map(Preset::name).collect(Collectors.joining(", "));
    }

    /**
     * Checks a preset at start as a request would be read: every key must be a parameter this
     * parser reads (so whatever parameter the parser learns, presets learn too), every value
     * valid, and together they must name a variant.
     *
     * @throws InvalidInputException saying what is wrong
     */
    public static void checkPreset(Preset preset, ImageLimits limits, Watermark watermark) {
        Set<String> read = new HashSet<>();
        VariantFeatures features = new VariantFeatures(List.of(), false, watermark, false);
        Optional<VariantSpec> spec = new VariantParams(limits, List.of(), features).parse(key -> {
            read.add(key);
            return preset.parameters().get(key);
        }, null);
        for (String key : preset.parameters().keySet()) {
            if (!read.contains(key)) {
                throw new InvalidInputException("has no variant parameter " + key + " (a preset takes what a /v1 URL takes)");
            }
        }
        if (spec.isEmpty()) {
            throw new InvalidInputException("names no variant; give at least one of w, h, format, q, wm");
        }
    }

    // ---- watermark (--watermark, wm=) ----

    /** The query parameter that asks for the watermark: {@code wm=opacity[,position[,scale]]}. */
    static final String WM = "wm";
    /** What {@code --watermark-all} puts on a variant whose request says no {@code wm=}. */
    static final int ALL_OPACITY = 50;
    static final WatermarkSpec.Position DEFAULT_POSITION = WatermarkSpec.Position.SOUTHEAST;
    static final int DEFAULT_SCALE = 25;

    /**
     * The watermark {@code wm} asks for: opacity 0..1, position (a compass name or center,
     * default southeast), scale 0.01..1 of the variant's width (default 0.25), each with at most two
     * decimals. {@code wm=0} is no watermark, refused when every variant carries one.
     *
     * @return the spec, or null for none
     */
    private WatermarkSpec watermark(String wm) {
        Watermark file = features.watermark();
        if (wm == null) {
            return features.watermarkAll()
                    ? new WatermarkSpec(ALL_OPACITY, DEFAULT_POSITION, DEFAULT_SCALE, file.hash()) : null;
        }
        if (file == null) {
            throw new InvalidInputException("wm: this server has no watermark (see --watermark)");
        }
        String[] parts = wm.split(",", -1);
        if (parts.length > 3) {
            throw new InvalidInputException("wm must be opacity[,position[,scale]], like wm=0.5,southeast,0.25");
        }
        int opacity = percent("wm's opacity", parts[0], 0);
        if (opacity == 0) {
            if (features.watermarkAll()) {
                throw new InvalidInputException("wm=0: every variant on this server carries the watermark; "
                        + "give an opacity from 0.01 to 1");
            }
            return null;
        }
        WatermarkSpec.Position position = parts.length < 2 ? DEFAULT_POSITION
                : WatermarkSpec.Position.fromUrlName(parts[1]).orElseThrow(() -> new InvalidInputException(
                        "wm's position must be one of " + Arrays.stream(WatermarkSpec.Position.values())
                                .map(WatermarkSpec.Position::urlName).collect(Collectors.joining(", "))));
        int scale = parts.length < 3 ? DEFAULT_SCALE : percent("wm's scale", parts[2], 1);
        return new WatermarkSpec(opacity, position, scale, file.hash());
    }

    /** A fraction from {@code min}/100 to 1 with at most two decimals, as a whole per cent. */
    private static int percent(String name, String value, int min) {
        if (value.matches("(0|1)(\\.\\d{1,2})?|\\.\\d{1,2}")) {
            int percent = new BigDecimal(value).movePointRight(2).intValue();
            if (percent >= min && percent <= 100) {
                return percent;
            }
        }
        throw new InvalidInputException(name + " must be a number from " + (min == 0 ? "0" : "0.01")
                + " to 1 with at most two decimals");
    }
}
