package io.github.dlradiomics.scijava;

import io.github.dlradiomics.radiomics.RadiomicsParams;
import io.github.dlradiomics.util.UserInputException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** Input checks shared by the SciJava commands (the same rules as the CLI's options). */
final class Scripting {
    private Scripting() {
    }

    /** The file as a path; a missing required file is refused with the parameter's name. */
    static Path path(File f, String parameter) {
        if (f == null) {
            throw new UserInputException("no " + parameter + " file given (parameter '" + parameter + "')");
        }
        return f.toPath();
    }

    /**
     * The parameter file's settings (PyRadiomics' defaults when {@code file} is null), with {@code label}
     * when it is not 0, as {@code ./dlrad features --param --label} does.
     */
    static RadiomicsParams params(File file, int label) throws IOException {
        RadiomicsParams p = file == null ? RadiomicsParams.defaults() : RadiomicsParams.read(file.toPath());
        if (label < 0) {
            throw new UserInputException("label must be >= 1, or 0 for the parameter file's label (got " + label + ")");
        }
        return label == 0 ? p : p.withLabel(label);
    }
}
