package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.cli.local.OperationRecorder.PolicyWrite;
import dev.tourniquet.step.iam.QuarantinePolicies;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyWritesTest {
    private static final String ARN = "arn:aws:iam::123456789012:policy/tourniquet/tourniquet-quarantine-us-east-1";
    private static final PolicyWrites WRITES = new PolicyWrites(ARN);
    private static final Instant CUTOFF = Instant.parse("2026-11-20T03:15:00Z");

    @Test
    void violations_tourniquetsOwnPolicies_none() {
        assertThat(WRITES.violations(List.of(
                new PolicyWrite("iam:AttachUserPolicy", "deploy-bot", ARN, null),
                new PolicyWrite("iam:PutUserPolicy", "deploy-bot", "TourniquetQuarantine", QuarantinePolicies.DENY_ALL),
                new PolicyWrite("iam:PutRolePolicy", "web", "TourniquetRevokeOlderSessions",
                        QuarantinePolicies.denySessionsIssuedBefore(CUTOFF, Optional.empty())),
                new PolicyWrite("iam:PutRolePolicy", "web", "TourniquetRevokeSession-i-0abc",
                        QuarantinePolicies.denySessionsIssuedBefore(CUTOFF, Optional.of("i-0abc"))),
                new PolicyWrite("iam:PutUserPolicy", "release-bot", "TourniquetDenyConsole",
                        QuarantinePolicies.DENY_TEMPORARY_CREDENTIALS),
                new PolicyWrite("iam:PutUserPolicy", "release-bot", "TourniquetRevokeSession-ops-console",
                        QuarantinePolicies.denySessionsIssuedBefore(CUTOFF, Optional.of("ops-console")))))).isEmpty();
    }

    @Test
    void violations_anotherArnAnAllowOrAnotherName_eachNamed() {
        String allowAll = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
        assertThat(WRITES.violations(List.of(
                new PolicyWrite("iam:AttachUserPolicy", "u", "arn:aws:iam::aws:policy/AdministratorAccess", null),
                new PolicyWrite("iam:AttachRolePolicy", "r", "arn:aws:iam::aws:policy/AdministratorAccess", null),
                new PolicyWrite("iam:PutUserPolicy", "u", "TourniquetQuarantine", allowAll),
                new PolicyWrite("iam:PutUserPolicy", "u", "Other", QuarantinePolicies.DENY_ALL),
                new PolicyWrite("iam:PutRolePolicy", "r", "TourniquetRevokeOlderSessions", allowAll),
                new PolicyWrite("iam:PutRolePolicy", "r", "TourniquetRevokeSession-a",
                        QuarantinePolicies.denySessionsIssuedBefore(CUTOFF, Optional.of("b"))),
                new PolicyWrite("iam:PutRolePolicy", "r", "TourniquetRevokeSession-*",
                        QuarantinePolicies.denySessionsIssuedBefore(CUTOFF, Optional.of("*"))),
                new PolicyWrite("iam:PutUserPolicy", "u", "TourniquetDenyConsole", allowAll),
                new PolicyWrite("iam:PutUserPolicy", "u", "TourniquetRevokeSession-a",
                        QuarantinePolicies.denySessionsIssuedBefore(CUTOFF, Optional.of("b")))))).hasSize(9);
    }
}
