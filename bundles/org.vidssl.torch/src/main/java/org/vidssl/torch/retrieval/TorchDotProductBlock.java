package org.vidssl.torch.retrieval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.vidssl.core.retrieval.DotProductBlock;
import org.vidssl.torch.engine.GradMode;
import org.vidssl.torch.engine.TorchRuntime;

/**
 * Dot-product blocks as one LibTorch GEMM each (DJL {@code matMul}, on the CPU or a GPU), for
 * {@link org.vidssl.core.retrieval.KnnSearch}: the search keeps its blocked walk, partial top-k selection,
 * distances and tie order; only the products come from here.
 * <p>
 * Memory: one query block and one database block live as tensors at a time (the query block is kept
 * while the search walks the whole database with it, so it is converted once), plus the score block.
 * The defaults (4,096 query rows x 2,048 database rows) hold about 0.25 GB for 9,216-d features;
 * {@link #forDimension} picks smaller blocks for wider features. Not thread-safe: LibTorch already
 * spreads one GEMM over its intra-op threads, so the search runs the blocks one after another.
 * <p>
 * Ties: a GEMM may sum the terms of a dot product in an order that depends on where the pair sits in
 * the block (edge tiles, K splitting across threads), unlike {@link org.vidssl.core.retrieval.JavaDotProductBlock},
 * which always sums in dimension order. Scores can therefore differ from the Java ones in the last bits
 * (so near-ties between different vectors may be ordered differently), and two exactly equal database
 * vectors could get different scores. The latter is corrected here: exactly equal database rows form a
 * group, and every member gets the score the first computed member got (for the current query block),
 * so equal vectors always tie and the search orders them by index, as the Java block does.
 * Results are deterministic for a given machine, thread count and block size. Euclidean distances come
 * from {@code |a|^2 + |b|^2 - 2 a.b} (KnnSearch), so with GEMM sums a vector's distance to its own copy
 * is a small positive number (about sqrt(1e-7 |a|^2)) rather than exactly 0; cosine distances are not
 * affected that way.
 * <p>
 * Typical use: {@code try (TorchDotProductBlock dots = new TorchDotProductBlock(device)) { new KnnSearch(distance,
 * threads, dots).search(queries, database, k, progress); }} (the search's threads then share the top-k
 * selection of each block while the GEMMs run one after another).
 */
public final class TorchDotProductBlock implements DotProductBlock, AutoCloseable {

    /** Default query rows per block (the UCF101 test split, 3,783 videos, fits in one). */
    public static final int DEFAULT_QUERY_BLOCK = 4096;
    /** Default database rows per block. */
    public static final int DEFAULT_DATABASE_BLOCK = 2048;
    /** Bytes {@link #forDimension} lets the query, database and score blocks take together. */
    public static final long DEFAULT_BUDGET_BYTES = 320L << 20;

    private final NDManager manager;
    private final int queryBlock;
    private final int databaseBlock;

    private ByteBuffer queryStaging = ByteBuffer.allocateDirect(0);
    private ByteBuffer databaseStaging = ByteBuffer.allocateDirect(0);

    /** The converted query block: which rows of which array it holds. */
    private NDArray cachedQueries;

    private float[][] cachedQuerySource;
    private int cachedQStart = -1;
    private int cachedQEnd = -1;

    /** Duplicate groups of the last database seen, and group scores kept for the current query block. */
    private DuplicateGroups groups;

    private final Map<Integer, float[]> groupScores = new HashMap<>();

    /** Default block sizes on {@code device}. */
    public TorchDotProductBlock(Device device) {
        this(device, DEFAULT_QUERY_BLOCK, DEFAULT_DATABASE_BLOCK);
    }

    public TorchDotProductBlock(Device device, int queryBlock, int databaseBlock) {
        if (queryBlock < 1 || databaseBlock < 1) {
            throw new IllegalArgumentException("Block sizes must be at least 1 row, got " + queryBlock + " query and "
                    + databaseBlock + " database rows.");
        }
        this.queryBlock = queryBlock;
        this.databaseBlock = databaseBlock;
        this.manager = TorchRuntime.engine().newBaseManager(device);
    }

    /**
     * Blocks sized so that the query, database and score blocks of {@code dimension}-wide vectors take
     * about {@code budgetBytes} together (two thirds for queries, the rest for database and scores).
     */
    public static TorchDotProductBlock forDimension(Device device, int dimension, long budgetBytes) {
        if (dimension < 1) {
            throw new IllegalArgumentException("Dimension must be at least 1, got " + dimension + ".");
        }
        long queryRows = Math.max(4, Math.min(DEFAULT_QUERY_BLOCK, budgetBytes * 2 / 3 / (4L * dimension)));
        // a database row costs its values plus one score per query row
        long databaseRows =
                Math.max(16, Math.min(DEFAULT_DATABASE_BLOCK, budgetBytes / 3 / (4L * (dimension + queryRows))));
        return new TorchDotProductBlock(device, (int) queryRows, (int) databaseRows);
    }

    public Device device() {
        return manager.getDevice();
    }

    @Override
    public int queryBlock() {
        return queryBlock;
    }

    @Override
    public int databaseBlock() {
        return databaseBlock;
    }

    @Override
    public boolean threadSafe() {
        return false;
    }

    @Override
    public void compute(
            float[][] queries, int qStart, int qEnd, float[][] database, int dbStart, int dbEnd, float[] out) {
        int rows = qEnd - qStart;
        int cols = dbEnd - dbStart;
        if (rows <= 0 || cols <= 0) {
            return;
        }
        int dim = queries[qStart].length;
        if (database[dbStart].length != dim) {
            throw new IllegalArgumentException("Query rows have " + dim + " values but database rows have "
                    + database[dbStart].length + ": both must come from the same encoder and feature type.");
        }
        // the search may call from any of its threads; no autograd history for the products
        try (GradMode off = GradMode.disabled();
                NDManager scope = manager.newSubManager()) {
            NDArray q = queryTensor(queries, qStart, qEnd, dim);
            databaseStaging = fill(databaseStaging, database, dbStart, dbEnd, dim);
            NDArray d = scope.create(databaseStaging, new Shape(cols, dim), DataType.FLOAT32);
            NDArray scores = q.matMul(d.transpose());
            scores.attach(scope);
            NDArray host = scores.getDevice().equals(Device.cpu()) ? scores : scores.toDevice(Device.cpu(), false);
            FloatBuffer values =
                    host.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
            values.get(out, 0, rows * cols);
        }
        equalizeDuplicates(database, dbStart, dbEnd, rows, out);
    }

    /** The query block as a tensor; converted only when the block changes. */
    private NDArray queryTensor(float[][] queries, int qStart, int qEnd, int dim) {
        if (cachedQueries != null && cachedQuerySource == queries && cachedQStart == qStart && cachedQEnd == qEnd) {
            return cachedQueries;
        }
        releaseQueries();
        queryStaging = fill(queryStaging, queries, qStart, qEnd, dim);
        cachedQueries = manager.create(queryStaging, new Shape(qEnd - qStart, dim), DataType.FLOAT32);
        cachedQuerySource = queries;
        cachedQStart = qStart;
        cachedQEnd = qEnd;
        return cachedQueries;
    }

    /**
     * Copies rows into a reused native buffer (grown when needed). The tensor made from it may share
     * its memory (PyTorch's from_blob on the CPU), so it is refilled only after that tensor is closed.
     */
    private static ByteBuffer fill(ByteBuffer staging, float[][] rows, int start, int end, int dim) {
        long bytes = 4L * dim * (end - start);
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "A block of " + (end - start) + " rows x " + dim + " values exceeds 2 GB: use smaller blocks.");
        }
        ByteBuffer buffer = staging.capacity() >= bytes ? staging : ByteBuffer.allocateDirect((int) bytes);
        buffer.clear().order(ByteOrder.nativeOrder());
        FloatBuffer floats = buffer.asFloatBuffer();
        for (int r = start; r < end; r++) {
            float[] row = rows[r];
            if (row.length != dim) {
                throw new IllegalArgumentException(
                        "Row " + r + " has " + row.length + " values, expected " + dim + ".");
            }
            floats.put(row);
        }
        buffer.limit((int) bytes);
        return buffer;
    }

    /** Gives exactly equal database rows one score per query row (see the class comment). */
    private void equalizeDuplicates(float[][] database, int dbStart, int dbEnd, int rows, float[] out) {
        if (groups == null || !groups.isFor(database)) {
            groups = DuplicateGroups.of(database);
            groupScores.clear();
        }
        if (groups.isEmpty()) {
            return;
        }
        if (dbStart == 0) {
            groupScores.clear(); // a new walk over the database (a new query block): old scores do not apply
        }
        int cols = dbEnd - dbStart;
        for (int j = 0; j < cols; j++) {
            int group = groups.groupOf(dbStart + j);
            if (group < 0) {
                continue;
            }
            float[] kept = groupScores.get(group);
            if (kept == null || kept.length != rows) {
                kept = new float[rows];
                for (int i = 0; i < rows; i++) {
                    kept[i] = out[i * cols + j];
                }
                groupScores.put(group, kept);
            } else {
                for (int i = 0; i < rows; i++) {
                    out[i * cols + j] = kept[i];
                }
            }
        }
    }

    private void releaseQueries() {
        if (cachedQueries != null) {
            cachedQueries.close();
            cachedQueries = null;
            cachedQuerySource = null;
        }
    }

    /** Frees the tensors and the native staging buffers' references. */
    @Override
    public void close() {
        releaseQueries();
        groupScores.clear();
        groups = null;
        queryStaging = ByteBuffer.allocateDirect(0);
        databaseStaging = ByteBuffer.allocateDirect(0);
        manager.close();
    }

    /** Rows of a database that are exactly equal to another row; each such set is a group. */
    static final class DuplicateGroups {
        private final float[][] source;
        private final int rows;
        /** group id of each row, -1 for rows without an equal partner */
        private final int[] groupOf;

        private final boolean empty;

        private DuplicateGroups(float[][] source, int[] groupOf, boolean empty) {
            this.source = source;
            this.rows = source.length;
            this.groupOf = groupOf;
            this.empty = empty;
        }

        static DuplicateGroups of(float[][] database) {
            Map<Integer, int[]> firstByHash =
                    new HashMap<>(); // hash -> rows with that hash seen so far (first ones of their content)
            int[] groupOf = new int[database.length];
            Arrays.fill(groupOf, -1);
            int groups = 0;
            for (int r = 0; r < database.length; r++) {
                int h = Arrays.hashCode(database[r]);
                int[] candidates = firstByHash.get(h);
                int match = -1;
                if (candidates != null) {
                    for (int c : candidates) {
                        if (Arrays.equals(database[c], database[r])) {
                            match = c;
                            break;
                        }
                    }
                }
                if (match < 0) {
                    firstByHash.put(h, candidates == null ? new int[] {r} : append(candidates, r));
                } else {
                    if (groupOf[match] < 0) {
                        groupOf[match] = groups++;
                    }
                    groupOf[r] = groupOf[match];
                }
            }
            return new DuplicateGroups(database, groupOf, groups == 0);
        }

        private static int[] append(int[] a, int v) {
            int[] b = Arrays.copyOf(a, a.length + 1);
            b[a.length] = v;
            return b;
        }

        /**
         * True when built from this very array (same object and length; rows are not expected to change during a
         * search).
         */
        boolean isFor(float[][] database) {
            return source == database && rows == database.length;
        }

        boolean isEmpty() {
            return empty;
        }

        int groupOf(int row) {
            return groupOf[row];
        }
    }
}
