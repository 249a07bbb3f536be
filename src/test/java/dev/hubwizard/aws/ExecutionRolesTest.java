package dev.hubwizard.aws;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub's own role reads exactly its secrets; the policy is compared by content, not by spacing. */
class ExecutionRolesTest {

    private static final String SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:hubwizard/team-hub/"
            + "cognito-client-secret-AbCdEf";

    @Test
    void aPolicyAllowingExactlyTheSecretNeedsNoChange() {
        String asIamReturnsIt = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", "
                + "\"Action\": \"secretsmanager:GetSecretValue\", \"Resource\": [\"" + SECRET + "\"]}]\n}";

        assertThat(ExecutionRoles.allowsReadingExactly(asIamReturnsIt, List.of(SECRET))).isTrue();
    }

    @Test
    void anotherSecretOrAnotherActionIsAChange() {
        String other = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\","
                + "\"Resource\":[\"" + SECRET + "\",\"arn:aws:secretsmanager:us-east-1:123456789012:secret:x\"]}]}";
        String deny = "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"secretsmanager:GetSecretValue\","
                + "\"Resource\":[\"" + SECRET + "\"]}]}";

        assertThat(ExecutionRoles.allowsReadingExactly(other, List.of(SECRET))).isFalse();
        assertThat(ExecutionRoles.allowsReadingExactly(deny, List.of(SECRET))).isFalse();
    }

    @Test
    void aHubsOwnRoleIsNamedAfterItWithinIamsLimit() {
        assertThat(new AwsTexts("team-hub").ownExecutionRoleName()).isEqualTo("hubwizard-team-hub-execution");
        assertThat(new AwsTexts("a".repeat(64)).ownExecutionRoleName()).hasSize(64).startsWith("hubwizard-aaa")
                .endsWith("-execution");
    }
}
