package dev.sis.migrate;

import java.io.IOException;

/**
 * A store to migrate from, listed as the originals it holds and, from a sis store, the analysis
 * sidecars beside them (made once after upload, or corrected by hand: nothing makes them again
 * on request). Variants are not migrated: the destination makes them again on first request.
 */
interface MigrationSource {

    /** What is told for each thing found. Called from one thread. */
    interface Visitor {
        /** An original in its place. */
        void file(SourceFile file);

        /** A file under an originals folder whose place is not a valid MD5 and name. */
        void misplaced(String where, String reason);

        /** An analysis sidecar beside an image (a sis store's only; sis 2.0 kept none). */
        default void analysis(SourceAnalysis sidecar) {
        }
    }

    /** Lists every original and analysis sidecar, in no particular order. */
    void list(Visitor visitor) throws IOException;

    /** Says what the source is, for the progress output. */
    String describe();
}
