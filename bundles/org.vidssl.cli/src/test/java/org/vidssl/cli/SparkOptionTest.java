package org.vidssl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** --spark: the CLI hands the same command to the Spark module's launcher and never loads Spark itself. */
class SparkOptionTest {

    @Test
    void withoutTheLauncherTheErrorGivesTheSparkCommandLine() {
        Assumptions.assumeTrue(System.getenv(SparkLauncher.LAUNCHER_ENV) == null, "the launcher is configured here");
        CliRun run = CliRun.of(
                "extract",
                "--dataset",
                "/data/ucf101",
                "--spark",
                "yarn",
                "--encoder",
                "enc.vidssl",
                "--output",
                "emb",
                "--clips",
                "10");
        assertEquals(1, run.exit(), run::toString);
        assertTrue(
                run.errLine()
                        .contains("vidssl-spark yarn extract --dataset /data/ucf101 --encoder enc.vidssl --output emb"
                                + " --clips 10"),
                run::toString);
        assertTrue(run.errLine().contains("VIDSSL_SPARK"), run::toString);
        CliRun retrieve = CliRun.of("retrieve", "--spark=local[2]", "--embeddings", "emb");
        assertTrue(retrieve.errLine().contains("vidssl-spark local[2] retrieve --embeddings emb"), retrieve::toString);
    }

    @Test
    void theCliHasNoSparkOnItsClassPath() {
        assertNull(
                getClass().getClassLoader().getResource("org/apache/spark/SparkContext.class"),
                "Spark must not reach the CLI's dependency tree (its tests see every runtime jar)");
    }
}
