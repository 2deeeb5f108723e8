package dev.sis.migrate;

import dev.sis.model.Md5;
import dev.sis.storage.VariantKey;

/**
 * One analysis sidecar found beside an original in a sis store ({@code service.Analyses}: the
 * analysis made after upload or a corrected generation): where it is (for messages), the image's
 * MD5, its key among the image's variants, its size, and how to read it.
 */
record SourceAnalysis(String where, Md5 md5, VariantKey key, long size, SourceFile.Opener opener) {
}
