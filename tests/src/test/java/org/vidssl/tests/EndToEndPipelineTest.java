package org.vidssl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.finetune.FinetuneEpoch;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.retrieval.TopKAccuracy;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.extract.EmbeddingExtractor;
import org.vidssl.torch.finetune.ActionClassifier;
import org.vidssl.torch.finetune.ActionPredictor;
import org.vidssl.torch.finetune.ClassifierFile;
import org.vidssl.torch.finetune.FineTuner;
import org.vidssl.torch.finetune.FinetuneOutcome;
import org.vidssl.torch.finetune.Predictions;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.pretrain.IicPretraining;
import org.vidssl.torch.pretrain.PretrainOutcome;
import org.vidssl.video.clips.ClipSources;
import org.vidssl.video.decode.ExtractionResult;
import org.vidssl.video.decode.FrameExtractionSettings;
import org.vidssl.video.decode.FrameExtractor;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;

/**
 * The whole pipeline headless on a tiny synthetic set, every step through the engine's public entry points (the
 * ones the CLI and the KNIME nodes call), each step's outputs checked before the next step uses them: generate
 * videos, read the split files, decode frame folders, pretrain, save and reload the encoder, embed the train and
 * test splits (.npy + CSV round trip), retrieve test videos among train videos, fine-tune the encoder, save and
 * reload the classifier, predict the test split. Sizes are tiny (3 classes x 6 videos of 16 frames at 40x40,
 * 8-frame 32x32 clips, a quarter-width R3D, 2 epochs each) so the test takes about half a minute on two cores; it
 * checks wiring, file formats and figure ranges, not learning quality.
 */
class EndToEndPipelineTest {

    static final int CLASSES = 3;
    static final int VIDEOS_PER_CLASS = 6;
    static final int FRAMES = 16;
    static final int SIZE = 40;
    static final int CLIP_LENGTH = 8;
    static final int CROP = 32;
    static final int WIDTH = 16;

    @Test
    void syntheticVideosToPredictions(@TempDir Path work) throws Exception {
        // 1. synth: real MP4 files plus UCF101-style split files
        SyntheticSettings synthetic = new SyntheticSettings(
                CLASSES, VIDEOS_PER_CLASS, FRAMES, SIZE, SIZE, SyntheticSettings.Container.MP4, 0.5, 11);
        Path root = SyntheticMotionDataset.generate(synthetic, work.resolve("synthetic"), Progress.NONE);
        for (String file : List.of("classInd.txt", "trainlist01.txt", "testlist01.txt")) {
            assertTrue(Files.size(root.resolve(file)) > 0, file);
        }
        assertEquals(CLASSES * VIDEOS_PER_CLASS, countFiles(root, ".mp4"), "one MP4 per video");

        // 2. dataset: the split files read back, both splits stratified
        VideoDataset dataset = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), Progress.NONE);
        assertTrue(dataset.problems().isEmpty(), "dataset problems: " + dataset.problems());
        assertEquals(CLASSES, dataset.classCount());
        assertEquals(CLASSES * VIDEOS_PER_CLASS, dataset.videos().size());
        for (Split split : Split.values()) {
            for (int count : dataset.classCounts(split)) {
                assertEquals(VIDEOS_PER_CLASS / 2, count, split + " videos per class");
            }
        }

        // 3. decode: one complete frame folder per video; a second run resumes (skips every folder)
        FrameExtractor frameExtractor = new FrameExtractor(new FrameExtractionSettings(SIZE, SIZE, 90, 2));
        Path framesRoot = work.resolve("frames");
        List<VideoEntry> decoded = new ArrayList<>();
        for (ExtractionResult result : frameExtractor.extract(dataset.videos(), framesRoot, Progress.NONE)) {
            assertTrue(result.ok(), "decoding failed: " + result.error());
            assertEquals(FRAMES, result.frameCount(), result.video().videoId());
            assertEquals(
                    FRAMES,
                    countFiles(result.frameFolder(), ".jpg"),
                    result.frameFolder().toString());
            decoded.add(result.asFrameFolderEntry());
        }
        assertTrue(
                frameExtractor.extract(dataset.videos(), framesRoot, Progress.NONE).stream()
                        .allMatch(ExtractionResult::skipped),
                "a second run finds every folder complete");
        List<VideoEntry> train =
                decoded.stream().filter(v -> v.split() == Split.TRAIN).toList();
        List<VideoEntry> test =
                decoded.stream().filter(v -> v.split() == Split.TEST).toList();

        // 4. pretrain (the paper's recipe, tiny): losses finite, one record per epoch
        ClipSettings clips = new ClipSettings(CLIP_LENGTH, SIZE, SIZE, CROP, false, View.RES, IntraNegative.REPEAT, 2);
        PretrainSettings pretrain = Records.builder(PretrainSettings.DEFAULTS)
                .set("model", Backbone.R3D.id())
                .set("objective", Objective.MEMORY_BANK)
                .set("epochs", 2)
                .set("batchSize", 3)
                .set("clipLength", CLIP_LENGTH)
                .set("cropSize", CROP)
                .set("width", WIDTH)
                .set("nceK", 4)
                .set("normalizeFeatures", true)
                .set("threads", 2)
                .set("lrMilestones", new int[0])
                .set("seed", 3)
                .build();
        Path encoderFile = work.resolve("encoder.vidssl");
        try (ClipSource trainClips = ClipSources.open(train, clips, null);
                PretrainOutcome outcome = IicPretraining.run(trainClips, pretrain, Progress.NONE, null)) {
            List<EpochRecord> history = outcome.history();
            assertEquals(2, history.size(), "one record per epoch");
            for (EpochRecord epoch : history) {
                assertTrue(Double.isFinite(epoch.loss()) && epoch.loss() > 0, "loss " + epoch);
            }
            EncoderFile.save(encoderFile, outcome.encoder());
        }

        // 5. the encoder file loads back with its training recorded
        EncoderHeader header = EncoderFile.readHeader(encoderFile);
        assertEquals(Backbone.R3D, header.architecture());
        assertEquals(CLIP_LENGTH, header.input().frames());
        assertEquals(CROP, header.input().height());
        assertEquals(2, header.epoch());
        assertEquals(View.RES.id(), header.modality());

        // 6. extract: one vector per video for each split, written as .npy + CSV and read back unchanged
        ExtractSettings extract =
                new ExtractSettings(2, View.RES, ExtractSettings.Feature.POOLED, false, false, 4, "cpu", 2);
        EmbeddingSet trainEmbeddings;
        EmbeddingSet testEmbeddings;
        long dimension;
        try (VideoEncoder encoder = EncoderFile.load(encoderFile, Device.cpu());
                ClipSource trainSource = ClipSources.open(train, clips, null);
                ClipSource testSource = ClipSources.open(test, clips, null)) {
            EmbeddingExtractor extractor = new EmbeddingExtractor(encoder, extract);
            dimension = extractor.dimension(CLIP_LENGTH, CROP, CROP);
            trainEmbeddings = extractor.extract(trainSource, Progress.NONE).videos();
            testEmbeddings = extractor.extract(testSource, Progress.NONE).videos();
        }
        for (EmbeddingSet set : List.of(trainEmbeddings, testEmbeddings)) {
            assertEquals(dimension, set.dimension(), "embedding dimension");
            for (float[] vector : set.vectors()) {
                for (float value : vector) {
                    assertTrue(Float.isFinite(value), "embedding values are finite");
                }
            }
        }
        assertEquals(train.stream().map(VideoEntry::videoId).toList(), trainEmbeddings.videoIds());
        assertEquals(test.stream().map(VideoEntry::videoId).toList(), testEmbeddings.videoIds());
        Path csv = work.resolve("test-embeddings.csv");
        Path npy = work.resolve("test-embeddings.npy");
        testEmbeddings.write(csv, npy);
        assertEquals(testEmbeddings, EmbeddingSet.read(csv, npy), "embeddings survive .npy + CSV");

        // 7. retrieve: test videos query the train videos; accuracies in [0, 1], never falling with k, and 1 when k
        // covers the whole database (every class has train videos)
        int[] ks = {1, 2, 5, train.size()};
        TopKAccuracy topK = KnnSearch.evaluate(
                testEmbeddings.vectors(),
                testEmbeddings.classIndexArray(),
                trainEmbeddings.vectors(),
                trainEmbeddings.classIndexArray(),
                new RetrievalSettings(RetrievalSettings.Distance.COSINE, ks),
                2,
                Progress.NONE);
        assertEquals(test.size(), topK.queries());
        double previous = 0;
        for (int i = 0; i < ks.length; i++) {
            double accuracy = topK.accuracy(ks[i]);
            assertTrue(accuracy >= 0 && accuracy <= 1, "top-" + ks[i] + " accuracy " + accuracy);
            assertTrue(accuracy >= previous, "top-k accuracy falls with k: " + topK);
            previous = accuracy;
        }
        assertEquals(1.0, topK.accuracy(train.size()), 1e-12, "k = database size finds every class");

        // 8. finetune the pretrained encoder on the train split; the classifier file round-trips
        FinetuneSettings finetune = Records.builder(FinetuneSettings.DEFAULTS)
                .set("epochs", 2)
                .set("batchSize", 3)
                .set("clipLength", CLIP_LENGTH)
                .set("cropSize", CROP)
                .set("testClips", 2)
                .set("validationVideos", CLASSES)
                .set("threads", 2)
                .set("seed", 4)
                .build();
        Path classifierFile = work.resolve("classifier.vidssl");
        try (VideoEncoder encoder = EncoderFile.load(encoderFile, Device.cpu());
                ClipSource trainSource = ClipSources.open(train, clips, null);
                FinetuneOutcome outcome =
                        FineTuner.run(trainSource, encoder, dataset.classes(), finetune, Progress.NONE)) {
            assertEquals(2, outcome.history().size(), "one record per fine-tuning epoch");
            for (FinetuneEpoch epoch : outcome.history()) {
                assertTrue(Double.isFinite(epoch.trainLoss()), "fine-tuning loss " + epoch);
                assertTrue(epoch.trainAccuracy() >= 0 && epoch.trainAccuracy() <= 1, "train accuracy " + epoch);
            }
            assertEquals(dataset.classes(), outcome.classifier().classNames());
            ClassifierFile.save(classifierFile, outcome.classifier());
        }

        // 9. predict the test split with the saved classifier
        try (ActionClassifier classifier = ClassifierFile.load(classifierFile, Device.cpu());
                ClipSource testSource = ClipSources.open(test, clips, null)) {
            Predictions predictions = ActionPredictor.predict(classifier, testSource, 2, 4, 2, Progress.NONE);
            assertEquals(test.size(), predictions.videos().size());
            for (Predictions.VideoPrediction p : predictions.videos()) {
                assertEquals(CLASSES, p.probabilities().length, p.videoId());
                double sum = 0;
                for (float probability : p.probabilities()) {
                    sum += probability;
                }
                assertEquals(1.0, sum, 1e-4, p.videoId() + " probabilities sum to 1");
                assertTrue(p.predictedClass() >= 0 && p.predictedClass() < CLASSES, p.videoId());
            }
            double top1 = predictions.top1();
            assertTrue(top1 >= 0 && top1 <= 1, "top-1 accuracy " + top1);
            assertTrue(predictions.topKAccuracy(CLASSES) == 1.0, "top-" + CLASSES + " covers every class");
        }
    }

    private static long countFiles(Path folder, String suffix) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix))
                    .count();
        }
    }
}
