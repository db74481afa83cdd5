package org.vidssl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --spark MASTER} of extract and retrieve: the same command line, run as the Spark module's job through its
 * {@code vidssl-spark} launcher (spark-submit). The CLI itself never loads Spark; the launcher's path comes from
 * {@value #LAUNCHER_ENV} (the {@code vidssl} launcher sets it when the Spark module was built next to the CLI).
 */
final class SparkLauncher {

    static final String LAUNCHER_ENV = "VIDSSL_SPARK";

    private SparkLauncher() {}

    /** Runs the command of {@code spec} on Spark and returns the launcher's exit code. */
    static int run(CommandSpec spec, String master) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        String launcher = System.getenv(LAUNCHER_ENV);
        line.add(launcher != null ? launcher : "vidssl-spark");
        line.add(master);
        line.add(spec.name());
        line.addAll(argumentsWithoutSpark(spec));
        if (launcher == null || !Files.isExecutable(Path.of(launcher))) {
            throw new IllegalArgumentException("--spark runs the Spark module's launcher, which was not found: "
                    + "build it "
                    + "(./mvnw -B package) and set " + LAUNCHER_ENV
                    + " to bundles/org.vidssl.spark/target/vidssl-spark, "
                    + "or run: " + String.join(" ", line) + " (see docs/spark.md)");
        }
        return new ProcessBuilder(line).inheritIO().start().waitFor();
    }

    /** This subcommand's arguments as typed, less --spark and its value. */
    static List<String> argumentsWithoutSpark(CommandSpec spec) {
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        List<String> own = all.subList(all.indexOf(spec.name()) + 1, all.size());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            String a = own.get(i);
            if (a.equals("--spark")) {
                i++;
            } else if (!a.startsWith("--spark=")) {
                out.add(a);
            }
        }
        return out;
    }
}
