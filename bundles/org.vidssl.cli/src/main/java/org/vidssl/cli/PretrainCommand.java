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
import org.vidssl.core.settings.Records;
import org.vidssl.torch.model.EncoderFile;
import org.vidssl.torch.pretrain.Checkpoint;
import org.vidssl.torch.pretrain.IicPretraining;
import org.vidssl.torch.pretrain.PretrainOutcome;
import org.vidssl.torch.pretrain.StepReport;
import org.vidssl.video.clips.ClipSources;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The IIC Pretrainer (reference train_ssl.py): trains an encoder on a dataset's train split and writes it. */
@Command(name = "pretrain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pretrain an encoder with IIC (reference train_ssl.py).",
                "Trains on the train split with the inter-intra contrastive objective and writes it as an encoder file. Defaults are the paper's; a checkpoint folder makes the run resumable."})
final class PretrainCommand implements Callable<Integer> {

    private static final PretrainSettings D = PretrainSettings.DEFAULTS;

    @Spec
    CommandSpec spec;

    @Mixin
    DatasetOptions dataset;

    @Mixin
    ClipOptions clip;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Encoder file to write (e.g. iic-r3d.vidssl).")
    Path output;

    @Option(names = "--model", defaultValue = "r3d", description = "Backbone: c3d, r3d, r21d, r3d18. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--width", defaultValue = "64", description = "Backbone base width (64 = the paper's network). Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--modality", defaultValue = "res", description = "View 2: res, rgb, u, v. Default: ${DEFAULT-VALUE}.")
    String modality;

    @Option(names = "--neg", defaultValue = "repeat", description = "Intra-negative: repeat, shuffle, spatial, none. Default: ${DEFAULT-VALUE}.")
    String negative;

    @Option(names = "--objective", defaultValue = "memory-bank", description = "memory-bank, memory-bank-nce, moco, simclr. Default: ${DEFAULT-VALUE}.")
    String objective;

    @Option(names = "--epochs", defaultValue = "240", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "16", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--momentum", defaultValue = "0.9", description = "Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--wd", defaultValue = "1e-4", description = "Weight decay. Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--lr-milestones", defaultValue = "45,90,125,160", split = ",", description = "Epochs after which lr is multiplied by --lr-decay. Default: ${DEFAULT-VALUE}.")
    int[] milestones;

    @Option(names = "--lr-decay", defaultValue = "0.2", description = "Default: ${DEFAULT-VALUE}.")
    double lrDecay;

    @Option(names = "--nce-k", defaultValue = "1024", description = "Memory-bank negatives / MoCo queue length. Default: ${DEFAULT-VALUE}.")
    int nceK;

    @Option(names = "--nce-t", defaultValue = "0.07", description = "Memory-bank / MoCo temperature. Default: ${DEFAULT-VALUE}.")
    double nceT;

    @Option(names = "--nce-m", defaultValue = "0.5", description = "Memory-bank momentum. Default: ${DEFAULT-VALUE}.")
    double nceM;

    @Option(names = "--simclr-t", defaultValue = "0.1", description = "SimCLR temperature. Default: ${DEFAULT-VALUE}.")
    double simclrT;

    @Option(names = "--normalize", description = "L2-normalise live features (needed at small scale; the reference does not).")
    boolean normalize;

    @Option(names = "--seed", defaultValue = "632", description = "Default: ${DEFAULT-VALUE}.")
    long seed;


    @Mixin
    ComputeOptions compute;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Folder for checkpoints; a run with the same settings resumes from it.")
    Path checkpointDir;

    @Option(names = "--checkpoint-every", defaultValue = "1", description = "Checkpoint every N epochs (and at the end). Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--resume", description = "Require a checkpoint in --checkpoint-dir to continue from (fails when there is none).")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        View view2 = View.parse(modality);
        IntraNegative neg = IntraNegative.parse(negative);
        PretrainSettings settings = Records.builder(D).set("model", model.toLowerCase(Locale.ROOT)).set("width", width)
                .set("modality", view2)
                .set("intraNegative", neg).set("objective", Objective.parse(objective)).set("epochs", epochs)
                .set("batchSize", batchSize)
                .set("learningRate", learningRate).set("momentum", momentum).set("weightDecay", weightDecay)
                .set("lrMilestones", milestones)
                .set("lrDecay", lrDecay).set("nceK", nceK).set("nceT", nceT).set("nceM", nceM).set("simclrT", simclrT)
                .set("normalizeFeatures", normalize)
                .set("seed", seed).set("clipLength", clip.clipLength).set("cropSize", clip.crop)
                .set("device", compute.device)
                .set("threads", compute.threads())
                .set("checkpointDir", checkpointDir).set("checkpointInterval", checkpointEvery).build().validate();
        if (resume && (checkpointDir == null || !Files.exists(Checkpoint.file(checkpointDir)))) {
            throw new UsageError("--resume needs a checkpoint, but " + (checkpointDir == null
                    ? "no --checkpoint-dir is given" : checkpointDir.resolve(Checkpoint.FILE_NAME) + " does not exist") + ".");
        }
        if (Files.isDirectory(output)) {
            throw new UsageError("--output " + output + " is a folder: give the encoder file to write.");
        }
        ProgressBar bar = new ProgressBar(err, "pretrain");
        VideoDataset d = dataset.read(bar);
        List<VideoEntry> train = DatasetOptions.videos(d, "train");
        long start = System.nanoTime();
        // another run writing the same encoder fails here instead of silently replacing this one's result
        try (RunLock outputLock = RunLock.outputFile(output);
                ClipSource source = ClipSources.open(train, clip.settings(view2, neg), view2.needsFlow() ? clip.flowFolders() : null);
                PretrainOutcome outcome = IicPretraining.run(source, settings, d.name(), bar, r -> epochLine(bar, r))) {
            EncoderFile.save(output, outcome.encoder());
            bar.clear();
            out.println(d.summary() + "; trained on " + train.size() + " videos");
            Table table = new Table("epoch", "loss", "loss v1", "loss v2", "p(pos) v1", "p(pos) v2", "lr", "seconds", "clips/s");
            for (EpochRecord r : outcome.history()) {
                table.row(r.epoch(), f(r.loss(), 4), f(r.lossView1(), 4), f(r.lossView2(), 4), f(r.probView1(), 3),
                        f(r.probView2(), 3), String.format(Locale.ROOT, "%.3g", r.lr()), f(r.seconds(), 1), f(r.clipsPerSecond(), 1));
            }
            out.print(table);
            out.printf(Locale.ROOT, "Wrote %s (%s width %d, %s, epoch %d) in %.1f s%n", output, settings.model(), settings.width(),
                    view2.id(), outcome.encoder().header().epoch(), (System.nanoTime() - start) / 1e9);
        }
        out.flush();
        return 0;
    }

    /** One permanent line per finished epoch; the bar shows the steps in between. */
    private static void epochLine(ProgressBar bar, StepReport r) {
        if (r.step() == r.steps()) {
            bar.line(String.format(Locale.ROOT, "epoch %d: last step loss %.4f + %.4f, positive p %.3f / %.3f, lr %.3g, %.1f clips/s",
                    r.epoch(), r.lossView1(), r.lossView2(), r.probView1(), r.probView2(), r.lr(), r.clipsPerSecond()));
        }
    }

    static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
