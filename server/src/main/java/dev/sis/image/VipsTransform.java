package dev.sis.image;

/** Which {@link Transform} operations the libvips engine runs itself; the rest go to the java engine. */
final class VipsTransform {
    private VipsTransform() {
    }

    static boolean handles(Transform transform) {
        return transform.equals(Transform.NONE);
    }
}
