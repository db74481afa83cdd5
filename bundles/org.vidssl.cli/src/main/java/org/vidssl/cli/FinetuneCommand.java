package org.vidssl.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.dataset.VideoDataset;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.finetune.FinetuneEpoch;
import org.vidssl.core.finetune.FinetuneSettings;
import org.vidssl.core.io.RunLock;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.engine.TorchRuntime;
import org.vidssl.torch.finetune.ClassifierFile;
import org.vidssl.torch.finetune.FineTuner;
import org.vidssl.torch.finetune.FinetuneOutcome;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.model.VideoEncoder;
import org.vidssl.video.clips.ClipSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The Action Recognition Learner (reference ft_classify.py): fine-tunes an encoder with a linear head. */
@Command(
        name = "finetune",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Fine-tune an encoder for action recognition (reference ft_classify.py).",
            "A linear head on the pooled feature, SGD, part of the train split held out for validation, the weights of"
                    + " the lowest validation loss kept.",
            "With --encoder, clips are cut as the encoder was trained (its clip length, resize and crop) unless"
                    + " --clip-len, --resize or --crop say otherwise."
        })
@SettingsFrom(FinetuneSettings.class)
final class FinetuneCommand implements Callable<Integer> {

    private static final FinetuneSettings D = FinetuneSettings.DEFAULTS;

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Mixin
    ClipOptions clip;

    @Option(
            names = "--encoder",
            paramLabel = "FILE",
            description = "Pretrained encoder file; without it the network starts from random init (--model).")
    Path encoderFile;

    @Option(
            names = "--model",
            completionCandidates = Backbone.Ids.class,
            description = "Backbone for the random-init baseline (without --encoder): ${COMPLETION-CANDIDATES}."
                    + " Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--width")
    int width;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Classifier file to write.")
    Path output;

    @Option(
            names = "--modality",
            completionCandidates = View.Ids.class,
            description = "Classifier input: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String modality;

    @Option(names = "--epochs")
    int epochs;

    @Option(names = "--batch-size")
    int batchSize;

    @Option(names = "--lr")
    double learningRate;

    @Option(names = "--ft-lr")
    double finetuneLearningRate;

    @Option(names = "--momentum")
    double momentum;

    @Option(names = "--wd")
    double weightDecay;

    @Option(names = "--val-videos")
    int validationVideos;

    @Option(names = "--patience")
    int plateauPatience;

    @Option(names = "--seed")
    long seed;

    @Mixin
    ComputeOptions compute;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "Folder for the resumable checkpoint"
                    + " (written every --checkpoint-every epochs); a folder that holds one needs --resume.")
    Path checkpointDir;

    @Option(names = "--checkpoint-every", paramLabel = "N")
    int checkpointInterval;

    @Option(
            names = "--resume",
            description = "Continue the checkpoint in --checkpoint-dir when there is one"
                    + " (written with the same settings; --epochs may grow); an empty folder starts a new run.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        int cores = compute.threads();
        View view = View.parse(modality);
        if (encoderFile != null && !Files.isRegularFile(encoderFile)) {
            throw new UsageError("--encoder file " + encoderFile + " does not exist or is not a file.");
        }
        if (encoderFile != null) {
            clip.defaultTo(
                    EncoderFile.readHeader(encoderFile).input(),
                    spec.commandLine().getParseResult());
        }
        FinetuneSettings settings = Records.builder(D)
                .set("model", model.toLowerCase(Locale.ROOT))
                .set("modality", view)
                .set("epochs", epochs)
                .set("batchSize", batchSize)
                .set("learningRate", learningRate)
                .set("finetuneLearningRate", finetuneLearningRate)
                .set("momentum", momentum)
                .set("weightDecay", weightDecay)
                .set("validationVideos", validationVideos)
                .set("plateauPatience", plateauPatience)
                .set("seed", seed)
                .set("clipLength", clip.clipLength)
                .set("cropSize", clip.cropSize)
                .set("testClips", clip.testClips)
                .set("device", compute.device)
                .set("threads", cores)
                .set("checkpointDir", checkpointDir)
                .set("checkpointInterval", checkpointInterval)
                .set("width", width)
                .build()
                .validate();
        UsageError.checkResume(checkpointDir == null ? null : FineTuner.checkpointFile(checkpointDir), resume);
        if (Files.isDirectory(output)) {
            throw new UsageError("--output " + output + " is a folder: give the classifier file to write.");
        }
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "finetune");
        VideoDataset d = dataset.read(bar);
        List<VideoEntry> train = DatasetOptions.videos(d, "train");
        TorchRuntime.engine(new TorchRuntime.Settings(null, cores, 0));
        long start = System.nanoTime();
        // another run writing the same classifier fails here instead of silently replacing this one's result
        try (RunLock outputLock = RunLock.outputFile(output);
                VideoEncoder encoder = encoderFile == null ? null : EncoderFile.load(encoderFile, compute.device());
                ClipSource source = ClipSources.open(
                        train, clip.settings(view, IntraNegative.NONE), view.needsFlow() ? clip.flowFolders() : null);
                FinetuneOutcome outcome = FineTuner.run(source, encoder, d.classes(), settings, bar)) {
            ClassifierFile.save(output, outcome.classifier());
            bar.clear();
            PrintWriter out = spec.commandLine().getOut();
            out.println(d.summary() + "; fine-tuned "
                    + (encoder == null
                            ? "a random-init " + settings.model()
                            : encoderFile.getFileName() + " ("
                                    + encoder.header().architecture() + ")"));
            Table t = new Table(
                    "epoch", "train loss", "train acc", "val loss", "val acc", "lr", "ft lr", "seconds", "best");
            for (FinetuneEpoch e : outcome.history()) {
                t.row(
                        e.epoch(),
                        PretrainCommand.f(e.trainLoss(), 4),
                        pct(e.trainAccuracy()),
                        PretrainCommand.f(e.validationLoss(), 4),
                        pct(e.validationAccuracy()),
                        String.format(Locale.ROOT, "%.3g", e.learningRate()),
                        String.format(Locale.ROOT, "%.3g", e.finetuneLearningRate()),
                        PretrainCommand.f(e.seconds(), 1),
                        e.best() ? "*" : "");
            }
            out.print(t);
            out.printf(Locale.ROOT, "Wrote %s in %.1f s%n", output, (System.nanoTime() - start) / 1e9);
            out.flush();
        }
        return 0;
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }
}
