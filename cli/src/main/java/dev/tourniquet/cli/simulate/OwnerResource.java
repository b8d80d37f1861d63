package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.util.Comparator;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * A resource of the account's owner that Tourniquet must never touch. Its fingerprint is the state a
 * containment step could change; the verdict compares the fingerprints before and after the attack.
 */
sealed interface OwnerResource {

    String label();

    ObjectNode fingerprint(RegionalClients aws);

    record User(String name) implements OwnerResource {
        public String label() {
            return "IAM user " + name;
        }

        public ObjectNode fingerprint(RegionalClients aws) {
            ObjectNode print = Json.object();
            ObjectNode keys = print.putObject("keys");
            aws.iam().listAccessKeys(r -> r.userName(name)).accessKeyMetadata().stream()
                    .sorted(Comparator.comparing(AccessKeyMetadata::accessKeyId))
                    .forEach(k -> keys.put(k.accessKeyId(), k.statusAsString()));
            aws.iam().listUserPolicies(r -> r.userName(name)).policyNames().forEach(print.putArray("inline")::add);
            aws.iam().listAttachedUserPolicies(r -> r.userName(name)).attachedPolicies()
                    .forEach(p -> print.withArray("attached").add(p.policyArn()));
            return print;
        }
    }

    record Role(String name) implements OwnerResource {
        public String label() {
            return "IAM role " + name;
        }

        public ObjectNode fingerprint(RegionalClients aws) {
            ObjectNode print = Json.object();
            aws.iam().listRolePolicies(r -> r.roleName(name)).policyNames().forEach(print.putArray("inline")::add);
            aws.iam().listAttachedRolePolicies(r -> r.roleName(name)).attachedPolicies()
                    .forEach(p -> print.withArray("attached").add(p.policyArn()));
            return print;
        }
    }

    record Function(String region, String name) implements OwnerResource {
        public String label() {
            return "function " + name + " (" + region + ")";
        }

        public ObjectNode fingerprint(RegionalClients aws) {
            var response = aws.lambda(region).getFunction(r -> r.functionName(name));
            FunctionConfiguration c = response.configuration();
            ObjectNode print = Json.object().put("memory", c.memorySize()).put("timeout", c.timeout())
                    .put("role", c.role()).put("handler", c.handler()).put("runtime", c.runtimeAsString());
            // GetFunction leaves out a reserved concurrency of 0 (a moto and AWS quirk): ask for it directly.
            Integer reserved = aws.lambda(region).getFunctionConcurrency(r -> r.functionName(name))
                    .reservedConcurrentExecutions();
            print.put("reservedConcurrency", reserved == null ? "none" : reserved.toString());
            print.set("tags", Json.MAPPER.valueToTree(response.tags()));
            return print;
        }
    }

    record Rule(String region, String name) implements OwnerResource {
        public String label() {
            return "EventBridge rule " + name + " (" + region + ")";
        }

        public ObjectNode fingerprint(RegionalClients aws) {
            ObjectNode print = Json.object().put("state",
                    aws.events(region).describeRule(r -> r.name(name)).stateAsString());
            ArrayNode targets = print.putArray("targets");
            aws.events(region).listTargetsByRule(r -> r.rule(name)).targets().stream().map(Target::arn)
                    .sorted().forEach(targets::add);
            return print;
        }
    }

    record Instance(String region, String instanceId, String name) implements OwnerResource {
        public String label() {
            return "instance " + name + " " + instanceId + " (" + region + ")";
        }

        public ObjectNode fingerprint(RegionalClients aws) {
            software.amazon.awssdk.services.ec2.model.Instance instance = aws.ec2(region)
                    .describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
            ObjectNode print = Json.object().put("state", instance.state().nameAsString())
                    .put("profile", instance.iamInstanceProfile() == null ? "none" : instance.iamInstanceProfile().arn());
            instance.securityGroups().stream().map(GroupIdentifier::groupId).sorted()
                    .forEach(print.putArray("securityGroups")::add);
            ObjectNode tags = print.putObject("tags");
            instance.tags().forEach(t -> tags.put(t.key(), t.value()));
            return print;
        }
    }
}
