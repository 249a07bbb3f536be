package dev.hubwizard.aws;

import dev.hubwizard.engine.Cancellation;
import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.LogLine;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.engine.ResourceRecord;
import dev.hubwizard.engine.RunListener;
import dev.hubwizard.engine.Session;
import dev.hubwizard.engine.StepContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceEvent;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

/**
 * A first deployment whose tasks keep failing: ECS's circuit breaker marks the rollout FAILED and,
 * with nothing to roll back to, the service never settles. ECS's answers are scripted here, the SDK's own
 * waiter runs against them; the strict layer plays the same against moto for whole deploys
 * ({@code ServiceRolloutIT}).
 */
class EcsServicesTest {

    private static final String TASK_DEFINITION = "arn:aws:ecs:us-east-1:123456789012:task-definition/team-hub:1";
    private static final String SERVICE_ARN = "arn:aws:ecs:us-east-1:123456789012:service/team-hub-cluster/hub";
    private static final HubNetwork NETWORK = new HubNetwork("vpc-1", List.of("subnet-1"), "sg-1");

    @Test
    void aFailedRolloutEndsTheWaitAtOnceInsteadOfAtTheTimeout() throws Exception {
        EcsClient ecs = mock(EcsClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
        AwsClients aws = mock(AwsClients.class);
        when(aws.ecs()).thenReturn(ecs);
        // Before the wait the deployment is in progress and the service has no events; then ECS reports the failure.
        Service failing = failingService();
        Service starting = failing.toBuilder().events(List.of()).deployments(failing.deployments().get(0).toBuilder()
                .rolloutState(DeploymentRolloutState.IN_PROGRESS).failedTasks(0).build()).build();
        doReturn(DescribeServicesResponse.builder().services(starting).build())
                .doReturn(DescribeServicesResponse.builder().services(failing).build())
                .when(ecs).describeServices(any(DescribeServicesRequest.class));
        doReturn(ListTasksResponse.builder().build()).when(ecs).listTasks(any(ListTasksRequest.class));
        // What the real client's waiter() does: the SDK's waiter, polling this client.
        doAnswer(invocation -> EcsWaiter.builder().client(ecs).build()).when(ecs).waiter();

        Session session = new Session(new Journal(JournalStore.inMemory()));
        session.journal().record(new ResourceRecord(ResourceKind.ECS_SERVICE, SERVICE_ARN, "hub",
                Map.of("cluster", "team-hub-cluster", "imageDigest", "sha256:1"), "service", Instant.now()));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        StepContext context = new StepContext("service", session, new Cancellation(), new RunListener() {
            @Override
            public void log(LogLine line) {
                log.add(line.text());
            }
        }, Clock.systemUTC());
        EcsServices services = new EcsServices(aws, new ProfileTags("team-hub"),
                new StoppedTasks(aws, new LogGroups(aws, new ProfileTags("team-hub"))), Duration.ofMinutes(20),
                Duration.ofSeconds(10), Duration.ofMillis(50));

        long started = System.nanoTime();
        assertThatThrownBy(() -> services.ensure(context,
                new ServiceSpec("team-hub-cluster", "hub", TASK_DEFINITION, NETWORK, "sha256:1")))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().what()).isEqualTo("The new version of the hub did not start");
                    assertThat(e.problem().why()).contains("circuit breaker").contains("team-hub:1");
                });

        // The waiter's own next look would have been 10 s later; the timeout, 20 minutes.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(log).contains("ECS: (service hub) deployment failed: tasks failed to start.");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private static Service failingService() {
        return Service.builder().serviceName("hub").serviceArn(SERVICE_ARN).status("ACTIVE")
                .taskDefinition(TASK_DEFINITION).desiredCount(1).runningCount(0)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(NETWORK.subnetIds())
                        .securityGroups(NETWORK.securityGroupId()).assignPublicIp(AssignPublicIp.ENABLED)))
                .deployments(Deployment.builder().id("ecs-svc/1").status("PRIMARY").taskDefinition(TASK_DEFINITION)
                        .desiredCount(1).runningCount(0).failedTasks(3).rolloutState(DeploymentRolloutState.FAILED)
                        .build())
                .events(ServiceEvent.builder().id("e1").createdAt(Instant.now())
                        .message("(service hub) deployment failed: tasks failed to start.").build())
                .tags(Tag.builder().key(ProfileTags.PROFILE_KEY).value("team-hub").build())
                .build();
    }
}
