package org.vidssl.core.dataset;

import java.nio.file.Path;

/**
 * Something wrong with one entry of a dataset that was skipped or kept with a warning (missing
 * video, unknown class, label disagreeing with its folder). Reading continues.
 *
 * @param file    the list file (or data file) concerned
 * @param line    1-based line in that file, 0 = the whole file
 * @param videoId the video concerned, or null
 * @param message what is wrong and what to do
 */
public record DatasetProblem(Path file, int line, String videoId, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
