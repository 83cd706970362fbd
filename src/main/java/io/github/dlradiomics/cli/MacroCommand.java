package io.github.dlradiomics.cli;

import io.github.dlradiomics.ij.MacroRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./dlrad macro FILE.ijm [ARG]}: runs an ImageJ macro in batch mode with the suite installed. */
@Command(name = "macro", mixinStandardHelpOptions = true,
        description = {"Run an ImageJ macro in batch mode with the DLRadiomics commands installed (run(\"...\") "
                + "finds them). The Log window goes to standard output.",
            "Exit code: 0 ok, 1 macro error (printed), 2 bad input, 3 stopped by the watchdog (a modal dialog "
                + "would have blocked, or --timeout passed)."})
final class MacroCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.ijm", description = "the macro file")
    Path macro;

    @Parameters(index = "1", paramLabel = "ARG", arity = "0..1", description = "argument, read by getArgument()")
    String arg = "";

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "stop the run after this many seconds (0 = no limit; default: ${DEFAULT-VALUE})")
    long timeout;

    @Option(names = "--dialog-grace", paramLabel = "SECONDS", defaultValue = "0",
            description = "let a modal dialog stay open this long before the watchdog stops the run (for screenshots;"
                    + " default: ${DEFAULT-VALUE})")
    long dialogGrace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return MacroRunner.run(macro, arg, timeout, dialogGrace, out, err);
    }
}
