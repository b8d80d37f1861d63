package dev.tourniquet.edge;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client built on a background thread and waited for by the first request. Building the SDK's
 * URL-connection client loads the JDK's TLS trust store, about 150 ms of a cold start (measured by
 * {@code ./tourniquet bench}); started first thing, it overlaps with building the SDK clients and reading
 * the event instead of preceding them. With SnapStart it is long done before the snapshot.
 */
final class BackgroundHttpClient implements SdkHttpClient {
    private final CompletableFuture<SdkHttpClient> client;
    private final String name;

    private BackgroundHttpClient(CompletableFuture<SdkHttpClient> client, String name) {
        this.client = client;
        this.name = name;
    }

    /** @param name the built client's {@link #clientName()}, known before it is built (the SDK asks early) */
    static BackgroundHttpClient start(Supplier<SdkHttpClient> build, String name) {
        CompletableFuture<SdkHttpClient> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(build.get());
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "tourniquet-http-client");
        thread.setDaemon(true);
        thread.start();
        return new BackgroundHttpClient(future, name);
    }

    /** The built client; waits for it the first time. */
    SdkHttpClient built() {
        try {
            return client.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("the HTTP client could not be built", e.getCause());
        }
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return built().prepareRequest(request);
    }

    @Override
    public String clientName() {
        return name;
    }

    @Override
    public void close() {
        built().close();
    }
}
