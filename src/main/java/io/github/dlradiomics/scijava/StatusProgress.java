package io.github.dlradiomics.scijava;

import io.github.dlradiomics.util.ProgressListener;
import org.scijava.app.StatusService;
import org.scijava.log.LogService;

/**
 * The core's {@link ProgressListener} shown through SciJava: progress and messages on the
 * {@link StatusService} (Fiji's status bar), log lines on the {@link LogService}. Either service may be
 * absent (a minimal headless context): that part is then dropped.
 *
 * <pre>CohortGenerator.generate(dir, options, new StatusProgress("Teaching Cohort", statusService, logService));</pre>
 */
final class StatusProgress implements ProgressListener {
    private final String command;
    private final StatusService status;
    private final LogService log;

    StatusProgress(String command, StatusService status, LogService log) {
        this.command = command;
        this.status = status;
        this.log = log;
    }

    @Override
    public void progress(long done, long total, String message) {
        if (status != null && total > 0) {
            // StatusService counts in ints; scale so huge totals still fit
            int max = (int) Math.min(total, 10_000);
            int value = (int) Math.min(max, Math.round((double) done / total * max));
            status.showStatus(value, max, command + (message == null ? "" : ": " + message));
        }
    }

    @Override
    public void log(String message) {
        if (log != null) {
            log.info(command + ": " + message);
        }
    }
}
