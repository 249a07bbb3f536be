package dev.hubwizard.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the AWS calls a profile's clients make, by operation ("ECS.UpdateService"). A redeploy
 * uses it to say truthfully that nothing changed in AWS, and the benchmarks to print what a deploy
 * costs in calls.
 */
public final class ApiCalls implements ExecutionInterceptor {

    /** Operations that only look: the rest may change something. */
    private static final List<String> READS = List.of("Describe", "List", "Get", "BatchGet", "BatchCheck");

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Calls so far by operation, sorted by name. */
    public Map<String, Integer> byOperation() {
        Map<String, Integer> result = new TreeMap<>();
        counts.forEach((operation, count) -> result.put(operation, count.get()));
        return result;
    }

    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The operations so far that may have changed something, with their counts. */
    public Map<String, Integer> changing() {
        Map<String, Integer> result = new TreeMap<>();
        byOperation().forEach((operation, count) -> {
            String name = operation.substring(operation.indexOf('.') + 1);
            if (READS.stream().noneMatch(name::startsWith)) {
                result.put(operation, count);
            }
        });
        return result;
    }

    public void reset() {
        counts.clear();
    }
}
