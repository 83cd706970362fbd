package io.github.dlradiomics.deep;

import io.github.dlradiomics.util.CancelledException;
import io.github.dlradiomics.util.ProgressListener;
import io.github.dlradiomics.util.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;

/**
 * Downloads one file over HTTP(S) so that the target is either absent or complete and verified: the bytes go
 * to {@code <file>.part-<random>} beside the target while their SHA-256 is computed, size and hash are
 * checked, and only then is the part file renamed (atomically) to the target. Any failure, a wrong hash or
 * a cancel deletes the part file. Redirects are followed (GitHub and Hugging Face redirect to their CDNs).
 *
 * <pre>String sha = new Downloader().download(url, cache.resolve("m.onnx"), expectedSha, null, listener);</pre>
 */
public final class Downloader {
    /** Time allowed to open a connection. */
    public static final int CONNECT_TIMEOUT_MS = 30_000;
    /** Time allowed between two reads before a stalled transfer is abandoned. */
    public static final int READ_TIMEOUT_MS = 60_000;

    private static final int MAX_REDIRECTS = 10;
    private static final long PROGRESS_STEP = 1 << 18;

    private final int connectTimeoutMs;
    private final int readTimeoutMs;

    /** A downloader with the default timeouts. */
    public Downloader() {
        this(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
    }

    /** A downloader with other timeouts (milliseconds; tests use short ones). */
    public Downloader(int connectTimeoutMs, int readTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    /**
     * Downloads {@code url} to {@code target}, replacing it.
     *
     * @param expectedSha256 the file's SHA-256 (lower-case hex), or null to skip the check
     * @param expectedBytes the file's size, or null to trust the server's Content-Length
     * @param listener receives (bytes done, bytes total or 0 when unknown, "downloading FILE"); may cancel
     * @return the SHA-256 of the downloaded file
     * @throws UserInputException when the server, the network, the size or the hash fail (no file is left)
     * @throws CancelledException when the listener cancelled (no file is left)
     */
    public String download(String url, Path target, String expectedSha256, Long expectedBytes,
            ProgressListener listener) {
        ProgressListener pl = listener == null ? ProgressListener.NONE : listener;
        String fileName = target.getFileName().toString();
        String message = "downloading " + fileName;
        Path dir = target.toAbsolutePath().getParent();
        Path part = null;
        HttpURLConnection con = null;
        boolean done = false;
        try {
            Files.createDirectories(dir);
            part = Files.createTempFile(dir, fileName + ".part-", "");
            con = open(url);
            long length = con.getContentLengthLong();
            if (expectedBytes != null && length >= 0 && length != expectedBytes) {
                throw new UserInputException(url + ": the server offers " + length + " bytes but " + fileName
                        + " should have " + expectedBytes + " (a different file?)");
            }
            long total = length >= 0 ? length : expectedBytes != null ? expectedBytes : 0;
            MessageDigest md = Sha256.newDigest();
            long count = 0;
            pl.progress(0, total, message);
            try (InputStream in = con.getInputStream(); OutputStream out = Files.newOutputStream(part)) {
                byte[] buf = new byte[1 << 16];
                long reported = 0;
                for (int n; (n = in.read(buf)) >= 0;) {
                    if (pl.isCancelled()) {
                        throw new CancelledException();
                    }
                    out.write(buf, 0, n);
                    md.update(buf, 0, n);
                    count += n;
                    if (total > 0 && count > total) {
                        throw new UserInputException(url + ": the server sent more than the " + total
                                + " bytes expected");
                    }
                    if (count - reported >= PROGRESS_STEP) {
                        pl.progress(count, total, message);
                        reported = count;
                    }
                }
            }
            pl.progress(count, total, message);
            if (length >= 0 && count != length) {
                throw new UserInputException(url + ": the download ended early after " + count + " of " + length
                        + " bytes");
            }
            if (expectedBytes != null && count != expectedBytes) {
                throw new UserInputException(url + ": downloaded " + count + " bytes but " + fileName + " should have "
                        + expectedBytes);
            }
            String sha = Sha256.hex(md.digest());
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha)) {
                throw new UserInputException(url + ": downloaded file has sha256 " + sha + " but " + expectedSha256
                        + " was expected (a changed or damaged file; nothing was kept)");
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            return sha;
        } catch (IOException e) {
            throw new UserInputException("downloading " + url + " failed: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        } finally {
            if (con != null) {
                con.disconnect();
            }
            if (!done && part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    pl.log("could not delete the partial download " + part + ": " + e.getMessage());
                }
            }
        }
    }

    /** Opens a GET connection that answered 200, following redirects (including between http and https). */
    private HttpURLConnection open(String url) throws IOException {
        URL current = toUrl(url, url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpURLConnection con = (HttpURLConnection) current.openConnection();
            con.setConnectTimeout(connectTimeoutMs);
            con.setReadTimeout(readTimeoutMs);
            con.setInstanceFollowRedirects(false);
            con.setRequestProperty("User-Agent", "DLRadiomics");
            con.setRequestProperty("Accept-Encoding", "identity");
            int code = con.getResponseCode();
            if (code == HttpURLConnection.HTTP_OK) {
                return con;
            }
            String location = con.getHeaderField("Location");
            con.disconnect();
            if (code >= 300 && code < 400 && location != null) {
                try {
                    current = current.toURI().resolve(location).toURL();
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new UserInputException(url + ": bad redirect to " + location, e);
                }
                continue;
            }
            throw new UserInputException("downloading " + url + " failed: HTTP " + code
                    + (current.toString().equals(url) ? "" : " from " + current));
        }
        throw new UserInputException("downloading " + url + " failed: more than " + MAX_REDIRECTS + " redirects");
    }

    private static URL toUrl(String text, String original) {
        try {
            URI u = new URI(text);
            if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())) {
                throw new UserInputException(original + ": only http and https downloads are supported");
            }
            return u.toURL();
        } catch (URISyntaxException | IOException | IllegalArgumentException e) {
            throw new UserInputException(original + ": not a valid URL", e);
        }
    }
}
