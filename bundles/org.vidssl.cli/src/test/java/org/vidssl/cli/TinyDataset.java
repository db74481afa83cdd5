package org.vidssl.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.vidssl.core.progress.Progress;
import org.vidssl.video.synth.SyntheticMotionDataset;
import org.vidssl.video.synth.SyntheticSettings;

/** A tiny synthetic motion set for the CLI tests: 3 classes x 4 videos x 12 frames at 32x43 (3 train + 1 test each). */
final class TinyDataset {

    static final SyntheticSettings SETTINGS =
            new SyntheticSettings(3, 4, 12, 32, 43, SyntheticSettings.Container.MP4, 0.25, 5);

    private TinyDataset() {}

    static Path generate(Path folder) throws IOException {
        return SyntheticMotionDataset.generate(SETTINGS, folder, Progress.NONE);
    }

    /** Clip options that fit the tiny set. */
    static String[] clipOptions() {
        return new String[] {"--clip-len", "8", "--resize", "32x43", "--crop", "28", "--test-clips", "2"};
    }
}
