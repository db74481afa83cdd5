package org.vidssl.cli;

import java.io.PrintWriter;
import org.vidssl.core.settings.InvalidSettingsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vidssl} command-line tool. Subcommands are registered here, in one place. */
@Command(
        name = "vidssl",
        mixinStandardHelpOptions = true,
        version = "vidssl 0.1.0",
        description = "Self-supervised video representation learning (IIC) on DJL PyTorch.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Done.",
            "1:The run failed (unreadable or invalid data, a model that does not fit, disk full...);"
                    + " one line on stderr names the file, entry, row or setting and what to do.",
            "2:Usage error: unknown option, missing or invalid option value, an input file named on the"
                    + " command line that does not exist."
        },
        subcommands = {
            DatasetCommand.class,
            DecodeCommand.class,
            SynthCommand.class,
            PretrainCommand.class,
            ExtractCommand.class,
            RetrieveCommand.class,
            FinetuneCommand.class,
            PredictCommand.class,
            ForwardCommand.class,
            BenchCommand.class,
            DemoCommand.class,
            AblateCommand.class
        })
public final class VidsslCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand (see vidssl --help).");
    }

    /**
     * The configured command line: failures print one line "vidssl <command>: reason" and exit 1; command-line
     * mistakes (unknown option, missing or invalid value, a named input file that does not exist) print one line
     * pointing to --help and exit 2. A progress bar on the terminal is ended first, so the line stands alone.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VidsslCli());
        RecordDefaults.apply(cli);
        cli.setParameterExceptionHandler((e, args) -> {
            ProgressBar.endLine();
            CommandLine c = e.getCommandLine();
            PrintWriter err = c.getErr();
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            err.println(
                    c.getCommandSpec().qualifiedName() + ": " + message.strip().replace('\n', ' ') + " (see "
                            + c.getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            ProgressBar.endLine();
            PrintWriter err = commandLine.getErr();
            String name = commandLine.getCommandSpec().qualifiedName();
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            boolean usage = e instanceof UsageError || e instanceof InvalidSettingsException;
            err.println(name + ": " + message.strip().replace('\n', ' ') + (usage ? " (see " + name + " --help)" : ""));
            err.flush();
            return usage ? 2 : 1;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
