package dev.tourniquet.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * How every SDK client reaches AWS: the SDK's URL-connection client, opening each connection with
 * Tourniquet's timeouts and, for HTTPS, the JVM's default TLS context (the JDK trust store, or the one
 * {@code javax.net.ssl.trustStore} names: what the SDK's own default would load).
 *
 * <p>Loading the trust store costs about 150 ms of CPU at a cold start (measured by
 * {@code ./tourniquet bench}). The SDK's default connection factory pays it while the client is built,
 * before any request; here {@link #prepareTls()} starts it on a background thread as soon as a function
 * knows it will call an HTTPS endpoint (always, in AWS), so that it overlaps with building the SDK clients
 * and reading the event, and a function that only calls plain-HTTP endpoints (the local emulator) never
 * pays it. With SnapStart, {@link #awaitTls()} makes sure the snapshot holds it.
 *
 * <p>Proxies come only from the JVM's own settings ({@code https.proxyHost}): the functions call AWS
 * directly and run outside any VPC.
 */
public final class Connections implements UrlConnectionFactory {
    private static final AtomicBoolean TLS_STARTED = new AtomicBoolean();

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    Connections(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
    }

    /** An HTTP client whose connections time out after {@code connectTimeout} and {@code readTimeout}. */
    public static SdkHttpClient httpClient(Duration connectTimeout, Duration readTimeout) {
        return UrlConnectionHttpClient.create(new Connections(connectTimeout, readTimeout));
    }

    /** Starts loading the default TLS context on a background thread, once; later calls do nothing. */
    public static void prepareTls() {
        if (TLS_STARTED.compareAndSet(false, true)) {
            Thread thread = new Thread(Connections::awaitTls, "tourniquet-tls");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Loads the default TLS context now, if it was not loaded yet (the SnapStart priming hook). The trust
     * store behind it is loaded once, in a class initialiser: a caller, or a connection, that needs TLS
     * before the background load finished waits for it rather than loading it a second time.
     */
    public static void awaitTls() {
        try {
            SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no default TLS context", e);
        }
    }

    @Override
    public HttpURLConnection createConnection(URI uri) {
        try {
            URLConnection connection = uri.toURL().openConnection();
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            return (HttpURLConnection) connection;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a connection to " + uri, e);
        }
    }
}
