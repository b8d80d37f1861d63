package dev.tourniquet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
    @Test
    void from_emptyEnvironment_usesTheTemplatesDefaults() {
        Configuration configuration = Configuration.from(Map.of());

        assertThat(configuration.mode()).isEqualTo(Mode.ENFORCE);
        assertThat(configuration.exemptPrincipalArns()).isEmpty();
        assertThat(configuration.exemptTagKey()).isEqualTo("tourniquet:exempt");
        assertThat(configuration.recordsRegion()).isEqualTo(configuration.region());
        assertThat(configuration.endpoint()).isEmpty();
    }

    @Test
    void from_listsAndRegions_areTrimmed() {
        Configuration configuration = Configuration.from(Map.of("EXEMPT_PRINCIPAL_ARNS", " a , ,b ",
                "AWS_REGION", "eu-west-1", "RECORDS_REGION", "us-east-1", "MODE", " PLAN "));

        assertThat(configuration.exemptPrincipalArns()).containsExactly("a", "b");
        assertThat(configuration.region()).isEqualTo("eu-west-1");
        assertThat(configuration.recordsRegion()).isEqualTo("us-east-1");
        assertThat(configuration.mode()).isEqualTo(Mode.PLAN);
    }

    @Test
    void from_unknownMode_failsInsteadOfEnforcing() {
        assertThatThrownBy(() -> Configuration.from(Map.of("MODE", "dry-run")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plan or enforce");
    }

    @Test
    void endpointFor_serviceWithItsOwnEndpoint_winsOverTheCommonOne() {
        Configuration configuration = Configuration.from(Map.of("TOURNIQUET_ENDPOINT", "http://127.0.0.1:5000",
                "TOURNIQUET_ENDPOINT_CLOUDTRAIL", "http://127.0.0.1:8080"));

        assertThat(configuration.endpointFor("cloudtrail")).contains(java.net.URI.create("http://127.0.0.1:8080"));
        assertThat(configuration.endpointFor("lambda")).contains(java.net.URI.create("http://127.0.0.1:5000"));
        assertThat(configuration.withMode(Mode.PLAN).endpointFor("cloudtrail"))
                .isEqualTo(configuration.endpointFor("cloudtrail"));
        assertThat(Configuration.from(Map.of()).endpointFor("cloudtrail")).isEmpty();
    }

    @Test
    void callsHttps_inAws_andAgainstAnHttpsOverride_butNotAgainstAPlainHttpEmulator() {
        assertThat(Configuration.from(Map.of()).callsHttps()).isTrue();
        assertThat(Configuration.from(Map.of("TOURNIQUET_ENDPOINT", "http://127.0.0.1:5000")).callsHttps()).isFalse();
        assertThat(Configuration.from(Map.of("TOURNIQUET_ENDPOINT", "http://127.0.0.1:5000",
                "TOURNIQUET_ENDPOINT_CLOUDTRAIL", "https://cloudtrail.us-east-1.amazonaws.com")).callsHttps()).isTrue();
    }

    @Test
    void toEnvironment_readBack_givesTheSameSettings() {
        Configuration configuration = Configuration.defaults("eu-west-1").toBuilder().mode(Mode.PLAN)
                .exemptPrincipalArns(java.util.List.of("arn:aws:iam::*:role/break-glass", "arn:aws:iam::1:user/x"))
                .recordsRegion("us-east-1").bucketName("evidence-1").evidenceRetentionDays(7)
                .endpoint(java.util.Optional.of(java.net.URI.create("http://127.0.0.1:5000")))
                .extraInstanceFindingTypes(java.util.List.of("UnauthorizedAccess:EC2/TorClient")).build()
                .withServiceEndpoint("cloudtrail", java.net.URI.create("http://127.0.0.1:8080"));

        assertThat(Configuration.from(configuration.toEnvironment())).isEqualTo(configuration);
    }

    @Test
    void toBuilder_changesOnlyWhatItIsTold() {
        Configuration defaults = Configuration.defaults("us-west-2");

        Configuration changed = defaults.toBuilder().tableName("t").build();

        assertThat(changed.tableName()).isEqualTo("t");
        assertThat(changed.toBuilder().tableName(defaults.tableName()).build()).isEqualTo(defaults);
        assertThat(defaults.region()).isEqualTo("us-west-2");
        assertThat(defaults.recordsRegion()).isEqualTo("us-west-2");
    }
}
