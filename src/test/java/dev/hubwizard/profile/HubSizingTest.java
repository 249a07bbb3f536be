package dev.hubwizard.profile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The size suggested for a number of people, and how many people a size serves. */
class HubSizingTest {

    @Test
    void aClassOf25GetsFourVcpusAnd16GbOnTheArchitectureChosen() {
        assertThat(HubSizing.suggested(25, Architecture.ARM64)).isEqualTo(new TaskSize(4096, 16384, Architecture.ARM64));
        assertThat(HubSizing.suits(4096, 16384)).isGreaterThanOrEqualTo(25);
    }

    @Test
    void eachSuggestionIsTheCheapestThatServesEveryone() {
        assertThat(HubSizing.suggested(1, Architecture.X86_64)).isEqualTo(TaskSize.DEFAULT);
        assertThat(HubSizing.suggested(5, Architecture.X86_64)).isEqualTo(new TaskSize(1024, 4096, Architecture.X86_64));
        assertThat(HubSizing.suggested(10, Architecture.X86_64)).isEqualTo(new TaskSize(2048, 8192, Architecture.X86_64));
        for (int people = 1; people <= 120; people++) {
            TaskSize size = HubSizing.suggested(people, Architecture.X86_64);
            assertThat(HubSizing.suits(size.cpu(), size.memory())).as("%d people", people).isGreaterThanOrEqualTo(people);
            assertThat(FargateSizes.memoryChoices(size.cpu())).as("a size Fargate runs").contains(size.memory());
        }
    }

    @Test
    void theDefaultSizeSuitsTwoPeopleAndTooManyPeopleForOneTaskAreSaidSo() {
        assertThat(HubSizing.suits(1024, 2048)).isEqualTo(2);
        assertThat(HubSizing.suits(256, 512)).as("never less than one").isEqualTo(1);
        assertThat(HubSizing.tooManyForOneTask(100)).isFalse();
        assertThat(HubSizing.tooManyForOneTask(200)).isTrue();
        assertThat(HubSizing.suggested(200, Architecture.X86_64).cpu()).isEqualTo(16384);
    }
}
