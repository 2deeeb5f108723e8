package dev.sis.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few libvips functions sis needs, bound with the FFM API (no Java dependency): thumbnail from
 * a source (with shrink-on-load: a JPEG is decoded at 1/2, 1/4 or 1/8 by its DCT when that is
 * still larger than the target), crop, save to a buffer, the error buffer, and GLib's
 * {@code g_free} / {@code g_object_unref}. Every call stops at its deadline ({@link VipsDeadlines}).
 *
 * <p>Design note, memory safety: every call allocates its arguments in a confined arena that is
 * closed when it returns, copies the result into a Java array, and releases what libvips made —
 * each {@code VipsImage} with {@code g_object_unref}, each output buffer with {@code g_free} — in
 * {@code finally} blocks, on every path. No native pointer leaves this class. Each image sis holds
 * is in a {@link VipsImageRef}: a step replaces the image it holds (releasing the old one only
 * once the new one is made), and the holder is closed once, so a step that fails in the middle of
 * a chain (a decode on bad input, a passed deadline) neither releases an image twice nor leaks one. libvips' operation
 * cache is turned off (it would keep decoded images), each operation runs on one thread (the
 * server already runs one decode per core), and loaders that libvips marks untrusted are blocked.
 *
 * <p>Thread-safe (libvips is, once initialised; before 8.15.4 only with {@link VipsIdleWorkers}
 * keeping its idle threads from their racy exit, started here with the library). The error buffer
 * is process-wide, so a message may mix two failures that happened at once; it is only logged,
 * never shown to a client.
 */
final class LibVips {
    /** libvips 8's shared library, as Debian's {@code libvips42} installs it. */
    static final String LIBRARY = "libvips.so.42";
    /** libvips' {@code VipsSize}: exactly the given width and height. */
    private static final int SIZE_FORCE = 3;
    /** libvips' {@code VipsInterpretation} for sRGB: grey becomes three equal 8-bit channels. */
    private static final int INTERPRETATION_SRGB = 22;
    /** libvips' {@code VIPS_FORMAT_UCHAR} and {@code VIPS_BLEND_MODE_OVER}. */
    private static final int FORMAT_UCHAR = 0;
    private static final int BLEND_MODE_OVER = 2;
    /** libvips' {@code VipsInteresting} for its attention measure (edges, skin tones, saturation). */
    private static final int INTERESTING_ATTENTION = 3;
    /**
     * Metadata libvips would otherwise write: 8.14's WebP saver writes EXIF despite {@code strip},
     * rebuilt from the {@code exif-*} fields, so those go too.
     */
    private static final String[] METADATA = {"exif-data", "xmp-data", "iptc-data", "icc-profile-data"};

    private final MethodHandle thumbnailSource;
    private final MethodHandle extractArea;
    private final MethodHandle smartcrop;
    private final MethodHandle copy;
    private final MethodHandle colourspace;
    private final MethodHandle imageRemove;
    private final MethodHandle getFields;
    private final MethodHandle gStrfreev;
    private final MethodHandle writeToBuffer;
    private final MethodHandle errorBufferCopy;
    private final MethodHandle gFree;
    private final MethodHandle gObjectUnref;
    private final MethodHandle newFromMemoryCopy;
    private final MethodHandle composite2;
    private final MethodHandle extractBand;
    private final MethodHandle imageGetBands;
    private final MethodHandle copyAs;
    private final VipsOps ops;
    private final VipsFrames frames;
    private final String version;
    private final VipsDeadlines deadlines;
    /**
     * Images sis holds a reference to right now: counted up when libvips hands one over, down when
     * it is released. Tests read it as a delta to show that every path releases each image once.
     */
    private final AtomicLong liveImages = new AtomicLong();

    /** A libvips failure; the message comes from its error buffer. */
    static final class VipsException extends Exception {
        VipsException(String message) {
            super(message);
        }
    }

    private LibVips(SymbolLookup lib, Linker linker, String version) throws ReflectiveOperationException {
        this.version = version;
        this.deadlines = new VipsDeadlines(lib, linker);
        // int vips_thumbnail_source(VipsSource *source, VipsImage **out, int width, ...)
        // called as (..., "height", int, "size", int, "option_string", char *, "export_profile", char *, NULL)
        this.thumbnailSource = linker.downcallHandle(find(lib, "vips_thumbnail_source"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT,
                        ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                Linker.Option.firstVariadicArg(3));
        // gchar **vips_image_get_fields(VipsImage *image), freed with g_strfreev
        this.getFields = linker.downcallHandle(find(lib, "vips_image_get_fields"),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        this.gStrfreev = linker.downcallHandle(find(lib, "g_strfreev"), FunctionDescriptor.ofVoid(ADDRESS));
        // int vips_colourspace(VipsImage *in, VipsImage **out, VipsInterpretation space, ...)
        this.colourspace = linker.downcallHandle(find(lib, "vips_colourspace"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(3));
        // int vips_copy(VipsImage *in, VipsImage **out, ...)
        this.copy = linker.downcallHandle(find(lib, "vips_copy"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), Linker.Option.firstVariadicArg(2));
        // gboolean vips_image_remove(VipsImage *image, const char *name)
        this.imageRemove = linker.downcallHandle(find(lib, "vips_image_remove"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        // int vips_extract_area(VipsImage *in, VipsImage **out, int left, int top, int width, int height, ...)
        this.extractArea = linker.downcallHandle(find(lib, "vips_extract_area"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(6));
        // int vips_smartcrop(VipsImage *in, VipsImage **out, int width, int height, ...), called as
        // (..., "interesting", VIPS_INTERESTING_ATTENTION, NULL)
        this.smartcrop = linker.downcallHandle(find(lib, "vips_smartcrop"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(4));
        // int vips_image_write_to_buffer(VipsImage *in, const char *suffix, void **buf, size_t *size, ...)
        this.writeToBuffer = linker.downcallHandle(find(lib, "vips_image_write_to_buffer"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                Linker.Option.firstVariadicArg(4));
        // char *vips_error_buffer_copy(void): the text, copied and cleared under libvips' lock; g_free it
        this.errorBufferCopy = linker.downcallHandle(find(lib, "vips_error_buffer_copy"), FunctionDescriptor.of(ADDRESS));
        this.gFree = linker.downcallHandle(find(lib, "g_free"), FunctionDescriptor.ofVoid(ADDRESS));
        this.gObjectUnref = linker.downcallHandle(find(lib, "g_object_unref"), FunctionDescriptor.ofVoid(ADDRESS));
        // VipsImage *vips_image_new_from_memory_copy(const void *data, size_t size, int width, int height,
        //                                            int bands, VipsBandFormat format)
        this.newFromMemoryCopy = linker.downcallHandle(find(lib, "vips_image_new_from_memory_copy"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        // int vips_composite2(VipsImage *base, VipsImage *overlay, VipsImage **out, VipsBlendMode mode, ...)
        // called as (..., "x", int, "y", int, NULL)
        this.composite2 = linker.downcallHandle(find(lib, "vips_composite2"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT,
                        ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), Linker.Option.firstVariadicArg(4));
        // int vips_extract_band(VipsImage *in, VipsImage **out, int band, ...), called as (..., "n", int, NULL)
        this.extractBand = linker.downcallHandle(find(lib, "vips_extract_band"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(3));
        // vips_copy called as (in, out, "interpretation", VipsInterpretation, NULL): pixels from memory are
        // "multiband" until told they are sRGB
        this.copyAs = linker.downcallHandle(find(lib, "vips_copy"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS),
                Linker.Option.firstVariadicArg(2));
        // int vips_image_get_bands(const VipsImage *image)
        this.imageGetBands = linker.downcallHandle(find(lib, "vips_image_get_bands"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        this.ops = new VipsOps(lib, linker);
        this.frames = new VipsFrames(lib, linker, this, ops);
    }

    /**
     * Loads and initialises libvips 8 ({@link #LIBRARY}), or says why it cannot.
     *
     * @return the library, or empty with {@code why} filled in
     */
    static Optional<LibVips> load(StringBuilder why) {
        return load(LIBRARY, why);
    }

    /**
     * As {@link #load(StringBuilder)}, from the library {@code name} (tests try a missing one).
     * Each name is loaded once per JVM and shared by every engine in it: libvips is initialised
     * once and its settings are process-wide, and {@code vips_shutdown} cannot be undone, so a
     * server that stops leaves it loaded for the next one rather than loading it again.
     */
    static Optional<LibVips> load(String name, StringBuilder why) {
        Loaded loaded = LOADED.computeIfAbsent(name, LibVips::loadOnce);
        why.append(loaded.why());
        return loaded.library();
    }

    /** A library, or why it cannot be loaded. */
    private record Loaded(Optional<LibVips> library, String why) {
    }

    private static final ConcurrentHashMap<String, Loaded> LOADED = new ConcurrentHashMap<>();

    private static Loaded loadOnce(String name) {
        StringBuilder why = new StringBuilder();
        return new Loaded(initialise(name, why), why.toString());
    }

    private static Optional<LibVips> initialise(String name, StringBuilder why) {
        try {
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup(name, Arena.global());
            MethodHandle init = linker.downcallHandle(find(lib, "vips_init"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
            if ((int) init.invokeExact(Arena.global().allocateFrom("sis")) != 0) {
                why.append("vips_init failed");
                return Optional.empty();
            }
            MethodHandle cacheSetMax = linker.downcallHandle(find(lib, "vips_cache_set_max"),
                    FunctionDescriptor.ofVoid(JAVA_INT));
            cacheSetMax.invokeExact(0);
            MethodHandle concurrency = linker.downcallHandle(find(lib, "vips_concurrency_set"),
                    FunctionDescriptor.ofVoid(JAVA_INT));
            concurrency.invokeExact(1);
            Optional<MemorySegment> blockUntrusted = lib.find("vips_block_untrusted_set");
            if (blockUntrusted.isPresent()) {
                MethodHandle block = linker.downcallHandle(blockUntrusted.get(), FunctionDescriptor.ofVoid(JAVA_INT));
                block.invokeExact(1);
            }
            MethodHandle versionString = linker.downcallHandle(find(lib, "vips_version_string"),
                    FunctionDescriptor.of(ADDRESS));
            String version = ((MemorySegment) versionString.invokeExact()).reinterpret(64).getString(0);
            LibVips vips = new LibVips(lib, linker, version);
            VipsIdleWorkers.keepIfAffected(lib, linker, version);
            return Optional.of(vips);
        } catch (Throwable e) {
            why.append(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return Optional.empty();
        }
    }

    /** libvips' version, e.g. {@code 8.14.1}. */
    String version() {
        return version;
    }

    /**
     * Straight RGBA pixels laid over the variant ({@code VIPS_BLEND_MODE_OVER}) with their top
     * left corner at ({@code x}, {@code y}): the watermark, already resized and at its opacity.
     */
    record Overlay(byte[] rgba, int x, int y, int width, int height) {
    }

    /**
     * Decodes the job's source shrinking on load to its load size, turns it upright (EXIF),
     * converts it to sRGB (with its embedded profile, if any), runs its steps (crop, rotate, flip,
     * resize, the window of a cover — where libvips' attention measure puts it when smart — or the
     * pad, blur, sharpen), lays its overlay over it, drops every piece of metadata, and saves it as
     * its save suffix. With {@link VipsJob#allPages()}, every frame of an animation is loaded
     * ({@code n=-1}) and scaled, the other steps are run on each frame alone, and the frames'
     * delays and loop count go to the saver (an animated WebP).
     *
     * <p>Once the job's deadline has passed, the call stops early and fails, or returns what the
     * decoder had (a JPEG ends as if truncated); the caller checks the deadline again.
     *
     * @throws VipsException when libvips cannot read the source or write the result, or stopped
     */
    byte[] thumbnail(VipsJob job) throws VipsException {
        try (Arena arena = Arena.ofConfined();
             VipsDeadlines.Input input = deadlines.open(job.source(), job.deadline())) {
            MemorySegment vipsSource = deadlines.newSource(arena, input);
            try {
                return thumbnail(arena, vipsSource, input, job);
            } finally {
                gObjectUnref.invokeExact(vipsSource); // a source, not an image: not counted
            }
        } catch (VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("calling libvips failed", e);
        }
    }

    private byte[] thumbnail(Arena arena, MemorySegment source, VipsDeadlines.Input input, VipsJob job)
            throws Throwable {
        VipsSteps steps = job.steps();
        boolean allPages = job.allPages();
        MemorySegment out = arena.allocate(ADDRESS);
        out.set(ADDRESS, 0, MemorySegment.NULL);
        String pages = allPages ? "n=-1" : "";
        MemorySegment loadOptions = arena.allocateFrom(job.failOnTruncated() ? "fail_on=truncated" + (allPages ? "," + pages : "") : pages);
        MemorySegment exportProfile = job.hasProfile() ? arena.allocateFrom("srgb") : MemorySegment.NULL;
        int failed = (int) thumbnailSource.invokeExact(source, out, job.loadWidth(),
                arena.allocateFrom("height"), job.loadHeight(), arena.allocateFrom("size"), SIZE_FORCE,
                // thumbnail's own fail_on does not reach the loader in 8.14; its options do
                arena.allocateFrom("option_string"), loadOptions, arena.allocateFrom("export_profile"), exportProfile,
                MemorySegment.NULL);
        if (failed != 0) {
            throw failure("decoding");
        }
        try (VipsImageRef image = new VipsImageRef(this, received(out.get(ADDRESS, 0)))) {
            if (allPages) {
                // the frames stand one above the other: each is stepped alone, then joined again
                frames.eachFrame(arena, image, steps, job.overlay());
            } else {
                stepped(arena, image, steps, job.overlay());
            }
            // A copy of its own, whose metadata can be removed without touching shared images.
            image.replace(arena, "copying", (shared, bare) -> (int) copy.invokeExact(shared, bare, MemorySegment.NULL));
            removeMetadata(arena, image.get());
            deadlines.stopWhenPassed(arena, image.get(), input);
            return save(arena, image.get(), job.saveSuffix());
        }
    }

    /**
     * What a still image (or one frame of an animation) goes through between loading and saving:
     * the region, turn, mirror and resize, the window of a cover, sRGB, the pad and the effects,
     * then the overlay, each replacing the image {@code image} holds.
     */
    void stepped(Arena arena, VipsImageRef image, VipsSteps steps, Overlay overlay) throws Throwable {
        ops.beforeResize(arena, image, steps);
        window(arena, image, steps);
        srgb(arena, image);
        ops.afterResize(arena, image, steps);
        if (overlay != null) {
            composite(arena, image, overlay);
        }
    }

    /**
     * The {@code steps.width() × steps.height()} window of a cover, where the gravity puts it (for
     * {@code smart}, where libvips' attention measure puts it); the image itself when it is no larger.
     */
    private void window(Arena arena, VipsImageRef image, VipsSteps steps) throws Throwable {
        int scaledWidth = ops.width(image.get());
        int scaledHeight = ops.height(image.get());
        int cropWidth = Math.min(steps.width(), scaledWidth);
        int cropHeight = Math.min(steps.height(), scaledHeight);
        if (cropWidth == scaledWidth && cropHeight == scaledHeight) {
            return;
        }
        if (steps.smart()) {
            // attention reads the image in any order; the loader reads it once, in order
            ops.inMemory(arena, image);
        }
        int left = steps.left() < 0 ? (scaledWidth - cropWidth) / 2 : Math.min(steps.left(), scaledWidth - cropWidth);
        int top = steps.top() < 0 ? (scaledHeight - cropHeight) / 2 : Math.min(steps.top(), scaledHeight - cropHeight);
        if (steps.smart()) {
            image.replace(arena, "cropping by attention", (whole, cropped) -> (int) smartcrop.invokeExact(whole,
                    cropped, cropWidth, cropHeight, arena.allocateFrom("interesting"),
                    INTERESTING_ATTENTION, MemorySegment.NULL));
        } else {
            image.replace(arena, "cropping", (whole, cropped) -> (int) extractArea.invokeExact(whole, cropped,
                    left, top, cropWidth, cropHeight, MemorySegment.NULL));
        }
    }

    /** Grey (8 or 16 bits) as 8-bit RGB, as the pure-Java engine writes it; sRGB stays as it is. */
    void srgb(Arena arena, VipsImageRef image) throws Throwable {
        image.replace(arena, "converting to sRGB",
                (in, srgb) -> (int) colourspace.invokeExact(in, srgb, INTERPRETATION_SRGB, MemorySegment.NULL));
    }

    /**
     * Lays {@code overlay} over the sRGB {@code image}; an image without alpha stays without (the
     * composite adds an opaque alpha band, dropped again), as the pure-Java engine keeps it.
     */
    private void composite(Arena arena, VipsImageRef image, Overlay overlay) throws Throwable {
        int bands = (int) imageGetBands.invokeExact(image.get());
        try (VipsImageRef mark = rgba(arena, overlay.rgba(), overlay.width(), overlay.height())) {
            mark.replace(arena, "reading the watermark", (in, out) -> (int) copyAs.invokeExact(in, out,
                    arena.allocateFrom("interpretation"), INTERPRETATION_SRGB, MemorySegment.NULL));
            MemorySegment srgbMark = mark.get();
            image.replace(arena, "compositing the watermark", (base, out) -> (int) composite2.invokeExact(base, srgbMark,
                    out, BLEND_MODE_OVER, arena.allocateFrom("x"), overlay.x(), arena.allocateFrom("y"), overlay.y(),
                    MemorySegment.NULL));
        }
        if (bands == 3) {
            image.replace(arena, "dropping the alpha band", (withAlpha, out) -> (int) extractBand.invokeExact(withAlpha,
                    out, 0, arena.allocateFrom("n"), 3, MemorySegment.NULL));
        }
    }

    /** A new image of {@code width × height} straight RGBA pixels (libvips calls it multiband, not yet sRGB). */
    VipsImageRef rgba(Arena arena, byte[] rgba, int width, int height) throws Throwable {
        MemorySegment pixels = arena.allocateFrom(JAVA_BYTE, rgba);
        MemorySegment raw = (MemorySegment) newFromMemoryCopy.invokeExact(pixels, (long) rgba.length,
                width, height, 4, FORMAT_UCHAR);
        if (raw.equals(MemorySegment.NULL)) {
            throw failure("making an image from pixels");
        }
        return new VipsImageRef(this, received(raw));
    }

    /** A libvips operation writing the image it makes to {@code out}; returns 0 on success. */
    interface Operation {
        int apply(MemorySegment out) throws Throwable;
    }

    /**
     * The image {@code operation} makes, counted as live; the caller holds it (in a
     * {@link VipsImageRef}, which is the only caller). On failure, throws and nothing was made.
     */
    MemorySegment made(Arena arena, String action, Operation operation) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        out.set(ADDRESS, 0, MemorySegment.NULL);
        if (operation.apply(out) != 0) {
            throw failure(action);
        }
        return received(out.get(ADDRESS, 0));
    }

    private byte[] save(Arena arena, MemorySegment image, String saveSuffix) throws Throwable {
        MemorySegment buffer = arena.allocate(ADDRESS);
        MemorySegment length = arena.allocate(JAVA_LONG);
        buffer.set(ADDRESS, 0, MemorySegment.NULL);
        int failed = (int) writeToBuffer.invokeExact(image, arena.allocateFrom(saveSuffix), buffer, length,
                MemorySegment.NULL);
        MemorySegment bytes = buffer.get(ADDRESS, 0);
        try {
            if (failed != 0) {
                throw failure("encoding");
            }
            return bytes.reinterpret(length.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
        } finally {
            if (!bytes.equals(MemorySegment.NULL)) {
                gFree.invokeExact(bytes);
            }
        }
    }

    private void removeMetadata(Arena arena, MemorySegment image) throws Throwable {
        MemorySegment fields = ((MemorySegment) getFields.invokeExact(image)).reinterpret(Long.MAX_VALUE);
        try {
            for (long i = 0; ; i++) {
                MemorySegment field = fields.getAtIndex(ADDRESS, i);
                if (field.equals(MemorySegment.NULL)) {
                    break;
                }
                String name = field.reinterpret(256).getString(0);
                if (name.startsWith("exif-") || java.util.Arrays.asList(METADATA).contains(name)) {
                    int removedOrAbsent = (int) imageRemove.invokeExact(image, arena.allocateFrom(name));
                }
            }
        } finally {
            gStrfreev.invokeExact(fields);
        }
    }

    void unref(MemorySegment image) throws Throwable {
        if (!image.equals(MemorySegment.NULL)) {
            liveImages.decrementAndGet();
            gObjectUnref.invokeExact(image);
        }
    }

    /** Counts {@code image}, a reference libvips has just handed to sis, as live; returns it. */
    MemorySegment received(MemorySegment image) {
        if (!image.equals(MemorySegment.NULL)) {
            liveImages.incrementAndGet();
        }
        return image;
    }

    /** How many image references sis holds now (see {@link #liveImages}). */
    long liveImages() {
        return liveImages.get();
    }

    /**
     * The error buffer's text, as an exception; the buffer is cleared. Copied and cleared in one
     * call under libvips' lock: reading the shared buffer in place would race with other threads'
     * failures appending to it and clearing it.
     */
    VipsException failure(String action) throws Throwable {
        MemorySegment copy = (MemorySegment) errorBufferCopy.invokeExact();
        String message;
        try {
            message = copy.equals(MemorySegment.NULL) ? "" : copy.reinterpret(Integer.MAX_VALUE).getString(0).strip();
        } finally {
            gFree.invokeExact(copy);
        }
        return new VipsException("libvips failed " + action + (message.isEmpty() ? "" : ": " + message));
    }

    static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalStateException("libvips has no " + name));
    }
}
