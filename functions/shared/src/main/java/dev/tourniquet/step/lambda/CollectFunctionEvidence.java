package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.SdkJson;
import dev.tourniquet.step.EvidenceObjects;
import dev.tourniquet.step.EvidenceStep;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionCodeLocation;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

/**
 * Keeps the function as it was when caught, in the evidence bucket (Object Lock, SHA-256 of every object in
 * the manifest): the code package (checked against {@code CodeSha256}), the full configuration (environment,
 * layers, role, VPC, timeout, memory), the resource policies, event source mappings, function URL configs,
 * aliases, versions and tags. It runs after the concurrency is 0, so it never delays containment, and before
 * the triggers are cut, so the evidence shows them as the attacker left them. Changes nothing in the account.
 *
 * <p>A package that cannot be downloaded fails the step after everything else is stored; the incident is
 * retried, and the retry collects the evidence again.
 *
 * <p>IAM actions: {@code lambda:GetFunction}, {@code lambda:GetPolicy}, {@code lambda:ListEventSourceMappings},
 * {@code lambda:GetFunctionUrlConfig}, {@code lambda:ListAliases}, {@code lambda:ListVersionsByFunction},
 * {@code lambda:ListTags}. Undo: nothing to undo (evidence is kept, locked, for the retention period).
 */
public final class CollectFunctionEvidence extends FunctionStep implements EvidenceStep {
    private final LambdaClient lambda;
    private final Supplier<List<String>> aliases;
    private final boolean emulated;

    /**
     * @param emulated the account is an emulator on this machine: a code location outside the loopback
     *                 network (the emulator hands out AWS's own S3 host names) is recorded, never fetched
     */
    public CollectFunctionEvidence(LambdaClient lambda, FunctionArn function, Supplier<List<String>> aliases,
                                   boolean emulated) {
        super(function);
        this.lambda = lambda;
        this.aliases = aliases;
        this.emulated = emulated;
    }

    @Override
    public StepKind kind() {
        return LambdaStepKinds.COLLECT_FUNCTION_EVIDENCE;
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = prior();
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would store the code package, configuration, policies, triggers,"
                    + " aliases, versions and tags of " + function.name() + " as evidence");
        }
        GetFunctionResponse current = lambda.getFunction(r -> r.functionName(function.name()));
        EvidenceObjects objects = new EvidenceObjects(context.evidence(), prior);
        objects.put("function/configuration.json", configuration(current));
        objects.put("function/policies.json", policies());
        objects.put("function/event-source-mappings.json",
                SdkJson.of(FunctionReads.eventSourceMappings(lambda, function)));
        objects.put("function/url-configs.json", urls());
        objects.put("function/aliases.json", SdkJson.of(lambda.listAliasesPaginator(r -> r
                .functionName(function.name())).aliases().stream().toList()));
        objects.put("function/versions.json", SdkJson.of(lambda.listVersionsByFunctionPaginator(r -> r
                .functionName(function.name())).versions().stream().toList()));
        objects.put("function/tags.json", SdkJson.of(lambda.listTags(r -> r.resource(function.unqualified()))
                .tags()));
        String code = code(current, objects, prior);
        return new StepResult.Applied(prior, "stored " + objects.count() + " evidence objects of " + function.name()
                + "; " + code);
    }

    // The pre-signed URL is a bearer token for the package: evidence keeps it without its signature.
    private static JsonNode configuration(GetFunctionResponse current) {
        ObjectNode json = SdkJson.object(current);
        if (current.code() != null && current.code().location() != null) {
            ((ObjectNode) json.path("Code")).put("Location", CodePackage.withoutQuery(current.code().location()));
        }
        return json;
    }

    private JsonNode policies() {
        ObjectNode json = Json.object();
        for (String qualifier : FunctionReads.qualifiers(aliases.get())) {
            FunctionReads.policy(lambda, function, qualifier).ifPresent(p -> json.set(FunctionReads.label(qualifier),
                    InvokePolicies.parse(p.policy())));
        }
        return json;
    }

    private JsonNode urls() {
        ObjectNode json = Json.object();
        for (String qualifier : FunctionReads.qualifiers(aliases.get())) {
            FunctionReads.url(lambda, function, qualifier).ifPresent(u -> json.set(FunctionReads.label(qualifier),
                    SdkJson.object(u)));
        }
        return json;
    }

    private String code(GetFunctionResponse current, EvidenceObjects objects, ObjectNode prior) {
        FunctionCodeLocation location = current.code();
        String expected = current.configuration().codeSha256();
        prior.put("codeSha256", expected);
        if (location == null || location.location() == null) {
            return "no code package to download (" + (location == null ? "no code" : location.repositoryType())
                    + (location != null && location.imageUri() != null ? " image " + location.imageUri() : "") + ")";
        }
        if (emulated && !CodePackage.isLoopback(location.location())) {
            prior.put("codeDownload", "not attempted: " + CodePackage.withoutQuery(location.location())
                    + " is outside the emulator, and an emulated run never reaches AWS");
            return "code package not downloaded: its location is outside the emulator";
        }
        byte[] content;
        try {
            content = CodePackage.download(location.location());
        } catch (IOException e) {
            throw SdkClientException.create("the code package of " + function.name() + " could not be downloaded ("
                    + e.getMessage() + "); everything else is stored", e);
        }
        objects.put("function/code.zip", content, "application/zip");
        boolean matches = CodePackage.lambdaSha256(content).equals(expected);
        prior.put("codePackageMatchesCodeSha256", matches);
        return matches ? "code package matches its CodeSha256"
                : "CODE PACKAGE DIFFERS FROM ITS CodeSha256 (changed since, or not the deployed package)";
    }
}
