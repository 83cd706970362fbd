package io.github.dlradiomics.ij;

import ij.IJ;
import ij.gui.GenericDialog;
import java.awt.Window;

/** Helpers shared by the GUI tests (they run under Xvfb). */
final class GuiTestSupport {
    private GuiTestSupport() {
    }

    /**
     * After a GUI test (no-op without a display): the test's ROI Manager reset and closed, every image closed,
     * and the named table windows closed.
     */
    static void closeAll(String... tables) {
        if (java.awt.GraphicsEnvironment.isHeadless()) {
            return;
        }
        ij.plugin.frame.RoiManager rm = ij.plugin.frame.RoiManager.getInstance();
        if (rm != null) {
            rm.reset();
            rm.close();
        }
        MacroRunner.closeAllImages();
        closeTables(tables);
    }

    /** Closes the named table windows that are open. */
    static void closeTables(String... tables) {
        for (String t : tables) {
            if (ij.WindowManager.getFrame(t) instanceof ij.text.TextWindow tw) {
                tw.close(false);
            }
        }
    }

    /** The showing GenericDialog titled {@code title}, waiting up to 30 s (then fails with the Log). */
    static GenericDialog waitForDialog(String title) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            for (Window w : Window.getWindows()) {
                if (w instanceof GenericDialog gd && gd.isShowing() && title.equals(gd.getTitle())) {
                    return gd;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no dialog '" + title + "' after 30 s; Log: " + IJ.getLog());
    }
}
