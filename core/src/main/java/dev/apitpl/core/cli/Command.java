package dev.apitpl.core.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of the {@code apitpl} command line. */
public interface Command {

    /** Exit status: the command succeeded. */
    int OK = 0;
    /** Exit status: the command ran and found problems (invalid files, a failed execution). */
    int PROBLEMS = 1;
    /** Exit status: the command line itself was wrong. */
    int USAGE = 2;

    String name();

    /** One line for the command list. */
    String summary();

    int run(List<String> args, PrintStream out, PrintStream err);
}
