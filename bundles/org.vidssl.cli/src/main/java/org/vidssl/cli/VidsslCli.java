package org.vidssl.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vidssl} command-line tool. Subcommands are registered here, in one place. */
@Command(name = "vidssl", mixinStandardHelpOptions = true, version = "vidssl 0.1.0",
        description = "Self-supervised video representation learning (IIC) on DJL PyTorch.",
        subcommands = {DatasetCommand.class, DecodeCommand.class, SynthCommand.class, PretrainCommand.class, ExtractCommand.class,
                RetrieveCommand.class, FinetuneCommand.class, PredictCommand.class, ForwardCommand.class, BenchCommand.class,
                DemoCommand.class})
public final class VidsslCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand (see vidssl --help).");
    }

    /**
     * The configured command line: failures print one line "vidssl <command>: reason" and exit 1; command-line
     * mistakes (unknown option, missing or malformed value) print one line pointing to --help and exit 2.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VidsslCli());
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            PrintWriter err = c.getErr();
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            err.println(c.getCommandSpec().qualifiedName() + ": " + message.strip().replace('\n', ' ') + " (see "
                    + c.getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            err.println(commandLine.getCommandSpec().qualifiedName() + ": " + message.strip().replace('\n', ' '));
            err.flush();
            return 1;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
