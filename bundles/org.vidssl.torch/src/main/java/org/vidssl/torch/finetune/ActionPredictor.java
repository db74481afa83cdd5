package org.vidssl.torch.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import org.vidssl.core.clip.BatchLoader;
import org.vidssl.core.clip.ClipBatch;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.settings.Checks;
import org.vidssl.torch.engine.GradMode;
import org.vidssl.torch.engine.StagingBuffers;

/**
 * Video-level action recognition as the reference tests: each video's {@code clipsPerVideo} evaluation clips
 * (evenly spaced, centre-cropped) go through the classifier, their logits are averaged, and the softmax of the
 * mean gives the probabilities. The true class is matched by class name, so a test set whose class indices are
 * numbered differently still scores right; videos of classes the classifier does not know are predicted but not
 * scored.
 */
public final class ActionPredictor {

    private static final int PREFETCH_BATCHES = 2;

    private ActionPredictor() {}

    /**
     * The classes of {@code videos} that the classifier does not know, in order of appearance: their videos are
     * predicted but cannot be scored.
     */
    public static List<String> unknownClasses(ActionClassifier classifier, List<VideoEntry> videos) {
        return videos.stream()
                .map(VideoEntry::className)
                .distinct()
                .filter(c -> !classifier.classNames().contains(c))
                .toList();
    }

    /** {@link #predict(ActionClassifier, ClipSource, int, int, int, Progress)} with one loader thread per core. */
    public static Predictions predict(
            ActionClassifier classifier, ClipSource source, int clipsPerVideo, int batchSize, Progress progress) {
        return predict(classifier, source, clipsPerVideo, batchSize, 0, progress);
    }

    /**
     * @param clipsPerVideo clips averaged per video (the paper uses 10)
     * @param batchSize     clips per forward pass; whole videos are kept together, so a batch holds
     *                      max(1, batchSize / clipsPerVideo) videos
     * @param threads       clip-loader threads; 0 = one per processor core
     */
    public static Predictions predict(
            ActionClassifier classifier,
            ClipSource source,
            int clipsPerVideo,
            int batchSize,
            int threads,
            Progress progress) {
        if (clipsPerVideo < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "Clips per video (" + clipsPerVideo + ") and batch size (" + batchSize + ") must be at least 1.");
        }
        Progress p = progress == null ? Progress.NONE : progress;
        List<VideoEntry> videos = source.videos();
        int classes = classifier.numClasses();
        float[][] logits = new float[videos.size()][];
        int videosPerBatch = Math.max(1, batchSize / clipsPerVideo);
        try (GradMode off = GradMode.disabled(); // inference only, on whichever thread calls
                BatchLoader loader = BatchLoader.evaluation(
                        source,
                        null,
                        videosPerBatch,
                        clipsPerVideo,
                        Checks.effectiveThreads(threads),
                        PREFETCH_BATCHES,
                        p)) {
            int done = 0;
            StagingBuffers staging = new StagingBuffers(1);
            while (loader.hasNext()) {
                p.checkCancelled();
                ClipBatch batch = loader.next();
                int batchVideos = batch.size() / clipsPerVideo;
                float[] mean;
                try (NDScope scope = new NDScope();
                        NDManager bm = classifier.manager().newSubManager()) {
                    NDArray clipLogits = classifier.logits(classifier.input(bm, batch, staging));
                    mean = clipLogits
                            .reshape(batchVideos, clipsPerVideo, classes)
                            .mean(new int[] {1})
                            .toFloatArray();
                }
                for (int v = 0; v < batchVideos; v++) {
                    float[] row = new float[classes];
                    System.arraycopy(mean, v * classes, row, 0, classes);
                    logits[batch.videoIndices()[v * clipsPerVideo]] = row;
                }
                done += batchVideos;
                p.report((double) done / videos.size(), "Predicted " + done + " of " + videos.size() + " videos");
            }
        }
        List<String> ids = new ArrayList<>(videos.size());
        int[] truth = new int[videos.size()];
        for (int v = 0; v < videos.size(); v++) {
            ids.add(videos.get(v).videoId());
            truth[v] = classifier.classNames().indexOf(videos.get(v).className());
        }
        return Predictions.of(classifier.classNames(), ids, truth, logits);
    }
}
