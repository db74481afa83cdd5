package org.vidssl.knime.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailsTest {

    private static void frame(final Path folder, final int index, final Color colour) throws IOException {
        BufferedImage image = new BufferedImage(80, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 80, 40);
        g.dispose();
        ImageIO.write(
                image,
                "jpg",
                folder.resolve(String.format("frame%06d.jpg", index)).toFile());
    }

    @Test
    void theMiddleFrameIsScaledToTheHeightKeepingTheAspect(@TempDir final Path folder) throws IOException {
        frame(folder, 1, Color.RED);
        frame(folder, 2, Color.GREEN);
        frame(folder, 3, Color.BLUE);
        byte[] png = Thumbnails.middleFramePng(folder, 20);
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(20, thumbnail.getHeight());
        assertEquals(40, thumbnail.getWidth());
        Color centre = new Color(thumbnail.getRGB(20, 10));
        assertTrue(centre.getGreen() > 200 && centre.getRed() < 60 && centre.getBlue() < 60, centre.toString());
    }

    @Test
    void missingOrEmptyFoldersGiveNoThumbnail(@TempDir final Path folder) throws IOException {
        assertNull(Thumbnails.middleFramePng(null, 20));
        assertNull(Thumbnails.middleFramePng(folder.resolve("absent"), 20));
        assertNull(Thumbnails.middleFramePng(folder, 20));
        Files.writeString(folder.resolve("frame000001.jpg"), "not a jpeg");
        assertNull(Thumbnails.middleFramePng(folder, 20));
    }
}
