package org.vidssl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.io.AtomicFiles;
import org.vidssl.core.retrieval.KnnResult;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.Neighbour;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.retrieval.TopKAccuracy;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.retrieval.TorchDotProductBlock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** kNN Retrieval (reference retrieve_clips.py, search part): test videos query train videos. */
@Command(
        name = "retrieve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Retrieve: test videos query train videos (reference retrieve_clips.py).",
            "Prints top-k accuracy (a query counts when a same-class video is among its k nearest) and writes the"
                    + " neighbours."
        })
@SettingsFrom(RetrievalSettings.class)
final class RetrieveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--embeddings",
            paramLabel = "PREFIX",
            description = "Embeddings of both splits (PREFIX.npy + PREFIX.csv, from extract).")
    Path embeddings;

    @Option(names = "--train", paramLabel = "PREFIX", description = "Database embeddings (instead of --embeddings).")
    Path train;

    @Option(names = "--test", paramLabel = "PREFIX", description = "Query embeddings (instead of --embeddings).")
    Path test;

    @Option(names = "--distance", description = "cosine (the paper's) or euclidean. Default: ${DEFAULT-VALUE}.")
    String distance;

    @Option(names = "--ks")
    String ks;

    @Option(
            names = "--neighbours",
            paramLabel = "FILE",
            description = "CSV of every query's nearest train videos (up to the largest k).")
    Path neighbours;

    @Mixin
    ComputeOptions compute;

    @Option(
            names = "--spark",
            paramLabel = "MASTER",
            description = "Run on Apache Spark (yarn, k8s://..., spark://..., local[N]) through the Spark module's "
                    + "vidssl-spark launcher (docs/spark.md).")
    String sparkMaster;

    @Override
    public Integer call() throws Exception {
        if (sparkMaster != null) {
            return SparkLauncher.run(spec, sparkMaster);
        }
        if ((embeddings == null) == (train == null || test == null)
                || (embeddings != null && (train != null || test != null))) {
            throw new UsageError("Give either --embeddings (both splits) or both --train and --test.");
        }
        RetrievalSettings settings = new RetrievalSettings(
                        RetrievalSettings.Distance.parse(distance), RetrievalSettings.parseKs(ks))
                .validate();
        EmbeddingSet db;
        EmbeddingSet queries;
        if (embeddings != null) {
            EmbeddingSet all = read(embeddings);
            db = all.select(Split.TRAIN);
            queries = all.select(Split.TEST);
        } else {
            db = read(train);
            queries = read(test);
        }
        if (db.size() == 0 || queries.size() == 0) {
            throw new IllegalArgumentException(
                    "Retrieval needs train and test videos, but there are " + db.size() + " train and " + queries.size()
                            + " test videos: extract both splits (extract --subset all, the default).");
        }
        if (db.dimension() != queries.dimension()) {
            throw new IllegalArgumentException(
                    "The train embeddings have " + db.dimension() + " dimensions and the test embeddings "
                            + queries.dimension() + ": extract both with the same encoder and feature.");
        }
        int[] beyond = settings.ksBeyond(db.size());
        if (beyond.length > 0) {
            RetrievalSettings kept = settings.within(db.size());
            String ksText = String.join(
                    ", ",
                    java.util.Arrays.stream(beyond).mapToObj(Integer::toString).toList());
            String why = "k = " + ksText + " reaches the whole database of " + db.size() + " train videos, where top-k"
                    + " accuracy is 100% by definition";
            if (kept == null) {
                throw new UsageError(why + ": give --ks below " + db.size() + ".");
            }
            spec.commandLine()
                    .getErr()
                    .println(
                            "Warning: " + why + "; left out. Give --ks below " + db.size() + " to avoid this warning.");
            settings = kept;
        }
        int cores = compute.threads();
        TorchRuntime.engine(new TorchRuntime.Settings(null, cores, 0));
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "retrieve");
        long start = System.nanoTime();
        KnnResult result;
        try (TorchDotProductBlock dots = new TorchDotProductBlock(compute.device())) {
            result = new KnnSearch(settings.distance(), cores, dots)
                    .search(queries.vectors(), db.vectors(), Math.min(settings.maxK(), db.size()), bar);
        }
        int[] qc = queries.classIndexArray();
        int[] dc = db.classIndexArray();
        TopKAccuracy acc = TopKAccuracy.of(result, qc, dc, settings.ks());
        double seconds = (System.nanoTime() - start) / 1e9;
        bar.clear();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "%d test videos query %d train videos (%d-d, %s) in %.2f s%n",
                queries.size(),
                db.size(),
                db.dimension(),
                settings.distance().id(),
                seconds);
        Table t = new Table("k", "top-k accuracy (%)", "queries");
        for (int i = 0; i < acc.ks().length; i++) {
            t.row(
                    acc.ks()[i],
                    String.format(Locale.ROOT, "%.1f", 100 * acc.accuracyAt(i)),
                    acc.correct()[i] + "/" + acc.queries());
        }
        out.print(t);
        if (neighbours != null) {
            writeNeighbours(neighbours, result.neighbours(qc, dc), queries, db);
            out.println("Wrote " + neighbours);
        }
        out.flush();
        return 0;
    }

    private static EmbeddingSet read(Path prefix) throws IOException {
        Path csv = ExtractCommand.withSuffix(prefix, ".csv");
        Path npy = ExtractCommand.withSuffix(prefix, ".npy");
        for (Path p : new Path[] {csv, npy}) {
            if (!java.nio.file.Files.isRegularFile(p)) {
                throw new UsageError(
                        "Embeddings file " + p + " does not exist: give the PREFIX that extract --output wrote.");
            }
        }
        return EmbeddingSet.read(csv, npy);
    }

    private static void writeNeighbours(Path file, List<Neighbour> list, EmbeddingSet queries, EmbeddingSet db)
            throws IOException {
        StringBuilder s =
                new StringBuilder("query_id,query_class,rank,neighbour_id,neighbour_class,distance,same_class\n");
        for (Neighbour n : list) {
            s.append(queries.videoIds().get(n.query()))
                    .append(',')
                    .append(queries.classNames().get(n.query()))
                    .append(',')
                    .append(n.rank())
                    .append(',')
                    .append(db.videoIds().get(n.neighbour()))
                    .append(',')
                    .append(db.classNames().get(n.neighbour()))
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.6f", n.distance()))
                    .append(',')
                    .append(n.sameClass())
                    .append('\n');
        }
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, o -> o.write(bytes));
    }
}
