package dev.hubwizard.cli.signin;

import dev.hubwizard.cli.HubWizardCommand;
import dev.hubwizard.profile.AppDirectories;
import dev.hubwizard.testbed.BrowserStandIn;
import dev.hubwizard.testbed.IdentityCenterStandIn;
import dev.hubwizard.testbed.MotoServer;
import dev.hubwizard.testbed.Requirements;
import dev.hubwizard.testbed.SignInHome;
import dev.hubwizard.testbed.SignInTestBed;
import dev.hubwizard.testbed.StrictSts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.model.AccessKey;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hubwizard login} without a window: access keys from standard input, IAM Identity Center with the
 * URL and code printed when no browser can be opened, and a read-only {@code ~/.aws} (for a user who may
 * not write there: the test runs the CLI as "nobody" when it runs as root, which ignores permissions).
 */
class LoginCommandIT {

    static final String START_URL = SignInTestBed.START_URL;

    private static SignInTestBed bed;
    private static IdentityCenterStandIn identityCenter;
    private static StrictSts sts;
    private static AccessKey key;

    @TempDir
    Path hubHome;

    private Path home;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void standIns() throws Exception {
        bed = SignInTestBed.start();
        identityCenter = bed.identityCenter();
        sts = bed.sts();
        key = bed.userKey("cli");
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @BeforeEach
    void emptyHome() throws Exception {
        home = SignInHome.fresh();
    }

    @Test
    void keysFromStandardInputAreCheckedAndSaved() throws Exception {
        int code = run(key.accessKeyId() + "\n" + key.secretAccessKey() + "\n", "login", "--aws-profile", "personal",
                "--keys", "--region", "eu-west-1");

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("Signed in: AWS profile 'personal' is arn:aws:iam::" + MotoServer.ACCOUNT);
        assertThat(Files.readString(home.resolve(".aws/credentials"))).isEqualTo("[personal]\naws_access_key_id = "
                + key.accessKeyId() + "\naws_secret_access_key = " + key.secretAccessKey() + "\n");
        assertThat(Files.readString(home.resolve(".aws/config"))).isEqualTo("[profile personal]\nregion = eu-west-1\n");
        assertThat(out() + err()).doesNotContain(key.secretAccessKey());
    }

    @Test
    void keysStsRefusesLeaveNothingBehind() throws Exception {
        int code = run("AKIAUNKNOWNKEY000000\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", "login", "--aws-profile",
                "personal", "--keys");

        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("AWS did not accept these access keys");
        assertThat(home.resolve(".aws/credentials")).doesNotExist();
    }

    @Test
    void withoutABrowserItPrintsTheUrlAndCodeAndSavesTheChosenRole() throws Exception {
        identityCenter.person(IdentityCenterStandIn.Person.APPROVES);
        // The person reads the URL off the terminal and confirms it on their phone.
        CompletableFuture<Void> person = CompletableFuture.runAsync(() -> {
            Pattern url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/device\\?user_code=[A-Z0-9-]+)");
            try {
                for (int i = 0; i < 200; i++) {
                    Matcher m = url.matcher(err());
                    if (m.find()) {
                        new BrowserStandIn().openAndWait(URI.create(m.group(1)));
                        return;
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("no URL printed: " + err());
        });

        int code = run("", "login", "--aws-profile", "research", "--start-url", START_URL, "--sso-region",
                "eu-central-1", "--no-browser", "--account", "111122223333", "--role", "ReadOnlyAccess");

        person.get(10, TimeUnit.SECONDS);
        assertThat(code).as(err()).isZero();
        assertThat(err()).contains("check that it shows the code ABCD-");
        assertThat(Files.readString(home.resolve(".aws/config"))).contains("[profile research]\n"
                + "sso_session = d-1234567890\nsso_account_id = 111122223333\nsso_role_name = ReadOnlyAccess\n"
                + "region = eu-central-1\n");
    }

    @Test
    void aReadOnlyAwsFolderIsReportedAndNothingIsWritten() throws Exception {
        // Root ignores permissions: then the CLI runs as "nobody", in a home it can reach (the checkout may be in
        // a private folder).
        boolean root = (int) Files.getAttribute(hubHome, "unix:uid") == 0; // a folder this test made: its owner
        Path base = root ? Files.createTempDirectory(Path.of("/tmp"), "hubwizard-nobody-home",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))) : home;
        Path aws = Files.createDirectories(base.resolve(".aws"));
        Files.writeString(aws.resolve("config"), "# mine\n[default]\nregion = eu-west-1\n");
        setPermissions(aws.resolve("config"), "rw-r--r--");
        setPermissions(aws, "r-xr-xr-x");
        try {
            String input = key.accessKeyId() + "\n" + key.secretAccessKey() + "\n";
            int code = root ? runAsNobody(base, input, "login", "--aws-profile", "personal", "--keys")
                    : run(input, "login", "--aws-profile", "personal", "--keys");
            assertThat(code).as(out() + err()).isEqualTo(1);
            assertThat(err()).contains("Hub Wizard cannot save your sign-in").contains("Nothing was changed");
            assertThat(Files.readString(aws.resolve("config"))).isEqualTo("# mine\n[default]\nregion = eu-west-1\n");
            try (var files = Files.list(aws)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config");
            }
        } finally {
            setPermissions(aws, "rwxr-xr-x");
            if (root) {
                deleteTree(base);
            }
        }
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var tree = Files.walk(root)) {
            for (Path each : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(each);
            }
        }
    }

    private int run(String input, String... args) {
        out.reset();
        err.reset();
        return HubWizardCommand.execute(args, new AppDirectories(Map.of("HUBWIZARD_HOME", hubHome.toString()),
                        "Linux", hubHome), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** The CLI in a JVM of its own as user "nobody", with {@code home} and this test's endpoints. */
    private int runAsNobody(Path home, String input, String... args) throws Exception {
        Path setpriv = Path.of("/usr/bin/setpriv");
        Requirements.require(Files.isExecutable(setpriv), "setpriv (util-linux)", "apt-get install util-linux");
        Path classPath = Files.createTempDirectory(Path.of("/tmp"), "hubwizard-nobody-classpath",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            return runAsNobody(classPath, home, input, args);
        } finally {
            deleteTree(classPath);
        }
    }

    private int runAsNobody(Path classPath, Path home, String input, String... args) throws Exception {
        Path setpriv = Path.of("/usr/bin/setpriv");
        List<String> command = new ArrayList<>(List.of(setpriv.toString(), "--reuid=65534", "--regid=65534",
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classPathReadableIn(classPath), "dev.hubwizard.Main"));
        command.addAll(List.of(args));
        Files.setPosixFilePermissions(hubHome, PosixFilePermissions.fromString("rwxrwxrwx"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        builder.environment().putAll(Map.of("HOME", home.toString(),
                "HUBWIZARD_HOME", hubHome.toString(),
                "AWS_ENDPOINT_URL_STS", sts.endpoint().toString(),
                "AWS_EC2_METADATA_DISABLED", "true"));
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        out.reset();
        err.reset();
        out.write(stdout.get());
        err.write(stderr.get());
        return process.exitValue();
    }

    /**
     * This JVM's class path, copied where "nobody" can read it: a checkout in a private folder (a fresh clone in
     * {@code mktemp -d}, Maven's repository in root's home) is out of its reach.
     */
    private static String classPathReadableIn(Path copy) throws IOException {
        List<String> entries = new ArrayList<>();
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int index = 0;
        for (String entry : path.split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path target = copy.resolve(index++ + "-" + source.getFileName());
            try (var tree = Files.walk(source)) {
                for (Path each : (Iterable<Path>) tree::iterator) {
                    Path to = target.resolve(source.relativize(each).toString());
                    Files.copy(each, to);
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(
                            Files.isDirectory(to) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            entries.add(target.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
