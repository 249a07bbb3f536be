package dev.hubwizard.testbed;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.io.IOException;

/**
 * What the sign-in tests talk to, on loopback: IAM Identity Center's stand-in, and on first use STS (moto
 * behind {@link StrictSts}) with IAM users made in moto. The SDK reaches them through its standard
 * endpoint properties, set here and cleared on {@link #close()}.
 */
public final class SignInTestBed implements AutoCloseable {

    /** The AWS access portal the stand-in plays. */
    public static final String START_URL = "https://d-1234567890.awsapps.com/start";

    private final IdentityCenterStandIn identityCenter;
    private MotoServer moto;
    private StrictSts sts;

    private SignInTestBed(IdentityCenterStandIn identityCenter) {
        this.identityCenter = identityCenter;
    }

    public static SignInTestBed start() throws IOException {
        IdentityCenterStandIn identityCenter = IdentityCenterStandIn.start(START_URL,
                IdentityCenterStandIn.twoAccounts());
        System.setProperty("aws.endpointUrlSsoOidc", identityCenter.endpoint().toString());
        System.setProperty("aws.endpointUrlSso", identityCenter.endpoint().toString());
        return new SignInTestBed(identityCenter);
    }

    public IdentityCenterStandIn identityCenter() {
        return identityCenter;
    }

    /** STS as strict as AWS in front of the JVM's moto; {@code aws.endpointUrlSts} points at it. */
    public synchronized StrictSts sts() throws IOException {
        if (sts == null) {
            moto = MotoServer.shared();
            sts = StrictSts.inFrontOf(moto.endpoint(), MotoServer.ACCOUNT);
            System.setProperty("aws.endpointUrlSts", sts.endpoint().toString());
        }
        return sts;
    }

    /** IAM in moto, with moto's own keys: for making users, devices and roles. The caller closes it. */
    public IamClient iam() throws IOException {
        sts();
        return IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing",
                        "testing"))).build();
    }

    /** A new IAM user's access key, which STS knows. */
    public AccessKey userKey(String namePrefix) throws IOException {
        try (IamClient iam = iam()) {
            String user = namePrefix + "-" + System.nanoTime();
            iam.createUser(r -> r.userName(user));
            AccessKey key = iam.createAccessKey(r -> r.userName(user)).accessKey();
            sts.knows(key.accessKeyId());
            return key;
        }
    }

    @Override
    public synchronized void close() {
        System.clearProperty("aws.endpointUrlSsoOidc");
        System.clearProperty("aws.endpointUrlSso");
        identityCenter.close();
        if (sts != null) {
            System.clearProperty("aws.endpointUrlSts");
            sts.close();
        }
    }
}
