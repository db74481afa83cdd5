package org.vidssl.core.retrieval;

/**
 * Pure Java dot-product block. The database block is transposed into a thread-local buffer
 * (dimension-major) so that the inner loop is a plain {@code acc[j] += q * row[j]} over contiguous
 * floats, which the JIT vectorises; four query rows share each loaded database value.
 * Every dot product sums its terms in dimension order 0, 1, 2, ... whatever the block position, so
 * equal vectors give bit-identical results (needed for deterministic ties).
 */
public final class JavaDotProductBlock implements DotProductBlock {

    private static final int QUERY_ROWS = 4;
    private static final int DIM_CHUNK = 128;

    private final ThreadLocal<float[]> transposed = ThreadLocal.withInitial(() -> new float[0]);

    @Override
    public void compute(
            float[][] queries, int qStart, int qEnd, float[][] database, int dbStart, int dbEnd, float[] out) {
        int cols = dbEnd - dbStart;
        int rows = qEnd - qStart;
        if (rows <= 0 || cols <= 0) {
            return;
        }
        int dim = database[dbStart].length;
        float[] t = transpose(database, dbStart, cols, dim);
        java.util.Arrays.fill(out, 0, rows * cols, 0f);
        // dimension chunks keep the transposed slice and the output block in L2 while every query
        // group passes over them; the sum order per pair stays 0, 1, 2, ...
        for (int k0 = 0; k0 < dim; k0 += DIM_CHUNK) {
            int k1 = Math.min(dim, k0 + DIM_CHUNK);
            int i = 0;
            for (; i + QUERY_ROWS <= rows; i += QUERY_ROWS) {
                float[] q0 = queries[qStart + i];
                float[] q1 = queries[qStart + i + 1];
                float[] q2 = queries[qStart + i + 2];
                float[] q3 = queries[qStart + i + 3];
                int o0 = i * cols;
                int o1 = o0 + cols;
                int o2 = o1 + cols;
                int o3 = o2 + cols;
                for (int k = k0; k < k1; k++) {
                    float a0 = q0[k];
                    float a1 = q1[k];
                    float a2 = q2[k];
                    float a3 = q3[k];
                    int tk = k * cols;
                    for (int j = 0; j < cols; j++) {
                        float d = t[tk + j];
                        out[o0 + j] += a0 * d;
                        out[o1 + j] += a1 * d;
                        out[o2 + j] += a2 * d;
                        out[o3 + j] += a3 * d;
                    }
                }
            }
            for (; i < rows; i++) {
                float[] q = queries[qStart + i];
                int o = i * cols;
                for (int k = k0; k < k1; k++) {
                    float a = q[k];
                    int tk = k * cols;
                    for (int j = 0; j < cols; j++) {
                        out[o + j] += a * t[tk + j];
                    }
                }
            }
        }
    }

    private float[] transpose(float[][] database, int dbStart, int cols, int dim) {
        float[] t = transposed.get();
        if (t.length < cols * dim) {
            t = new float[cols * dim];
            transposed.set(t);
        }
        for (int j = 0; j < cols; j++) {
            float[] row = database[dbStart + j];
            for (int k = 0; k < dim; k++) {
                t[k * cols + j] = row[k];
            }
        }
        return t;
    }
}
