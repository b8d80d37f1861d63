package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads CloudTrail records delivered as {@code AWS API Call via CloudTrail} into provenance: which
 * credential created or changed which function or instance, and which wrote which tag or created which
 * identity ({@link TagEventReader}), which identities it created and IAM things it changed
 * ({@link IamEventReader}), which IAM permissions and trusts it widened ({@link IamPolicyEventReader}), and which
 * opened or shared what to others ({@link ShareEventReader}); which made or changed what launches instances again
 * ({@link LaunchSourceEventReader}); which region was enabled
 * ({@link RegionEventReader}).
 *
 * <p>Lambda's event names carry API version suffixes ({@code CreateFunction20150331}); the function is
 * read from {@code responseElements.functionArn} when present, else from {@code requestParameters.functionName}
 * (a name or an ARN). A call that failed ({@code errorCode}) created nothing and is ignored.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/logging-using-cloudtrail.html">Lambda in CloudTrail</a>
 */
public final class CloudTrailEventParser {
    static final Set<String> FUNCTION_EVENTS = Set.of("CreateFunction20150331", "UpdateFunctionCode20150331v2",
            "UpdateFunctionConfiguration20150331v2", "CreateEventSourceMapping20150331", "AddPermission20150331v2",
            "CreateFunctionUrlConfig20211031");
    static final Set<String> INSTANCE_EVENTS = Set.of("RunInstances", "StartInstances", "RequestSpotInstances");
    // Provenance of a workload that may also undo its containment (UndoEventParser): an ECS service scaled back up, a
    // stopped notebook started, a disabled Batch environment or queue enabled again. Both read.
    static final Set<String> WORKLOAD_UNDO_EVENTS = Set.of("UpdateService", "StartNotebookInstance",
            "UpdateComputeEnvironment", "UpdateJobQueue");

    public ParseResult parse(Envelope envelope) {
        JsonNode record = envelope.detail();
        Optional<String> eventName = Json.text(record, "/eventName");
        Optional<String> eventId = Json.text(record, "/eventID");
        Optional<String> principalArn = Json.text(record, "/userIdentity/arn");
        if (eventName.isEmpty() || eventId.isEmpty()) {
            return new ParseResult.Rejected("the CloudTrail record has no eventName or eventID");
        }
        if (Json.text(record, "/errorCode").isPresent()) {
            return new ParseResult.Ignored(eventName.get() + " failed (" + Json.text(record, "/errorCode").get()
                    + "): it created nothing");
        }
        // Checked before the caller's ARN, which an AWS service calling for the owner does not have.
        if (UndoEventParser.EVENTS.contains(eventName.get()) && !INSTANCE_EVENTS.contains(eventName.get())
                && !FUNCTION_EVENTS.contains(eventName.get()) && !WORKLOAD_UNDO_EVENTS.contains(eventName.get())) {
            List<Signal> undone = UndoEventParser.parse(record, envelope.origin());
            // A rule or schedule pointed at compute is also provenance of its caller (TriggerEventReader).
            List<Provenance> triggers = principalArn.isEmpty() || !TriggerEventReader.EVENTS.contains(eventName.get())
                    ? List.of() : TriggerEventReader.records(record, new CloudTrailCaller(eventId.get(), eventName.get(),
                    Json.text(record, "/eventTime").flatMap(Envelope::instant).orElse(envelope.time()),
                    Json.text(record, "/awsRegion").orElse(envelope.region()),
                    Json.text(record, "/recipientAccountId").orElse(envelope.account()),
                    Json.text(record, "/userIdentity/accessKeyId"), principalArn.get(),
                    Json.text(record, "/userIdentity/type").orElse("Unknown")));
            if (!triggers.isEmpty()) {
                return new ParseResult.Observed(envelope.origin(), triggers, undone);
            }
            return undone.isEmpty() ? new ParseResult.Ignored(eventName.get() + " restores nothing Tourniquet cuts")
                    : new ParseResult.Signals(undone);
        }
        if (principalArn.isEmpty() && "AWSService".equals(Json.text(record, "/userIdentity/type").orElse(""))) {
            return new ParseResult.Ignored(eventName.get() + " was called by the AWS service "
                    + Json.text(record, "/userIdentity/invokedBy").orElse("(unnamed)") + " itself");
        }
        if (principalArn.isEmpty()) {
            return new ParseResult.Rejected("the CloudTrail record has no userIdentity.arn");
        }
        CloudTrailCaller caller = new CloudTrailCaller(eventId.get(), eventName.get(),
                Json.text(record, "/eventTime").flatMap(Envelope::instant).orElse(envelope.time()),
                Json.text(record, "/awsRegion").orElse(envelope.region()),
                Json.text(record, "/recipientAccountId").orElse(envelope.account()),
                Json.text(record, "/userIdentity/accessKeyId"), principalArn.get(),
                Json.text(record, "/userIdentity/type").orElse("Unknown"));
        if (RegionEventReader.reads(record)) {
            return RegionEventReader.read(record, caller, envelope.origin());
        }
        List<Signal> undone = FUNCTION_EVENTS.contains(eventName.get()) || INSTANCE_EVENTS.contains(eventName.get())
                || WORKLOAD_UNDO_EVENTS.contains(eventName.get()) ? UndoEventParser.parse(record, envelope.origin()) : List.of();
        ParseResult resources = FUNCTION_EVENTS.contains(eventName.get())
                ? function(record, caller, envelope.origin(), undone)
                : INSTANCE_EVENTS.contains(eventName.get()) ? instances(record, caller, envelope.origin(), undone)
                : new ParseResult.Observed(envelope.origin(), List.of(), undone);
        if (!(resources instanceof ParseResult.Observed observed)) {
            return resources;
        }
        // The same record may also write tags (tags given at creation) or create an identity.
        List<Provenance> all = new ArrayList<>(observed.records());
        all.addAll(TagEventReader.records(record, caller));
        all.addAll(IamEventReader.records(record, caller));
        all.addAll(IamPolicyEventReader.records(record, caller));
        // Or open or share something to others (ShareEventReader): a permission, a layer, a snapshot, an image.
        all.addAll(ShareEventReader.records(record, caller));
        // Or make or change what launches instances again: a group, a template, a fleet (LaunchSourceEventReader).
        all.addAll(LaunchSourceEventReader.records(record, caller));
        // Or create, start or change rented compute: ECS, CodeBuild, SageMaker, Batch (WorkloadEventReader).
        all.addAll(WorkloadEventReader.records(record, caller));
        // Or open model access or invoke a model in Bedrock: recorded, judged by the footprint and the incident.
        all.addAll(BedrockEventReader.records(record, caller));
        // Or create a schedule that starts rented compute (TriggerEventReader; PutTargets, UpdateSchedule come above).
        all.addAll(TriggerEventReader.records(record, caller));
        if (!all.isEmpty()) {
            return new ParseResult.Observed(envelope.origin(), SpendShapeReader.stamped(record, all),
                    observed.undone());
        }
        if (ShareEventReader.EVENTS.contains(eventName.get())) {
            return new ParseResult.Ignored(eventName.get() + " opens nothing to anyone outside this account");
        }
        // A scaling-only group update is the owner's business: ignored, not malformed.
        boolean scalingOnly = "UpdateAutoScalingGroup".equals(eventName.get());
        return TagEventReader.EVENTS.contains(eventName.get()) || IamEventReader.EVENTS.contains(eventName.get())
                || IamPolicyEventReader.EVENTS.contains(eventName.get())
                || WorkloadEventReader.EVENTS.contains(eventName.get())
                || LaunchSourceEventReader.EVENTS.contains(eventName.get()) && !scalingOnly
                ? new ParseResult.Rejected(eventName.get() + " names no resource, tag, identity or IAM change")
                : scalingOnly ? new ParseResult.Ignored("UpdateAutoScalingGroup changed no launch template or configuration")
                : new ParseResult.Ignored("CloudTrail event " + eventName.get() + " is not recorded as provenance");
    }

    private static ParseResult function(JsonNode record, CloudTrailCaller caller, Origin origin, List<Signal> undone) {
        Optional<String> named = Json.text(record, "/responseElements/functionArn")
                .or(() -> Json.text(record, "/requestParameters/functionName"));
        if (named.isEmpty()) {
            return new ParseResult.Rejected(caller.eventName() + " names no function");
        }
        String arn = FunctionArn.parse(named.get()).map(FunctionArn::unqualified)
                .orElse("arn:" + caller.partition() + ":lambda:" + caller.region() + ":" + caller.accountId()
                        + ":function:" + named.get());
        // Its memory and timeout, for the footprint (SpendShape), where the call says them.
        return new ParseResult.Observed(origin, List.of(caller.provenance("function", arn,
                SpendShapeReader.function(record, caller.eventName()))), undone);
    }

    private static ParseResult instances(JsonNode record, CloudTrailCaller caller, Origin origin, List<Signal> undone) {
        List<Provenance> records = new ArrayList<>();
        String pointer = switch (caller.eventName()) {
            case "RunInstances" -> "/responseElements/instancesSet/items";
            case "StartInstances" -> "/requestParameters/instancesSet/items";
            default -> "/responseElements/spotInstanceRequestSet/items";
        };
        String idField = "RequestSpotInstances".equals(caller.eventName()) ? "/spotInstanceRequestId" : "/instanceId";
        String type = "RequestSpotInstances".equals(caller.eventName()) ? "spot-request" : "instance";
        // A Spot request's type decides what stopping its instance does: a persistent one is disabled while its
        // instance is stopped, a one-time one cannot be stopped at all (AWS's default type is one-time).
        String spotType = Json.text(record, "/requestParameters/type").orElse("one-time");
        // What each launches, for the footprint (SpendShape): the item's own type, else the request's.
        Optional<String> requested = Json.text(record, "/requestParameters/instanceType")
                .or(() -> Json.text(record, "/requestParameters/launchSpecification/instanceType"));
        boolean launch = !"StartInstances".equals(caller.eventName());
        for (JsonNode item : record.at(pointer)) {
            java.util.Map<String, String> details = new java.util.HashMap<>();
            if ("spot-request".equals(type)) {
                details.put(LaunchSource.SPOT_TYPE, Json.text(item, "/type").orElse(spotType));
            }
            Json.text(item, "/instanceType").or(() -> Json.text(item, "/launchSpecification/instanceType"))
                    .or(() -> requested).filter(t -> launch).ifPresent(t -> details.put(SpendShape.INSTANCE_TYPE, t));
            Json.text(item, idField).ifPresent(id -> records.add(caller.provenance(type, id, details)));
        }
        if (records.isEmpty()) {
            return new ParseResult.Rejected(caller.eventName() + " names no instance or spot request");
        }
        return new ParseResult.Observed(origin, records, undone);
    }
}
