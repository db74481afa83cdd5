package org.vidssl.video.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

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
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.vidssl.core.dataset.VideoEntry;
import org.vidssl.core.progress.CancelledException;
import org.vidssl.core.progress.Progress;

/**
 * Decodes video files into frame folders {@code <outputRoot>/<video_id>/frame000001.jpg ...}, every decoded
 * frame exactly once, resized to the settings' size. Videos are decoded in parallel, one frame in memory per
 * worker. Each folder is written under a temporary name beside the target and renamed when complete, so a
 * folder with the final name is always complete: a second run skips it (resume). A video that cannot be
 * decoded is reported in its {@link ExtractionResult#error()} and does not stop the others.
 */
public final class FrameExtractor {

    /** File name of frame {@code i} (1-based), as the reference's frame folders. */
    public static String frameFileName(int index) {
        return String.format(java.util.Locale.ROOT, "frame%06d.jpg", index);
    }

    /** Marker written into each frame folder: the size and frame count it was decoded with. */
    public static final String MARKER_FILE = ".vidssl-frames.properties";

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
     * Decodes every video into its frame folder under {@code outputRoot}.
     *
     * @return one result per video, in the order given
     * @throws CancelledException when the progress was cancelled; no partial folder is left behind
     * @throws IOException        when the output folder cannot be created
     */
    public List<ExtractionResult> extract(List<VideoEntry> videos, Path outputRoot, Progress progress) throws IOException {
        FFmpegSupport.init();
        progress.checkCancelled();
        Files.createDirectories(outputRoot);
        List<ExtractionResult> results = new ArrayList<>(videos.size());
        if (videos.isEmpty()) {
            return results;
        }
        AtomicInteger finished = new AtomicInteger();
        Set<String> seenIds = new HashSet<>();
        List<Future<ExtractionResult>> futures = new ArrayList<>(videos.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.effectiveThreads(), videos.size()), runnable -> {
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
                            ? ExtractionResult.failed(video, "Video id " + video.videoId()
                                    + " appears more than once in the list; its frames go to one folder, so give each video a unique id.")
                            : extractOne(video, outputRoot, progress);
                    int done = finished.incrementAndGet();
                    synchronized (progress) {
                        progress.report((double) done / videos.size(), "Decoded " + done + " of " + videos.size() + " videos ("
                                + video.videoId() + (result.ok() ? "" : ": failed") + ")");
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
                        results.add(ExtractionResult.failed(videos.get(i), "Decoding " + videos.get(i).source() + " failed: " + e.getCause()));
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

    /** Decodes one video (or finds its complete folder) on the calling thread. */
    ExtractionResult extractOne(VideoEntry video, Path outputRoot, Progress progress) {
        progress.checkCancelled();
        String id = video.videoId();
        if (id.isEmpty() || id.startsWith(".") || id.contains("/") || id.contains("\\")) {
            return ExtractionResult.failed(video, "Video id '" + id + "' cannot name a frame folder: use a plain file name without "
                    + "path separators and not starting with a dot.");
        }
        Path target = outputRoot.resolve(id);
        if (Files.isDirectory(target)) {
            return existingFolder(video, target);
        }
        Path source = video.source();
        if (Files.isDirectory(source)) {
            return ExtractionResult.failed(video, "Source " + source + " of video " + id + " is a folder, not a video file: "
                    + "frame folders need no extraction, use them directly.");
        }
        if (!Files.isRegularFile(source)) {
            return ExtractionResult.failed(video, "Video file " + source + " of video " + id + " does not exist: check the dataset root.");
        }
        Path temp = outputRoot.resolve("." + id + TEMP_INFIX + UUID.randomUUID());
        try {
            Files.createDirectory(temp);
            int frames = decodeInto(source, temp, progress);
            writeMarker(temp, frames, source);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                return existingFolder(video, target); // another run finished it first
            }
            return new ExtractionResult(video, target, frames, false, null);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CancelledException cancelled) {
                throw cancelled;
            }
            return ExtractionResult.failed(video, e.getMessage() == null ? "Decoding " + source + " failed: " + e : e.getMessage());
        } finally {
            FileUtils.deleteQuietly(temp.toFile());
        }
    }

    private int decodeInto(Path source, Path folder, Progress progress) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile())) {
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
            int frames = 0;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (frames % FRAMES_PER_CANCEL_CHECK == 0) {
                    progress.checkCancelled();
                }
                Path file = folder.resolve(frameFileName(frames + 1));
                // wraps the grabber's buffer, no copy. Three channels and the row stride explicitly: the converter
                // guesses the channels from stride / width, which FFmpeg's row padding breaks for narrow frames
                try (BytePointer data = new BytePointer((ByteBuffer) frame.image[0]);
                        Mat image = new Mat(frame.imageHeight, frame.imageWidth, CV_8UC3, data, frame.imageStride)) {
                    if (!imwrite(file.toString(), image, jpegParams)) {
                        throw new IOException("Cannot write frame " + file + ": check free disk space and write permission.");
                    }
                }
                frames++;
            }
            if (frames == 0) {
                throw new IOException("Video " + source + " contains no decodable frames: the file is empty or corrupt.");
            }
            if (declaredFrames > 0 && frames < declaredFrames) {
                throw new IOException("Video " + source + " is truncated or corrupt: decoded " + frames + " of the "
                        + declaredFrames + " frames its header declares. Re-download or re-encode it.");
            }
            return frames;
        } catch (FrameGrabber.Exception e) {
            throw new IOException("Cannot decode video " + source + ": " + e.getMessage()
                    + ". The file is corrupt, truncated or not a video (AVI, MP4, MKV, WebM are supported).", e);
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
                    return ExtractionResult.failed(video, "Frame folder " + folder + " holds " + height + "x" + width
                            + " frames but the settings ask for " + settings.height() + "x" + settings.width()
                            + ": delete the folder or choose another output folder.");
                }
                return new ExtractionResult(video, folder, Integer.parseInt(p.getProperty("frames")), true, null);
            }
            // a folder made by another tool: take it as it is
            int frames = countFrames(folder);
            if (frames == 0) {
                return ExtractionResult.failed(video, "Folder " + folder + " exists but holds no frame*.jpg files: delete it to decode "
                        + video.videoId() + " again.");
            }
            return new ExtractionResult(video, folder, frames, true, null);
        } catch (IOException | RuntimeException e) {
            return ExtractionResult.failed(video, "Cannot read frame folder " + folder + " (" + e.getMessage()
                    + "): delete it to decode " + video.videoId() + " again.");
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

    private void writeMarker(Path folder, int frames, Path source) throws IOException {
        Properties p = new Properties();
        p.setProperty("height", Integer.toString(settings.height()));
        p.setProperty("width", Integer.toString(settings.width()));
        p.setProperty("frames", Integer.toString(frames));
        p.setProperty("jpegQuality", Integer.toString(settings.jpegQuality()));
        p.setProperty("source", source.toString());
        try (OutputStream out = Files.newOutputStream(folder.resolve(MARKER_FILE))) {
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
