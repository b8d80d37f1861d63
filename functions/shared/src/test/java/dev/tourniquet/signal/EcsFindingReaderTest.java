package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GuardDuty Runtime Monitoring findings on ECS read into the task's signal, from the samples. */
class EcsFindingReaderTest {

    private static ParseResult parse(ObjectNode event) {
        return new SignalParser().parse(event);
    }

    private static CompromisedWorkload workload(ObjectNode event) {
        return (CompromisedWorkload) ((ParseResult.Signals) parse(event)).signals().get(0);
    }

    @Test
    void parse_minerOnAServiceTask_namesTheTaskItsServiceAndMining() {
        CompromisedWorkload signal = workload(Samples.load("guardduty-ecs-cryptominer-executed.json"));

        assertThat(signal.mining()).isTrue();
        assertThat(signal.creator()).isEmpty();
        EcsTask task = (EcsTask) signal.workload();
        assertThat(task.arn()).isEqualTo("arn:aws:ecs:ap-southeast-1:123456789012:task/default/"
                + "9b2e4c6a8d0f4b1e8c3a5d7f9b1e3c5a");
        assertThat(task.cluster()).isEqualTo("arn:aws:ecs:ap-southeast-1:123456789012:cluster/default");
        assertThat(task.service()).contains("xmrig-svc");
        assertThat(task.taskDefinitionArn()).contains("arn:aws:ecs:ap-southeast-1:123456789012:task-definition/xmrig-svc:1");
        assertThat(signal.reason()).contains("Impact:Runtime/CryptoMinerExecuted", "FARGATE");
        assertThat(signal.subject()).isEqualTo(task.arn());
    }

    @Test
    void parse_reverseShell_isACompromiseNotMining() {
        CompromisedWorkload signal = workload(Samples.load("guardduty-ecs-reverse-shell.json"));

        assertThat(signal.mining()).isFalse();
        assertThat(((EcsTask) signal.workload()).service()).contains("web-api");
    }

    @Test
    void parse_containerWithoutTask_actsOnNothingAndSaysWhy() {
        ParseResult.Signals parsed = (ParseResult.Signals) parse(Samples.load(
                "guardduty-container-reverse-shell-no-task.json"));

        assertThat(parsed.signals()).isEmpty();
        assertThat(parsed.refused()).singleElement().asString().contains("web", "names no ECS task", "by hand");
    }

    @Test
    void parse_clusterFindingWithoutTaskArn_guessesNoTask() {
        ObjectNode event = Samples.load("guardduty-ecs-cryptominer-executed.json");
        ((ObjectNode) event.at("/detail/resource/ecsClusterDetails/taskDetails")).remove("arn");

        ParseResult.Signals parsed = (ParseResult.Signals) parse(event);

        assertThat(parsed.signals()).isEmpty();
        assertThat(parsed.refused()).singleElement().asString().contains("default");
    }

    @ParameterizedTest(name = "{0} mining: {1}")
    @CsvSource({"CryptoCurrency:Runtime/BitcoinTool.B, true", "CryptoCurrency:Runtime/BitcoinTool.B!DNS, true",
            "Impact:Runtime/CryptoMinerExecuted, true", "Impact:Runtime/BitcoinDomainRequest.Reputation, true",
            "Execution:Runtime/ReverseShell, false", "Backdoor:Runtime/C&CActivity.B, false",
            "Impact:Runtime/AbusedDomainRequest.Reputation, false"})
    void families_byFindingType(String type, boolean mining) {
        assertThat(EcsFindingFamilies.isMining(type)).isEqualTo(mining);
    }
}
