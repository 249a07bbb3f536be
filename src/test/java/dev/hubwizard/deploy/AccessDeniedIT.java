package dev.hubwizard.deploy;

import dev.hubwizard.aws.AwsClients;
import dev.hubwizard.aws.AwsIdentity;
import dev.hubwizard.aws.CallerIdentity;
import dev.hubwizard.engine.JournalStore;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.profile.AwsTarget;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.testbed.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a user with too few permissions sees, against a moto of its own that enforces IAM (after its
 * first three requests, which create the limited user). The user reaches it the way people reach
 * AWS: a named profile in an AWS config file, with its keys and its endpoint_url — so this also
 * proves AwsClients honours a named profile's credentials, region and endpoint.
 */
class AccessDeniedIT {

    /** The system properties this test changes for the JVM, restored afterwards. */
    private static final List<String> PROPERTIES = List.of("aws.endpointUrl", "aws.configFile",
            "aws.sharedCredentialsFile");
    private static final Map<String, String> saved = new HashMap<>();

    @TempDir
    static Path dir;

    private static MotoServer enforcing;

    @BeforeAll
    static void limitedUser() throws IOException {
        PROPERTIES.forEach(p -> saved.put(p, System.getProperty(p)));
        // The global endpoint would win over the profiles' endpoint_url: this test's AWS is another moto.
        System.clearProperty("aws.endpointUrl");
        System.setProperty("aws.sharedCredentialsFile", dir.resolve("credentials").toString());
        Files.writeString(dir.resolve("credentials"), "");

        enforcing = MotoServer.start(Map.of("INITIAL_NO_AUTH_ACTION_COUNT", "3"));
        String endpoint = enforcing.endpoint().toString();
        writeConfig(endpoint, """
                [profile bootstrap]
                region = us-east-1
                endpoint_url = %s
                aws_access_key_id = testing
                aws_secret_access_key = testing
                """.formatted(endpoint));
        AccessKey key;
        try (AwsClients admin = new AwsClients(new AwsTarget("bootstrap", ""))) {
            admin.iam().createUser(r -> r.userName("hubwizard-limited"));
            admin.iam().putUserPolicy(r -> r.userName("hubwizard-limited").policyName("read-only-ecr")
                    .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Action\":[\"ecr:DescribeRepositories\",\"sts:GetCallerIdentity\"],"
                            + "\"Resource\":\"*\"}]}"));
            key = admin.iam().createAccessKey(r -> r.userName("hubwizard-limited")).accessKey();
        }
        writeConfig(endpoint, """
                [profile limited]
                region = us-east-1
                endpoint_url = %s
                aws_access_key_id = %s
                aws_secret_access_key = %s

                [profile unknown]
                region = us-east-1
                endpoint_url = %s
                aws_access_key_id = AKIAIOSFODNN7UNKNOWN
                aws_secret_access_key = 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
                """.formatted(endpoint, key.accessKeyId(), key.secretAccessKey(), endpoint));
    }

    private static void writeConfig(String endpoint, String text) throws IOException {
        Path config = dir.resolve("config-" + Math.abs(text.hashCode()));
        Files.writeString(config, text);
        System.setProperty("aws.configFile", config.toString());
    }

    @AfterAll
    static void restore() {
        if (enforcing != null) {
            enforcing.close();
        }
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    void aNamedProfilesKeysRegionAndEndpointAreUsed() throws Exception {
        try (AwsClients aws = new AwsClients(new AwsTarget("limited", ""))) {
            CallerIdentity identity = new AwsIdentity(aws).whoAmI();

            assertThat(identity.account()).isEqualTo(MotoServer.ACCOUNT);
            assertThat(identity.arn()).endsWith(":user/hubwizard-limited");
            assertThat(aws.region().id()).isEqualTo("us-east-1");
        }
    }

    @Test
    void aMissingPermissionIsNamedWithWhereToGetIt() {
        Profile profile = AwsTestBed.profile().withAws(new AwsTarget("limited", ""));
        AwsTestBed bed = new AwsTestBed();
        try (AwsClients aws = new AwsClients(profile.aws())) {
            RepositoryStep step = new RepositoryStep(profile, aws);

            assertThatThrownBy(() -> step.run(bed.context(AwsTestBed.session(JournalStore.inMemory()), step.id())))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().what()).isEqualTo("AWS refused ecr:CreateRepository");
                        assertThat(e.problem().why()).contains("not allowed to ecr:CreateRepository");
                        assertThat(e.problem().next()).contains("docs/iam-policy.json");
                    });
        }
    }

    @Test
    void unknownKeysAreReportedAsBadCredentials() {
        try (AwsClients aws = new AwsClients(new AwsTarget("unknown", ""))) {
            assertThatThrownBy(() -> new AwsIdentity(aws).whoAmI()).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.problem().what()).isEqualTo("AWS did not accept your credentials"));
        }
    }
}
