package io.github.dlradiomics.ij;

import ij.IJ;
import ij.plugin.PlugIn;

/** Plugins &gt; DLRadiomics &gt; About DLRadiomics...: version, licence, where the documentation is. */
public class AboutCommand implements PlugIn {
    @Override
    public void run(String arg) {
        String v = AboutCommand.class.getPackage().getImplementationVersion();
        String text = "DLRadiomics " + (v == null ? "(development build)" : v) + "\n"
                + "Deep-learning radiomics of vertebral compression fractures:\n"
                + "ROIs, IBSI/PyRadiomics features, 2.5D deep features, models, nomograms.\n\n"
                + "Licence: GPL-3.0-or-later. Command line: ./dlrad --help\n"
                + "Java " + System.getProperty("java.version");
        if (CommandSupport.isMacro()) {
            IJ.log(text);
        } else {
            IJ.showMessage("About DLRadiomics", text);
        }
    }
}
