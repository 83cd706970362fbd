package io.github.dlradiomics.util;

/**
 * A problem with what the user gave us (a file, a ROI, a parameter), reported as one clear line.
 * Fronts print {@link #getMessage()} without a stack trace (CLI exit code 2) unless debugging.
 *
 * <pre>throw new UserInputException(path + ": truncated gzip stream (expected 1,234,000 bytes of voxels)");</pre>
 */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
