package dev.hubwizard.aws.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.testbed.Botocore;
import dev.hubwizard.testbed.BrowserStandIn;
import dev.hubwizard.testbed.IdentityCenterStandIn;
import dev.hubwizard.testbed.IdentityCenterStandIn.Person;
import dev.hubwizard.testbed.SignInHome;
import dev.hubwizard.testbed.SignInTestBed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signing in to IAM Identity Center against its stand-in, end to end: the browser (a stand-in following the
 * sign-in page's redirect) comes back to the loopback listener, the files are written where the AWS tools
 * look, the SDK and botocore both get the role's credentials from them, and botocore's own sign-in is read
 * back by the app. Each way it can go wrong ends in a clear problem with nothing written.
 */
class IdentityCenterSignInIT {

    static final String START_URL = SignInTestBed.START_URL;
    static final SsoSession SESSION = new SsoSession("research", START_URL, "eu-central-1");

    private static SignInTestBed bed;
    private static IdentityCenterStandIn identityCenter;

    private Path home;
    private AwsFiles files;

    @BeforeAll
    static void standIn() throws Exception {
        bed = SignInTestBed.start();
        identityCenter = bed.identityCenter();
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @BeforeEach
    void emptyHome() throws Exception {
        home = SignInHome.fresh();
        files = AwsFiles.ofThisMachine();
        identityCenter.person(Person.APPROVES);
        identityCenter.tokenLifetime(Duration.ofHours(8));
    }

    @Test
    void theBrowserSignsInAndTheSdkAndBotocoreGetTheSameRoleFromTheFiles() throws Exception {
        assertThat(files.config()).isEqualTo(home.resolve(".aws/config"));
        BrowserStandIn browser = new BrowserStandIn();
        try (AwsSignIn signIn = new AwsSignIn(files, Clock.systemUTC())) {
            SsoToken token = signIn.signIn(SESSION, browser::open, (uri, code) -> {
                throw new AssertionError("no device code with a browser");
            }, SignInWait.of(Duration.ofSeconds(30)));

            assertThat(browser.opened()).singleElement().satisfies(uri -> assertThat(uri.toString())
                    .startsWith(identityCenter.endpoint() + "/authorize?response_type=code&client_id=")
                    .contains("code_challenge_method=S256").contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A"));
            assertThat(signIn.accounts(SESSION, token)).extracting(SsoPortal.Account::label)
                    .containsExactly("Research (111122223333)", "Teaching (444455556666)");
            assertThat(signIn.roles(SESSION, token, "111122223333"))
                    .containsExactly("AdministratorAccess", "ReadOnlyAccess");
            signIn.saveSso(SESSION, token, new SsoProfiles.RoleProfile("research-admin", "111122223333",
                    "AdministratorAccess", "eu-west-1"));
        }

        assertThat(Files.readString(files.config())).isEqualTo("""
                [sso-session research]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = eu-central-1
                sso_registration_scopes = sso:account:access

                [profile research-admin]
                sso_session = research
                sso_account_id = 111122223333
                sso_role_name = AdministratorAccess
                region = eu-west-1
                """);
        assertThat(files.ssoToken("research")).isEqualTo(home.resolve(".aws/sso/cache")
                .resolve(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                        .digest("research".getBytes(java.nio.charset.StandardCharsets.UTF_8))) + ".json")).exists();

        try (ProfileCredentialsProvider sdk = ProfileCredentialsProvider.create("research-admin")) {
            assertThat(sdk.resolveCredentials().accessKeyId())
                    .isEqualTo(identityCenter.accessKeyIdFor("111122223333", "AdministratorAccess"));
        }
        Map<?, ?> botocore = botocore("credentials", "research-admin");
        assertThat(botocore.get("accessKeyId"))
                .isEqualTo(identityCenter.accessKeyIdFor("111122223333", "AdministratorAccess"));
    }

    @Test
    void theAppSignsInWithWhatBotocoreWrote() throws Exception {
        Files.writeString(files.config(), """
                [profile teaching]
                sso_session = school
                sso_account_id = 444455556666
                sso_role_name = PowerUserAccess
                region = us-west-2

                [sso-session school]
                sso_start_url = %s
                sso_region = eu-central-1
                """.formatted(START_URL));
        botocore("sign-in", "school", START_URL, "eu-central-1");

        try (AwsSignIn signIn = new AwsSignIn(files, Clock.systemUTC())) {
            assertThat(signIn.profiles()).contains(new AwsSignIn.ProfileSummary("teaching", SignInKind.SSO,
                    "us-west-2"));
            assertThat(signIn.renew("teaching")).isTrue();
        }
        try (ProfileCredentialsProvider sdk = ProfileCredentialsProvider.create("teaching")) {
            assertThat(sdk.resolveCredentials().accessKeyId())
                    .isEqualTo(identityCenter.accessKeyIdFor("444455556666", "PowerUserAccess"));
        }
    }

    @Test
    void anExpiringSignInIsRenewedWithTheRefreshTokenWithoutTheBrowser() throws Exception {
        identityCenter.tokenLifetime(Duration.ofMinutes(2));
        try (AwsSignIn signIn = new AwsSignIn(files, Clock.systemUTC())) {
            SsoToken first = signIn.signIn(SESSION, new BrowserStandIn()::open, (u, c) -> { },
                    SignInWait.of(Duration.ofSeconds(30)));
            signIn.saveSso(SESSION, first, new SsoProfiles.RoleProfile("research-admin", "111122223333",
                    "ReadOnlyAccess", "eu-west-1"));
            identityCenter.tokenLifetime(Duration.ofHours(8));
            long authorizeVisits = count("authorize");

            assertThat(signIn.renew("research-admin")).isTrue();

            assertThat(count("authorize")).isEqualTo(authorizeVisits);
            assertThat(identityCenter.calls()).contains("CreateToken refresh_token");
            SsoToken renewed = new SsoTokenCache(files).read("research").orElseThrow();
            assertThat(renewed.accessToken()).isNotEqualTo(first.accessToken());
            assertThat(renewed.refreshToken()).isNotEqualTo(first.refreshToken());
            assertThat(renewed.valid(Clock.systemUTC().instant())).isTrue();
        }
        assertThat(botocore("credentials", "research-admin").get("accessKeyId"))
                .isEqualTo(identityCenter.accessKeyIdFor("111122223333", "ReadOnlyAccess"));
    }

    @Test
    void withoutABrowserHereTheDeviceCodeIsShownAndPolledUntilConfirmed() throws Exception {
        identityCenter.slowDownOnce();
        AtomicReference<String> shown = new AtomicReference<>();
        BrowserStandIn elsewhere = new BrowserStandIn();
        try (AwsSignIn signIn = new AwsSignIn(files, Clock.systemUTC())) {
            SsoToken token = signIn.signIn(SESSION, uri -> false, (uri, code) -> {
                shown.set(code);
                // The person types the code on their phone a moment later.
                CompletableFuture.runAsync(() -> {
                    try {
                        Thread.sleep(1500);
                        elsewhere.openAndWait(uri);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }, SignInWait.of(Duration.ofSeconds(60)));

            assertThat(token.accessToken()).startsWith("access-");
            assertThat(shown.get()).startsWith("ABCD-");
            assertThat(identityCenter.calls()).contains("StartDeviceAuthorization",
                    "CreateToken urn:ietf:params:oauth:grant-type:device_code");
        }
    }

    @Test
    void declinedInTheBrowserSaysSoAndWritesNothing() throws Exception {
        identityCenter.person(Person.DENIES);
        assertProblem(signInWith(new BrowserStandIn()::open, Duration.ofSeconds(30)), "declined");
    }

    @Test
    void aPersonWhoNeverComesBackTimesOut() throws Exception {
        identityCenter.person(Person.WALKS_AWAY);
        assertProblem(signInWith(new BrowserStandIn()::open, Duration.ofSeconds(2)), "took too long");
    }

    @Test
    void cancelStopsTheWaitAtOnce() throws Exception {
        identityCenter.person(Person.WALKS_AWAY);
        SignInWait wait = SignInWait.of(Duration.ofMinutes(5));
        CompletableFuture.delayedExecutor(500, java.util.concurrent.TimeUnit.MILLISECONDS).execute(wait::cancel);
        long started = System.nanoTime();
        try (AwsSignIn signIn = new AwsSignIn(files, Clock.systemUTC())) {
            assertThatThrownBy(() -> signIn.signIn(SESSION, new BrowserStandIn()::open, (u, c) -> { }, wait))
                    .isInstanceOf(ProblemException.class).hasMessageContaining("cancelled");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertNothingWritten();
    }

    @Test
    void aWrongStartUrlIsRefusedByIdentityCenter() throws Exception {
        SsoSession wrong = new SsoSession("typo", "https://d-0000000000.awsapps.com/start", "eu-central-1");
        try (AwsSignIn signIn = new AwsSignIn(files, Clock.systemUTC())) {
            assertThatThrownBy(() -> signIn.signIn(wrong, new BrowserStandIn()::open, (u, c) -> { },
                    SignInWait.of(Duration.ofSeconds(10))))
                    .isInstanceOf(ProblemException.class).hasMessageContaining("did not accept the start URL");
        }
        assertNothingWritten();
    }

    @Test
    void aRegionThatCannotBeReachedSaysWhichAndWhatToCheck() throws Exception {
        String saved = System.getProperty("aws.endpointUrlSsoOidc");
        // Nothing listens on port 9 of this computer: the same as a region's endpoint that does not answer.
        System.setProperty("aws.endpointUrlSsoOidc", "http://127.0.0.1:9");
        try (AwsSignIn signIn = new AwsSignIn(files, Clock.systemUTC())) {
            assertThatThrownBy(() -> signIn.signIn(new SsoSession("x", START_URL, "ap-south-2"),
                    new BrowserStandIn()::open, (u, c) -> { }, SignInWait.of(Duration.ofSeconds(10))))
                    .isInstanceOf(ProblemException.class)
                    .hasMessageContaining("Could not reach IAM Identity Center in ap-south-2")
                    .hasMessageContaining("Check the region");
        } finally {
            System.setProperty("aws.endpointUrlSsoOidc", saved);
        }
        assertNothingWritten();
    }

    @Test
    void aDeviceCodeNobodyConfirmsExpiresAndOneThePersonDeclinesIsDeclined() throws Exception {
        identityCenter.person(Person.DENIES);
        BrowserStandIn elsewhere = new BrowserStandIn();
        try (AwsSignIn signIn = new AwsSignIn(files, Clock.systemUTC())) {
            assertThatThrownBy(() -> signIn.signIn(SESSION, uri -> false, (uri, code) -> elsewhere.open(uri),
                    SignInWait.of(Duration.ofSeconds(30))))
                    .isInstanceOf(ProblemException.class).hasMessageContaining("declined");
            identityCenter.person(Person.WALKS_AWAY);
            identityCenter.deviceCodesExpireIn(1);
            try {
                assertThatThrownBy(() -> signIn.signIn(SESSION, uri -> false, (uri, code) -> { },
                        SignInWait.of(Duration.ofSeconds(30))))
                        .isInstanceOf(ProblemException.class).hasMessageContaining("expired");
            } finally {
                identityCenter.deviceCodesExpireIn(600);
            }
        }
        assertNothingWritten();
    }

    private ProblemException signInWith(IdentityCenter.Browser browser, Duration timeout) {
        try (AwsSignIn signIn = new AwsSignIn(files, Clock.systemUTC())) {
            signIn.signIn(SESSION, browser, (u, c) -> { }, SignInWait.of(timeout));
            throw new AssertionError("the sign-in should have failed");
        } catch (ProblemException e) {
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private void assertProblem(ProblemException e, String what) throws Exception {
        assertThat(e.problem().what()).contains(what);
        assertThat(e.problem().next()).isNotBlank().doesNotContain("aws sso");
        assertNothingWritten();
    }

    private void assertNothingWritten() {
        assertThat(files.config()).doesNotExist();
        assertThat(files.ssoCache()).doesNotExist();
    }

    private long count(String call) {
        return identityCenter.calls().stream().filter(call::equals).count();
    }

    private Map<?, ?> botocore(String... arguments) throws Exception {
        Path script = Path.of(IdentityCenterSignInIT.class.getResource("botocore_sso.py").toURI());
        String out = Botocore.require().run(script, Map.of(
                "HOME", home.toString(),
                "AWS_CONFIG_FILE", files.config().toString(),
                "AWS_SHARED_CREDENTIALS_FILE", files.credentials().toString(),
                "AWS_ENDPOINT_URL_SSO", identityCenter.endpoint().toString(),
                "AWS_ENDPOINT_URL_SSO_OIDC", identityCenter.endpoint().toString(),
                "AWS_EC2_METADATA_DISABLED", "true"), arguments);
        return new ObjectMapper().readValue(out, Map.class);
    }

}
