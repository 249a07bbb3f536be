package dev.hubwizard.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hubwizard.engine.TestSteps.noop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanTest {

    @Test
    void ordersDependenciesFirstAndOtherwiseKeepsTheGivenOrder() {
        Plan plan = new Plan("deploy", List.of(noop("push", "build", "repository"), noop("build"),
                noop("repository"), noop("url", "push")));

        assertThat(plan.steps()).extracting(Step::id).containsExactly("build", "repository", "push", "url");
    }

    @Test
    void refusesACycle() {
        assertThatThrownBy(() -> new Plan("p", List.of(noop("a", "b"), noop("b", "a"))))
                .hasMessageContaining("cycle").hasMessageContaining("a").hasMessageContaining("b");
    }

    @Test
    void refusesAnUnknownDependencyAndDuplicateIds() {
        assertThatThrownBy(() -> new Plan("p", List.of(noop("a", "missing"))))
                .hasMessageContaining("'missing', which is not in the plan");
        assertThatThrownBy(() -> new Plan("p", List.of(noop("a"), noop("a"))))
                .hasMessageContaining("Two steps have the id 'a'");
    }

    @Test
    void upToKeepsTheStepAndEverythingItNeeds() {
        Plan plan = new Plan("deploy", List.of(noop("build"), noop("test", "build"), noop("repository"),
                noop("push", "build", "repository"), noop("network")));

        assertThat(plan.upTo("push").steps()).extracting(Step::id).containsExactly("build", "repository", "push");
    }

    @Test
    void onlyDropsDependenciesOnStepsLeftOut() {
        Plan plan = new Plan("deploy", List.of(noop("build"), noop("push", "build")));

        Plan justPush = plan.only(List.of("push"));

        assertThat(justPush.steps()).extracting(Step::id).containsExactly("push");
        assertThat(justPush.step("push").dependsOn()).isEmpty();
        assertThat(justPush.step("push").title()).isEqualTo("Step push");
    }
}
