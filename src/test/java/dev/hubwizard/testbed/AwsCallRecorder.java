package dev.hubwizard.testbed;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Records every AWS call the test JVM makes ("ECS.CreateService"), so a test can say "this redeploy
 * only read". Registered through the SDK's own global-interceptor file on the test class path
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}): production code is untouched.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    private static final List<String> CALLS = new ArrayList<>();
    /** Set while the test itself plays a part of AWS on this thread (sync clients call on the caller's thread). */
    private static final ThreadLocal<Boolean> PLAYING_AWS = ThreadLocal.withInitial(() -> false);

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (PLAYING_AWS.get()) {
            return;
        }
        synchronized (CALLS) {
            CALLS.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    /**
     * Runs calls the test makes to play what moto lacks (ECS's scheduler, Fargate) without recording them:
     * they are AWS's own doing, not the app's, and must not count as the app's calls.
     */
    public static <T> T offTheRecord(Supplier<T> calls) {
        boolean outer = PLAYING_AWS.get();
        PLAYING_AWS.set(true);
        try {
            return calls.get();
        } finally {
            PLAYING_AWS.set(outer);
        }
    }

    public static void offTheRecord(Runnable calls) {
        offTheRecord(() -> {
            calls.run();
            return null;
        });
    }

    public static void clear() {
        synchronized (CALLS) {
            CALLS.clear();
        }
    }

    public static List<String> calls() {
        synchronized (CALLS) {
            return List.copyOf(CALLS);
        }
    }

    /** The calls that may change something: everything but Describe*, List*, Get*. */
    public static List<String> changingCalls() {
        return calls().stream().filter(c -> {
            String operation = c.substring(c.indexOf('.') + 1);
            return !operation.startsWith("Describe") && !operation.startsWith("List") && !operation.startsWith("Get");
        }).toList();
    }
}
