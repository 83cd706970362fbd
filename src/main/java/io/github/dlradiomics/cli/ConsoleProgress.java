package io.github.dlradiomics.cli;

import io.github.dlradiomics.util.ProgressListener;
import java.io.PrintWriter;

/** Progress on the terminal: one rewritten status line when attached to a console, else a line per 10%. */
final class ConsoleProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean tty = System.console() != null;
    private long lastDecile = -1;

    ConsoleProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void progress(long done, long total, String message) {
        if (total <= 0) {
            return;
        }
        long pct = done * 100 / total;
        if (tty) {
            err.print("\r" + pct + "% " + (message == null ? "" : message) + "\u001b[K");
            if (done >= total) {
                err.println();
            }
            err.flush();
        } else if (pct / 10 != lastDecile || done >= total) {
            lastDecile = pct / 10;
            err.println(pct + "% " + (message == null ? "" : message));
            err.flush();
        }
    }

    @Override
    public void log(String message) {
        err.println(message);
        err.flush();
    }
}
