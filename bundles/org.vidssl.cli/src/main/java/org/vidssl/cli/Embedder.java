package org.vidssl.cli;

import java.util.HashMap;
import java.util.Map;

import org.vidssl.core.clip.BatchLoader;
import org.vidssl.core.clip.ClipBatch;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.View;
import org.vidssl.core.progress.Progress;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.views.Views;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** INTERIM until the evaluate branch lands: per-video mean features of the test clips. */
final class Embedder {

    private Embedder() {
    }

    static float[][] embed(VideoEncoder encoder, ClipSource source, int[] videos, int clipsPerVideo, View view,
            FeatureKind kind, int threads, Progress progress) {
        Map<Integer, Integer> row = new HashMap<>();
        for (int i = 0; i < videos.length; i++) {
            row.put(videos[i], i);
        }
        float[][] out = new float[videos.length][];
        int[] counts = new int[videos.length];
        try (BatchLoader loader = BatchLoader.evaluation(source, videos, 4, clipsPerVideo, threads, 2, progress)) {
            int done = 0;
            while (loader.hasNext()) {
                progress.checkCancelled();
                ClipBatch batch = loader.next();
                try (NDManager m = encoder.manager().newSubManager()) {
                    NDArray x = m.create(batch.data(), new Shape(batch.shape()));
                    if (view == View.RES) {
                        x = Views.residualPretrain(x);
                    }
                    NDArray f = encoder.features(x, kind, false);
                    int dim = (int) f.getShape().get(1);
                    float[] all = f.toFloatArray();
                    for (int c = 0; c < batch.size(); c++) {
                        int r = row.get(batch.videoIndices()[c]);
                        if (out[r] == null) {
                            out[r] = new float[dim];
                        }
                        for (int d = 0; d < dim; d++) {
                            out[r][d] += all[c * dim + d];
                        }
                        counts[r]++;
                    }
                }
                done += batch.size() / clipsPerVideo;
                progress.report((double) done / videos.length, done + "/" + videos.length + " videos");
            }
        }
        for (int r = 0; r < out.length; r++) {
            for (int d = 0; d < out[r].length; d++) {
                out[r][d] /= counts[r];
            }
        }
        return out;
    }
}
