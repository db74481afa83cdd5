package org.vidssl.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.io.AtomicFiles;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.finetune.ActionClassifier;
import org.vidssl.torch.finetune.ActionPredictor;
import org.vidssl.torch.finetune.ClassifierFile;
import org.vidssl.torch.finetune.Predictions;
import org.vidssl.video.clips.ClipSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The Action Recognition Predictor (reference ft_classify.py, test part): video-level predictions and accuracy. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Predict action classes with a fine-tuned classifier (reference ft_classify.py test).",
            "The logits of --test-clips clips per video averaged; prints top-1/top-5 accuracy per class and overall."
        })
@SettingsFrom(ClipSettings.class)
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Option(
            names = "--classifier",
            required = true,
            paramLabel = "FILE",
            description = "Classifier file (from finetune).")
    Path classifierFile;

    @Option(
            names = "--subset",
            defaultValue = "test",
            description = "Videos to predict: train, test or all. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "CSV of the predictions (video, true class, predicted class, logits).")
    Path output;

    @Option(
            names = "--resize",
            description = "Frames are resized to HxW first. Default: the classifier's training resize.")
    String resize;

    @Option(
            names = "--test-clips",
            description = "Clips per video whose logits are averaged. Default: ${DEFAULT-VALUE}.")
    int testClips;

    @Option(
            names = "--flow",
            paramLabel = "DIR",
            description = "Optical-flow root with u/ and v/ (classifiers on u or v).")
    Path flow;

    @Option(
            names = "--batch-size",
            defaultValue = "16",
            description = "Clips per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Mixin
    ComputeOptions compute;

    @Override
    public Integer call() throws Exception {
        int cores = compute.threads();
        UsageError.requireFile("--classifier", classifierFile);
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "predict");
        VideoDataset d = dataset.read(bar);
        List<VideoEntry> videos = DatasetOptions.videos(d, split);
        TorchRuntime.engine(new TorchRuntime.Settings(null, cores, 0));
        long start = System.nanoTime();
        Predictions p;
        try (ActionClassifier classifier = ClassifierFile.load(classifierFile, compute.device())) {
            List<String> unknown = ActionPredictor.unknownClasses(classifier, videos);
            long unscored =
                    videos.stream().filter(v -> unknown.contains(v.className())).count();
            if (unscored == videos.size()) {
                throw new IllegalArgumentException("None of the " + videos.size()
                        + " videos can be scored: the dataset's"
                        + " classes (" + String.join(", ", unknown) + ") are not among the classifier's "
                        + classifier.classNames().size() + " classes (" + String.join(", ", classifier.classNames())
                        + "): predict with a classifier fine-tuned on this dataset's classes.");
            }
            if (!unknown.isEmpty()) {
                bar.line("Warning: " + unscored + " of " + videos.size() + " videos are of classes the classifier does"
                        + " not know (" + String.join(", ", unknown) + "): they are predicted but not scored.");
            }
            ClipOptions clip = ClipOptions.trainedWith(classifier.header().input());
            clip.resize = resize != null ? resize : clip.resize;
            clip.testClips = testClips;
            clip.flow = flow;
            try (ClipSource source = ClipSources.open(
                    videos,
                    clip.settings(classifier.modality(), IntraNegative.NONE),
                    classifier.modality().needsFlow() ? clip.flowFolders() : null)) {
                p = ActionPredictor.predict(classifier, source, testClips, batchSize, cores, bar);
            }
        }
        bar.clear();
        PrintWriter out = spec.commandLine().getOut();
        double[] perClass = p.perClassAccuracy();
        Table t = new Table("class", "accuracy (%)");
        for (int c = 0; c < perClass.length; c++) {
            t.row(p.classNames().get(c), FinetuneCommand.pct(perClass[c]));
        }
        out.print(t);
        out.printf(
                Locale.ROOT,
                "%d videos (%d scored) in %.1f s: top-1 %s%%, top-5 %s%%, mean class accuracy %s%%%n",
                p.videos().size(),
                p.scoredCount(),
                (System.nanoTime() - start) / 1e9,
                FinetuneCommand.pct(p.top1()),
                FinetuneCommand.pct(p.top5()),
                FinetuneCommand.pct(p.meanClassAccuracy()));
        if (output != null) {
            StringBuilder s = new StringBuilder("video_id,true_class,predicted_class,correct\n");
            for (Predictions.VideoPrediction v : p.videos()) {
                s.append(v.videoId())
                        .append(',')
                        .append(name(p, v.trueClass()))
                        .append(',')
                        .append(name(p, v.predictedClass()))
                        .append(',')
                        .append(v.scored() ? Boolean.toString(v.trueClass() == v.predictedClass()) : "")
                        .append('\n');
            }
            byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(output, o -> o.write(bytes));
            out.println("Wrote " + output);
        }
        out.flush();
        return 0;
    }

    private static String name(Predictions p, int c) {
        return c >= 0 && c < p.classNames().size() ? p.classNames().get(c) : "";
    }
}
