package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.strict.StrictAws;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Each test against moto starts from an account with nothing in it: the JVM's shared moto is emptied
 * before the test, and the test's {@code @BeforeEach} method gets {@link AwsClients} for it (region
 * us-east-1, the SDK pointed at moto), closed after the test. Skips the test, or fails it under CI,
 * when moto cannot start ({@link MotoServer#shared()}).
 */
final class EmptyAwsAccount implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmptyAwsAccount.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        MotoServer.shared().reset();
        context.getStore(NAMESPACE).put(AwsClients.class, new AwsClients(new AwsTarget("", MotoServer.REGION),
                StrictAws.PATIENCE));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        AwsClients clients = context.getStore(NAMESPACE).remove(AwsClients.class, AwsClients.class);
        if (clients != null) {
            clients.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsClients.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(AwsClients.class, AwsClients.class);
    }
}
