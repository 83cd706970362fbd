package io.github.dlradiomics.util;

/**
 * The one channel through which core code reports progress and learns that the user cancelled.
 * The Fiji front turns it into IJ.showProgress/showStatus and Esc; the CLI into a status line.
 *
 * <pre>listener.progress(i, n, "case " + id); if (listener.isCancelled()) throw new CancelledException();</pre>
 */
public interface ProgressListener {
    /** A listener that ignores progress and never cancels. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void progress(long done, long total, String message) {
        }
    };

    /** {@code done} of {@code total} steps are complete; {@code message} says what is being done (may be null). */
    void progress(long done, long total, String message);

    /** A message for the log (a warning or a skipped case); default: ignored. */
    default void log(String message) {
    }

    /** True once the user asked to stop; long loops check it and throw {@link CancelledException}. */
    default boolean isCancelled() {
        return false;
    }

    /** Throws {@link CancelledException} when {@link #isCancelled()}. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
