package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CodePipeline's JSON API for {@code ListPipelines} and {@code GetPipeline}, which moto serves but the SDK cannot read
 * (moto writes the {@code created}/{@code updated} timestamps as text, the SDK expects epoch seconds: "Input timestamp
 * string must be no longer than 20 characters"). Each pipeline has a source stage and a build stage whose CodeBuild
 * action builds one project, as {@code CreatePipeline} would have it. Verified only against this stand-in.
 */
final class CodePipelineStandIn implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> projects = new ConcurrentHashMap<>();
    private final String arnPrefix;

    CodePipelineStandIn(String region, String account) throws IOException {
        this.arnPrefix = "arn:aws:codepipeline:" + region + ":" + account + ":";
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A pipeline whose build stage builds {@code project}; its ARN. */
    String pipeline(String name, String project) {
        projects.put(name, project);
        return arnPrefix + name;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        ObjectNode body = Json.object();
        int status = 200;
        if (target.endsWith(".ListPipelines")) {
            ArrayNode list = body.putArray("pipelines");
            projects.keySet().stream().sorted().forEach(name -> list.addObject().put("name", name).put("version", 1)
                    .put("created", 1764000000).put("updated", 1764000000));
        } else if (target.endsWith(".GetPipeline") && projects.containsKey(request.path("name").asText())) {
            String name = request.path("name").asText();
            ObjectNode pipeline = body.putObject("pipeline").put("name", name).put("roleArn",
                    "arn:aws:iam::123456789012:role/pipeline-role").put("version", 1);
            ArrayNode stages = pipeline.putArray("stages");
            ObjectNode source = stages.addObject().put("name", "Source").putArray("actions").addObject()
                    .put("name", "Source");
            source.putObject("actionTypeId").put("category", "Source").put("owner", "AWS").put("provider", "S3")
                    .put("version", "1");
            source.putObject("configuration").put("S3Bucket", "src-" + name).put("S3ObjectKey", "src.zip");
            ObjectNode build = stages.addObject().put("name", "Build").putArray("actions").addObject()
                    .put("name", "Build");
            build.putObject("actionTypeId").put("category", "Build").put("owner", "AWS").put("provider", "CodeBuild")
                    .put("version", "1");
            build.putObject("configuration").put("ProjectName", projects.get(name));
            body.putObject("metadata").put("pipelineArn", arnPrefix + name).put("created", 1764000000)
                    .put("updated", 1764000000);
        } else {
            status = 400;
            body.put("__type", "PipelineNotFoundException").put("message", "no pipeline " + request.path("name"));
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
