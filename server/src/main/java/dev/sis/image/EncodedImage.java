package dev.sis.image;

/** An encoded variant: its bytes and their format. The array is not modified after creation. */
public record EncodedImage(byte[] bytes, ImageFormat format) {
}
