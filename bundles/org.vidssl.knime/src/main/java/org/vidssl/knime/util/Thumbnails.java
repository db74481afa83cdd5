package org.vidssl.knime.util;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;

/** Small pictures of videos for result tables: the middle frame of a frame folder, scaled down. */
public final class Thumbnails {

    private Thumbnails() {}

    /**
     * PNG bytes of the middle {@code frame*.jpg} of a frame folder scaled to {@code height} pixels (aspect kept),
     * or null when the folder is missing, empty or its frame cannot be read: a thumbnail never fails a node.
     */
    public static byte[] middleFramePng(final Path frameFolder, final int height) {
        if (frameFolder == null || !Files.isDirectory(frameFolder)) {
            return null;
        }
        List<Path> frames = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(frameFolder, "frame*.jpg")) {
            files.forEach(frames::add);
        } catch (IOException e) {
            return null;
        }
        if (frames.isEmpty()) {
            return null;
        }
        Collections.sort(frames); // frame000001.jpg ... sort by number
        try {
            BufferedImage frame = ImageIO.read(frames.get(frames.size() / 2).toFile());
            return frame == null ? null : ClipImages.png(scale(frame, height));
        } catch (IOException e) {
            return null;
        }
    }

    static BufferedImage scale(final BufferedImage image, final int height) {
        int width = Math.max(1, Math.round((float) image.getWidth() * height / image.getHeight()));
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }
}
