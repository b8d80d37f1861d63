package dev.tourniquet.step.iam;

import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** One of Tourniquet's fixed inline policies on one user: read, written and verified the same way by each step. */
record UserInlinePolicy(IamClient iam, String userName, String policyName) {

    Optional<String> document() {
        try {
            return Optional.of(iam.getUserPolicy(r -> r.userName(userName).policyName(policyName)).policyDocument());
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }

    boolean holds(String expected) {
        return document().filter(d -> PolicyDocuments.same(d, expected)).isPresent();
    }

    void put(String document) {
        iam.putUserPolicy(r -> r.userName(userName).policyName(policyName).policyDocument(document));
        dev.tourniquet.internal.Verification.until("policy " + policyName + " on user " + userName,
                () -> holds(document));
    }
}
