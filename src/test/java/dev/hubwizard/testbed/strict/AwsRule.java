package dev.hubwizard.testbed.strict;

import java.util.Optional;

/**
 * One thing AWS does that moto does not, played in front of moto. A rule may answer a request itself (an
 * error AWS would give), or rewrite moto's answer (a state AWS would report); it says in a comment which
 * AWS documentation it plays.
 */
interface AwsRule {

    /** An answer in AWS's place, or empty to let moto answer. */
    default Optional<AwsAnswer> before(AwsRequest request) {
        return Optional.empty();
    }

    /** The request as moto must see it to behave as AWS does (rules rewrite it in turn); the others see the SDK's. */
    default AwsRequest forwarded(AwsRequest request) {
        return request;
    }

    /** Moto's answer as AWS would give it. */
    default AwsAnswer after(AwsRequest request, AwsAnswer answer) {
        return answer;
    }

    /** Forgets what it learnt, for a test that starts from an empty account. */
    default void reset() {
    }
}
