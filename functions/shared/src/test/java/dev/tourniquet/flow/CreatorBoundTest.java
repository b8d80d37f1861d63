package dev.tourniquet.flow;

import static dev.tourniquet.flow.ExposureWindowTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.signal.Provenance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The shape and count decisions of a creator's sweep. */
class CreatorBoundTest {
    private static final ResourceShape MINER = new ResourceShape.Function("c0ffee", "python3.12", 10240, 900);
    private static final ResourceShape WEB = new ResourceShape.Function("beef", "nodejs20.x", 128, 3);

    @Test
    void like_sameCode_isOfTheShapeWhateverItsSettings() {
        assertThat(new ResourceShape.Function("c0ffee", "nodejs20.x", 128, 3).like(MINER)).isTrue();
    }

    @Test
    void like_sameRuntimeMemoryAndTimeout_isOfTheShape() {
        assertThat(new ResourceShape.Function("other", "python3.12", 10240, 900).like(MINER)).isTrue();
    }

    @Test
    void like_twoOfThreeSettings_isNotOfTheShape() {
        assertThat(new ResourceShape.Function("other", "python3.12", 10240, 60).like(MINER)).isFalse();
        assertThat(new ResourceShape.Function("", "python3.12", 128, 900).like(MINER)).isFalse();
    }

    @Test
    void like_instanceOfSameTypeAndImage_only() {
        ResourceShape flagged = new ResourceShape.Instance("c5.24xlarge", "ami-1");

        assertThat(new ResourceShape.Instance("c5.24xlarge", "ami-1").like(flagged)).isTrue();
        assertThat(new ResourceShape.Instance("c5.24xlarge", "ami-2").like(flagged)).isFalse();
        assertThat(new ResourceShape.Instance("t3.micro", "ami-1").like(flagged)).isFalse();
        assertThat(flagged.like(MINER)).isFalse();
    }

    @Test
    void of_hundredLegitimateAndOneFlagged_containsOnlyTheFlagged() {
        List<Provenance> made = new ArrayList<>();
        Map<String, ResourceShape> shapes = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            made.add(record("web-" + i, "2026-11-20T03:00:00Z"));
            shapes.put("web-" + i, WEB);
        }
        made.add(record("miner", "2026-11-20T03:05:00Z"));
        shapes.put("miner", MINER);

        CreatorBound bound = CreatorBound.of(made, Optional.of("miner"), shapes, 10);

        assertThat(bound.contain()).extracting(Provenance::resourceId).containsExactly("miner");
        assertThat(bound.hold()).isEmpty();
        assertThat(bound.unlike()).hasSize(100);
    }

    @Test
    void of_moreOfTheShapeThanTheCount_containsTheFlaggedAndNearestThenHoldsTheRest() {
        List<Provenance> made = List.of(record("far", "2026-11-20T02:20:00Z"), record("miner", "2026-11-20T03:05:00Z"),
                record("near", "2026-11-20T03:06:00Z"), record("next", "2026-11-20T03:09:00Z"));
        Map<String, ResourceShape> shapes = Map.of("far", MINER, "miner", MINER, "near", MINER, "next", MINER);

        CreatorBound bound = CreatorBound.of(made, Optional.of("miner"), shapes, 2);

        assertThat(bound.contain()).extracting(Provenance::resourceId).containsExactly("miner", "near");
        assertThat(bound.hold()).extracting(Provenance::resourceId).containsExactly("next", "far");
        assertThat(bound.unlike()).isEmpty();
    }

    @Test
    void of_flaggedShapeUnknown_touchesNothingAndListsEverything() {
        List<Provenance> made = List.of(record("a", "2026-11-20T03:00:00Z"), record("b", "2026-11-20T03:01:00Z"));

        CreatorBound bound = CreatorBound.of(made, Optional.of("gone"), Map.of("a", MINER, "b", MINER), 10);

        assertThat(bound.contain()).isEmpty();
        assertThat(bound.hold()).isEmpty();
        assertThat(bound.unlike()).hasSize(2);
        assertThat(CreatorBound.of(made, Optional.empty(), Map.of("a", MINER), 10).unlike()).hasSize(2);
    }

    @Test
    void of_resourceWhoseShapeCouldNotBeRead_isLeftAlone() {
        List<Provenance> made = List.of(record("miner", "2026-11-20T03:00:00Z"), record("gone", "2026-11-20T03:01:00Z"));

        CreatorBound bound = CreatorBound.of(made, Optional.of("miner"), Map.of("miner", MINER), 10);

        assertThat(bound.contain()).extracting(Provenance::resourceId).containsExactly("miner");
        assertThat(bound.unlike()).extracting(Provenance::resourceId).containsExactly("gone");
    }
}
