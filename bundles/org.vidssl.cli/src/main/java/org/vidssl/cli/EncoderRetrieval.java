package org.vidssl.cli;

import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.View;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.retrieval.TopKAccuracy;
import org.vidssl.torch.extract.EmbeddingExtractor;
import org.vidssl.torch.model.VideoEncoder;

/** Extract, then retrieve, in one call: the evaluation the demo and the ablation run on every encoder. */
final class EncoderRetrieval {

    private EncoderRetrieval() {}

    /**
     * Embeds every video of {@code source} (train and test) as {@code view} and lets the test videos query the
     * train videos with the paper's retrieval settings.
     */
    static TopKAccuracy evaluate(
            VideoEncoder encoder,
            ClipSource source,
            View view,
            ExtractSettings.Feature feature,
            String device,
            int threads,
            Progress progress) {
        int clips = source.settings().testClips();
        ExtractSettings settings = new ExtractSettings(clips, view, feature, false, false, 4 * clips, device, threads);
        EmbeddingSet all = new EmbeddingExtractor(encoder, settings)
                .extract(source, progress)
                .videos();
        return KnnSearch.evaluate(all, RetrievalSettings.DEFAULTS, threads, progress);
    }
}
