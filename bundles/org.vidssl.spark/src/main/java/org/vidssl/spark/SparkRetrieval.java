package org.vidssl.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.KnnResult;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.Neighbour;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.retrieval.TopKAccuracy;
import org.vidssl.torch.engine.Devices;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.retrieval.TorchDotProductBlock;
import scala.Tuple2;

/**
 * The retrieval job: exact top-k of every query against the whole database. Queries and database are cut into
 * chunks of consecutive rows; every (query chunk, database chunk) pair is one task that runs the engine's
 * {@link KnnSearch} with the {@link TorchDotProductBlock} GEMM, exactly as {@code vidssl retrieve} does; the partial
 * top-k lists of a query chunk are merged (smaller distance, then smaller database index) and scored with core's
 * {@link TopKAccuracy}.
 * <p>
 * Same result as one machine: chunk boundaries fall on the one-machine search's block grid (query chunks are whole
 * multiples of {@link TorchDotProductBlock#DEFAULT_QUERY_BLOCK} rows, database chunks of
 * {@link TorchDotProductBlock#DEFAULT_DATABASE_BLOCK}), so every GEMM multiplies the same rows as in
 * {@code vidssl retrieve} and every distance is bit-identical (given the same PyTorch thread count); the merge keeps
 * the search's total order. One difference is possible: the GEMM block gives exactly equal database vectors one
 * score per query block, and it only sees the duplicates inside one database chunk.
 */
public final class SparkRetrieval {

    /** Schema of the neighbour table (the columns of {@code vidssl retrieve --neighbours}). */
    public static final StructType NEIGHBOURS = new StructType()
            .add("query_id", DataTypes.StringType, false)
            .add("query_class", DataTypes.StringType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("neighbour_id", DataTypes.StringType, false)
            .add("neighbour_class", DataTypes.StringType, false)
            .add("distance", DataTypes.FloatType, false)
            .add("same_class", DataTypes.BooleanType, false);

    /**
     * How the work is cut and run.
     *
     * @param device        a {@code DeviceSpec} (cpu, gpu, gpu:N) for every executor
     * @param threads       PyTorch intra-op threads per executor (0 = PyTorch's default)
     * @param queryChunk    query rows per chunk (rounded up to whole query blocks)
     * @param databaseChunk database rows per chunk (rounded up to whole database blocks)
     */
    public record Options(String device, int threads, int queryChunk, int databaseChunk) {

        public static final Options DEFAULTS = new Options(
                "cpu",
                0,
                4 * TorchDotProductBlock.DEFAULT_QUERY_BLOCK,
                16 * TorchDotProductBlock.DEFAULT_DATABASE_BLOCK);

        public Options {
            if (threads < 0 || queryChunk < 1 || databaseChunk < 1) {
                throw new IllegalArgumentException("Threads must be 0 or more and chunks at least 1 row (threads "
                        + threads
                        + ", query chunk " + queryChunk + ", database chunk " + databaseChunk + ").");
            }
            Devices.parse(device);
        }
    }

    /**
     * What a retrieval found.
     *
     * @param accuracy   top-k accuracy over all queries
     * @param queries    query count
     * @param database   database size
     * @param dimension  embedding length
     * @param neighbours one row per (query, rank), nearest first, up to the largest k
     */
    public record Result(TopKAccuracy accuracy, long queries, long database, int dimension, Dataset<Row> neighbours) {}

    private SparkRetrieval() {}

    /**
     * Every query's nearest database rows and the top-k accuracy. The neighbour table is cached: write it, then
     * unpersist it when done.
     *
     * @throws IllegalArgumentException when a side is empty or the embeddings differ in length
     */
    public static Result run(
            SparkSession spark,
            Dataset<Row> database,
            Dataset<Row> queries,
            RetrievalSettings settings,
            Options options) {
        settings.validate();
        long[] db = EmbeddingTable.countAndDimension(database);
        long[] q = EmbeddingTable.countAndDimension(queries);
        long nd = db[0];
        long nq = q[0];
        if (nd == 0 || nq == 0) {
            throw new IllegalArgumentException("Retrieval needs train and test videos, but there are " + nd
                    + " train and "
                    + nq + " test videos: extract both splits (--subset all).");
        }
        if (nd > Integer.MAX_VALUE - 1 || nq > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(
                    "At most " + (Integer.MAX_VALUE - 1) + " videos per side are supported.");
        }
        if (db[1] != db[2] || q[1] != q[2] || db[1] != q[1]) {
            throw new IllegalArgumentException("The embeddings differ in length (train " + db[1] + " to " + db[2]
                    + ", test "
                    + q[1] + " to " + q[2] + " values): extract both splits with the same encoder and feature.");
        }
        int dimension = (int) db[1];
        int keep = (int) Math.min(settings.maxK(), nd);
        int qBlock = TorchDotProductBlock.DEFAULT_QUERY_BLOCK;
        int dBlock = TorchDotProductBlock.DEFAULT_DATABASE_BLOCK;
        // one-machine KnnSearch takes all queries as one block up to qBlock rows, else blocks of qBlock rows
        int queryRows = nq <= qBlock ? (int) nq : roundUp(options.queryChunk(), qBlock);
        int databaseRows = roundUp(options.databaseChunk(), dBlock);

        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaRDD<EmbeddingChunk> dbChunks = EmbeddingChunk.of(database, nd, databaseRows);
        JavaRDD<EmbeddingChunk> qChunks = null;
        try {
            qChunks = EmbeddingChunk.of(queries, nq, queryRows);
            int[] dbClassArray = new int[(int) nd];
            String[] dbIdArray = new String[(int) nd];
            String[] dbNameArray = new String[(int) nd];
            for (Tuple2<Integer, Tuple2<int[], String[][]>> m : dbChunks.mapToPair(c ->
                            new Tuple2<>(c.first, new Tuple2<>(c.classes, new String[][] {c.videoIds, c.classNames})))
                    .collect()) {
                int first = m._1();
                System.arraycopy(m._2()._1(), 0, dbClassArray, first, m._2()._1().length);
                System.arraycopy(m._2()._2()[0], 0, dbIdArray, first, m._2()._1().length);
                System.arraycopy(m._2()._2()[1], 0, dbNameArray, first, m._2()._1().length);
            }
            Broadcast<int[]> dbClasses = sc.broadcast(dbClassArray);
            Broadcast<String[][]> dbNames = sc.broadcast(new String[][] {dbIdArray, dbNameArray});
            RetrievalSettings.Distance distance = settings.distance();
            String device = options.device();
            int threads = options.threads();
            int[] ks = settings.ks();

            JavaPairRDD<Integer, PartialTopK> partials = qChunks.cartesian(dbChunks)
                    .mapToPair(p -> new Tuple2<>(p._1().id, search(p._1(), p._2(), distance, keep, device, threads)));
            int queryChunks = (int) ((nq + queryRows - 1) / queryRows);
            JavaPairRDD<Integer, PartialTopK> merged =
                    partials.reduceByKey((a, b) -> PartialTopK.merge(a, b, keep), queryChunks);
            JavaRDD<Tuple2<int[], List<Row>>> scored = qChunks.mapToPair(c -> new Tuple2<>(c.id, c))
                    .join(merged)
                    .map(t -> score(t._2()._1(), t._2()._2(), dbClasses.value(), dbNames.value(), ks))
                    .persist(StorageLevel.MEMORY_AND_DISK());
            int[] correct = scored.map(Tuple2::_1).reduce(SparkRetrieval::sum);
            Dataset<Row> neighbours = spark.createDataFrame(scored.flatMap(t -> t._2().iterator()), NEIGHBOURS)
                    .cache();
            neighbours.count(); // materialise before the chunks are released
            scored.unpersist(false);
            return new Result(new TopKAccuracy(ks, correct, (int) nq), nq, nd, dimension, neighbours);
        } finally {
            dbChunks.unpersist(false);
            if (qChunks != null) {
                qChunks.unpersist(false);
            }
        }
    }

    /** One task: a query chunk against a database chunk, as {@code vidssl retrieve} searches. */
    static PartialTopK search(
            EmbeddingChunk queries,
            EmbeddingChunk database,
            RetrievalSettings.Distance distance,
            int keep,
            String device,
            int threads) {
        TorchRuntime.engine(new TorchRuntime.Settings(null, threads, 0));
        KnnResult local;
        try (TorchDotProductBlock dots = new TorchDotProductBlock(Devices.parse(device))) {
            local = new KnnSearch(distance, Math.max(1, threads), dots)
                    .search(queries.vectors, database.vectors, Math.min(keep, database.size()), Progress.NONE);
        }
        int[][] indices = local.indices();
        for (int[] row : indices) {
            for (int r = 0; r < row.length; r++) {
                row[r] += database.first;
            }
        }
        return new PartialTopK(indices, local.distances());
    }

    /** Correct counts per k and the neighbour rows of one query chunk. */
    private static Tuple2<int[], List<Row>> score(
            EmbeddingChunk queries, PartialTopK found, int[] dbClasses, String[][] dbNames, int[] ks) {
        KnnResult result = new KnnResult(found.indices, found.distances);
        int[] correct = TopKAccuracy.of(result, queries.classes, dbClasses, ks).correct();
        List<Row> rows = new ArrayList<>(result.queries() * result.k());
        for (Neighbour n : result.neighbours(queries.classes, dbClasses)) {
            rows.add(RowFactory.create(
                    queries.videoIds[n.query()],
                    queries.classNames[n.query()],
                    n.rank(),
                    dbNames[0][n.neighbour()],
                    dbNames[1][n.neighbour()],
                    n.distance(),
                    n.sameClass()));
        }
        return new Tuple2<>(correct, rows);
    }

    private static int[] sum(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length);
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    private static int roundUp(int rows, int block) {
        return (int) Math.min(Integer.MAX_VALUE / 2, ((long) rows + block - 1) / block * block);
    }
}
