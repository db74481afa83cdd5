package org.vidssl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.core.pretrain.Objective;
import org.vidssl.core.settings.Backbone;
import org.vidssl.core.settings.ChoiceIds;
import org.vidssl.core.settings.Choices;
import org.vidssl.core.settings.DeviceSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The options that pick an entry of a list show the whole list, made from core's list, in their help. */
class ChoiceOptionsTest {

    private static final String BACKBONES = Choices.idText(Backbone.class);
    private static final String VIEWS = Choices.idText(View.class);
    private static final String NEGATIVES = Choices.idText(IntraNegative.class);
    private static final String OBJECTIVES = Choices.idText(Objective.class);

    /** subcommand -> option -> the list its help must show. */
    private static final Map<String, Map<String, String>> LISTS = Map.of(
            "pretrain",
                    Map.of(
                            "--model",
                            BACKBONES,
                            "--modality",
                            VIEWS,
                            "--neg",
                            NEGATIVES,
                            "--objective",
                            OBJECTIVES,
                            "--device",
                            DeviceSpec.SYNTAX),
            "finetune", Map.of("--model", BACKBONES, "--modality", VIEWS, "--device", DeviceSpec.SYNTAX),
            "demo", Map.of("--model", BACKBONES, "--objective", OBJECTIVES, "--intra-negative", NEGATIVES),
            "extract", Map.of("--view", VIEWS, "--device", DeviceSpec.SYNTAX),
            "forward", Map.of("--model", BACKBONES, "--device", DeviceSpec.SYNTAX),
            "bench", Map.of("--model", BACKBONES, "--objective", OBJECTIVES));

    @Test
    void choiceOptionsListEveryEntryOfTheirList() {
        CommandLine cli = VidsslCli.commandLine();
        LISTS.forEach((command, options) -> options.forEach((name, list) -> {
            OptionSpec option =
                    cli.getSubcommands().get(command).getCommandSpec().findOption(name);
            assertNotNull(option, command + " " + name);
            String help = String.join(" ", option.description());
            assertTrue(help.contains(list), command + " " + name + ": " + help);
        }));
    }

    @Test
    void everyOptionWithListCandidatesOffersExactlyTheList() {
        List<String> checked = new ArrayList<>();
        for (CommandLine sub : VidsslCli.commandLine().getSubcommands().values()) {
            for (OptionSpec option : sub.getCommandSpec().options()) {
                if (option.completionCandidates() instanceof ChoiceIds<?> ids) {
                    List<String> offered = new ArrayList<>();
                    ids.forEach(offered::add);
                    String help = String.join(" ", option.description());
                    assertTrue(help.contains(String.join(", ", offered)), sub.getCommandName() + " " + help);
                    checked.add(sub.getCommandName() + " " + option.longestName());
                }
            }
        }
        assertTrue(checked.size() >= 13, checked.toString());
    }

    @Test
    void helpPrintsTheLists() {
        CliRun help = CliRun.of("pretrain", "--help");
        assertEquals(0, help.exit(), help.toString());
        String flat = help.out().replaceAll("\\s+", " ");
        for (Backbone b : Backbone.values()) {
            assertTrue(flat.contains(b.id()), flat);
        }
        assertTrue(flat.contains(OBJECTIVES), flat);
    }
}
