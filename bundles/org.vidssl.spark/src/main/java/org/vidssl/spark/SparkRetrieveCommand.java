package org.vidssl.spark;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.retrieval.TopKAccuracy;
import org.vidssl.core.settings.DeviceSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vidssl spark retrieve}: {@code vidssl retrieve} as a Spark job (see {@link SparkRetrieval}). */
@Command(
        name = "retrieve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Retrieve on Spark: test videos query train videos, exact top-k, as vidssl retrieve does.",
            "Prints the top-k accuracy table; writes the neighbours (Parquet) and the table (CSV) when asked."
        })
final class SparkRetrieveCommand implements Callable<Integer> {

    /** Schema of OUTPUT/accuracy. */
    static final StructType ACCURACY = new StructType()
            .add("k", DataTypes.IntegerType)
            .add("accuracy_percent", DataTypes.DoubleType)
            .add("correct", DataTypes.IntegerType)
            .add("queries", DataTypes.IntegerType);

    @Spec
    CommandSpec spec;

    @Mixin
    VidsslSpark.MasterOption master;

    @Option(
            names = "--embeddings",
            paramLabel = "LOCATION",
            description = "Embeddings of both splits: the extract job's Parquet output, or a vidssl extract PREFIX.")
    String embeddings;

    @Option(names = "--train", paramLabel = "LOCATION", description = "Database embeddings (instead of --embeddings).")
    String train;

    @Option(names = "--test", paramLabel = "LOCATION", description = "Query embeddings (instead of --embeddings).")
    String test;

    @Option(
            names = "--distance",
            defaultValue = "cosine",
            description = "cosine or euclidean. Default: ${DEFAULT-VALUE}.")
    String distance;

    @Option(names = "--ks", defaultValue = "1,5,10,20,50", description = "k values. Default: ${DEFAULT-VALUE}.")
    String ks;

    @Option(
            names = "--neighbours",
            paramLabel = "DIR",
            description = "Parquet folder of every query's nearest train videos (up to the largest k; replaced).")
    String neighbours;

    @Option(
            names = "--accuracy",
            paramLabel = "DIR",
            description = "CSV folder of the top-k accuracy table (replaced).")
    String accuracy;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            description = DeviceSpec.SYNTAX + " on every executor. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "PyTorch threads per executor; 0 = PyTorch's default. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--query-chunk", description = "Query rows per task (whole blocks of 4096). Default: 16384.")
    Integer queryChunk;

    @Option(names = "--database-chunk", description = "Database rows per task (whole blocks of 2048). Default: 32768.")
    Integer databaseChunk;

    @Override
    public Integer call() throws Exception {
        if ((embeddings == null) == (train == null || test == null)
                || (embeddings != null && (train != null || test != null))) {
            throw new IllegalArgumentException("Give either --embeddings (both splits) or both --train and --test.");
        }
        RetrievalSettings settings = new RetrievalSettings(
                        RetrievalSettings.Distance.parse(distance), RetrievalSettings.parseKs(ks))
                .validate();
        SparkRetrieval.Options d = SparkRetrieval.Options.DEFAULTS;
        SparkRetrieval.Options options = new SparkRetrieval.Options(
                device,
                threads,
                queryChunk != null ? queryChunk : d.queryChunk(),
                databaseChunk != null ? databaseChunk : d.databaseChunk());
        SparkSession spark = master.session("vidssl retrieve");
        Dataset<Row> db;
        Dataset<Row> queries;
        if (embeddings != null) {
            Dataset<Row> all = EmbeddingTable.read(spark, embeddings);
            db = EmbeddingTable.split(all, "train");
            queries = EmbeddingTable.split(all, "test");
        } else {
            db = EmbeddingTable.read(spark, train);
            queries = EmbeddingTable.read(spark, test);
        }
        long start = System.nanoTime();
        SparkRetrieval.Result r = SparkRetrieval.run(spark, db, queries, settings, options);
        if (neighbours != null) {
            r.neighbours().write().mode(SaveMode.Overwrite).parquet(neighbours);
        }
        r.neighbours().unpersist();
        if (accuracy != null) {
            spark.createDataFrame(accuracyRows(r.accuracy()), ACCURACY)
                    .coalesce(1)
                    .write()
                    .mode(SaveMode.Overwrite)
                    .option("header", true)
                    .csv(accuracy);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "%d test videos query %d train videos (%d-d, %s) in %.2f s%n",
                r.queries(),
                r.database(),
                r.dimension(),
                settings.distance().id(),
                (System.nanoTime() - start) / 1e9);
        out.print(table(r.accuracy()));
        for (String written : new String[] {neighbours, accuracy}) {
            if (written != null) {
                out.println("Wrote " + written);
            }
        }
        out.flush();
        return 0;
    }

    static List<Row> accuracyRows(TopKAccuracy acc) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < acc.ks().length; i++) {
            rows.add(RowFactory.create(acc.ks()[i], 100 * acc.accuracyAt(i), acc.correct()[i], acc.queries()));
        }
        return rows;
    }

    /** The accuracy table as vidssl retrieve prints it. */
    static String table(TopKAccuracy acc) {
        StringBuilder s =
                new StringBuilder(String.format(Locale.ROOT, "%-4s %-20s %s%n", "k", "top-k accuracy (%)", "queries"));
        for (int i = 0; i < acc.ks().length; i++) {
            s.append(String.format(
                    Locale.ROOT,
                    "%-4d %-20.1f %s%n",
                    acc.ks()[i],
                    100 * acc.accuracyAt(i),
                    acc.correct()[i] + "/" + acc.queries()));
        }
        return s.toString();
    }
}
