package org.vidssl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AblateCommandTest {

    /** 3 classes of 4 videos: 9 train and 3 test videos; a network of width 4, one epoch. */
    private static final List<String> TINY = List.of(
            "--classes",
            "3",
            "--videos-per-class",
            "4",
            "--frames",
            "12",
            "--width",
            "4",
            "--epochs",
            "1",
            "--finetune-epochs",
            "1",
            "--batch-size",
            "4",
            "--test-clips",
            "2",
            "--threads",
            "1");

    @TempDir
    Path dir;

    private CliRun ablate(Path out, String... args) {
        List<String> all = new ArrayList<>(List.of("ablate", "--output", out.toString()));
        all.addAll(TINY);
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void tinyGridWritesPerSeedFiguresTheirMeanAndStandardErrorAndAChartAndResumes() throws IOException {
        Path out = dir.resolve("ablation");
        CliRun r = ablate(out, "--views", "res", "--negatives", "none,shuffle", "--seeds", "2");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(
                r.out()
                        .lines()
                        .anyMatch(l ->
                                l.matches("res\\s+CMC \\(none\\)\\s+2\\s+[0-9.]+ ± [0-9.]+\\s+" + "[0-9.]+ ± [0-9.]+")),
                r.out());
        assertTrue(
                r.out()
                        .lines()
                        .anyMatch(l -> l.matches(
                                "res\\s+IIC shuffle - CMC \\(none\\)\\s+retrieval\\s+" + "-?[0-9.]+ ± [0-9.]+\\s+.*")),
                r.out());

        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("ablation.json")))
                .getAsJsonObject();
        assertEquals("[632,633]", json.get("seeds").toString());
        JsonArray runs = json.getAsJsonArray("runs");
        assertEquals(4, runs.size());
        JsonArray summary = json.getAsJsonArray("summary");
        assertEquals(2, summary.size());
        for (JsonElement e : summary) {
            JsonObject cell = e.getAsJsonObject();
            List<Double> retrieval = new ArrayList<>();
            List<Double> finetune = new ArrayList<>();
            for (JsonElement run : runs) {
                JsonObject o = run.getAsJsonObject();
                if (o.get("view").getAsString().equals("res") && o.get("row").equals(cell.get("row"))) {
                    retrieval.add(o.get("retrievalTop1").getAsDouble());
                    finetune.add(o.getAsJsonObject("finetuneTop1").get("1").getAsDouble());
                    assertTrue(o.get("seconds").getAsDouble() > 0);
                }
            }
            assertEquals(2, retrieval.size());
            assertStatistics(retrieval, cell.getAsJsonObject("retrievalTop1"));
            assertStatistics(finetune, cell.getAsJsonObject("finetuneTop1").getAsJsonObject("1"));
        }
        assertEquals(
                Charts.WIDTH, ImageIO.read(out.resolve("ablation.png").toFile()).getWidth());

        // run again: every cell is in ablation.json, nothing is trained, the figures stay
        CliRun again = ablate(out, "--views", "res", "--negatives", "none,shuffle", "--seeds", "2");
        assertEquals(0, again.exit(), again.toString());
        assertFalse(again.err().contains("seed 632:"), "no cell runs again: " + again.err());
        JsonObject after = JsonParser.parseString(Files.readString(out.resolve("ablation.json")))
                .getAsJsonObject();
        assertEquals(runs, after.getAsJsonArray("runs"));

        // another recipe in the same folder is refused, naming what changed
        CliRun other = ablate(out, "--views", "res", "--negatives", "none", "--seeds", "1", "--lr", "0.1");
        assertEquals(2, other.exit(), other.toString());
        assertTrue(other.errLine().contains("another recipe (learningRate 0.05 -> 0.1)"), other.errLine());
    }

    /** The mean and the standard error (sample deviation over root n) of the per-seed values. */
    private static void assertStatistics(List<Double> values, JsonObject stats) {
        double a = values.get(0);
        double b = values.get(1);
        assertEquals((a + b) / 2, stats.get("mean").getAsDouble(), 1e-9);
        // two values: sd = |a - b| / sqrt(2), SE = sd / sqrt(2) = |a - b| / 2
        assertEquals(Math.abs(a - b) / 2, stats.get("standardError").getAsDouble(), 1e-9);
        assertEquals(2, stats.get("n").getAsInt());
    }

    @Test
    void labelEfficiencyOnTheFlowViewComparesWithRandomInitPerLabelShare() throws IOException {
        Path out = dir.resolve("labels");
        CliRun r = ablate(
                out,
                "--views",
                "u",
                "--flow-method",
                "farneback",
                "--negatives",
                "repeat",
                "--random-init",
                "--label-fractions",
                "0.5,1",
                "--seeds",
                "1");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("fine-tune top-1 (50% labels)"), r.out());
        assertTrue(
                r.out()
                        .lines()
                        .anyMatch(l ->
                                l.matches("u\\s+random init\\s+1\\s+[0-9.]+ ± -\\s+[0-9.]+ ± -\\s+" + "[0-9.]+ ± -")),
                r.out());
        assertTrue(Files.isDirectory(out.resolve("flow/u")), "flow computed for the synthetic set");
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("ablation.json")))
                .getAsJsonObject();
        assertEquals("[\"0.5\",\"1\"]", json.get("labelFractions").toString());
        JsonObject cell = json.getAsJsonArray("summary").get(1).getAsJsonObject();
        assertEquals("repeat", cell.get("row").getAsString());
        assertTrue(
                cell.getAsJsonObject("finetuneTop1")
                        .getAsJsonObject("0.5")
                        .get("standardError")
                        .isJsonNull(),
                "a single seed has no standard error");
        assertTrue(json.getAsJsonObject("pairedDifferences").has("u IIC repeat - random init"));
    }

    @Test
    void flowViewsOfAGivenDatasetNeedItsFlow() {
        CliRun r = CliRun.of(
                "ablate", "--output", dir.resolve("x").toString(), "--dataset", dir.toString(), "--views", "res,v");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.errLine().contains("needs optical flow: give --flow DIR"), r.errLine());
    }

    @Test
    void anOutputFileThatIsNotAnAblationResultIsNamed() throws IOException {
        Path out = Files.createDirectories(dir.resolve("other"));
        Files.writeString(out.resolve("ablation.json"), "{\"runs\": 3}");
        CliRun r = CliRun.of("ablate", "--output", out.toString(), "--views", "res");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(
                r.errLine()
                        .startsWith("vidssl ablate: " + out.resolve("ablation.json")
                                + " is not an ablation result of vidssl ablate: delete it"),
                r.errLine());
    }

    @Test
    void standardErrorOfKnownValues() {
        SeedStatistics s = SeedStatistics.of(List.of(10.0, 20.0, 30.0));
        assertEquals(20.0, s.mean(), 1e-12);
        assertEquals(10.0 / Math.sqrt(3), s.standardError(), 1e-12); // sd 10
        assertEquals("20.0 ± 5.8", s.text());
        assertTrue(Double.isNaN(SeedStatistics.of(List.of(4.0)).standardError()));
    }

    @Test
    void equalSeedsWithRoundingNoiseHaveNoErrorAndNoRatio() {
        // two seeds whose paired difference is -4 points, once with the last bit of 7 of 50 test videos in %
        double fromCounts = 100 * (7 / 50.0) - 18.0;
        assertNotEquals(-4.0, fromCounts); // the premise: rounding noise
        SeedStatistics s = SeedStatistics.of(List.of(fromCounts, 10.0 - 14.0));
        assertEquals(0.0, s.standardError());
        assertTrue(Double.isNaN(s.inErrors()), "no standard errors to count: " + s.inErrors());
        assertEquals("-4.0 ± 0.0", s.text());
    }
}
