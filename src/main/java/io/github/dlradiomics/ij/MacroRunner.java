package io.github.dlradiomics.ij;

import ij.IJ;
import ij.WindowManager;
import ij.macro.Interpreter;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.GraphicsEnvironment;
import java.awt.Label;
import java.awt.TextComponent;
import java.awt.Window;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an ImageJ macro in batch mode with the suite installed, for {@code ./dlrad macro}. The Log
 * window's lines are copied to standard output as they come. A watchdog stops a run that a modal
 * dialog would block forever (printing the dialog's text) and one that exceeds the time limit.
 *
 * <pre>int code = MacroRunner.run(Path.of("batch.ijm"), "", 3600, out, err);</pre>
 */
public final class MacroRunner {
    /** Exit code when a modal dialog blocked the macro or the time limit passed. */
    public static final int EXIT_BLOCKED = 3;

    private MacroRunner() {
    }

    /** Runs the macro and returns an exit code: 0 ok, 1 macro error, 2 bad input, 3 blocked or timed out. */
    public static int run(Path macro, String arg, long timeoutSeconds, PrintWriter out, PrintWriter err)
            throws Exception {
        return run(macro, arg, timeoutSeconds, 0, out, err);
    }

    /**
     * As {@link #run(Path, String, long, PrintWriter, PrintWriter)}, but a modal dialog may stay open for
     * {@code dialogGraceSeconds} before the watchdog stops the run (for screenshots of dialogs).
     */
    public static int run(Path macro, String arg, long timeoutSeconds, long dialogGraceSeconds, PrintWriter out,
            PrintWriter err) throws Exception {
        if (!Files.isRegularFile(macro)) {
            err.println("dlrad: " + macro + ": macro file not found");
            return 2;
        }
        if (GraphicsEnvironment.isHeadless()) {
            err.println("dlrad: running a macro needs a display; install xvfb (./dlrad then uses xvfb-run) or set"
                    + " DISPLAY");
            return 2;
        }
        String code = Files.readString(macro);
        FijiLauncher.start(false);
        IJ.redirectErrorMessages(true);
        Interpreter.batchMode = true;
        // Errors are not ignored (that would let the macro run on); ImageJ shows them in a modal
        // "Macro Error" dialog, which the watchdog below reads and turns into exit code 1.
        Interpreter interp = new Interpreter();
        AtomicReference<Throwable> crash = new AtomicReference<>();
        AtomicReference<String> result = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                result.set(interp.run(code, arg == null ? "" : arg));
            } catch (Throwable t) {
                crash.set(t);
            }
        }, "dlrad-macro");
        runner.setDaemon(true);
        runner.start();
        long deadline = timeoutSeconds > 0 ? System.currentTimeMillis() + timeoutSeconds * 1000 : Long.MAX_VALUE;
        int logShown = 0;
        long dialogSince = -1;
        while (runner.isAlive()) {
            runner.join(200);
            logShown = flushLog(out, logShown);
            String blocked = modalDialogText();
            if (blocked != null && blocked.startsWith("'Macro Error'")) {
                flushLog(out, logShown);
                err.println("dlrad: macro " + macro + " failed: " + blocked.substring("'Macro Error'".length()).trim());
                return 1;
            }
            if (blocked != null) {
                long now = System.currentTimeMillis();
                if (dialogSince < 0) {
                    dialogSince = now;
                }
                if (now - dialogSince >= dialogGraceSeconds * 1000) {
                    err.println("dlrad: macro " + macro + " stopped: a modal dialog would wait forever: " + blocked);
                    return EXIT_BLOCKED;
                }
            } else {
                dialogSince = -1;
            }
            if (System.currentTimeMillis() > deadline) {
                err.println("dlrad: macro " + macro + " stopped after the time limit of " + timeoutSeconds
                        + " s (--timeout)");
                return EXIT_BLOCKED;
            }
        }
        flushLog(out, logShown);
        if (crash.get() != null) {
            err.println("dlrad: macro " + macro + " failed: " + crash.get());
            return 1;
        }
        if (interp.wasError()) {
            String msg = interp.getErrorMessage();
            err.println("dlrad: macro " + macro + " failed: " + (msg == null ? "macro error" : msg.replace('\n', ' ')));
            return 1;
        }
        java.util.List<String> failed = CommandSupport.takeErrors();
        if (!failed.isEmpty()) {
            err.println("dlrad: macro " + macro + " stopped: " + String.join("; ", failed));
            return 1;
        }
        if (result.get() != null && !result.get().isEmpty()) {
            out.println(result.get());
        }
        out.flush();
        return 0;
    }

    private static int flushLog(PrintWriter out, int shown) {
        String log = IJ.getLog();
        if (log == null || log.length() <= shown) {
            return log == null ? 0 : Math.min(shown, log.length());
        }
        String fresh = log.substring(shown);
        int lastNl = fresh.lastIndexOf('\n');
        if (lastNl < 0) {
            return shown;
        }
        out.print(fresh.substring(0, lastNl + 1));
        out.flush();
        return shown + lastNl + 1;
    }

    /** The title and text of a visible modal dialog, or null when none is showing. */
    static String modalDialogText() {
        for (Window w : Window.getWindows()) {
            if (w instanceof Dialog d && d.isModal() && d.isShowing()) {
                StringBuilder sb = new StringBuilder("'" + d.getTitle() + "'");
                collectText(d, sb);
                return sb.toString().replace('\n', ' ').trim();
            }
        }
        return null;
    }

    private static void collectText(Container c, StringBuilder sb) {
        for (Component k : c.getComponents()) {
            String t = null;
            if (k instanceof Label l) {
                t = l.getText();
            } else if (k instanceof TextComponent tc) {
                t = tc.getText();
            } else if (k instanceof ij.gui.MultiLineLabel ml) {
                t = multiLineText(ml);
            } else if (k instanceof javax.swing.JLabel jl) {
                t = jl.getText();
            }
            if (t != null && !t.isBlank()) {
                sb.append(' ').append(t.trim());
            }
            if (k instanceof Container cc) {
                collectText(cc, sb);
            }
        }
    }

    /** ImageJ's MultiLineLabel keeps its lines in a private field and has no getter. */
    private static String multiLineText(ij.gui.MultiLineLabel ml) {
        try {
            var f = ij.gui.MultiLineLabel.class.getDeclaredField("lines");
            f.setAccessible(true);
            Object lines = f.get(ml);
            return lines instanceof String[] a ? String.join(" ", a) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Closes all image windows (used between runs in one JVM, e.g. tests). */
    static void closeAllImages() {
        for (int id : WindowManager.getIDList() == null ? new int[0] : WindowManager.getIDList()) {
            var imp = WindowManager.getImage(id);
            if (imp != null) {
                imp.changes = false;
                imp.close();
            }
        }
    }
}
