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
import org.vidssl.core.io.RunLock;
import org.vidssl.core.pretrain.EpochRecord;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.pretrain.PretrainSettings;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.Records;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.pretrain.IicPretraining;
import org.vidssl.torch.pretrain.PretrainOutcome;
import org.vidssl.torch.pretrain.Pretrainer;
import org.vidssl.torch.pretrain.StepReport;
import org.vidssl.video.clips.ClipSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The IIC Pretrainer (reference train_ssl.py): trains an encoder on a dataset's train split and writes it. */
@Command(
        name = "pretrain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Pretrain an encoder with IIC (reference train_ssl.py).",
            "Trains on the train split with the inter-intra contrastive objective and writes it as an encoder file."
                    + " Defaults are the paper's; a checkpoint folder makes the run resumable with --resume."
        })
@SettingsFrom(PretrainSettings.class)
final class PretrainCommand implements Callable<Integer> {

    private static final PretrainSettings D = PretrainSettings.DEFAULTS;

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Mixin
    ClipOptions clip;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE",
            description = "Encoder file to write (e.g. iic-r3d.vidssl).")
    Path output;

    @Option(
            names = "--model",
            completionCandidates = Backbone.Ids.class,
            description = "Backbone: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--width")
    int width;

    @Option(
            names = "--modality",
            completionCandidates = View.Ids.class,
            description = "View 2: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String modality;

    @Option(
            names = "--neg",
            completionCandidates = IntraNegative.Ids.class,
            description = "Intra-negative: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String intraNegative;

    @Option(
            names = "--objective",
            completionCandidates = Objective.Ids.class,
            description = "Objective: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    String objective;

    @Option(names = "--epochs")
    int epochs;

    @Option(names = "--batch-size")
    int batchSize;

    @Option(names = "--lr")
    double learningRate;

    @Option(names = "--momentum")
    double momentum;

    @Option(names = "--wd")
    double weightDecay;

    @Option(names = "--lr-milestones", split = ",")
    int[] lrMilestones;

    @Option(names = "--lr-decay")
    double lrDecay;

    @Option(names = "--nce-k")
    int nceK;

    @Option(names = "--nce-t")
    double nceT;

    @Option(names = "--nce-m")
    double nceM;

    @Option(names = "--simclr-t")
    double simclrT;

    @Option(names = "--normalize")
    boolean normalizeFeatures;

    @Option(names = "--seed")
    long seed;

    @Mixin
    ComputeOptions compute;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description = "Folder for checkpoints"
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
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        View view2 = View.parse(modality);
        IntraNegative neg = IntraNegative.parse(intraNegative);
        PretrainSettings settings = Records.builder(D)
                .set("model", model.toLowerCase(Locale.ROOT))
                .set("width", width)
                .set("modality", view2)
                .set("intraNegative", neg)
                .set("objective", Objective.parse(objective))
                .set("epochs", epochs)
                .set("batchSize", batchSize)
                .set("learningRate", learningRate)
                .set("momentum", momentum)
                .set("weightDecay", weightDecay)
                .set("lrMilestones", lrMilestones)
                .set("lrDecay", lrDecay)
                .set("nceK", nceK)
                .set("nceT", nceT)
                .set("nceM", nceM)
                .set("simclrT", simclrT)
                .set("normalizeFeatures", normalizeFeatures)
                .set("seed", seed)
                .set("clipLength", clip.clipLength)
                .set("cropSize", clip.cropSize)
                .set("device", compute.device)
                .set("threads", compute.threads())
                .set("checkpointDir", checkpointDir)
                .set("checkpointInterval", checkpointInterval)
                .build()
                .validate();
        UsageError.checkResume(checkpointDir == null ? null : Pretrainer.checkpointFile(checkpointDir), resume);
        if (Files.isDirectory(output)) {
            throw new UsageError("--output " + output + " is a folder: give the encoder file to write.");
        }
        ProgressBar bar = new ProgressBar(err, "pretrain");
        VideoDataset d = dataset.read(bar);
        List<VideoEntry> train = DatasetOptions.videos(d, "train");
        long start = System.nanoTime();
        // another run writing the same encoder fails here instead of silently replacing this one's result
        try (RunLock outputLock = RunLock.outputFile(output);
                ClipSource source = ClipSources.open(
                        train, clip.settings(view2, neg), view2.needsFlow() ? clip.flowFolders() : null);
                PretrainOutcome outcome = IicPretraining.run(source, settings, d.name(), bar, r -> epochLine(bar, r))) {
            EncoderFile.save(output, outcome.encoder());
            bar.clear();
            out.println(d.summary() + "; trained on " + train.size() + " videos");
            Table table = new Table(
                    "epoch", "loss", "loss v1", "loss v2", "p(pos) v1", "p(pos) v2", "lr", "seconds", "clips/s");
            for (EpochRecord r : outcome.history()) {
                table.row(
                        r.epoch(),
                        f(r.loss(), 4),
                        f(r.lossView1(), 4),
                        f(r.lossView2(), 4),
                        f(r.probView1(), 3),
                        f(r.probView2(), 3),
                        String.format(Locale.ROOT, "%.3g", r.lr()),
                        f(r.seconds(), 1),
                        f(r.clipsPerSecond(), 1));
            }
            out.print(table);
            out.printf(
                    Locale.ROOT,
                    "Wrote %s (%s width %d, %s, epoch %d) in %.1f s%n",
                    output,
                    settings.model(),
                    settings.width(),
                    view2.id(),
                    outcome.encoder().header().epoch(),
                    (System.nanoTime() - start) / 1e9);
        }
        out.flush();
        return 0;
    }

    /** One permanent line per finished epoch; the bar shows the steps in between. */
    private static void epochLine(ProgressBar bar, StepReport r) {
        if (r.step() == r.steps()) {
            bar.line(String.format(
                    Locale.ROOT,
                    "epoch %d: last step loss %.4f + %.4f, positive p %.3f / %.3f, lr %.3g, %.1f clips/s",
                    r.epoch(),
                    r.lossView1(),
                    r.lossView2(),
                    r.probView1(),
                    r.probView2(),
                    r.lr(),
                    r.clipsPerSecond()));
        }
    }

    static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
