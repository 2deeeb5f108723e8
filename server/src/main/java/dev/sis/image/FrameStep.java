package dev.sis.image;

import java.awt.image.BufferedImage;

/**
 * One step of the processing of a frame (orient → scale → flatten). A step takes a frame in
 * sis's working layout — {@code TYPE_INT_RGB}, or {@code TYPE_INT_ARGB_PRE} when it has
 * transparency — and returns one in the same layout: the same object when it has nothing to
 * do, else a new image (the input is never modified, so frames can be shared).
 */
interface FrameStep {
    BufferedImage apply(BufferedImage frame);
}
