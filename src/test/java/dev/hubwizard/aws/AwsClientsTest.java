package dev.hubwizard.aws;

import dev.hubwizard.profile.AwsTarget;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsClientsTest {

    @Test
    void oneClientPerServiceReused() {
        try (AwsClients aws = new AwsClients(new AwsTarget("", "eu-west-1"))) {
            assertThat(aws.ecs()).isSameAs(aws.ecs());
            assertThat(aws.region().id()).isEqualTo("eu-west-1");
        }
    }

    @Test
    void neverBuiltOnTheJavaFxThread() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (AwsClients aws = new AwsClients(new AwsTarget("", "eu-west-1"))) {
            Thread fx = new Thread(() -> {
                try {
                    aws.ecs();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "JavaFX Application Thread");
            fx.start();
            fx.join();
        }
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("JavaFX");
    }

    @Test
    void aNewSignInBuildsTheClientsAfresh() {
        try (AwsClients aws = new AwsClients(new AwsTarget("", "eu-west-1"))) {
            var before = aws.sts();
            aws.signedIn();

            assertThat(aws.sts()).isNotSameAs(before);
            assertThat(aws.sts()).isSameAs(aws.sts());
        }
    }

    @Test
    void closedMeansClosed() {
        AwsClients aws = new AwsClients(new AwsTarget("", "eu-west-1"));
        aws.sts();
        aws.close();

        assertThatThrownBy(aws::ecr).isInstanceOf(IllegalStateException.class);
    }
}
