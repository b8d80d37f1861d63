package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tourniquet.step.Reversibility;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.iam.IamStepKinds;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registry of step kinds: every kind declares its IAM actions and either a reversal or why it has none,
 * ids are unique, and a recorded id finds its reversal.
 */
class StepCatalogTest {

    @Test
    void everyKind_declaresPermissionsAndAReversalOrAReason() {
        for (StepKind kind : StepCatalog.known().kinds()) {
            assertThat(kind.permissions()).as(kind.id()).isNotEmpty().allMatch(a -> a.matches("[a-z0-9-]+:[A-Za-z*]+"));
            switch (kind.reversibility()) {
                case Reversibility.Reversible reversible -> assertThat(reversible.reversal()).as(kind.id()).isNotNull();
                case Reversibility.Irreversible irreversible -> assertThat(irreversible.reason()).as(kind.id())
                        .isNotBlank();
            }
        }
    }

    @Test
    void catalog_knowsEveryFamily_withUniqueIds() {
        long declared = StepCatalog.FAMILIES.stream().mapToLong(List::size).sum();

        assertThat(StepCatalog.known().kinds()).hasSize((int) declared);
        assertThat(StepCatalog.known().kinds()).extracting(StepKind::id).doesNotHaveDuplicates();
    }

    @Test
    void reversal_ofARecordedStepId_isItsKindsReversal_andEvidenceHasNone() {
        assertThat(StepCatalog.known().reversal("deactivate-access-key")).containsSame(
                ((Reversibility.Reversible) IamStepKinds.DEACTIVATE_ACCESS_KEY.reversibility()).reversal());
        assertThat(StepCatalog.known().reversal("revoke-role-sessions")).isPresent();
        assertThat(StepCatalog.known().reversal("snapshot-volumes")).isEmpty();
        assertThat(StepCatalog.known().reversal("emit-credential-contained")).isEmpty();
        assertThat(StepCatalog.known().reversal("no-such-step")).isEmpty();
    }

    @Test
    void catalog_twoKindsClaimingOneId_isRefusedNamingBoth() {
        StepKind impostor = StepKind.irreversible("revoke-role-sessions", List.of("iam:PutRolePolicy"), "test");

        assertThatThrownBy(() -> new StepCatalog(List.of(IamStepKinds.all(), List.of(impostor))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("revoke-role-sessions")
                .hasMessageContaining("StepCatalog.FAMILIES");
        // The same kind listed by two families (a shared IAM step) is one kind.
        assertThat(new StepCatalog(List.of(IamStepKinds.all(), IamStepKinds.all())).kinds())
                .hasSize(IamStepKinds.all().size());
    }
}
