package io.github.dlradiomics.util;

/** Thrown by core loops when their {@link ProgressListener} reports that the user cancelled. */
public class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled by the user");
    }
}
