package dev.hubwizard.aws.signin;

import dev.hubwizard.engine.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The AWS files as Hub Wizard changes them: every byte outside the keys it sets survives (comments, odd
 * spacing, unknown keys, sub-properties, other profiles, CRLF endings), the SDK reads the result, and a file
 * that does not parse, or a folder that cannot be written, leaves everything as it was.
 */
class AwsFileWriterTest {

    /** A config as people's configs are: many profiles, comments, odd spacing, nested keys, no final newline. */
    static final String BUSY_CONFIG = """
            # my AWS config -- hand written, keep the comments!
            [default]
            region=eu-west-1
            output = json
            ; a semicolon comment

            [profile   work ]   # spaces inside the brackets
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = ReadOnly
            region = us-east-2
            s3 =
              max_concurrent_requests = 20
              multipart_threshold = 64MB

            [sso-session corp]
            sso_start_url = https://corp.awsapps.com/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access

            # the next profile belongs to the team
            [profile team]
            region	=	ap-southeast-2
            cli_pager =
            some_future_key = keep me
            [profile last]
            region = sa-east-1""";

    @TempDir
    Path dir;

    @Test
    void anSsoSignInChangesOnlyItsOwnSectionsAndLeavesEveryOtherByte() throws Exception {
        AwsFiles files = AwsFiles.in(dir);
        Files.writeString(files.config(), BUSY_CONFIG);
        SsoProfiles profiles = new SsoProfiles(new AwsFileWriter(files));

        profiles.save(new SsoSession("hub", "https://d-1234567890.awsapps.com/start", "eu-central-1"), token(),
                new SsoProfiles.RoleProfile("hub-admin", "444455556666", "AdministratorAccess", "eu-central-1"));

        String written = Files.readString(files.config());
        assertThat(written).startsWith(BUSY_CONFIG + "\n");
        assertThat(written.substring(BUSY_CONFIG.length())).isEqualTo("""


                [sso-session hub]
                sso_start_url = https://d-1234567890.awsapps.com/start
                sso_region = eu-central-1
                sso_registration_scopes = sso:account:access

                [profile hub-admin]
                sso_session = hub
                sso_account_id = 444455556666
                sso_role_name = AdministratorAccess
                region = eu-central-1
                """);
        ProfileFile sdk = ProfileFile.builder().content(written).type(ProfileFile.Type.CONFIGURATION).build();
        assertThat(sdk.profiles()).containsKeys("default", "work", "team", "last", "hub-admin");
        assertThat(sdk.profile("team").orElseThrow().property("some_future_key")).contains("keep me");
    }

    @Test
    void changingAnExistingProfileTouchesOnlyTheValuesItSets() throws Exception {
        AwsFiles files = AwsFiles.in(dir);
        Files.writeString(files.config(), BUSY_CONFIG);
        SsoProfiles profiles = new SsoProfiles(new AwsFileWriter(files));

        profiles.save(new SsoSession("corp", "https://corp.awsapps.com/start", "us-east-1"), token(),
                new SsoProfiles.RoleProfile("work", "111122223333", "PowerUser", "us-east-2"));

        assertThat(Files.readString(files.config()))
                .isEqualTo(BUSY_CONFIG.replace("sso_role_name = ReadOnly", "sso_role_name = PowerUser"));
    }

    @Test
    void aNewKeyGoesAfterTheSectionsLastPropertyNotAfterTheNextSectionsComment() throws Exception {
        IniFile ini = IniFile.parse(BUSY_CONFIG);

        ini.set("sso-session corp", Map.of("sso_region", "us-east-1", "note", "added"));

        assertThat(ini.content()).contains("sso_registration_scopes = sso:account:access\nnote = added\n\n"
                + "# the next profile belongs to the team\n[profile team]");
    }

    @Test
    void windowsLineEndingsStayWindowsLineEndings() throws Exception {
        String crlf = "[default]\r\nregion = eu-west-1\r\n\r\n[profile old]\r\nregion = us-east-1\r\n";
        IniFile ini = IniFile.parse(crlf);

        ini.set("profile new", Map.of("region", "eu-north-1"));
        ini.set("default", Map.of("region", "eu-west-3"));

        assertThat(ini.content()).isEqualTo("[default]\r\nregion = eu-west-3\r\n\r\n[profile old]\r\n"
                + "region = us-east-1\r\n\r\n[profile new]\r\nregion = eu-north-1\r\n");
    }

    @Test
    void settingASubPropertyKeyReplacesItsIndentedLinesAndNothingElse() throws Exception {
        IniFile ini = IniFile.parse(BUSY_CONFIG);

        ini.set("profile work", Map.of("s3", "none"));

        assertThat(ini.content()).contains("region = us-east-2\ns3 = none\n\n[sso-session corp]")
                .doesNotContain("max_concurrent_requests");
    }

    @Test
    void accessKeysGoToTheCredentialsFileAndTheRegionToTheConfig() throws Exception {
        AwsFiles files = AwsFiles.in(dir);
        Files.writeString(files.credentials(), "# keys\n[other]\naws_access_key_id = AKIAOTHER0000000000\n"
                + "aws_secret_access_key = other\n");
        AccessKeys keys = new AccessKeys(null, new AwsFileWriter(files));

        keys.save("personal", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "eu-west-1");

        assertThat(Files.readString(files.credentials())).isEqualTo("# keys\n[other]\n"
                + "aws_access_key_id = AKIAOTHER0000000000\naws_secret_access_key = other\n\n[personal]\n"
                + "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        assertThat(Files.readString(files.config())).isEqualTo("[profile personal]\nregion = eu-west-1\n");
        assertThat(Files.readString(files.config())).doesNotContain("wJalr");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.credentials())))
                .isEqualTo("rw-------");
    }

    @Test
    void aFileThatDoesNotParseIsRefusedAndNothingIsWritten() throws Exception {
        AwsFiles files = AwsFiles.in(dir);
        String broken = "[default]\nregion = eu-west-1\nthis line is not a property\n";
        Files.writeString(files.config(), broken);
        SsoProfiles profiles = new SsoProfiles(new AwsFileWriter(files));

        assertThatThrownBy(() -> profiles.save(new SsoSession("hub", "https://d-1.awsapps.com/start", "us-east-1"),
                token(), new SsoProfiles.RoleProfile("hub", "111122223333", "Admin", "us-east-1")))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> {
                    ProblemException p = (ProblemException) e;
                    assertThat(p.problem().what()).contains("cannot read").contains("config");
                    assertThat(p.problem().why()).contains("line 3");
                    assertThat(p.problem().next()).startsWith("Nothing was written");
                });
        assertThat(Files.readString(files.config())).isEqualTo(broken);
        assertThat(files.ssoCache()).doesNotExist();
    }

    @Test
    void aFileTheSdkCannotReadIsRefusedToo() throws Exception {
        AwsFiles files = AwsFiles.in(dir);
        Files.write(files.config(), new byte[]{'[', 'a', ']', '\n', 'k', '=', (byte) 0xff, '\n'});

        assertThatThrownBy(() -> new AwsFileWriter(files).readConfig()).isInstanceOf(ProblemException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void aReadOnlyAwsFolderIsReportedAndNoFileIsWrittenHalfWay() throws Exception {
        AwsFiles files = AwsFiles.in(dir.resolve("aws"));
        Files.createDirectories(files.ssoCache());
        Files.writeString(files.config(), BUSY_CONFIG);
        Files.setPosixFilePermissions(files.config().getParent(), PosixFilePermissions.fromString("r-x------"));
        try {
            // Root writes into read-only folders; LoginCommandIT proves the same as an unprivileged user.
            assumeFalse(Files.isWritable(files.config().getParent()), "root ignores folder permissions here");
            SsoProfiles profiles = new SsoProfiles(new AwsFileWriter(files));
            assertThatThrownBy(() -> profiles.save(new SsoSession("hub", "https://d-1.awsapps.com/start",
                    "us-east-1"), token(), new SsoProfiles.RoleProfile("hub", "111122223333", "Admin", "us-east-1")))
                    .isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().what()).contains("cannot save"));
            assertThat(Files.readString(files.config())).isEqualTo(BUSY_CONFIG);
            try (var cached = Files.list(files.ssoCache())) {
                assertThat(cached).isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(files.config().getParent(), PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void theTokenCacheIsBotocoresFormatNamedByTheSessionsSha1AndPrivate() throws Exception {
        AwsFiles files = AwsFiles.in(dir);
        SsoProfiles profiles = new SsoProfiles(new AwsFileWriter(files));

        profiles.save(new SsoSession("my-sso", "https://my-sso-portal.awsapps.com/start", "us-east-1"), token(),
                new SsoProfiles.RoleProfile("dev", "123456789011", "readOnly", "us-west-2"));

        Path cache = files.ssoToken("my-sso");
        // sha1 of the session name, as botocore's SSOTokenLoader names it
        assertThat(files.ssoToken("my-sso").getFileName().toString())
                .isEqualTo(sha1Hex("my-sso") + ".json");
        assertThat(Files.readString(cache, StandardCharsets.UTF_8)).isEqualTo("{\"startUrl\":"
                + "\"https://my-sso-portal.awsapps.com/start\",\"region\":\"us-east-1\",\"accessToken\":\"access-1\","
                + "\"expiresAt\":\"2030-01-02T03:04:05Z\",\"clientId\":\"client-1\",\"clientSecret\":\"secret-1\","
                + "\"registrationExpiresAt\":\"2030-03-01T00:00:00Z\",\"refreshToken\":\"refresh-1\"}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rw-------");
        assertThat(new SsoTokenCache(files).read("my-sso")).contains(token());
    }

    @Test
    void keysAnotherToolPutInTheTokenCacheAreKept() throws Exception {
        AwsFiles files = AwsFiles.in(dir);
        Files.createDirectories(files.ssoCache());
        Files.writeString(files.ssoToken("s"), "{\"startUrl\":\"https://x.awsapps.com/start\",\"region\":\"us-east-1\","
                + "\"accessToken\":\"old\",\"expiresAt\":\"2020-01-01T00:00:00UTC\",\"futureField\":42}");

        assertThat(new SsoTokenCache(files).read("s").orElseThrow().expiresAt())
                .isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(new SsoTokenCache(files).json("s", token())).contains("\"futureField\":42");
    }

    @Test
    void removingTheOtherWaysOfSigningInLeavesTheRestOfTheSection() throws Exception {
        IniFile ini = IniFile.parse("[profile x]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n"
                + "region = eu-west-1\n# trailing comment\n");

        ini.remove("profile x", Set.of("role_arn", "source_profile"));

        assertThat(ini.content()).isEqualTo("[profile x]\nregion = eu-west-1\n# trailing comment\n");
    }

    static SsoToken token() {
        return new SsoToken("https://my-sso-portal.awsapps.com/start", "us-east-1", "access-1",
                Instant.parse("2030-01-02T03:04:05Z"), "client-1", "secret-1", Instant.parse("2030-03-01T00:00:00Z"),
                "refresh-1");
    }

    private static String sha1Hex(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
