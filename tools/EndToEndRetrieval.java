// End-to-end sanity check of extraction and retrieval (run once by hand, not a test):
//   java -cp "$(tools/cli_classpath.sh)" tools/EndToEndRetrieval.java [work folder]
// Generates a tiny synthetic motion dataset (4 classes x 6 videos x 16 frames at 32x43), reads it
// with DatasetReader, opens clip sources for 8 x 28 x 28 clips, embeds both splits with a randomly
// initialised R3D (residual view, conv feature, 10 clips per video), writes the embeddings as
// .npy + .csv, retrieves test videos among train videos and prints the neighbours and top-k.
import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.DatasetReader;
import org.vidssl.core.dataset.DatasetSettings;
import org.vidssl.core.dataset.Split;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.embedding.EmbeddingSet;
import org.vidssl.core.extract.ExtractSettings;
import org.vidssl.core.progress.Progress;
import org.vidssl.core.retrieval.KnnResult;
import org.vidssl.core.retrieval.KnnSearch;
import org.vidssl.core.retrieval.RetrievalSettings;
import org.vidssl.core.retrieval.TopKAccuracy;
import org.vidssl.torch.backbone.Architecture;
import org.vidssl.torch.extract.EmbeddingExtractor;
import org.vidssl.torch.model.EncoderHeader;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.torch.retrieval.TorchDotProductBlock;
import org.vidssl.video.clips.ClipSources;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;

public class EndToEndRetrieval {
    public static void main(String[] args) throws Exception {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("vidssl-e2e");
        SyntheticSettings synth = new SyntheticSettings(4, 6, 16, 32, 43, SyntheticSettings.Container.MP4, 0.34, 7);
        Path root = SyntheticMotionDataset.generate(synth, work.resolve("data"), Progress.NONE);
        VideoDataset data = DatasetReader.read(DatasetSettings.DEFAULTS.withRoot(root), Progress.NONE);
        System.out.println(data.summary());
        ClipSettings clips = new ClipSettings(8, 32, 43, 28, false, View.RES, IntraNegative.REPEAT, 10);
        ExtractSettings extract = ExtractSettings.DEFAULTS.withBatchSize(8).withThreads(2);
        long start = System.nanoTime();
        try (VideoEncoder encoder = VideoEncoder.create(EncoderHeader.of(Architecture.R3D, new InputSpec(8, 28, 28), "res"), Device.cpu(), 632);
                ClipSource train = ClipSources.open(data.videos(Split.TRAIN), clips, null);
                ClipSource test = ClipSources.open(data.videos(Split.TEST), clips, null)) {
            EmbeddingExtractor extractor = new EmbeddingExtractor(encoder, extract);
            EmbeddingSet db = extractor.extract(train, Progress.NONE).videos();
            EmbeddingSet q = extractor.extract(test, Progress.NONE).videos();
            System.out.printf("embedded %d train + %d test videos, %d-d, in %.1f s%n", db.size(), q.size(), db.dimension(),
                    (System.nanoTime() - start) / 1e9);
            db.write(work.resolve("train.csv"), work.resolve("train.npy"));
            q.write(work.resolve("test.csv"), work.resolve("test.npy"));
            RetrievalSettings r = RetrievalSettings.DEFAULTS.withKs(1, 5, 10);
            try (TorchDotProductBlock dots = new TorchDotProductBlock(Device.cpu())) {
                KnnResult result = new KnnSearch(r.distance(), 1, dots).search(q.vectors(), db.vectors(), 5, Progress.NONE);
                for (int i = 0; i < q.size(); i++) {
                    StringBuilder line = new StringBuilder(String.format("%-28s ->", q.videoIds().get(i)));
                    for (int k = 0; k < 3; k++) {
                        int n = result.indices()[i][k];
                        line.append(String.format(" %s (%.4f)", db.videoIds().get(n), result.distances()[i][k]));
                    }
                    System.out.println(line);
                }
                TopKAccuracy acc = KnnSearch.evaluate(q.vectors(), q.classIndexArray(), db.vectors(), db.classIndexArray(), r, 1, dots,
                        Progress.NONE);
                System.out.println(acc + "  (chance top-1 about 0.25 with 4 balanced classes)");
                TopKAccuracy java = KnnSearch.evaluate(q.vectors(), q.classIndexArray(), db.vectors(), db.classIndexArray(), r, 2,
                        Progress.NONE);
                System.out.println("pure Java search agrees: " + java.equals(acc));
            }
            System.out.println("embeddings written to " + work);
        }
    }
}
