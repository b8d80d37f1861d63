package dev.tourniquet.step.lambda;

import dev.tourniquet.internal.Loopback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Base64;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Downloads a function's deployment package from the pre-signed URL {@code GetFunction} returns in
 * {@code Code.Location} (valid for 10 minutes), and checks it against the function's {@code CodeSha256}.
 * The URL carries its own signature: the request needs no credentials and the URL is never stored whole.
 */
final class CodePackage {
    /** A zipped package unzips to at most 250 MB; anything bigger than this is not a package. */
    static final int MAX_BYTES = 256 * 1024 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private CodePackage() {}

    static byte[] download(String location) throws IOException {
        URI uri = URI.create(location);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IOException("Code.Location is not an HTTP URL: " + withoutQuery(location));
        }
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IOException("downloading the code package answered HTTP " + status);
            }
            try (InputStream in = connection.getInputStream()) {
                return readBounded(in);
            }
        } finally {
            connection.disconnect();
        }
    }

    /** Whether a URL names this machine, judged from its text alone. */
    static boolean isLoopback(String location) {
        try {
            return Loopback.isLoopbackHost(URI.create(location).getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The URL without its query string (the query is the pre-signed signature). */
    static String withoutQuery(String location) {
        int query = location.indexOf('?');
        return query < 0 ? location : location.substring(0, query);
    }

    /** {@code CodeSha256} as Lambda reports it: the base64 of the package's SHA-256. */
    static String lambdaSha256(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            if (out.size() + read > MAX_BYTES) {
                throw new IOException("the code package is larger than " + MAX_BYTES + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
