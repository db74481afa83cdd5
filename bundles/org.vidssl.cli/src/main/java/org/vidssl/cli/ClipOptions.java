package org.vidssl.cli;

import java.nio.file.Path;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.video.clips.FlowFolders;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** How clips are cut (the Clip Pipeline node's settings); defaults and help from ClipSettings. */
@SettingsFrom(ClipSettings.class)
final class ClipOptions {

    @Option(names = "--clip-len")
    int clipLength;

    @Option(names = "--resize", description = "Frames are resized to HxW first. Default: ${DEFAULT-VALUE}.")
    String resize;

    @Option(names = "--crop")
    int cropSize;

    @Option(names = "--flip")
    boolean flip;

    @Option(names = "--test-clips")
    int testClips;

    @Option(
            names = "--flow",
            paramLabel = "DIR",
            description = "Optical-flow root with u/ and v/ frame folders (for --modality u or v).")
    Path flow;

    /** Options that cut clips as a network with this input was trained: its clip length, resize and crop. */
    static ClipOptions trainedWith(InputSpec input) {
        ClipOptions o = new ClipOptions();
        o.clipLength = input.frames();
        o.cropSize = input.height();
        o.resize = input.resizeHeight() + "x" + input.resizeWidth();
        return o;
    }

    /**
     * Takes the clip length, resize and crop a network was trained with for every one of these options the
     * command line did not give.
     */
    void defaultTo(InputSpec input, ParseResult given) {
        ClipOptions trained = trainedWith(input);
        clipLength = given.hasMatchedOption("--clip-len") ? clipLength : trained.clipLength;
        resize = given.hasMatchedOption("--resize") ? resize : trained.resize;
        cropSize = given.hasMatchedOption("--crop") ? cropSize : trained.cropSize;
    }

    ClipSettings settings(View view2, IntraNegative negative) {
        int[] size = DemoCommand.parseSize(resize);
        return new ClipSettings(clipLength, size[0], size[1], cropSize, flip, view2, negative, testClips).validate();
    }

    FlowFolders flowFolders() {
        if (flow == null) {
            return null;
        }
        if (!java.nio.file.Files.isDirectory(flow)) {
            throw new UsageError("--flow folder " + flow + " does not exist: give the folder holding u/ and v/.");
        }
        return FlowFolders.under(flow);
    }
}
