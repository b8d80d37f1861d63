package dev.tourniquet.cli.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

/**
 * Serves the sweep's function code packages on a loopback port, where AWS serves them from S3: moto's
 * {@code GetFunction} answers with a pre-signed S3 address it cannot serve itself, so {@link #rewriter()}
 * points {@code Code.Location} here (as the emulator tests do with WireMock). Every function of the
 * scene has the same package. It also answers CloudTrail's {@code LookupEvents} ({@link #cloudTrail()}),
 * which moto lacks, with an empty history.
 */
final class CodeServer implements AutoCloseable {
    private final HttpServer server;

    private CodeServer(HttpServer server) {
        this.server = server;
    }

    static CodeServer serving(byte[] zip) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/code/", exchange -> {
                exchange.sendResponseHeaders(200, zip.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(zip);
                }
            });
            // CloudTrail's LookupEvents (moto has none): an empty history, as before CloudTrail caught up.
            byte[] noEvents = "{\"Events\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, noEvents.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(noEvents);
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "bench-code-server");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return new CodeServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the code server", e);
        }
    }

    /** Where CloudTrail's {@code LookupEvents} is answered (with no event): a service endpoint for "cloudtrail". */
    java.net.URI cloudTrail() {
        return java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** An SDK interceptor that points {@code GetFunction}'s {@code Code.Location} at this server. */
    ExecutionInterceptor rewriter() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/code/";
        return new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                if (context.response() instanceof GetFunctionResponse response && response.code() != null
                        && response.code().location() != null) {
                    String location = base + response.configuration().functionName() + "?X-Amz-Signature=bench";
                    return response.toBuilder().code(response.code().toBuilder().location(location).build()).build();
                }
                return context.response();
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
