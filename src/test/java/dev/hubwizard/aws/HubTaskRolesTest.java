package dev.hubwizard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What the hub's task role may do for servers in their own Fargate tasks: each call, where, and on what condition. */
class HubTaskRolesTest {

    private static final String CLUSTER = "arn:aws:ecs:eu-central-1:123456789012:cluster/team-hub-cluster";
    private static final String EXECUTION_ROLE = "arn:aws:iam::123456789012:role/hubwizard-team-hub-execution";
    private static final HubApiName NAME = new HubApiName("Z0123456789ABCDEFGHIJ", "hub.team-hub.hubwizard.internal");

    @Test
    void theHubRunsStopsAndDescribesOnlyTheUsersTasksInItsOwnCluster() {
        ArrayNode statements = HubTaskRoles.fargateStatements(CLUSTER, "team-hub-user", EXECUTION_ROLE, "team-hub",
                Optional.empty(), NAME);

        assertThat(statements).hasSize(7);
        JsonNode run = statements.get(0);
        assertThat(run.get("Action").asText()).isEqualTo("ecs:RunTask");
        assertThat(run.get("Resource").asText())
                .isEqualTo("arn:aws:ecs:eu-central-1:123456789012:task-definition/team-hub-user:*");
        assertThat(run.at("/Condition/ArnEquals/ecs:cluster").asText()).isEqualTo(CLUSTER);
        JsonNode stop = statements.get(1);
        assertThat(actions(stop)).containsExactly("ecs:StopTask", "ecs:DescribeTasks");
        assertThat(stop.get("Resource").asText())
                .isEqualTo("arn:aws:ecs:eu-central-1:123456789012:task/team-hub-cluster/*");
        assertThat(stop.at("/Condition/ArnEquals/ecs:cluster").asText()).isEqualTo(CLUSTER);
        JsonNode list = statements.get(2);
        assertThat(list.get("Action").asText()).isEqualTo("ecs:ListTasks");
        assertThat(list.at("/Condition/ArnEquals/ecs:cluster").asText()).isEqualTo(CLUSTER);
        JsonNode tag = statements.get(3);
        assertThat(tag.get("Action").asText()).isEqualTo("ecs:TagResource");
        assertThat(tag.at("/Condition/StringEquals/ecs:CreateAction").asText()).isEqualTo("RunTask");
        JsonNode pass = statements.get(4);
        assertThat(pass.get("Action").asText()).isEqualTo("iam:PassRole");
        assertThat(pass.get("Resource").asText()).isEqualTo(EXECUTION_ROLE);
        assertThat(pass.at("/Condition/StringEquals/iam:PassedToService").asText())
                .isEqualTo("ecs-tasks.amazonaws.com");
        assertThat(statements.findValuesAsText("Resource")).as("nothing on every resource but the cluster's task list")
                .containsOnlyOnce("*");
    }

    @Test
    void theHubMayPointOnlyItsOwnPrivateNameAndOnlyAtAnAddress() {
        ArrayNode statements = HubTaskRoles.fargateStatements(CLUSTER, "team-hub-user", EXECUTION_ROLE, "team-hub",
                Optional.empty(), new HubApiName("Z0123456789ABCDEFGHIJ", "hub.Team-Hub.hubwizard.internal"));

        JsonNode change = statements.get(5);
        assertThat(change.get("Action").asText()).isEqualTo("route53:ChangeResourceRecordSets");
        assertThat(change.get("Resource").asText()).isEqualTo("arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ");
        JsonNode only = change.at("/Condition/ForAllValues:StringEquals");
        assertThat(only.get("route53:ChangeResourceRecordSetsNormalizedRecordNames").asText())
                .as("IAM compares the name in lower case, without the final dot")
                .isEqualTo("hub.team-hub.hubwizard.internal");
        assertThat(only.get("route53:ChangeResourceRecordSetsRecordTypes").asText()).isEqualTo("A");
        assertThat(only.get("route53:ChangeResourceRecordSetsActions").asText()).isEqualTo("UPSERT");
        JsonNode follow = statements.get(6);
        assertThat(follow.get("Action").asText()).isEqualTo("route53:GetChange");
        assertThat(follow.get("Resource").asText()).isEqualTo("arn:aws:route53:::change/*");
    }

    @Test
    void withKeptFilesTheHubMakesHomeFoldersOnlyInTheProfilesFileSystemAndTaggedAsItsOwn() {
        ArrayNode statements = HubTaskRoles.fargateStatements("arn:aws-cn:ecs:cn-north-1:123456789012:cluster/lab",
                "lab-user", "arn:aws-cn:iam::123456789012:role/hubwizard-lab-execution", "lab",
                Optional.of("fs-0123456789abcdef0"), NAME);

        String fileSystem = "arn:aws-cn:elasticfilesystem:cn-north-1:123456789012:file-system/fs-0123456789abcdef0";
        assertThat(statements).hasSize(12);
        assertThat(values(statements.get(0).get("Resource"))).as("the cluster's partition; each person's family too")
                .containsExactly("arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/lab-user:*",
                        "arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/lab-user-*");
        JsonNode create = statements.get(7);
        assertThat(actions(create)).containsExactly("elasticfilesystem:CreateAccessPoint",
                "elasticfilesystem:TagResource");
        assertThat(create.get("Resource").asText()).isEqualTo(fileSystem);
        assertThat(create.at("/Condition/StringEquals").get("aws:RequestTag/hubwizard:profile").asText())
                .isEqualTo("lab");
        JsonNode tagOnCreate = statements.get(8);
        assertThat(tagOnCreate.get("Action").asText()).isEqualTo("elasticfilesystem:TagResource");
        assertThat(tagOnCreate.get("Resource").asText()).as("IAM authorizes the tags on the new access point")
                .isEqualTo("arn:aws-cn:elasticfilesystem:cn-north-1:123456789012:access-point/*");
        assertThat(tagOnCreate.at("/Condition/StringEquals/elasticfilesystem:CreateAction").asText())
                .isEqualTo("CreateAccessPoint");
        assertThat(tagOnCreate.at("/Condition/StringEquals").get("aws:RequestTag/hubwizard:profile").asText())
                .isEqualTo("lab");
        assertThat(statements.get(9).get("Action").asText()).isEqualTo("elasticfilesystem:DescribeAccessPoints");
        assertThat(values(statements.get(9).get("Resource"))).as("listed by file system, described by id")
                .containsExactly(fileSystem, "arn:aws-cn:elasticfilesystem:cn-north-1:123456789012:access-point/*");
        assertThat(actions(statements.get(10))).containsExactly("ecs:RegisterTaskDefinition",
                "ecs:DescribeTaskDefinition");
        JsonNode tagFamily = statements.get(11);
        assertThat(tagFamily.get("Action").asText()).isEqualTo("ecs:TagResource");
        assertThat(tagFamily.get("Resource").asText())
                .isEqualTo("arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/lab-user-*");
        assertThat(tagFamily.at("/Condition/StringEquals/ecs:CreateAction").asText())
                .isEqualTo("RegisterTaskDefinition");
    }

    @Test
    void thePolicyKeepsTheListsStatementsAndAddsTheFargateOnesOnlyWhenThereAreAny() throws Exception {
        String lists = HubTaskRoles.policy("arn:users", "arn:picked");
        assertThat(HubTaskRoles.policy("arn:users", "arn:picked", new com.fasterxml.jackson.databind.ObjectMapper()
                .createArrayNode())).isEqualTo(lists);
        String both = HubTaskRoles.policy("arn:users", "arn:picked", HubTaskRoles.fargateStatements(CLUSTER,
                "team-hub-user", EXECUTION_ROLE, "team-hub", Optional.empty(), NAME));
        JsonNode document = new com.fasterxml.jackson.databind.ObjectMapper().readTree(both);
        assertThat(document.get("Statement")).hasSize(9);
        assertThat(both).as("compact, as IAM's answer is compared without white space").doesNotContain(" ");
        assertThat(both).startsWith(lists.substring(0, lists.length() - 2));
    }

    private static List<String> actions(JsonNode statement) {
        return values(statement.get("Action"));
    }

    private static List<String> values(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(a -> values.add(a.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
