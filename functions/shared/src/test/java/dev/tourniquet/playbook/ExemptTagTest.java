package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.TagWriter;
import dev.tourniquet.signal.TagWrites;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ExemptTagTest {
    private static final String KEY = "tourniquet:exempt";
    private static final String FUNCTION = "arn:aws:lambda:us-west-2:123456789012:function:xmrig-worker-1";
    private static final Instant FINDING = Instant.parse("2026-11-20T03:19:00Z");
    private static final Instant CREATED = Instant.parse("2026-11-20T03:14:00Z");
    private static final String ATTACKER = "arn:aws:iam::123456789012:user/deploy-bot";
    private static final String OWNER = "arn:aws:iam::123456789012:user/owner";

    private final ExemptTag tag = new ExemptTag(KEY);
    private final Provenance creation = record("CreateFunction20150331", CREATED, "AKIAIOSFODNN7EXAMPLE", ATTACKER);
    private final IncidentPrincipals incident = IncidentPrincipals.of(FINDING, Stream.empty(), Stream.empty())
            .with(Optional.of(creation));

    private static Provenance record(String event, Instant time, String key, String principal) {
        return new Provenance("e-" + time.getEpochSecond(), event, time, "us-west-2", "123456789012", TagWrites.TAG,
                TagWrites.tagOf(FUNCTION, KEY), Optional.ofNullable(key), principal,
                principal.contains(":assumed-role/") ? "AssumedRole" : "IAMUser");
    }

    private ExemptTag.Verdict judge(TagWriter writer) {
        return tag.judge(FUNCTION, Map.of(KEY, ""), writer, incident, Optional.of(creation));
    }

    @Test
    void judge_noTag_isAbsent() {
        assertThat(tag.judge(FUNCTION, Map.of("team", "ops"), TagWriter.NOT_READ, incident, Optional.empty()))
                .isInstanceOf(ExemptTag.Verdict.Absent.class);
    }

    @Test
    void judge_writtenByTheIncidentsOwnKey_isIgnoredAndSaysByWhomAndWhen() {
        ExemptTag.Verdict verdict = judge(new TagWriter.Known(record("TagResource20170331v2", CREATED.plusSeconds(5),
                "AKIAIOSFODNN7EXAMPLE", ATTACKER), Optional.empty()));

        assertThat(verdict).isInstanceOf(ExemptTag.Verdict.Ignored.class);
        assertThat(((ExemptTag.Verdict.Ignored) verdict).reason()).contains("IGNORED", ATTACKER,
                "AKIAIOSFODNN7EXAMPLE", CREATED.plusSeconds(5).toString(), "principal of this incident");
    }

    @Test
    void judge_writtenBySameUserWithAnotherKey_isIgnored() {
        assertThat(judge(new TagWriter.Known(record("TagResource20170331v2", CREATED.minusSeconds(3600),
                "AKIAOTHERKEY0000000", ATTACKER), Optional.empty()))).isInstanceOf(ExemptTag.Verdict.Ignored.class);
    }

    @Test
    void judge_writtenByAnIdentityTheIncidentCreated_isIgnored() {
        Provenance keyCreated = new Provenance("e-k", "CreateAccessKey", CREATED.minusSeconds(60), "us-east-1",
                "123456789012", TagWrites.IDENTITY, TagWrites.key("AKIASECONDKEY000000"),
                Optional.of("AKIAIOSFODNN7EXAMPLE"), ATTACKER, "IAMUser");
        ExemptTag.Verdict verdict = judge(new TagWriter.Known(record("TagResource20170331v2", CREATED.minusSeconds(30),
                "AKIASECONDKEY000000", "arn:aws:iam::123456789012:user/helper"), Optional.of(keyCreated)));

        assertThat(verdict).isInstanceOf(ExemptTag.Verdict.Ignored.class);
        assertThat(((ExemptTag.Verdict.Ignored) verdict).reason()).contains("identity created by");
    }

    @Test
    void judge_writtenByAnotherPrincipalDuringTheWindow_isIgnored() {
        assertThat(judge(new TagWriter.Known(record("TagResource20170331v2", CREATED.plusSeconds(60), "AKIAOWNERKEY0000000",
                OWNER), Optional.empty()))).isInstanceOf(ExemptTag.Verdict.Ignored.class);
    }

    @Test
    void judge_writtenByTheOwnerBeforeTheIncident_counts() {
        ExemptTag.Verdict verdict = judge(new TagWriter.Known(record("CreateFunction20150331",
                CREATED.minusSeconds(86_400), "AKIAOWNERKEY0000000", OWNER), Optional.empty()));

        assertThat(verdict).isInstanceOf(ExemptTag.Verdict.Exempt.class);
        assertThat(((ExemptTag.Verdict.Exempt) verdict).reason()).contains(OWNER, "before the incident");
    }

    @Test
    void judge_writerOlderThanCloudTrail_counts_unlessTheIncidentCreatedTheResource() {
        IncidentPrincipals ownerCreated = IncidentPrincipals.of(FINDING, Stream.empty(), Stream.empty());
        Provenance ownerCreation = record("CreateFunction20150331", CREATED, "AKIAOWNERKEY0000000", OWNER);

        assertThat(tag.judge(FUNCTION, Map.of(KEY, ""), new TagWriter.Unknown(), ownerCreated, Optional.of(ownerCreation)))
                .isInstanceOf(ExemptTag.Verdict.Exempt.class);
        assertThat(judge(new TagWriter.Unknown())).isInstanceOf(ExemptTag.Verdict.Ignored.class);
    }

    @Test
    void judge_sessionsOfTheSameRole_areOnePrincipal() {
        IncidentPrincipals session = IncidentPrincipals.of(FINDING,
                Stream.of("arn:aws:iam::123456789012:role/web-instance-role"), Stream.of("ASIAEXAMPLE00000000"));
        Provenance write = record("TagRole", CREATED, "ASIAOTHER0000000000",
                "arn:aws:sts::123456789012:assumed-role/web-instance-role/i-0123");

        assertThat(tag.judge("role/web-instance-role", Map.of(KEY, "yes"), new TagWriter.Known(write, Optional.empty()),
                session, Optional.empty())).isInstanceOf(ExemptTag.Verdict.Ignored.class);
    }

    @Test
    void judge_offline_countsAndSaysItIsCheckedAtRunTime() {
        assertThat(((ExemptTag.Verdict.Exempt) judge(TagWriter.NOT_READ)).reason()).contains("checked when it runs");
    }
}
