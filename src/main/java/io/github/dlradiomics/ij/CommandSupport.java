package io.github.dlradiomics.ij;

import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import ij.IJ;
import ij.Macro;
import ij.Prefs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What every menu command shares: macro-mode detection, errors that never block a macro (logged,
 * then the macro stops cleanly), preferences that macros never read, and the progress listener.
 */
public final class CommandSupport {
    private static final List<String> ERRORS = Collections.synchronizedList(new ArrayList<>());

    private CommandSupport() {
    }

    /** True when the command runs from a macro (options given), so no dialog may appear. */
    public static boolean isMacro() {
        return Macro.getOptions() != null;
    }

    /**
     * Reports a problem: a dialog in the GUI; in a macro, a Log line "DLRadiomics &lt;command&gt;: &lt;message&gt;"
     * and a clean stop of the macro (no dialog). {@code ./dlrad macro} turns logged errors into exit code 1.
     */
    public static void fail(String command, String message) {
        String line = "DLRadiomics " + command + ": " + message;
        if (isMacro() || IJ.isMacro()) {
            ERRORS.add(line);
            IJ.log(line);
            ij.macro.Interpreter.abort(); // stops the macro after this statement, without a dialog
        } else {
            IJ.error("DLRadiomics " + command, message);
        }
    }

    /** Runs a command body, turning bad input and unexpected errors into {@link #fail} calls. */
    public static void guard(String command, Body body) {
        try {
            body.run();
        } catch (UserInputException e) {
            fail(command, e.getMessage());
        } catch (io.github.dlradiomics.util.CancelledException e) {
            IJ.showStatus(command + ": cancelled");
            IJ.showProgress(1.0);
        } catch (java.io.IOException e) {
            fail(command, "I/O error: " + e.getMessage());
        } catch (RuntimeException e) {
            if (Macro.MACRO_CANCELED.equals(e.getMessage())) {
                throw e;
            }
            IJ.handleException(e);
        }
    }

    /** A command's work; may throw I/O errors. */
    @FunctionalInterface
    public interface Body {
        void run() throws java.io.IOException;
    }

    /** Errors logged by commands in macro mode since the last call (and clears them). */
    public static List<String> takeErrors() {
        synchronized (ERRORS) {
            List<String> l = new ArrayList<>(ERRORS);
            ERRORS.clear();
            return l;
        }
    }

    /** A remembered GUI value; in macro mode always {@code def}. */
    public static String pref(String key, String def) {
        return isMacro() ? def : Prefs.get("dlradiomics." + key, def);
    }

    /** A remembered GUI number; in macro mode always {@code def}. */
    public static double pref(String key, double def) {
        return isMacro() ? def : Prefs.get("dlradiomics." + key, def);
    }

    /** Remembers a GUI value (never from a macro). */
    public static void setPref(String key, Object value) {
        if (!isMacro()) {
            Prefs.set("dlradiomics." + key, String.valueOf(value));
        }
    }

    /** Progress to ImageJ's status bar and progress bar; Esc cancels. */
    public static ProgressListener progress(String command) {
        IJ.resetEscape();
        return new ProgressListener() {
            @Override
            public void progress(long done, long total, String message) {
                IJ.showProgress(total <= 0 ? 1.0 : (double) done / total);
                if (message != null) {
                    IJ.showStatus(command + ": " + message);
                }
            }

            @Override
            public void log(String message) {
                IJ.log(command + ": " + message);
            }

            @Override
            public boolean isCancelled() {
                return IJ.escapePressed();
            }
        };
    }
}
