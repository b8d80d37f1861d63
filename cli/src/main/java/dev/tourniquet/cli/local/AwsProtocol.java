package dev.tourniquet.cli.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The wire protocol of one AWS call, read from the request, and how that service writes a throttling or
 * server error: the fault proxy answers as the service would, so that the SDK parses the error code.
 *
 * @see <a href="https://smithy.io/2.0/aws/protocols/index.html">AWS protocols</a>
 */
enum AwsProtocol {
    /** {@code X-Amz-Target} calls: DynamoDB, EventBridge, CloudTrail, SQS. */
    JSON,
    /** Form-encoded {@code Action=} calls: IAM, STS, SNS, Auto Scaling. */
    QUERY,
    /** EC2's own query dialect, with its own error document. */
    EC2,
    /** Paths with an API version ({@code /2015-03-31/functions}) or Scheduler's: Lambda, Scheduler. */
    REST_JSON,
    /** Everything else on the emulator: S3. */
    REST_XML;

    static AwsProtocol of(HttpExchange exchange, byte[] body) {
        if (exchange.getRequestHeaders().containsKey("X-Amz-Target")) {
            return JSON;
        }
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
        if (text.startsWith("Action=") || text.contains("&Action=")) {
            return text.contains("Version=2016-11-15") ? EC2 : QUERY;
        }
        String path = exchange.getRequestURI().getPath();
        return path.matches("/20\\d\\d-\\d\\d-\\d\\d/.*") || path.startsWith("/schedule") ? REST_JSON : REST_XML;
    }

    /** The operation a call asks for: its {@code X-Amz-Target} or {@code Action}, else method and path. */
    static String operation(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            return target.substring(target.lastIndexOf('.') + 1);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.startsWith("Action=")) {
                return pair.substring("Action=".length());
            }
        }
        return exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    }

    /** Answers as a query-protocol service (IAM) refuses a call with {@code code}, a client error. */
    void refuse(HttpExchange exchange, String code) throws IOException {
        if (this != QUERY) {
            throw new UnsupportedOperationException("only query-protocol refusals are stood in for, not " + this);
        }
        byte[] body = ("<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>refused by the"
                + " test's stand-in</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(409, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Answers as this service answers a throttled call ({@code throttled}) or a failure on its side. */
    void error(HttpExchange exchange, boolean throttled) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String body;
        int status;
        switch (this) {
            case JSON -> {
                status = throttled ? 400 : 500;
                body = "{\"__type\":\"" + (throttled ? "ThrottlingException" : "InternalFailure")
                        + "\",\"message\":\"" + (throttled ? "Rate exceeded" : "Internal failure") + "\"}";
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            }
            case QUERY -> {
                status = throttled ? 400 : 503;
                body = "<ErrorResponse><Error><Type>" + (throttled ? "Sender" : "Receiver") + "</Type><Code>"
                        + (throttled ? "Throttling" : "ServiceUnavailable") + "</Code><Message>"
                        + (throttled ? "Rate exceeded" : "Service unavailable") + "</Message></Error><RequestId>"
                        + requestId + "</RequestId></ErrorResponse>";
                exchange.getResponseHeaders().add("Content-Type", "text/xml");
            }
            case EC2 -> {
                status = throttled ? 503 : 500;
                body = "<Response><Errors><Error><Code>" + (throttled ? "RequestLimitExceeded" : "InternalError")
                        + "</Code><Message>" + (throttled ? "Request limit exceeded." : "An internal error has occurred")
                        + "</Message></Error></Errors><RequestID>" + requestId + "</RequestID></Response>";
                exchange.getResponseHeaders().add("Content-Type", "text/xml");
            }
            case REST_JSON -> {
                status = throttled ? 429 : 500;
                String type = throttled ? "TooManyRequestsException" : "ServiceException";
                body = "{\"Type\":\"" + (throttled ? "User" : "Service") + "\",\"message\":\""
                        + (throttled ? "Rate exceeded" : "Internal failure") + "\"}";
                exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            default -> {
                status = throttled ? 503 : 500;
                body = "<Error><Code>" + (throttled ? "SlowDown" : "InternalError") + "</Code><Message>"
                        + (throttled ? "Please reduce your request rate." : "We encountered an internal error.")
                        + "</Message><RequestId>" + requestId + "</RequestId></Error>";
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
            }
        }
        exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
