package org.vidssl.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A run of consecutive videos of an embeddings table: rows {@code first .. first + size() - 1} in the table's order
 * ({@link EmbeddingTable#ROW} when present, else video id). Retrieval's unit of work: one query chunk against one
 * database chunk per task.
 */
final class EmbeddingChunk implements Serializable {

    private static final long serialVersionUID = 1L;

    final int id;
    final int first;
    final String[] videoIds;
    final String[] classNames;
    final int[] classes;
    final float[][] vectors;

    private EmbeddingChunk(
            int id, int first, String[] videoIds, String[] classNames, int[] classes, float[][] vectors) {
        this.id = id;
        this.first = first;
        this.videoIds = videoIds;
        this.classNames = classNames;
        this.classes = classes;
        this.vectors = vectors;
    }

    int size() {
        return vectors.length;
    }

    /** One video on its way into a chunk: primitive floats, so the shuffles move arrays, not boxed values. */
    private record Member(String videoId, String className, int classIndex, float[] vector, long order)
            implements Serializable {}

    /**
     * Cuts a table of {@code count} videos into chunks of {@code rows} consecutive videos (the last one shorter),
     * one chunk per partition, computed and cached (unpersist them when done).
     */
    static JavaRDD<EmbeddingChunk> of(Dataset<Row> table, long count, int rows) {
        boolean fileOrder = Arrays.asList(table.columns()).contains(EmbeddingTable.ROW);
        List<String> names =
                new ArrayList<>(List.of(EmbeddingTable.CLASS, EmbeddingTable.CLASS_INDEX, EmbeddingTable.EMBEDDING));
        if (fileOrder) {
            names.add(EmbeddingTable.ROW);
        }
        // converted once: sorting and numbering read the members several times
        JavaRDD<Member> members = table.select(EmbeddingTable.VIDEO_ID, names.toArray(new String[0]))
                .javaRDD()
                .map(r -> new Member(
                        r.getString(0),
                        r.getString(1),
                        r.getInt(2),
                        floats(r.getList(3)),
                        fileOrder ? r.getLong(4) : -1))
                .persist(StorageLevel.MEMORY_AND_DISK());
        int partitions = Math.max(1, members.getNumPartitions());
        JavaRDD<Member> sorted = fileOrder
                ? members.sortBy(Member::order, true, partitions)
                : members.sortBy(Member::videoId, true, partitions);
        int chunks = (int) ((count + rows - 1) / rows);
        JavaPairRDD<Integer, Tuple2<Member, Long>> keyed =
                sorted.zipWithIndex().mapToPair(t -> new Tuple2<>((int) (t._2() / rows), t));
        JavaRDD<EmbeddingChunk> out = keyed.groupByKey(new HashPartitioner(chunks))
                .map(g -> build(g._1(), g._2()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        out.count();
        members.unpersist(false);
        return out;
    }

    private static float[] floats(List<Float> values) {
        float[] v = new float[values.size()];
        for (int c = 0; c < v.length; c++) {
            v[c] = values.get(c);
        }
        return v;
    }

    private static EmbeddingChunk build(int id, Iterable<Tuple2<Member, Long>> members) {
        List<Tuple2<Member, Long>> list = new ArrayList<>();
        members.forEach(list::add);
        list.sort((a, b) -> Long.compare(a._2(), b._2()));
        int n = list.size();
        String[] ids = new String[n];
        String[] names = new String[n];
        int[] classes = new int[n];
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            Member m = list.get(i)._1();
            ids[i] = m.videoId();
            names[i] = m.className();
            classes[i] = m.classIndex();
            vectors[i] = m.vector();
        }
        return new EmbeddingChunk(id, (int) (long) list.get(0)._2(), ids, names, classes, vectors);
    }
}
