package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import org.junit.jupiter.api.Test;

/** SageMaker's "Notebook Instance State Change", read from the sample: only a notebook in service is acted on. */
class NotebookStateParserTest {
    private static final String NOTEBOOK = "arn:aws:sagemaker:us-west-2:123456789012:notebook-instance/research-nb";

    @Test
    void parse_inService_namesTheNotebook_asSageMakersReportWithNoAuthorToContain() {
        ParseResult parsed = new SignalParser().parse(Samples.load("sagemaker-notebook-instance-in-service.json"));

        assertThat(parsed).isInstanceOfSatisfying(ParseResult.InService.class, running -> {
            assertThat(running.resource()).isEqualTo(NOTEBOOK);
            assertThat(running.origin().region()).isEqualTo("us-west-2");
            assertThat(running.undone().resource()).isEqualTo(NOTEBOOK);
            assertThat(running.undone().action()).isEqualTo(NotebookStateParser.IN_SERVICE);
            assertThat(running.undone().caller().isAwsService()).as("never contained as an author").isTrue();
            assertThat(running.undone().hold()).isEmpty();
        });
    }

    @Test
    void parse_anotherStatus_isNothingToDo() {
        for (String status : new String[] {"Pending", "Stopping", "Stopped", "Failed", "Updating", "Deleting"}) {
            ObjectNode event = Samples.load("sagemaker-notebook-instance-in-service.json");
            ((ObjectNode) event.path("detail")).put("NotebookInstanceStatus", status);

            assertThat(new SignalParser().parse(event)).as(status).isInstanceOfSatisfying(ParseResult.Ignored.class,
                    ignored -> assertThat(ignored.reason()).contains(status));
        }
    }

    @Test
    void parse_withoutItsArn_orWithAnotherResourcesArn_isRejected() {
        ObjectNode noArn = Samples.load("sagemaker-notebook-instance-in-service.json");
        ((ObjectNode) noArn.path("detail")).remove("NotebookInstanceArn");
        ObjectNode job = Samples.load("sagemaker-notebook-instance-in-service.json");
        ((ObjectNode) job.path("detail")).put("NotebookInstanceArn",
                "arn:aws:sagemaker:us-west-2:123456789012:training-job/research-nb");

        assertThat(new SignalParser().parse(noArn)).isInstanceOf(ParseResult.Rejected.class);
        assertThat(new SignalParser().parse(job)).isInstanceOfSatisfying(ParseResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).contains("training-job"));
    }

    @Test
    void parse_anotherSageMakerServiceEvent_isNothingToDo() {
        ObjectNode training = Samples.load("sagemaker-notebook-instance-in-service.json");
        training.put("detail-type", "SageMaker Training Job State Change");

        assertThat(new SignalParser().parse(training)).isInstanceOf(ParseResult.Ignored.class);
    }
}
