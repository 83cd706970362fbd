package io.github.dlradiomics.cli;

import io.github.dlradiomics.util.CancelledException;
import io.github.dlradiomics.util.UserInputException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./dlrad} command line. Bad input prints one line and exits with code 2; a stack trace
 * appears only with {@code --debug}. {@code ./dlrad test} is handled by the launcher script.
 *
 * <pre>./dlrad info ct.nii.gz --json</pre>
 */
@Command(name = "dlrad", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "DLRadiomics: deep-learning radiomics of vertebral fractures (Fiji plugin suite and CLI).",
        footer = {"", "Also: ./dlrad test   runs the test suite (mvn verify, under Xvfb when needed).",
            "Add --debug to any command for a stack trace on errors."},
        subcommands = {InfoCommand.class, DemoCommand.class, CohortCommand.class, FeaturesCommand.class, DeepCommand.class, PcaCommand.class, FilterCommand.class, StatsCommand.class, ModelCommand.class, NomogramCommand.class, ReportCommand.class, BenchCommand.class, FijiCommand.class, MacroCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input (a file, ROI or parameter). */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for an internal error (a bug: please report it). */
    public static final int EXIT_INTERNAL = 1;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        // DJL logs through SLF4J; without a provider SLF4J prints a three-line warning. The command line
        // has nothing to log there, so it uses SLF4J's own no-op provider (Fiji brings a real one).
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean debug = rest.remove("--debug");
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, debug, err));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("dlrad: " + ex.getMessage());
            CommandLine sub = ex.getCommandLine();
            err.println("Usage: " + sub.getHelp().synopsis(0).trim() + "   (see: " + sub.getCommandSpec().qualifiedName()
                    + " --help)");
            return EXIT_BAD_INPUT;
        });
        int code = cl.execute(rest.toArray(new String[0]));
        out.flush();
        err.flush();
        return code;
    }

    static int report(Throwable ex, boolean debug, PrintWriter err) {
        Throwable t = ex;
        if (debug) {
            t.printStackTrace(err);
        }
        if (t instanceof UserInputException) {
            err.println("dlrad: " + t.getMessage());
            return EXIT_BAD_INPUT;
        }
        if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
            err.println("dlrad: " + t.getMessage() + ": file not found");
            return EXIT_BAD_INPUT;
        }
        if (t instanceof AccessDeniedException) {
            err.println("dlrad: " + t.getMessage() + ": permission denied");
            return EXIT_BAD_INPUT;
        }
        if (t instanceof CancelledException) {
            err.println("dlrad: cancelled");
            return 130;
        }
        if (t instanceof java.io.IOException) {
            err.println("dlrad: I/O error: " + t.getMessage());
            return EXIT_BAD_INPUT;
        }
        err.println("dlrad: internal error: " + t + (debug ? "" : " (rerun with --debug for the stack trace)"));
        return EXIT_INTERNAL;
    }
}
