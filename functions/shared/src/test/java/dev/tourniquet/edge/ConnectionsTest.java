package dev.tourniquet.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
        assertThat(connection).isInstanceOfSatisfying(HttpsURLConnection.class, https ->
                assertThat(https.getSSLSocketFactory()).isSameAs(HttpsURLConnection.getDefaultSSLSocketFactory()));
    }
}
