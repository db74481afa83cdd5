package org.vidssl.video.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.io.FileUtils;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;
import org.vidssl.video.FFmpegSupport;
import org.vidssl.video.clips.FlowFolders;
import org.vidssl.video.flow.OpticalFlow;

/**
 * Decodes video files into frame folders {@code <outputRoot>/<video_id>/frame000001.jpg ...}, every decoded
 * frame exactly once, resized to the settings' size. Videos are decoded in parallel, one frame in memory per
 * worker. Each folder is written under a temporary name beside the target and renamed when complete, so a
 * folder with the final name is always complete: a second run skips it (resume). A video that cannot be
 * decoded is reported in its {@link ExtractionResult#error()} and does not stop the others. With a flow
 * method set, the optical flow between consecutive frames is computed from the same decoded frames (grey,
 * at the settings' size) and written as grey u and v JPEG folders in the reference's layout and
 * quantisation ({@link OpticalFlow}); they are renamed into place before the frame folder.
 */
public final class FrameExtractor {

    /** File name of frame {@code i} (1-based), as the reference's frame folders. */
    public static String frameFileName(int index) {
        return String.format(java.util.Locale.ROOT, "frame%06d.jpg", index);
    }

    /** Marker written into each frame folder: the size and frame count it was decoded with. */
    public static final String MARKER_FILE = ".vidssl-frames.properties";

    /** Marker written into each u and v flow folder: method, bound, size and flow frame count. */
    public static final String FLOW_MARKER_FILE = ".vidssl-flow.properties";

    private static final String TEMP_INFIX = ".partial-";
    private static final int FRAMES_PER_CANCEL_CHECK = 8;

    private final FrameExtractionSettings settings;

    public FrameExtractor(FrameExtractionSettings settings) {
        this.settings = settings.validate();
    }

    public FrameExtractionSettings settings() {
        return settings;
    }

    /**
     * Decodes every video into its frame folder under {@code outputRoot}; with a flow method set, its u and v
     * flow folders go to {@code outputRoot/u/<video_id>} and {@code outputRoot/v/<video_id>}.
     *
     * @return one result per video, in the order given
     * @throws CancelledException when the progress was cancelled; no partial folder is left behind
     * @throws IOException        when the output folder cannot be created
     */
    public List<ExtractionResult> extract(List<VideoEntry> videos, Path outputRoot, Progress progress)
            throws IOException {
        return extract(videos, outputRoot, settings.writesFlow() ? FlowFolders.under(outputRoot) : null, progress);
    }

    /**
     * Decodes every video into its frame folder under {@code outputRoot} and, with a flow method set, writes
     * its optical flow to {@code flowRoots.u()/<video_id>/frame000001.jpg ...} and the same under
     * {@code flowRoots.v()}: frame i holds the flow from frame i to frame i+1, so a video of n frames has
     * n - 1 flow frames, as the reference's TV-L1 folders. A video whose frame folder exists but not its flow
     * folders is decoded again for the flow only.
     *
     * @param flowRoots where the u and v folders go (both roots); ignored when the flow method is none
     * @return one result per video, in the order given
     * @throws CancelledException when the progress was cancelled; no partial folder is left behind
     * @throws IOException        when an output folder cannot be created
     */
    public List<ExtractionResult> extract(
            List<VideoEntry> videos, Path outputRoot, FlowFolders flowRoots, Progress progress) throws IOException {
        FlowFolders flow = settings.writesFlow() ? flowRoots : null;
        if (settings.writesFlow() && (flow == null || flow.u() == null || flow.v() == null)) {
            throw new IllegalArgumentException(
                    "Flow method " + settings.flow().id() + " needs an output folder for u and one for v.");
        }
        FFmpegSupport.init();
        progress.checkCancelled();
        Files.createDirectories(outputRoot);
        if (flow != null) {
            Files.createDirectories(flow.u());
            Files.createDirectories(flow.v());
        }
        List<ExtractionResult> results = new ArrayList<>(videos.size());
        if (videos.isEmpty()) {
            return results;
        }
        AtomicInteger finished = new AtomicInteger();
        Set<String> seenIds = new HashSet<>();
        List<Future<ExtractionResult>> futures = new ArrayList<>(videos.size());
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.min(settings.effectiveThreads(), videos.size()), runnable -> {
                    Thread thread = new Thread(runnable, "vidssl-frame-extractor");
                    thread.setDaemon(true);
                    return thread;
                });
        boolean cancelled = false;
        try {
            for (VideoEntry video : videos) {
                // two rows with one id would write one folder: decode the first, report the others
                boolean duplicate = !seenIds.add(video.videoId());
                futures.add(pool.submit(() -> {
                    ExtractionResult result = duplicate
                            ? ExtractionResult.failed(
                                    video,
                                    "Video id " + video.videoId()
                                            + " appears more than once in the list; its frames go to one folder, so"
                                            + " give each video a unique id.")
                            : extractOne(video, outputRoot, flow, progress);
                    int done = finished.incrementAndGet();
                    synchronized (progress) {
                        progress.report(
                                (double) done / videos.size(),
                                "Decoded " + done + " of " + videos.size() + " videos (" + video.videoId()
                                        + (result.ok() ? "" : ": failed") + ")");
                    }
                    return result;
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof CancelledException) {
                        cancelled = true;
                    } else {
                        results.add(ExtractionResult.failed(
                                videos.get(i), "Decoding " + videos.get(i).source() + " failed: " + e.getCause()));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelled = true;
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
        if (cancelled) {
            throw new CancelledException();
        }
        return results;
    }

    /** Where one video's folders go, and which of them are still to be written (temporary folders, else null). */
    private record Outputs(Path frames, Path u, Path v) {
        boolean flow() {
            return u != null || v != null;
        }

        List<Path> all() {
            List<Path> all = new ArrayList<>(3);
            for (Path p : new Path[] {frames, u, v}) {
                if (p != null) {
                    all.add(p);
                }
            }
            return all;
        }
    }

    /** Decodes one video (or finds its complete folders) on the calling thread; flow null for none. */
    ExtractionResult extractOne(VideoEntry video, Path outputRoot, FlowFolders flow, Progress progress) {
        progress.checkCancelled();
        String id = video.videoId();
        if (id.isEmpty() || id.startsWith(".") || id.contains("/") || id.contains("\\")) {
            return ExtractionResult.failed(
                    video,
                    "Video id '" + id + "' cannot name a frame folder: use a plain file name without "
                            + "path separators and not starting with a dot.");
        }
        Path target = outputRoot.resolve(id);
        Path uTarget = flow == null ? null : flow.u().resolve(id);
        Path vTarget = flow == null ? null : flow.v().resolve(id);
        if (flow != null && (target.equals(flow.u()) || target.equals(flow.v()))) {
            return ExtractionResult.failed(
                    video,
                    "Video id '" + id + "' is the name of a flow folder in " + outputRoot
                            + ": rename the video, or write the flow to another folder.");
        }
        ExtractionResult existing = null;
        if (Files.isDirectory(target)) {
            existing = existingFolder(video, target);
            if (!existing.ok() || flow == null) {
                return existing;
            }
        }
        boolean uDone = flow != null && Files.isDirectory(uTarget);
        boolean vDone = flow != null && Files.isDirectory(vTarget);
        if (existing != null && uDone && vDone) {
            String problem = flowFolderProblem(uTarget, existing.frameCount());
            problem = problem != null ? problem : flowFolderProblem(vTarget, existing.frameCount());
            return problem != null
                    ? ExtractionResult.failed(video, problem)
                    : existing.withFlow(new FlowFolders(uTarget, vTarget), true);
        }
        Path source = video.source();
        if (Files.isDirectory(source)) {
            return ExtractionResult.failed(
                    video,
                    "Source " + source + " of video " + id + " is a folder, not a video file: "
                            + "frame folders need no extraction, use them directly"
                            + (flow == null ? "." : "; optical flow is computed from video files only."));
        }
        if (!Files.isRegularFile(source)) {
            return ExtractionResult.failed(
                    video, "Video file " + source + " of video " + id + " does not exist: check the dataset root.");
        }
        String temp = "." + id + TEMP_INFIX + UUID.randomUUID();
        // a folder with its final name is complete, so only the missing ones are written
        Outputs outputs = new Outputs(
                existing == null ? outputRoot.resolve(temp) : null,
                flow == null || uDone ? null : flow.u().resolve(temp),
                flow == null || vDone ? null : flow.v().resolve(temp));
        try {
            for (Path folder : outputs.all()) {
                Files.createDirectory(folder);
            }
            int frames = decodeInto(source, outputs, progress);
            if (existing != null && frames != existing.frameCount()) {
                return ExtractionResult.failed(
                        video,
                        "Frame folder " + target + " holds " + existing.frameCount()
                                + " frames but " + source + " decodes to " + frames + ": delete the folder to decode "
                                + id
                                + " again.");
            }
            String problem = uDone ? flowFolderProblem(uTarget, frames) : null;
            problem = problem == null && vDone ? flowFolderProblem(vTarget, frames) : problem;
            if (problem != null) {
                return ExtractionResult.failed(video, problem);
            }
            // flow first, frames last: a complete frame folder then says its flow folders are complete too
            if (outputs.u() != null) {
                writeMarker(outputs.u(), frames - 1, source, true);
                moveUnlessThere(outputs.u(), uTarget);
            }
            if (outputs.v() != null) {
                writeMarker(outputs.v(), frames - 1, source, true);
                moveUnlessThere(outputs.v(), vTarget);
            }
            FlowFolders flowFolders = flow == null ? null : new FlowFolders(uTarget, vTarget);
            if (existing != null) {
                return existing.withFlow(flowFolders, false);
            }
            writeMarker(outputs.frames(), frames, source, false);
            if (!moveUnlessThere(outputs.frames(), target)) {
                return existingFolder(video, target).withFlow(flowFolders, false); // another run finished it first
            }
            return new ExtractionResult(video, target, frames, false, null, flowFolders);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CancelledException cancelled) {
                throw cancelled;
            }
            return ExtractionResult.failed(
                    video, e.getMessage() == null ? "Decoding " + source + " failed: " + e : e.getMessage());
        } finally {
            for (Path folder : outputs.all()) {
                FileUtils.deleteQuietly(folder.toFile());
            }
        }
    }

    /** Renames a complete temporary folder to its final name; false when that name exists already. */
    private static boolean moveUnlessThere(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (Files.isDirectory(target)) {
                return false; // some file systems report a non-empty target as a plain IOException
            }
            throw e;
        }
    }

    private int decodeInto(Path source, Outputs outputs, Progress progress) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile());
                OpticalFlow flow = outputs.flow() ? new OpticalFlow(settings.flow()) : null;
                Mat u = new Mat();
                Mat v = new Mat()) {
            grabber.setImageWidth(settings.width());
            grabber.setImageHeight(settings.height());
            grabber.setPixelFormat(AV_PIX_FMT_BGR24);
            grabber.setVideoOption("threads", "1"); // parallel across videos, not within one
            grabber.start();
            AVStream stream = FFmpegSupport.videoStream(grabber.getFormatContext());
            if (stream == null) {
                throw new IOException("Video " + source + " has no video stream.");
            }
            long declaredFrames = stream.nb_frames();
            int[] jpegParams = {IMWRITE_JPEG_QUALITY, settings.jpegQuality()};
            // flow frames take far longer than decoding: check after each
            int cancelEvery = flow == null ? FRAMES_PER_CANCEL_CHECK : 1;
            Mat previous = new Mat();
            Mat current = new Mat();
            int frames = 0;
            try {
                Frame frame;
                while ((frame = grabber.grabImage()) != null) {
                    if (frames % cancelEvery == 0) {
                        progress.checkCancelled();
                    }
                    // wraps the grabber's buffer, no copy. Three channels and the row stride explicitly: the converter
                    // guesses the channels from stride / width, which FFmpeg's row padding breaks for narrow frames
                    try (BytePointer data = new BytePointer((ByteBuffer) frame.image[0]);
                            Mat image =
                                    new Mat(frame.imageHeight, frame.imageWidth, CV_8UC3, data, frame.imageStride)) {
                        if (outputs.frames() != null) {
                            write(outputs.frames().resolve(frameFileName(frames + 1)), image, jpegParams);
                        }
                        if (flow != null) {
                            cvtColor(image, current, COLOR_BGR2GRAY);
                            if (frames > 0) {
                                // flow frame i: from frame i to frame i + 1 (both 1-based)
                                flow.compute(previous, current, u, v);
                                if (outputs.u() != null) {
                                    write(outputs.u().resolve(frameFileName(frames)), u, jpegParams);
                                }
                                if (outputs.v() != null) {
                                    write(outputs.v().resolve(frameFileName(frames)), v, jpegParams);
                                }
                            }
                            Mat swap = previous;
                            previous = current;
                            current = swap;
                        }
                    }
                    frames++;
                }
            } finally {
                previous.close();
                current.close();
            }
            if (frames == 0) {
                throw new IOException(
                        "Video " + source + " contains no decodable frames: the file is empty or corrupt.");
            }
            if (declaredFrames > 0 && frames < declaredFrames) {
                throw new IOException("Video " + source + " is truncated or corrupt: decoded " + frames + " of the "
                        + declaredFrames + " frames its header declares. Re-download or re-encode it.");
            }
            if (flow != null && frames < 2) {
                throw new IOException("Video " + source + " has a single frame: optical flow needs at least two.");
            }
            return frames;
        } catch (FrameGrabber.Exception e) {
            throw new IOException(
                    "Cannot decode video " + source + ": " + e.getMessage()
                            + ". The file is corrupt, truncated or not a video (AVI, MP4, MKV, WebM are supported).",
                    e);
        }
    }

    private static void write(Path file, Mat image, int[] jpegParams) throws IOException {
        if (!imwrite(file.toString(), image, jpegParams)) {
            throw new IOException("Cannot write frame " + file + ": check free disk space and write permission.");
        }
    }

    /** Why a complete flow folder does not fit these settings and its frame folder, or null when it does. */
    private String flowFolderProblem(Path folder, int frames) {
        Path marker = folder.resolve(FLOW_MARKER_FILE);
        if (!Files.isRegularFile(marker)) {
            return null; // a folder made by another tool (e.g. the reference's TV-L1 data): taken as it is
        }
        try {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(marker)) {
                p.load(in);
            }
            String method = p.getProperty("method");
            String size = p.getProperty("height") + "x" + p.getProperty("width");
            if (!settings.flow().id().equals(method) || !size.equals(settings.height() + "x" + settings.width())) {
                return "Flow folder " + folder + " holds " + method + " flow of " + size
                        + " frames but the settings ask for " + settings.flow().id() + " at " + settings.height() + "x"
                        + settings.width()
                        + ": delete the folder or choose another output folder.";
            }
            int flowFrames = Integer.parseInt(p.getProperty("frames"));
            if (flowFrames != frames - 1) {
                return "Flow folder " + folder + " holds " + flowFrames + " frames but its video has " + frames
                        + " (flow has one fewer): delete the flow folder to compute it again.";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "Cannot read flow folder " + folder + " (" + e.getMessage()
                    + "): delete it to compute the flow again.";
        }
    }

    private ExtractionResult existingFolder(VideoEntry video, Path folder) {
        Path marker = folder.resolve(MARKER_FILE);
        try {
            if (Files.isRegularFile(marker)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(marker)) {
                    p.load(in);
                }
                int height = Integer.parseInt(p.getProperty("height"));
                int width = Integer.parseInt(p.getProperty("width"));
                if (height != settings.height() || width != settings.width()) {
                    return ExtractionResult.failed(
                            video,
                            "Frame folder " + folder + " holds " + height + "x" + width
                                    + " frames but the settings ask for " + settings.height() + "x" + settings.width()
                                    + ": delete the folder or choose another output folder.");
                }
                return new ExtractionResult(video, folder, Integer.parseInt(p.getProperty("frames")), true, null, null);
            }
            // a folder made by another tool: take it as it is
            int frames = countFrames(folder);
            if (frames == 0) {
                return ExtractionResult.failed(
                        video,
                        "Folder " + folder + " exists but holds no frame*.jpg files: delete it to decode "
                                + video.videoId() + " again.");
            }
            return new ExtractionResult(video, folder, frames, true, null, null);
        } catch (IOException | RuntimeException e) {
            return ExtractionResult.failed(
                    video,
                    "Cannot read frame folder " + folder + " (" + e.getMessage() + "): delete it to decode "
                            + video.videoId() + " again.");
        }
    }

    /** Number of {@code frame*.jpg} files in a frame folder. */
    public static int countFrames(Path folder) throws IOException {
        int count = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "frame*.jpg")) {
            for (Path ignored : files) {
                count++;
            }
        }
        return count;
    }

    private void writeMarker(Path folder, int frames, Path source, boolean flow) throws IOException {
        Properties p = new Properties();
        p.setProperty("height", Integer.toString(settings.height()));
        p.setProperty("width", Integer.toString(settings.width()));
        p.setProperty("frames", Integer.toString(frames));
        p.setProperty("jpegQuality", Integer.toString(settings.jpegQuality()));
        p.setProperty("source", source.toString());
        if (flow) {
            p.setProperty("method", settings.flow().id());
            p.setProperty("bound", Double.toString(OpticalFlow.BOUND));
        }
        try (OutputStream out = Files.newOutputStream(folder.resolve(flow ? FLOW_MARKER_FILE : MARKER_FILE))) {
            p.store(out, "Written by org.vidssl.video.decode.FrameExtractor when the folder was complete");
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            // workers check cancellation every few frames, so this returns promptly
            while (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
