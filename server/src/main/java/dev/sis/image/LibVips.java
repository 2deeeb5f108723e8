package dev.sis.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
 * {@code finally} blocks, on every path. No native pointer leaves this class. libvips' operation
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
    private final MethodHandle copyMemory;
    private final MethodHandle copy;
    private final MethodHandle colourspace;
    private final MethodHandle imageRemove;
    private final MethodHandle getFields;
    private final MethodHandle gStrfreev;
    private final MethodHandle writeToBuffer;
    private final MethodHandle errorBufferCopy;
    private final MethodHandle gFree;
    private final MethodHandle gObjectUnref;
    private final String version;
    private final VipsDeadlines deadlines;

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
        // VipsImage *vips_image_copy_memory(VipsImage *image): the pixels computed into memory
        this.copyMemory = linker.downcallHandle(find(lib, "vips_image_copy_memory"),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        // int vips_image_write_to_buffer(VipsImage *in, const char *suffix, void **buf, size_t *size, ...)
        this.writeToBuffer = linker.downcallHandle(find(lib, "vips_image_write_to_buffer"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS),
                Linker.Option.firstVariadicArg(4));
        // char *vips_error_buffer_copy(void): the text, copied and cleared under libvips' lock; g_free it
        this.errorBufferCopy = linker.downcallHandle(find(lib, "vips_error_buffer_copy"), FunctionDescriptor.of(ADDRESS));
        this.gFree = linker.downcallHandle(find(lib, "g_free"), FunctionDescriptor.ofVoid(ADDRESS));
        this.gObjectUnref = linker.downcallHandle(find(lib, "g_object_unref"), FunctionDescriptor.ofVoid(ADDRESS));
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
     * Decodes {@code source} shrinking on load, turns it upright (EXIF), converts it to sRGB
     * (with its embedded profile, if any), scales it to exactly {@code width × height}, keeps the
     * {@code cropWidth × cropHeight} window at {@code cropLeft, cropTop} (or, when
     * {@code smartCrop}, where libvips' attention measure puts it), drops every piece of metadata, and saves it as
     * {@code saveSuffix} (a libvips format string such as {@code .jpg[Q=85,strip]}).
     *
     * <p>Once {@code deadline} has passed, the call stops early and fails, or returns what the
     * decoder had (a JPEG ends as if truncated); the caller checks the deadline again.
     *
     * @param failOnTruncated refuse a truncated source, rather than decode what there is
     * @param hasProfile      the source embeds an ICC profile, to convert with (without one, the
     *                        pixels are taken as sRGB, unconverted)
     * @throws VipsException when libvips cannot read the source or write the result, or stopped
     */
    byte[] thumbnail(byte[] source, int width, int height, int cropWidth, int cropHeight, int cropLeft, int cropTop,
                     boolean smartCrop, boolean failOnTruncated, boolean hasProfile, String saveSuffix,
                     Deadline deadline) throws VipsException {
        try (Arena arena = Arena.ofConfined();
             VipsDeadlines.Input input = deadlines.open(source, deadline)) {
            MemorySegment vipsSource = deadlines.newSource(arena, input);
            try {
                return thumbnail(arena, vipsSource, input, width, height,
                        new Window(cropWidth, cropHeight, cropLeft, cropTop, smartCrop), failOnTruncated,
                        hasProfile, saveSuffix);
            } finally {
                unref(vipsSource);
            }
        } catch (VipsException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("calling libvips failed", e);
        }
    }

    /** The part of the scaled image kept: at {@code left, top}, or where attention puts it when {@code smart}. */
    private record Window(int width, int height, int left, int top, boolean smart) {
    }

    private byte[] thumbnail(Arena arena, MemorySegment source, VipsDeadlines.Input input, int width, int height,
                             Window window, boolean failOnTruncated, boolean hasProfile,
                             String saveSuffix) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        out.set(ADDRESS, 0, MemorySegment.NULL);
        MemorySegment loadOptions = arena.allocateFrom(failOnTruncated ? "fail_on=truncated" : "");
        MemorySegment exportProfile = hasProfile ? arena.allocateFrom("srgb") : MemorySegment.NULL;
        int failed = (int) thumbnailSource.invokeExact(source, out, width,
                arena.allocateFrom("height"), height, arena.allocateFrom("size"), SIZE_FORCE,
                // thumbnail's own fail_on does not reach the loader in 8.14; its options do
                arena.allocateFrom("option_string"), loadOptions, arena.allocateFrom("export_profile"), exportProfile,
                MemorySegment.NULL);
        if (failed != 0) {
            throw failure("decoding");
        }
        MemorySegment image = out.get(ADDRESS, 0);
        try {
            if (window.width() != width || window.height() != height) {
                if (window.smart()) {
                    // attention reads the image in any order; the loader reads it once, in order
                    image = inMemory(image);
                }
                MemorySegment whole = image;
                image = window.smart()
                        ? replace(arena, image, "cropping by attention", cropped -> (int) smartcrop.invokeExact(whole,
                                cropped, window.width(), window.height(), arena.allocateFrom("interesting"),
                                INTERESTING_ATTENTION, MemorySegment.NULL))
                        : replace(arena, image, "cropping", cropped -> (int) extractArea.invokeExact(whole, cropped,
                                window.left(), window.top(), window.width(), window.height(), MemorySegment.NULL));
            }
            // Grey (8 or 16 bits) as 8-bit RGB, as the pure-Java engine writes it; sRGB stays as it is.
            MemorySegment scaled = image;
            image = replace(arena, image, "converting to sRGB",
                    srgb -> (int) colourspace.invokeExact(scaled, srgb, INTERPRETATION_SRGB, MemorySegment.NULL));
            // A copy of its own, whose metadata can be removed without touching shared images.
            MemorySegment shared = image;
            image = replace(arena, image, "copying", bare -> (int) copy.invokeExact(shared, bare, MemorySegment.NULL));
            removeMetadata(arena, image);
            deadlines.stopWhenPassed(arena, image, input);
            return save(arena, image, saveSuffix);
        } finally {
            unref(image);
        }
    }

    /**
     * The image computed into memory (the scaled size the plan counted); releases {@code image}.
     *
     * @throws VipsException when computing it fails
     */
    private MemorySegment inMemory(MemorySegment image) throws Throwable {
        MemorySegment copied = (MemorySegment) copyMemory.invokeExact(image);
        if (copied.equals(MemorySegment.NULL)) {
            throw failure("computing the scaled image");
        }
        unref(image);
        return copied;
    }

    /** A libvips operation writing the image it makes to {@code out}; returns 0 on success. */
    private interface Operation {
        int apply(MemorySegment out) throws Throwable;
    }

    /**
     * Runs {@code operation} on {@code image}: on success, releases {@code image} and returns the
     * new image; on failure, throws and leaves {@code image} to the caller to release.
     */
    private MemorySegment replace(Arena arena, MemorySegment image, String action, Operation operation) throws Throwable {
        MemorySegment out = arena.allocate(ADDRESS);
        out.set(ADDRESS, 0, MemorySegment.NULL);
        if (operation.apply(out) != 0) {
            throw failure(action);
        }
        MemorySegment made = out.get(ADDRESS, 0);
        unref(image);
        return made;
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

    private void unref(MemorySegment object) throws Throwable {
        if (!object.equals(MemorySegment.NULL)) {
            gObjectUnref.invokeExact(object);
        }
    }

    /**
     * The error buffer's text, as an exception; the buffer is cleared. Copied and cleared in one
     * call under libvips' lock: reading the shared buffer in place would race with other threads'
     * failures appending to it and clearing it.
     */
    private VipsException failure(String action) throws Throwable {
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
