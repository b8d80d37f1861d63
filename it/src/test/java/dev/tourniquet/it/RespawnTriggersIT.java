package dev.tourniquet.it;

import static dev.tourniquet.it.TriggerScene.CLUSTER_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Respawn triggers, through the real handlers on the emulator: a contained key's ECS task reaches stop-workload through
 * the credential sweep, and what would run it again is cut — a rule whose only target runs it is disabled, a rule with
 * another target loses only the miner's target, schedules that run it (templated and universal targets) are disabled —
 * while the owner's rule and schedule for another family on the same cluster are untouched; a release puts every cut
 * back as it was.
 */
class RespawnTriggersIT {
    static final String CUT_RULES = "cut-rules-starting-workload";
    static final String DISABLE_SCHEDULES = "disable-schedules-starting-workload";
    static final String OWN_RULE = "tourniquet-attack-sequence-workload";
    private static final Target AUDIT = Target.builder().id("audit").arn("arn:aws:sqs:us-east-1:123456789012:audit")
            .build();
    private static final String CI_CACHE = "arn:aws:codebuild:" + TriggerScene.REGION
            + ":123456789012:project/ci-cache";

    @Test
    void sweep_minersTask_cutsWhatRunsItAgain_leavesTheOwners_andReleaseRestoresIt() {
        TriggerScene scene = TriggerScene.fresh(Mode.ENFORCE);
        String xmrig = minersTaskWithItsTriggers(scene);
        scene.rule("shared-tick", TriggerScene.ecsTarget("miner-too", xmrig), AUDIT);
        // A rule by the exact name of one of Tourniquet's own (its ARN is the stack's): never cut, whatever it targets.
        scene.rule(OWN_RULE, TriggerScene.ecsTarget("own", xmrig));
        scene.universalRunTask("xmrig-universal", "xmrig");
        ownersNightlyReport(scene);

        JsonNode incident = scene.contain(scene.keyRanTask(xmrig));

        assertCuts(incident, "applied");
        assertThat(scene.ruleState("xmrig-every-3-minutes")).isEqualTo("DISABLED");
        assertThat(scene.targets("xmrig-every-3-minutes")).extracting(Target::id).containsExactly("miner");
        assertThat(scene.ruleState("shared-tick")).as("its other target still fires").isEqualTo("ENABLED");
        assertThat(scene.targets("shared-tick")).extracting(Target::id).containsExactly("audit");
        assertThat(scene.ruleState("nightly-report")).isEqualTo("ENABLED");
        assertThat(scene.targets("nightly-report")).extracting(Target::id).containsExactly("report");
        assertThat(scene.scheduleState("xmrig-keepalive")).isEqualTo("DISABLED");
        assertThat(scene.scheduleState("xmrig-universal")).isEqualTo("DISABLED");
        assertThat(scene.scheduleState("nightly-report")).isEqualTo("ENABLED");
        assertThat(scene.ruleState(OWN_RULE)).isEqualTo("ENABLED");
        assertThat(scene.targets(OWN_RULE)).extracting(Target::id).containsExactly("own");

        scene.release(incident);

        assertThat(scene.ruleState("xmrig-every-3-minutes")).isEqualTo("ENABLED");
        assertThat(scene.targets("shared-tick")).extracting(Target::id).containsExactlyInAnyOrder("audit", "miner-too");
        Target back = scene.targets("shared-tick").stream().filter(t -> t.id().equals("miner-too")).findFirst()
                .orElseThrow();
        assertThat(back).as("put back whole").isEqualTo(TriggerScene.ecsTarget("miner-too", xmrig));
        assertThat(scene.scheduleState("xmrig-keepalive")).isEqualTo("ENABLED");
        assertThat(scene.scheduleState("xmrig-universal")).isEqualTo("ENABLED");
    }

    @Test
    void sweep_inPlanMode_plansTheCutsAndChangesNothing() {
        TriggerScene scene = TriggerScene.fresh(Mode.PLAN);
        String xmrig = minersTaskWithItsTriggers(scene);

        JsonNode incident = scene.contain(scene.keyRanTask(xmrig));

        assertCuts(incident, "planned");
        assertThat(scene.ruleState("xmrig-every-3-minutes")).isEqualTo("ENABLED");
        assertThat(scene.scheduleState("xmrig-keepalive")).isEqualTo("ENABLED");
    }

    @Test
    void sweep_theOwnersTaskOfAnotherFamily_noTriggerIsTouched() {
        TriggerScene scene = TriggerScene.fresh(Mode.ENFORCE);
        String xmrig = scene.taskDefinition("xmrig");
        ownersNightlyReport(scene);

        JsonNode incident = scene.contain(scene.keyRanTask(xmrig));

        assertCuts(incident, "skipped");
        assertThat(scene.ruleState("nightly-report")).isEqualTo("ENABLED");
        assertThat(scene.targets("nightly-report")).extracting(Target::arn).containsExactly(CLUSTER_ARN);
        assertThat(scene.scheduleState("nightly-report")).isEqualTo("ENABLED");
    }

    @Test
    void cutTargetPutBack_andScheduleEnabledAgain_areCutAgain_andTheirAuthorContained() {
        TriggerScene scene = TriggerScene.fresh(Mode.ENFORCE);
        String xmrig = scene.taskDefinition("xmrig");
        scene.rule("shared-tick", TriggerScene.ecsTarget("miner", xmrig), AUDIT);
        scene.ecsSchedule("xmrig-keepalive", xmrig);
        scene.deliver(InstanceScene.contained(scene.keyRanTask(xmrig).key()));
        assertThat(scene.targets("shared-tick")).extracting(Target::id).containsExactly("audit");
        scene.iam().createUser(r -> r.userName("ops-backdoor"));
        String backdoor = scene.iam().createAccessKey(r -> r.userName("ops-backdoor")).accessKey().accessKeyId();

        scene.events().putTargets(r -> r.rule("shared-tick").targets(TriggerScene.ecsTarget("miner", xmrig)));
        ObjectNode putBack = Undo.byUser(Undo.of("cloudtrail-events-put-targets-ecs.json", TriggerScene.REGION),
                "ops-backdoor", backdoor);
        Undo.request(putBack).put("rule", "shared-tick");
        scene.deliver(putBack);

        assertThat(scene.targets("shared-tick")).as("cut again").extracting(Target::id).containsExactly("audit");
        assertThat(scene.ruleState("shared-tick")).isEqualTo("ENABLED");
        assertThat(keyStatus(scene, "ops-backdoor", backdoor)).as("the author contained").isEqualTo("Inactive");

        scene.enableSchedule("xmrig-keepalive");
        ObjectNode enabled = Undo.byUser(Undo.of("cloudtrail-scheduler-update-schedule-ecs.json", TriggerScene.REGION),
                "ops-backdoor", backdoor);
        scene.deliver(enabled);

        assertThat(scene.scheduleState("xmrig-keepalive")).as("disabled again").isEqualTo("DISABLED");
    }

    @Test
    void sweep_keysOwnRuleAndSchedule_areCut_withNoWorkloadRunning_theOwnersLeft_andReleaseRestoresThem() {
        TriggerScene scene = TriggerScene.fresh(Mode.ENFORCE);
        Target build = Target.builder().id("build").arn(CI_CACHE).roleArn(TriggerScene.ROLE_ARN).build();
        scene.rule("owner-nightly-build", build);
        scene.rule("cache-every-5-minutes", build);
        scene.universal("cache-warmer", "codebuild:startBuild", "{\"ProjectName\":\"ci-cache\"}");
        String key = scene.deployBotKey();
        scene.deliver(TriggerScene.keyPutTargets(key, "cache-every-5-minutes", CI_CACHE));
        scene.deliver(TriggerScene.keyCreateSchedule(key, "cache-warmer", "codebuild:startBuild",
                "{\"ProjectName\":\"ci-cache\"}"));

        List<ObjectNode> swept = scene.deliver(InstanceScene.contained(key));
        JsonNode rule = TriggerScene.incident(swept, TriggerScene.ruleArn("cache-every-5-minutes"));
        JsonNode schedule = TriggerScene.incident(swept, TriggerScene.scheduleArn("cache-warmer"));

        assertThat(TriggerScene.result(rule, CUT_RULES)).isEqualTo("applied");
        assertThat(TriggerScene.result(schedule, DISABLE_SCHEDULES)).isEqualTo("applied");
        assertThat(scene.ruleState("cache-every-5-minutes")).isEqualTo("DISABLED");
        assertThat(scene.scheduleState("cache-warmer")).isEqualTo("DISABLED");
        assertThat(scene.ruleState("owner-nightly-build")).as("the owner's rule, same project").isEqualTo("ENABLED");

        scene.release(rule);
        scene.release(schedule);

        assertThat(scene.ruleState("cache-every-5-minutes")).isEqualTo("ENABLED");
        assertThat(scene.scheduleState("cache-warmer")).isEqualTo("ENABLED");
    }

    @Test
    void sweep_keysRuleStartingAPipeline_losesOnlyThePipelineTarget() {
        TriggerScene scene = TriggerScene.fresh(Mode.ENFORCE);
        String pipeline = "arn:aws:codepipeline:" + TriggerScene.REGION + ":123456789012:gpu-bench-release";
        scene.rule("nightly-release", Target.builder().id("release").arn(pipeline).roleArn(TriggerScene.ROLE_ARN)
                .build(), AUDIT);
        String key = scene.deployBotKey();
        scene.deliver(TriggerScene.keyPutTargets(key, "nightly-release", pipeline));

        JsonNode rule = TriggerScene.incident(scene.deliver(InstanceScene.contained(key)),
                TriggerScene.ruleArn("nightly-release"));

        assertThat(TriggerScene.result(rule, CUT_RULES)).isEqualTo("applied");
        assertThat(scene.ruleState("nightly-release")).isEqualTo("ENABLED");
        assertThat(scene.targets("nightly-release")).extracting(Target::id).containsExactly("audit");

        scene.release(rule);

        assertThat(scene.targets("nightly-release")).extracting(Target::id).containsExactlyInAnyOrder("audit", "release");
    }

    @Test
    void containedProject_theRulesAndSchedulesStartingAPipelineThatBuildsIt_areCut_anotherPipelinesLeft()
            throws java.io.IOException {
        try (CodePipelineStandIn pipelines = new CodePipelineStandIn(TriggerScene.REGION, "123456789012")) {
            TriggerScene scene = TriggerScene.on(Emulator.fresh(Mode.ENFORCE, List.of(),
                    c -> c.withServiceEndpoint("codepipeline", pipelines.endpoint()), List.of()));
            String miners = pipelines.pipeline("gpu-bench-release", "ci-cache");
            String docs = pipelines.pipeline("docs-site", "docs");
            scene.rule("release-hourly", Target.builder().id("release").arn(miners).roleArn(TriggerScene.ROLE_ARN)
                    .build());
            scene.rule("docs-hourly", Target.builder().id("docs").arn(docs).roleArn(TriggerScene.ROLE_ARN).build());
            scene.universal("release-keepalive", "codepipeline:startPipelineExecution",
                    "{\"Name\":\"gpu-bench-release\"}");

            JsonNode incident = TriggerScene.incident(scene.deliver(lateProject(CI_CACHE)), CI_CACHE);

            assertCuts(incident, "applied");
            assertThat(scene.ruleState("release-hourly")).isEqualTo("DISABLED");
            assertThat(scene.scheduleState("release-keepalive")).isEqualTo("DISABLED");
            assertThat(scene.ruleState("docs-hourly")).as("a pipeline that builds another project").isEqualTo("ENABLED");

            scene.release(incident);

            assertThat(scene.ruleState("release-hourly")).isEqualTo("ENABLED");
            assertThat(scene.scheduleState("release-keepalive")).isEqualTo("ENABLED");
        }
    }

    // A contained key's CodeBuild project as a footprint breach names it (the CodeBuild reader, and so the project's
    // provenance by CloudTrail, is another part of issue 17).
    private static com.fasterxml.jackson.databind.node.ObjectNode lateProject(String project) {
        com.fasterxml.jackson.databind.node.ObjectNode event =
                Emulator.sample("tourniquet-resource-outside-footprint-workload.json");
        event.put("id", java.util.UUID.randomUUID().toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("detail")).put("incidentId", "footprint/" + project);
        com.fasterxml.jackson.databind.node.ObjectNode record = (com.fasterxml.jackson.databind.node.ObjectNode)
                event.at("/detail/record");
        record.put("eventName", "CreateProject").put("region", TriggerScene.REGION).put("resourceType",
                "codebuild-project").put("resourceId", project).remove("details");
        return event;
    }

    // The miner's task definition (its ARN) and its own triggers: a rule running it every 3 minutes, a schedule
    // keeping it alive.
    private static String minersTaskWithItsTriggers(TriggerScene scene) {
        String xmrig = scene.taskDefinition("xmrig");
        scene.rule("xmrig-every-3-minutes", TriggerScene.ecsTarget("miner", xmrig));
        scene.ecsSchedule("xmrig-keepalive", xmrig);
        return xmrig;
    }

    // The owner's nightly report on the same cluster, another family: a rule and a schedule, both "nightly-report".
    private static void ownersNightlyReport(TriggerScene scene) {
        String report = scene.taskDefinition("nightly-report");
        scene.rule("nightly-report", TriggerScene.ecsTarget("report", report));
        scene.ecsSchedule("nightly-report", report);
    }

    // What the two trigger cuts did for the incident's workload: the same result each.
    private static void assertCuts(JsonNode incident, String result) {
        assertThat(TriggerScene.result(incident, CUT_RULES)).as(CUT_RULES).isEqualTo(result);
        assertThat(TriggerScene.result(incident, DISABLE_SCHEDULES)).as(DISABLE_SCHEDULES).isEqualTo(result);
    }

    private static String keyStatus(TriggerScene scene, String user, String key) {
        return scene.iam().listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(key)).findFirst().orElseThrow().statusAsString();
    }

    @AfterAll
    static void leastPrivilege() {
        assertThat(Emulator.leastPrivilege(TriggerScene.FUNCTION).notGranted(TriggerScene.PERFORMED)).isEmpty();
    }
}
