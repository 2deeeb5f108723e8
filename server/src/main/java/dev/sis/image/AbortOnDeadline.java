package dev.sis.image;

import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;

/**
 * Aborts a reader once the deadline has passed. ImageIO's readers report progress as rows are
 * decoded and check for an abort between rows, so a decode stops within a few rows of the
 * deadline; the caller then checks the deadline and fails the request.
 */
final class AbortOnDeadline implements IIOReadProgressListener {
    private final Deadline deadline;

    AbortOnDeadline(Deadline deadline) {
        this.deadline = deadline;
    }

    @Override
    public void imageProgress(ImageReader source, float percentageDone) {
        if (deadline.passed()) {
            source.abort();
        }
    }

    @Override
    public void imageStarted(ImageReader source, int imageIndex) {
        imageProgress(source, 0);
    }

    @Override
    public void sequenceStarted(ImageReader source, int minIndex) {
    }

    @Override
    public void sequenceComplete(ImageReader source) {
    }

    @Override
    public void imageComplete(ImageReader source) {
    }

    @Override
    public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
    }

    @Override
    public void thumbnailProgress(ImageReader source, float percentageDone) {
    }

    @Override
    public void thumbnailComplete(ImageReader source) {
    }

    @Override
    public void readAborted(ImageReader source) {
    }
}
