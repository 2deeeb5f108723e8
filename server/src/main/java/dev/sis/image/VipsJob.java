package dev.sis.image;

/**
 * Everything one libvips call needs to make a variant ({@link LibVips#thumbnail(VipsJob)}): the
 * source file, the size it is loaded at, the steps after loading, how to read and write it, what
 * is laid over it and when it must stop. One record rather than ten arguments, so that a new
 * step is one new component, named where the job is built.
 *
 * @param source          the whole file
 * @param loadWidth       the width libvips loads (and shrinks) the source at, before the steps
 * @param loadHeight      the height it loads it at (one frame's, for an animation)
 * @param steps           crop, rotate, flip, resize, centre crop or pad, blur, sharpen
 * @param failOnTruncated refuse a truncated source, rather than decode what there is
 * @param hasProfile      the source embeds an ICC profile, to convert with (without one, the
 *                        pixels are taken as sRGB, unconverted)
 * @param allPages        every frame of an animation is loaded ({@code n=-1}), stepped one by
 *                        one, and saved with its delays and loop count
 * @param saveSuffix      a libvips format string such as {@code .jpg[Q=85,strip]}
 * @param overlay         laid over the result (the watermark), or null
 * @param deadline        when the call stops early and fails
 */
record VipsJob(byte[] source, int loadWidth, int loadHeight, VipsSteps steps, boolean failOnTruncated,
               boolean hasProfile, boolean allPages, String saveSuffix, LibVips.Overlay overlay, Deadline deadline) {

    /** The whole of a still {@code source}, scaled to {@code width × height}, nothing else done. */
    static VipsJob whole(byte[] source, int width, int height, String saveSuffix, Deadline deadline) {
        return new VipsJob(source, width, height, VipsSteps.centre(width, height), true, false, false, saveSuffix,
                null, deadline);
    }
}
