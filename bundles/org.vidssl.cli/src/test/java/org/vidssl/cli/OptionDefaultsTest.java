package org.vidssl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.vidssl.core.settings.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The options' defaults and help come from the settings records; the CLI repeats none of them. */
class OptionDefaultsTest {

    /**
     * Options that stand for no record component: "command --option". Files and folders, what to run, --threads
     * (not given = every core), --resize (both resize components at once: its default is derived from them), the
     * options of extract/predict/finetune that default to what the model was trained with, forward's (a parity
     * tool with PyTorch's own defaults), the benchmark's, and the small-scale recipes of the demo and the ablation.
     */
    static final Set<String> OWN = Set.of(
            "dataset --strict",
            "dataset --max-problems",
            "decode --output",
            "decode --flow-output",
            "synth --output",
            "pretrain --resize",
            "pretrain --flow",
            "pretrain --output",
            "pretrain --threads",
            "pretrain --resume",
            "extract --encoder",
            "extract --output",
            "extract --subset",
            "extract --resize",
            "extract --clip-len",
            "extract --crop",
            "extract --flow",
            "extract --threads",
            "extract --spark",
            "retrieve --embeddings",
            "retrieve --train",
            "retrieve --test",
            "retrieve --neighbours",
            "retrieve --threads",
            "retrieve --spark",
            "finetune --resize",
            "finetune --flow",
            "finetune --encoder",
            "finetune --output",
            "finetune --threads",
            "finetune --resume",
            "predict --classifier",
            "predict --subset",
            "predict --output",
            "predict --resize",
            "predict --flow",
            "predict --batch-size",
            "predict --threads",
            "forward --model",
            "forward --encoder",
            "forward --weights",
            "forward --seed",
            "forward --input",
            "forward --output",
            "forward --features",
            "forward --mode",
            "forward --device",
            "forward --threads",
            "bench --only",
            "bench --quick",
            "bench --steps",
            "bench --memory-steps",
            "bench --threads",
            "demo --output",
            "demo --quick",
            "demo --threads",
            "demo --classes",
            "demo --videos-per-class",
            "demo --frames",
            "demo --frame-size",
            "demo --clip-len",
            "demo --crop",
            "demo --width",
            "demo --epochs",
            "demo --feature",
            "demo --retrieval-view",
            "demo --eval-every",
            "demo --resize",
            "demo --finetune-epochs",
            "demo --finetune-lr",
            "demo --test-fraction",
            "demo --motion-speed",
            "ablate --output",
            "ablate --views",
            "ablate --negatives",
            "ablate --seeds",
            "ablate --seed",
            "ablate --random-init",
            "ablate --label-fractions",
            "ablate --dataset",
            "ablate --flow",
            "ablate --flow-method",
            "ablate --classes",
            "ablate --videos-per-class",
            "ablate --frames",
            "ablate --frame-size",
            "ablate --data-seed",
            "ablate --motion-speed",
            "ablate --clip-len",
            "ablate --crop",
            "ablate --test-clips",
            "ablate --model",
            "ablate --width",
            "ablate --objective",
            "ablate --epochs",
            "ablate --batch-size",
            "ablate --lr",
            "ablate --colour-jitter",
            "ablate --feature",
            "ablate --finetune-epochs",
            "ablate --finetune-lr",
            "ablate --threads");

    /** Options that stand for a component but keep a default of their own on purpose: the demo's recipe. */
    static final Set<String> OVERRIDES =
            Set.of("demo --lr", "demo --objective", "demo --intra-negative", "demo --colour-jitter");

    @Test
    void everyOptionOfARecordComponentHasTheRecordsDefaultAndDeclaresNoneOfItsOwn() {
        List<String> unlisted = new ArrayList<>();
        Set<String> own = new TreeSet<>();
        int mapped = 0;
        for (CommandLine sub : VidsslCli.commandLine().getSubcommands().values()) {
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                String id = sub.getCommandName() + " " + o.longestName();
                Optional<Settings.Declared> s = RecordDefaults.setting(o);
                if (s.isEmpty()) {
                    own.add(id);
                    if (!OWN.contains(id)) {
                        unlisted.add(id);
                    }
                    continue;
                }
                mapped++;
                String recordDefault = s.get().defaultText();
                if (OVERRIDES.contains(id)) {
                    assertNotNull(o.defaultValue(), id);
                    assertNotEquals(recordDefault, o.defaultValue(), id + " repeats the record's default: drop it");
                    continue;
                }
                assertNull(
                        o.defaultValue(),
                        id + " declares a default: the record's " + s.get().name() + " has it");
                // what picocli parses and shows as Default: ("null" when the component has no default, a folder)
                assertEquals(recordDefault.isEmpty() ? "null" : recordDefault, o.defaultValueString(), id);
            }
        }
        assertEquals(List.of(), unlisted, "options without a record counterpart must be listed in OWN");
        assertEquals(new TreeSet<>(OWN), own, "OWN lists only options that exist and have no record counterpart");
        assertTrue(mapped > 60, "most options stand for a record component: " + mapped);
    }

    @Test
    void helpShowsTheRecordsDescriptionsAndDefaults() {
        String pretrain = CliRun.of("pretrain", "--help").out().replaceAll("\\s+", " ");
        assertTrue(
                pretrain.contains("--epochs=<epochs> Passes over the training videos, one random clip per video "
                        + "each. Default: 240."),
                pretrain);
        assertTrue(pretrain.contains("--wd=<weightDecay> SGD (L2) weight decay. Default: 1e-4."), pretrain);
        assertTrue(
                pretrain.contains("--lr-milestones=<lrMilestones>[,<lrMilestones>...] Epochs after which the "
                        + "learning rate is multiplied by the learning rate decay, increasing. Default:"
                        + " 45,90,125,160."),
                pretrain);
        assertTrue(pretrain.contains("--resize=<resize> Frames are resized to HxW first. Default: 128x171."), pretrain);
        assertTrue(pretrain.contains("--split-seed=<seed> Seed of the class-folder split. Default: 632."), pretrain);
        String decode = CliRun.of("decode", "--help").out().replaceAll("\\s+", " ");
        assertTrue(
                decode.contains("--flow=METHOD Optical flow to compute: none, tvl1 (the paper's data) or farneback "
                        + "(faster). Default: none."),
                decode);
    }

    @Test
    void everyCommandsHelpFormatsWithoutWarnings() {
        // picocli reports an unescaped % in a description on System.err and prints the text unformatted
        PrintStream stderr = System.err;
        for (String command : VidsslCli.commandLine().getSubcommands().keySet()) {
            ByteArrayOutputStream warnings = new ByteArrayOutputStream();
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            CliRun help;
            try {
                help = CliRun.of(command, "--help");
            } finally {
                System.setErr(stderr);
            }
            assertEquals(0, help.exit(), command + ": " + help);
            String printed = warnings.toString(StandardCharsets.UTF_8);
            assertFalse(printed.contains("picocli WARN"), command + " --help: " + printed);
            assertFalse(help.out().contains("%n"), command + " --help: " + help.out());
        }
    }
}
