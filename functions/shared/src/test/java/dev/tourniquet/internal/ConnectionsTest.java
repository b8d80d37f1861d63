package dev.tourniquet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HttpsURLConnection;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

class ConnectionsTest {

    @Test
    void httpClient_sendsTheRequestAndReadsTheResponse() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("method=" + exchange.getRequestMethod()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (SdkHttpClient client = Connections.httpClient(Duration.ofSeconds(1), Duration.ofSeconds(2))) {
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                    .uri(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();

            HttpExecuteResponse response = client.prepareRequest(HttpExecuteRequest.builder().request(request).build())
                    .call();

            assertThat(response.httpResponse().statusCode()).isEqualTo(200);
            assertThat(new String(response.responseBody().orElseThrow().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("method=GET");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void createConnection_appliesTheTimeouts_andLeavesHttpsToTheDefaultTlsContext() throws Exception {
        Connections.awaitTls();
        HttpURLConnection connection = new Connections(Duration.ofSeconds(3), Duration.ofSeconds(20))
                .createConnection(URI.create("https://iam.amazonaws.com/"));

        assertThat(connection.getConnectTimeout()).isEqualTo(3_000);
        assertThat(connection.getReadTimeout()).isEqualTo(20_000);
        assertThat(connection).isInstanceOfSatisfying(HttpsURLConnection.class, https -> {
            assertThat(https.getSSLSocketFactory()).isSameAs(HttpsURLConnection.getDefaultSSLSocketFactory());
            assertThat(https.getHostnameVerifier()).as("the JDK's own, which checks the name against the"
                    + " certificate").isSameAs(HttpsURLConnection.getDefaultHostnameVerifier());
        });
    }

    @Test
    void httpClient_givesUpOnAServerThatDoesNotAnswerWithinTheReadTimeout() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CountDownLatch release = new CountDownLatch(1);
        server.createContext("/", exchange -> {
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try (SdkHttpClient client = Connections.httpClient(Duration.ofSeconds(1), Duration.ofMillis(300))) {
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                    .uri(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
            long started = System.nanoTime();

            assertThatThrownBy(() -> client.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call())
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        } finally {
            release.countDown();
            server.stop(0);
        }
    }
}
