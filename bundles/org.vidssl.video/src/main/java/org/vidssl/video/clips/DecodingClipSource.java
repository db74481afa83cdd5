package org.vidssl.video.clips;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.vidssl.core.clip.Clip;
import org.vidssl.core.clip.ClipPlan;
import org.vidssl.core.clip.ClipSampling;
import org.vidssl.core.clip.ClipSettings;
import org.vidssl.core.clip.ClipSource;
import org.vidssl.core.dataset.VideoEntry;

/**
 * Clips of frame folders and video files. Every call owns its decoders and frees them before it
 * returns, so calls from many threads share nothing native; the only shared state is the lazily
 * filled, immutable per-video frame layout.
 */
final class DecodingClipSource implements ClipSource {

    /** Where one video's frames are and how many every requested modality has. */
    private record Layout(boolean frameFolder, Path u, Path v, int usableFrames) {
        Layout withUsableFrames(int frames) {
            return new Layout(frameFolder, u, v, frames);
        }
    }

    private final List<VideoEntry> videos;
    private final ClipSettings settings;
    private final FlowFolders flow;
    private final AtomicReferenceArray<Layout> layouts;

    DecodingClipSource(List<VideoEntry> videos, ClipSettings settings, FlowFolders flow) {
        this.videos = videos;
        this.settings = settings;
        this.flow = flow;
        this.layouts = new AtomicReferenceArray<>(videos.size());
    }

    @Override
    public List<VideoEntry> videos() {
        return videos;
    }

    @Override
    public ClipSettings settings() {
        return settings;
    }

    /** Frames usable by every modality of the video (counted on first use). */
    public int frameCount(int video) {
        return layout(video).usableFrames();
    }

    @Override
    public Clip trainClip(int video, long seed, int epoch) {
        Layout layout = layout(video);
        ClipPlan plan = ClipSampling.train(settings, layout.usableFrames(), seed, epoch, video);
        try (Decoders decoders = new Decoders(video, layout)) {
            return read(video, layout, plan, decoders);
        }
    }

    @Override
    public List<Clip> testClips(int video, int count) {
        Layout layout = layout(video);
        List<Clip> clips = new ArrayList<>(count);
        try (Decoders decoders = new Decoders(video, layout)) {
            for (ClipPlan plan : ClipSampling.test(settings, layout.usableFrames(), count)) {
                clips.add(read(video, layout, plan, decoders));
            }
        }
        return clips;
    }

    private Clip read(int video, Layout layout, ClipPlan plan, Decoders decoders) {
        VideoEntry entry = videos.get(video);
        String id = entry.videoId();
        int crop = settings.cropSize();
        ClipCanvas rgb = new ClipCanvas(plan, crop);
        if (layout.frameFolder()) {
            for (int t = 0; t < plan.length(); t++) {
                decoders.jpeg.putColour(id, frameFile(entry.source(), plan.frame(t)), rgb, t);
            }
        } else {
            decoders.video.read(plan, rgb, () -> shortFile(video));
        }
        float[] u = layout.u() == null ? null : readFlow(id, layout.u(), plan, decoders.jpeg, true);
        float[] v = layout.v() == null ? null : readFlow(id, layout.v(), plan, decoders.jpeg, false);
        return new Clip(rgb.data, u, v, plan.length(), crop, crop, plan.looped());
    }

    private float[] readFlow(String id, Path folder, ClipPlan plan, JpegFrameDecoder jpeg, boolean horizontal) {
        ClipCanvas canvas = new ClipCanvas(plan, settings.cropSize());
        for (int t = 0; t < plan.length(); t++) {
            // mirroring reverses horizontal motion, so a flipped u frame is negated too
            jpeg.putGrey(id, frameFile(folder, plan.frame(t)), canvas, t, horizontal);
        }
        return canvas.data;
    }

    /** The decoders one call needs, freed together. */
    private final class Decoders implements AutoCloseable {
        final JpegFrameDecoder jpeg;
        final VideoFileReader video;

        Decoders(int index, Layout layout) {
            boolean needsJpeg = layout.frameFolder() || layout.u() != null || layout.v() != null;
            jpeg = needsJpeg ? new JpegFrameDecoder(settings.resizeHeight(), settings.resizeWidth()) : null;
            try {
                video = layout.frameFolder() ? null : openVideo(index);
            } catch (RuntimeException e) {
                if (jpeg != null) {
                    jpeg.close();
                }
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                if (video != null) {
                    video.close();
                }
            } finally {
                if (jpeg != null) {
                    jpeg.close();
                }
            }
        }
    }

    private VideoFileReader openVideo(int video) {
        VideoEntry entry = videos.get(video);
        return new VideoFileReader(entry.videoId(), entry.source(), settings.resizeHeight(), settings.resizeWidth());
    }

    /** The file ended before its packet count said: later clips of this video stay inside what decodes. */
    private void shortFile(int video) {
        Layout layout = layouts.get(video);
        if (layout.usableFrames() > 1) {
            layouts.set(video, layout.withUsableFrames(layout.usableFrames() - 1));
        }
    }

    private Layout layout(int video) {
        if (video < 0 || video >= videos.size()) {
            throw new IndexOutOfBoundsException("Video index " + video + " is outside 0.." + (videos.size() - 1));
        }
        Layout layout = layouts.get(video);
        if (layout == null) {
            // two threads may both scan the same video: harmless, both find the same layout
            layout = scan(videos.get(video));
            layouts.compareAndSet(video, null, layout);
        }
        return layout;
    }

    private Layout scan(VideoEntry entry) {
        Path source = entry.source();
        boolean folder = Files.isDirectory(source);
        if (!folder && !Files.isRegularFile(source)) {
            throw new ClipReadException("Video " + entry.videoId() + ": " + source
                    + " is neither a frame folder nor a video file. Check the dataset root or extract the"
                    + " frames again.");
        }
        int frames = entry.frameCount();
        if (frames < 0) {
            frames = folder ? countFrameFiles(entry.videoId(), source) : countVideoFrames(entry);
        }
        Path u = null;
        Path v = null;
        if (flow != null) {
            if (flow.u() != null) {
                u = flowFolder(flow.u(), entry);
                frames = Math.min(frames, countFrameFiles(entry.videoId(), u));
            }
            if (flow.v() != null) {
                v = flowFolder(flow.v(), entry);
                frames = Math.min(frames, countFrameFiles(entry.videoId(), v));
            }
        }
        if (frames < 1) {
            throw new ClipReadException("Video " + entry.videoId() + " has no frames in " + source
                    + (flow != null ? " or in its flow folders" : "")
                    + ". Extract its frames again (frame000001.jpg ...) or remove it from the list.");
        }
        return new Layout(folder, u, v, frames);
    }

    private int countVideoFrames(VideoEntry entry) {
        try (VideoFileReader reader =
                new VideoFileReader(entry.videoId(), entry.source(), settings.resizeHeight(), settings.resizeWidth())) {
            return reader.countFrames();
        }
    }

    private static Path flowFolder(Path root, VideoEntry entry) {
        Path direct = root.resolve(entry.videoId());
        if (Files.isDirectory(direct)) {
            return direct;
        }
        Path byClass = root.resolve(entry.className()).resolve(entry.videoId());
        if (Files.isDirectory(byClass)) {
            return byClass;
        }
        throw new ClipReadException("Video " + entry.videoId() + ": no flow folder " + direct + " (nor " + byClass
                + "). Compute its optical flow or drop the flow view.");
    }

    /** Number of {@code frameNNNNNN.jpg} files, the layout the reference and our extractor write. */
    static int countFrameFiles(String video, Path folder) {
        int count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "frame*.jpg")) {
            for (Path ignored : files) {
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Video " + video + ": cannot list frame folder " + folder, e);
        }
        return count;
    }

    /** The file of 0-based frame {@code index}: {@code frame000001.jpg} is frame 0. */
    static Path frameFile(Path folder, int index) {
        String number = Integer.toString(index + 1);
        StringBuilder name = new StringBuilder(16).append("frame");
        for (int i = number.length(); i < 6; i++) {
            name.append('0');
        }
        return folder.resolve(name.append(number).append(".jpg").toString());
    }
}
