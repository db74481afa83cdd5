package org.vidssl.core.retrieval;

/**
 * Strategy that computes one block of dot products between query rows and database rows. The pure
 * Java {@link JavaDotProductBlock} is the reference; a GEMM-backed one (DJL) can be plugged into
 * {@link KnnSearch} without touching the selection and metric code.
 */
public interface DotProductBlock {

    /**
     * Writes {@code out[i * (dbEnd - dbStart) + j] = queries[qStart + i] . database[dbStart + j]}
     * for every i in [0, qEnd - qStart) and j in [0, dbEnd - dbStart). All rows have the same length.
     * Must be safe to call from several threads at once unless {@link #threadSafe()} says otherwise.
     */
    void compute(float[][] queries, int qStart, int qEnd, float[][] database, int dbStart, int dbEnd, float[] out);

    /** Query rows per block this strategy works best with. */
    default int queryBlock() {
        return 256;
    }

    /** Database rows per block this strategy works best with (bounds the memory of one block). */
    default int databaseBlock() {
        return 256;
    }

    /** False when calls must not overlap (KnnSearch then runs the blocks one after another). */
    default boolean threadSafe() {
        return true;
    }
}
