package org.vidssl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vidssl.torch.model.EncoderFile;

class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    @Tag("slow") // a learning test: skip locally with -DexcludedGroups=slow, CI runs it
    void tinyDemoPrintsTheTableAndWritesResultsAndCharts() throws IOException {
        Path out = dir.resolve("demo");
        CliRun r = CliRun.of(
                "demo",
                "--output",
                out.toString(),
                "--classes",
                "3",
                "--videos-per-class",
                "4",
                "--frames",
                "12",
                "--frame-size",
                "32x43",
                "--test-fraction",
                "0.25",
                "--epochs",
                "1",
                "--width",
                "4",
                "--batch-size",
                "4",
                "--test-clips",
                "2",
                "--threads",
                "2");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(
                r.out().lines().anyMatch(l -> l.matches("run\\s+input\\s+top1\\s+top5\\s+top10\\s+top20\\s+top50")),
                r.out());
        // the headline input (rgb) first, then the other (res), each for both networks
        for (String row : new String[] {"random init\\s+rgb", "IIC\\s+rgb", "random init\\s+res", "IIC\\s+res"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches(row + "(\\s+[0-9.]+){5}")), row + "\n" + r.out());
        }
        assertTrue(r.out().contains("points over random init with rgb input ("), r.out());
        assertTrue(r.err().contains("pretrain") && r.err().contains("dataset"), "stage times on stderr: " + r.err());

        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json")))
                .getAsJsonObject();
        assertEquals(1, json.getAsJsonArray("history").size());
        // 3 test videos query 9 train videos: with 3 classes every query finds its class within the 50 nearest
        assertEquals(
                100.0,
                json.getAsJsonObject("retrieval")
                        .getAsJsonObject("IIC")
                        .get("top50")
                        .getAsDouble());
        assertEquals("4", json.getAsJsonObject("pretrain").get("width").getAsString());
        assertEquals("rgb", json.get("retrievalView").getAsString());
        assertEquals("res", json.get("otherRetrievalView").getAsString());
        assertEquals(
                100.0,
                json.getAsJsonObject("otherRetrieval")
                        .getAsJsonObject("random init")
                        .get("top50")
                        .getAsDouble());
        assertTrue(json.getAsJsonObject("stageSeconds").has("pretrain"));
        for (String png : new String[] {"pretrain-loss.png", "retrieval.png"}) {
            assertEquals(Charts.WIDTH, ImageIO.read(out.resolve(png).toFile()).getWidth(), png);
        }
        assertEquals(
                1, EncoderFile.readHeader(out.resolve("iic-encoder.vidssl")).epoch());
    }

    @Test
    void badSettingIsNamed() {
        CliRun r = CliRun.of("demo", "--output", dir.resolve("d").toString(), "--frame-size", "32by43");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.errLine().startsWith("vidssl demo: Size '32by43' is not HxW"), r.errLine());
    }
}
