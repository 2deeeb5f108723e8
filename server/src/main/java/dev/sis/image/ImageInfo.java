package dev.sis.image;

/**
 * What an image's header says, read without decoding its pixels.
 *
 * @param format the format recognised from the magic number
 * @param width  width in pixels as displayed (after the EXIF orientation; a GIF's canvas)
 * @param height height in pixels as displayed
 * @param frames number of frames (1 unless counted for an animated format)
 */
public record ImageInfo(ImageFormat format, int width, int height, int frames) {
    public long pixels() {
        return (long) width * height;
    }
}
