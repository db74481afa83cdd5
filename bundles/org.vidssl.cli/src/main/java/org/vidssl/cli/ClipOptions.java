package org.vidssl.cli;

import java.nio.file.Path;

import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.IntraNegative;
import org.vidssl.core.clip.View;
import org.vidssl.torch.model.InputSpec;
import org.vidssl.video.clips.FlowFolders;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** How clips are cut (the Clip Pipeline node's settings); defaults are the paper's (ClipSettings.DEFAULTS). */
final class ClipOptions {

    @Option(names = "--clip-len", defaultValue = "16", description = "Frames per clip. Default: ${DEFAULT-VALUE}.")
    int clipLength;

    @Option(names = "--resize", defaultValue = "128x171", description = "Frames are resized to HxW first. Default: ${DEFAULT-VALUE}.")
    String resize;

    @Option(names = "--crop", defaultValue = "112", description = "Square crop side (random when training, centre when testing). Default: ${DEFAULT-VALUE}.")
    int crop;

    @Option(names = "--flip", description = "Random horizontal flip when training (off in the paper).")
    boolean flip;

    @Option(names = "--test-clips", defaultValue = "10", description = "Clips per video for retrieval and testing. Default: ${DEFAULT-VALUE}.")
    int testClips;

    @Option(names = "--flow", paramLabel = "DIR", description = "Optical-flow root with u/ and v/ frame folders (for --modality u or v).")
    Path flow;

    /** Options that cut clips as a network with this input was trained: its clip length, resize and crop. */
    static ClipOptions trainedWith(InputSpec input) {
        ClipOptions o = new ClipOptions();
        o.clipLength = input.frames();
        o.crop = input.height();
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
        crop = given.hasMatchedOption("--crop") ? crop : trained.crop;
    }

    ClipSettings settings(View view2, IntraNegative negative) {
        int[] size = DemoCommand.parseSize(resize);
        return new ClipSettings(clipLength, size[0], size[1], crop, flip, view2, negative, testClips).validate();
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
