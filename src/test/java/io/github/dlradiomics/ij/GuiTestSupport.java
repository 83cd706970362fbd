package io.github.dlradiomics.ij;

import ij.IJ;
import ij.gui.GenericDialog;
import java.awt.Window;

/** Helpers shared by the GUI tests (they run under Xvfb). */
final class GuiTestSupport {
    private GuiTestSupport() {
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
