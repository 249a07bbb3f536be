package dev.hubwizard.testbed;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.ArrayList;
import java.util.List;

/**
 * Records every AWS call the test JVM makes ("ECS.CreateService"), so a test can say "this redeploy
 * only read". Registered through the SDK's own global-interceptor file on the test class path
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors}): production code is untouched.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    private static final List<String> CALLS = new ArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        synchronized (CALLS) {
            CALLS.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
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
