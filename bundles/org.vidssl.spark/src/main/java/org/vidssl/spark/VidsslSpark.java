package org.vidssl.spark;

import java.io.PrintWriter;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vidssl spark}: the extraction and retrieval steps of {@code vidssl} as Spark jobs. Run it with spark-submit
 * ({@code --class org.vidssl.spark.VidsslSpark}); the subcommands take the options of {@code vidssl extract} and
 * {@code vidssl retrieve}, with a dataset listing and output folders where those read and write local files.
 */
@Command(
        name = "vidssl spark",
        mixinStandardHelpOptions = true,
        version = "vidssl spark 0.1.0",
        description = "Embedding extraction and exact kNN retrieval of vidssl on Apache Spark (run with spark-submit).",
        subcommands = {
            ListingCommand.class,
            SparkExtractCommand.class,
            SparkRetrieveCommand.class,
            SparkBenchCommand.class
        })
public final class VidsslSpark implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand (see --help).");
    }

    /** The Spark master option: spark-submit sets the master, so this is only for runs without it. */
    static final class MasterOption {
        @Option(
                names = "--master",
                paramLabel = "URL",
                description = "Spark master when not started by spark-submit (e.g. local[4]). "
                        + "Default: spark-submit's --master.")
        String master;

        SparkSession session(String appName) {
            SparkSession.Builder builder = SparkSession.builder().appName(appName);
            if (master != null) {
                builder.master(master);
            } else if (System.getProperty("spark.master") == null) {
                throw new IllegalArgumentException(
                        "No Spark master: run with spark-submit --master URL, or give --master URL.");
            }
            return builder.getOrCreate();
        }
    }

    /** The command line, with one-line errors as {@code vidssl} prints them (exit 1; 2 for command-line mistakes). */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VidsslSpark());
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + e.getMessage() + " (see --help)");
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            err.println(commandLine.getCommandSpec().qualifiedName() + ": "
                    + message.strip().replace('\n', ' '));
            err.flush();
            return 1;
        });
        return cli;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        System.exit(code);
    }
}
