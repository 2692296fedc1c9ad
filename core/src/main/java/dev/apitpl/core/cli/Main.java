package dev.apitpl.core.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** Entry point of the self-contained command-line jar: {@code java -jar apitpl-cli.jar <command> ...}. */
public final class Main {

    private static final List<Command> COMMANDS = List.of(new ValidateCommand(), new RunCommand(), new ServeCommand(),
            new PolicyCommand(), new SynthCommand());

    private Main() {}

    public static void main(String[] args) {
        // Libraries log through SLF4J; without a binding it warns on every run, which would pollute hook output.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            printUsage(args.isEmpty() ? err : out);
            return args.isEmpty() ? Command.USAGE : Command.OK;
        }
        for (Command command : COMMANDS) {
            if (command.name().equals(args.get(0))) {
                return command.run(args.subList(1, args.size()), out, err);
            }
        }
        err.println("apitpl: unknown command '" + args.get(0) + "'");
        printUsage(err);
        return Command.USAGE;
    }

    private static void printUsage(PrintStream stream) {
        stream.println("usage: apitpl <command> [options]");
        stream.println("commands:");
        for (Command command : COMMANDS) {
            stream.printf("  %-10s %s%n", command.name(), command.summary());
        }
    }
}
