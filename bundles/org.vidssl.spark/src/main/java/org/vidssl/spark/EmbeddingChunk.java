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

    private EmbeddingChunk(int id, int first, String[] videoIds, String[] classNames, int[] classes, float[][] vectors) {
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

    /**
     * Cuts a table of {@code count} videos into chunks of {@code rows} consecutive videos (the last one shorter),
     * one chunk per partition.
     */
    static JavaRDD<EmbeddingChunk> of(Dataset<Row> table, long count, int rows) {
        boolean fileOrder = Arrays.asList(table.columns()).contains(EmbeddingTable.ROW);
        JavaRDD<Row> selected = table.select(EmbeddingTable.VIDEO_ID, EmbeddingTable.CLASS, EmbeddingTable.CLASS_INDEX,
                EmbeddingTable.EMBEDDING, fileOrder ? EmbeddingTable.ROW : EmbeddingTable.VIDEO_ID).javaRDD();
        int partitions = Math.max(1, selected.getNumPartitions());
        JavaRDD<Row> sorted = fileOrder ? selected.sortBy(r -> r.getLong(4), true, partitions)
                : selected.sortBy(r -> r.getString(4), true, partitions);
        int chunks = (int) ((count + rows - 1) / rows);
        JavaPairRDD<Integer, Tuple2<Row, Long>> keyed = sorted.zipWithIndex()
                .mapToPair(t -> new Tuple2<>((int) (t._2() / rows), t));
        return keyed.groupByKey(new HashPartitioner(chunks)).map(g -> build(g._1(), g._2()));
    }

    private static EmbeddingChunk build(int id, Iterable<Tuple2<Row, Long>> members) {
        List<Tuple2<Row, Long>> list = new ArrayList<>();
        members.forEach(list::add);
        list.sort((a, b) -> Long.compare(a._2(), b._2()));
        int n = list.size();
        String[] ids = new String[n];
        String[] names = new String[n];
        int[] classes = new int[n];
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            Row r = list.get(i)._1();
            ids[i] = r.getString(0);
            names[i] = r.getString(1);
            classes[i] = r.getInt(2);
            List<Float> values = r.getList(3);
            float[] v = new float[values.size()];
            for (int c = 0; c < v.length; c++) {
                v[c] = values.get(c);
            }
            vectors[i] = v;
        }
        return new EmbeddingChunk(id, (int) (long) list.get(0)._2(), ids, names, classes, vectors);
    }
}
