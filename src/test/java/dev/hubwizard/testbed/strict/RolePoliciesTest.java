package dev.hubwizard.testbed.strict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubwizard.aws.HubTaskRoles;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The test bed refuses the role policies IAM stores but would not grant by, and lets Hub Wizard's through. */
class RolePoliciesTest {

    private static final String CLUSTER = "arn:aws:ecs:us-east-1:123456789012:cluster/team-hub-cluster";

    private static String document(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}";
    }

    @Test
    void theHubsFargateStatementsPass() {
        ObjectNode policy = new ObjectMapper().createObjectNode().put("Version", "2012-10-17");
        policy.set("Statement", HubTaskRoles.fargateStatements(CLUSTER, "team-hub-user",
                "arn:aws:iam::123456789012:role/ecsTaskExecutionRole", "team-hub", Optional.of("fs-0123456789abcdef0"),
                new dev.hubwizard.aws.HubApiName("Z0123456789ABCDEFGHIJ", "hub.team-hub.hubwizard.internal")));

        assertThat(RolePolicies.problems(policy.toString())).isEmpty();
    }

    @Test
    void whatIamWouldNotGrantByIsRefused() {
        assertThat(RolePolicies.problems(document("[{\"Effect\":\"Allow\",\"Action\":\"efs:CreateAccessPoint\","
                + "\"Resource\":\"arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-1\"}]")))
                .anySatisfy(p -> assertThat(p).contains("efs:CreateAccessPoint"));
        assertThat(RolePolicies.problems(document("[{\"Effect\":\"Allow\",\"Action\":\"ecs:RunTask\","
                + "\"Resource\":\"task-definition/team-hub-user\"}]")))
                .singleElement().satisfies(p -> assertThat(p).contains("must be in ARN format"));
        assertThat(RolePolicies.problems(document("[{\"Effect\":\"Allow\",\"Action\":\"ecs:RunTask\","
                + "\"Resource\":\"arn:aws:ecr:us-east-1:123456789012:repository/x\"}]")))
                .singleElement().satisfies(p -> assertThat(p).contains("not of the service"));
        assertThat(RolePolicies.problems(document("[{\"Effect\":\"Allow\",\"Action\":\"ecs:RegisterTaskDefinition\","
                + "\"Resource\":\"*\",\"Condition\":{\"ArnEquals\":{\"ecs:cluster\":\"" + CLUSTER + "\"}}}]")))
                .singleElement().satisfies(p -> assertThat(p).contains("ecs:cluster"));
    }
}
