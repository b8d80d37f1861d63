package dev.tourniquet.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.internal.Partitions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The {@link OwnStack} of a local run, as realistic as the stack in AWS: the account the emulator answers
 * STS {@code GetCallerIdentity} with, the exact function and rule names of {@code template.yaml}, and the
 * roles the local harness provisions for the functions ({@link #roleNames}: the template's roles, SAM-named,
 * under {@code /tourniquet/}). Planning offline, nothing is asked: the emulator's default account is taken.
 */
public final class LocalOwnStack {
    /** The path SAM gives the functions' roles (Globals RolePath). */
    static final String ROLE_PATH = "/tourniquet/";

    private LocalOwnStack() {}

    /** This stack in {@code region} of {@code accountId}, with the template's functions, rules and roles. */
    public static OwnStack of(TemplateRules template, String region, String accountId) {
        String partition = Partitions.ofRegion(region);
        Set<String> roles = new LinkedHashSet<>();
        roleNames(template).forEach(name -> roles.add("arn:" + partition + ":iam::" + accountId + ":role"
                + ROLE_PATH + name));
        return new OwnStack(OwnStack.localStackId(partition, region, accountId), functionNames(template),
                ruleNames(template), roles, Set.of());
    }

    /** The names of the functions' roles, as SAM names them: {@code STACK-<Function>Role-<suffix>}. */
    static List<String> roleNames(TemplateRules template) {
        return template.functions().stream().map(function -> "tourniquet-" + function + "Role-local").toList();
    }

    private static Set<String> functionNames(TemplateRules template) {
        Set<String> names = new LinkedHashSet<>();
        template.functions().forEach(function -> names.add(template.resources().path(function).path("Properties")
                .path("FunctionName").asText(function)));
        return names;
    }

    // A rule's name after "rule/": NAME on the default bus, BUS/NAME on another.
    private static Set<String> ruleNames(TemplateRules template) {
        Set<String> names = new LinkedHashSet<>();
        for (TemplateRules.Rule rule : template.rules()) {
            JsonNode properties = template.resources().path(rule.name()).path("Properties");
            String name = properties.isMissingNode()
                    ? template.resources().path(rule.function()).path("Properties").path("Events").path(rule.name())
                            .path("Properties").path("RuleName").asText(rule.name())
                    : properties.path("Name").asText(rule.name());
            names.add("default".equals(rule.bus()) ? name : rule.bus() + "/" + name);
        }
        return names;
    }

    /** The account an emulator says the caller is in: STS {@code GetCallerIdentity}, signed as the SDK signs. */
    public static String accountOf(URI endpoint, String region) {
        String body = "Action=GetCallerIdentity&Version=2011-06-15";
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(DefaultCredentialsProvider.builder().build().resolveCredentials()).request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> http.header(name, value));
            }
        });
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
            Matcher account = Pattern.compile("<Account>(\\d{12})</Account>").matcher(response.body());
            if (response.statusCode() != 200 || !account.find()) {
                throw new IllegalStateException("STS GetCallerIdentity on " + endpoint + " answered HTTP "
                        + response.statusCode() + ": " + response.body().lines().findFirst().orElse(""));
            }
            return account.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("STS GetCallerIdentity on " + endpoint + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking " + endpoint + " for the account", e);
        }
    }
}
