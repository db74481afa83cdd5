package org.vidssl.torch.extract;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vidssl.core.clip.BatchLoader;
import org.vidssl.core.clip.ClipBatch;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.torch.backbone.FeatureKind;
import org.vidssl.torch.engine.Devices;
import org.vidssl.torch.engine.GradMode;
import org.vidssl.torch.engine.StagingBuffers;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.views.Views;

/**
 * Embeds every video of a clip source as the reference's {@code retrieve_clips.py} does: its
 * {@code clipsPerVideo} centre-cropped test clips, each turned into the chosen view on the device (the
 * residual is (x - roll(x,1,T) + 1)/2), fed through the encoder in eval mode (BatchNorm running
 * statistics, no autograd), and the clip features averaged per video (in double precision, as numpy's
 * mean of the reference's float64 lists). With merge, each clip's feature is [RGB feature, view feature].
 * <p>
 * Clips are decoded on a small thread pool ({@link BatchLoader} in evaluation mode, a few batches ahead)
 * while the encoder runs; every batch's tensors live in their own NDManager scope, and the input is
 * staged in one reused native buffer, so memory stays bounded by the batch size.
 */
public final class EmbeddingExtractor {

    /** Batches of clips the loader decodes ahead of the encoder, at least. */
    private static final int MIN_PREFETCH_BATCHES = 2;

    /**
     * What an extraction produced.
     *
     * @param videos      one vector per video (the clip mean), in the clip source's order
     * @param clips       one vector per clip when per-clip output was asked for, else null; rows are the
     *                    videos' clips in order, so row r is clip {@code clipNumbers[r]} of video {@code
     * videoIds().get(r)}
     * @param clipNumbers 0-based clip number of each row of {@code clips}; empty when {@code clips} is null
     * @param anyLooped   true when at least one video was shorter than a clip and was looped
     */
    public record Result(EmbeddingSet videos, EmbeddingSet clips, int[] clipNumbers, boolean anyLooped) {}

    private final VideoEncoder encoder;
    private final ExtractSettings settings;
    private final FeatureKind feature;

    /**
     * @param encoder  the encoder, already on the settings' device (load it with
     *                 {@code EncoderFile.load(file, Devices.parse(settings.device()))})
     * @param settings validated here
     */
    public EmbeddingExtractor(VideoEncoder encoder, ExtractSettings settings) {
        this.settings = settings.validate();
        this.encoder = encoder;
        this.feature = FeatureKind.valueOf(settings.feature().name());
        Device wanted = Devices.parse(settings.device());
        if (!encoder.device().equals(wanted)) {
            throw new IllegalArgumentException("The encoder is on " + encoder.device()
                    + " but the extraction settings ask for device '" + settings.device()
                    + "': load the encoder onto that device, or set the device to where it is.");
        }
    }

    /** Length of the vectors this extractor gives for clips of T x H x W (doubled with merge). */
    public long dimension(int frames, int height, int width) {
        long one = encoder.backbone()
                .featureShape(new Shape(1, 3, frames, height, width), feature)
                .get(1);
        return one * settings.passesPerClip();
    }

    /**
     * Embeds every video of {@code source}.
     *
     * @throws org.vidssl.core.progress.CancelledException when the progress asks to stop
     * @throws BatchLoader.ClipLoadException              when a clip cannot be read (names the video)
     * @throws IllegalArgumentException                   when the view needs optical flow the source does not give
     */
    public Result extract(ClipSource source, Progress progress) {
        List<VideoEntry> videos = source.videos();
        int n = videos.size();
        int clips = settings.clipsPerVideo();
        float[][] vectors = new float[n][];
        List<float[]> clipVectors = settings.perClip() ? new ArrayList<>() : null;
        boolean looped = false;
        // batches of whole videos; the forward passes then take batchSize clips at a time
        int videosPerBatch = Math.max(1, settings.batchSize() / clips);
        // the loader gives each video to one thread: keep enough videos in flight for every thread
        int prefetch = Math.max(MIN_PREFETCH_BATCHES, (settings.threads() + videosPerBatch - 1) / videosPerBatch + 1);
        try (GradMode off = GradMode.disabled(); // inference only, on whichever thread calls
                BatchLoader loader = BatchLoader.evaluation(
                        source, null, videosPerBatch, clips, settings.threads(), prefetch, progress)) {
            StagingBuffers staging = new StagingBuffers(2); // RGB, flow
            int done = 0;
            while (loader.hasNext()) {
                progress.checkCancelled();
                ClipBatch batch = loader.next();
                looped |= batch.anyLooped();
                float[][] perClip = embedClips(batch, staging, progress);
                for (int first = 0; first < perClip.length; first += clips) {
                    int video = batch.videoIndices()[first];
                    vectors[video] = mean(perClip, first, clips);
                    checkFinite(vectors[video], videos.get(video));
                    if (clipVectors != null) {
                        for (int c = 0; c < clips; c++) {
                            clipVectors.add(perClip[first + c]);
                        }
                    }
                    done++;
                    progress.report(
                            (double) done / n,
                            String.format(
                                    Locale.ROOT,
                                    "Embedded video %d of %d (%s)",
                                    done,
                                    n,
                                    videos.get(video).videoId()));
                }
            }
        }
        EmbeddingSet videoSet = EmbeddingSet.of(videos, vectors);
        if (clipVectors == null) {
            return new Result(videoSet, null, new int[0], looped);
        }
        List<VideoEntry> clipRows = new ArrayList<>(n * clips);
        int[] clipNumbers = new int[n * clips];
        for (int v = 0; v < n; v++) {
            for (int c = 0; c < clips; c++) {
                clipRows.add(videos.get(v));
                clipNumbers[v * clips + c] = c;
            }
        }
        return new Result(
                videoSet, EmbeddingSet.of(clipRows, clipVectors.toArray(new float[0][])), clipNumbers, looped);
    }

    /** NaN features would pass silently into every later step (retrieval, files): stop at the first video. */
    private void checkFinite(float[] vector, VideoEntry video) {
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new IllegalStateException("The encoder ("
                        + encoder.header().architecture().id() + ", epoch "
                        + encoder.header().epoch() + ") produced NaN or infinite features for video " + video.videoId()
                        + " (" + video.source() + "): its weights are broken (training diverged?) or the video's frames"
                        + " are; use another encoder or check the video.");
            }
        }
    }

    /** The feature of every clip of a batch, forward passes of at most batchSize clips. */
    private float[][] embedClips(ClipBatch batch, StagingBuffers staging, Progress progress) {
        int count = batch.size();
        int clipSize = batch.clipSize();
        float[][] out = new float[count][];
        for (int from = 0; from < count; from += settings.batchSize()) {
            progress.checkCancelled();
            int to = Math.min(count, from + settings.batchSize());
            Shape shape = new Shape(to - from, 3, batch.length(), batch.height(), batch.width());
            // NDScope also closes what ops attach to the weights' manager; the sub-manager holds the inputs
            try (NDScope arrays = new NDScope();
                    NDManager scope = encoder.manager().newSubManager()) {
                NDArray rgb = staging.tensor(scope, 0, batch.data(), from * clipSize, (to - from) * clipSize, shape);
                NDArray input = switch (settings.view()) {
                    case RGB -> rgb;
                    case RES -> Views.residualPretrain(rgb);
                    case U -> flow(scope, staging, batch.flowU(), View.U, from, to, clipSize, shape);
                    case V -> flow(scope, staging, batch.flowV(), View.V, from, to, clipSize, shape);
                };
                NDArray features = encoder.features(input, feature, false);
                if (settings.merge()) {
                    features = NDArrays.concat(new NDList(encoder.features(rgb, feature, false), features), 1);
                }
                float[] flat = features.toFloatArray();
                int dim = flat.length / (to - from);
                for (int i = from; i < to; i++) {
                    out[i] = java.util.Arrays.copyOfRange(flat, (i - from) * dim, (i - from + 1) * dim);
                }
            }
        }
        return out;
    }

    private NDArray flow(
            NDManager scope,
            StagingBuffers staging,
            float[] flow,
            View view,
            int from,
            int to,
            int clipSize,
            Shape shape) {
        if (flow == null) {
            // Views.view2 words the same problem for training; here the input is the flow clip itself
            return Views.view2(view, null, null, null);
        }
        return staging.tensor(scope, 1, flow, from * clipSize, (to - from) * clipSize, shape);
    }

    /** Mean of {@code count} rows starting at {@code first}, summed in double precision. */
    private static float[] mean(float[][] rows, int first, int count) {
        double[] sum = new double[rows[first].length];
        for (int r = first; r < first + count; r++) {
            float[] row = rows[r];
            for (int c = 0; c < sum.length; c++) {
                sum[c] += row[c];
            }
        }
        float[] out = new float[sum.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = (float) (sum[c] / count);
        }
        return out;
    }
}
