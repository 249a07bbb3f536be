package dev.hubwizard.packaging;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.hubwizard.testbed.Requirements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The .deb that {@code mvn -Pinstaller verify} built, installed for real with dpkg, used the way a
 * person would, and purged again so that the machine is left as it was found: the wizard's window
 * appears (a screenshot is saved), the CLI answers as {@code hubwizard} on the PATH, neither needs a
 * JDK, and the trimmed runtime makes an AWS call over elliptic-curve TLS (to a loopback stand-in).
 * Runs only with the installer profile, which passes {@code hubwizard.installer.dir}; needs root for
 * dpkg, Xvfb, xwininfo and ImageMagick's import (.ci/services/40-installer.sh installs them).
 */
@EnabledOnOs(OS.LINUX)
@EnabledIfSystemProperty(named = "hubwizard.installer.dir", matches = ".+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstalledPackageIT {

    private static final String PACKAGE = "hubwizard";
    private static final Path INSTALL_DIR = Path.of("/opt/hubwizard");
    private static final Path COMMAND = Path.of("/usr/bin/hubwizard");
    private static final Path DESKTOP_ENTRY = Path.of("/usr/share/applications/hubwizard.desktop");
    private static final Path INSTALLER_DIR = Path.of(System.getProperty("hubwizard.installer.dir", "target/installer"));
    /** What STS answers to GetCallerIdentity, for the bundled runtime's AWS call. */
    private static final String STS_CALLER_IDENTITY = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult>
                <Arn>arn:aws:iam::123456789012:user/test</Arn>
                <UserId>AIDATEST</UserId>
                <Account>123456789012</Account>
              </GetCallerIdentityResult>
              <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """;

    private static Path deb;
    private static Path scratch;
    private static boolean applicationsDirExisted;

    @BeforeAll
    static void install() throws Exception {
        Requirements.require("root".equals(System.getProperty("user.name")), "root, to install the package with dpkg",
                "Run the integration tests as root (.ci/run does).");
        for (String tool : List.of("dpkg", "dpkg-deb", "Xvfb", "xwininfo", "import", "identify")) {
            Requirements.require(onPath(tool), tool, "Run .ci/run once, or: apt-get install xvfb x11-utils imagemagick");
        }
        List<Path> debs;
        try (Stream<Path> files = Files.list(INSTALLER_DIR)) {
            debs = files.filter(p -> p.toString().endsWith(".deb")).toList();
        }
        assertThat(debs).as("the .deb the installer profile built in " + INSTALLER_DIR).hasSize(1);
        // Installing over a copy someone installed by hand, then purging it, would not leave the machine
        // as it was found.
        Run status = run(List.of("dpkg-query", "-W", "-f=${Status}", PACKAGE), Map.of());
        assertThat(status.out()).as("the hubwizard package is already on this machine: purge it first"
                + " (apt purge hubwizard); this test installs and purges its own").doesNotContain("install");
        applicationsDirExisted = Files.isDirectory(DESKTOP_ENTRY.getParent());
        scratch = Files.createTempDirectory("hubwizard-installed");
        deb = debs.get(0);

        Run install = run(List.of("dpkg", "-i", deb.toString()), Map.of());
        assertThat(install.exit()).as("dpkg -i " + deb + ":\n" + install.out()).isZero();
    }

    @AfterAll
    static void purge() throws Exception {
        if (deb == null) {
            return;
        }
        Run purge = run(List.of("dpkg", "--purge", PACKAGE), Map.of());
        assertThat(purge.exit()).as("dpkg --purge hubwizard:\n" + purge.out()).isZero();
        assertThat(INSTALL_DIR).as("purged").doesNotExist();
        assertThat(COMMAND).as("purged").doesNotExist();
        assertThat(DESKTOP_ENTRY).as("purged").doesNotExist();
        // postinst creates the menu folder on a machine without a desktop; take it away again there.
        if (!applicationsDirExisted) {
            Files.deleteIfExists(DESKTOP_ENTRY.getParent());
        }
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void packageDependsOnGtkAndCarriesATrimmedRuntimeAndTheHubImage() throws Exception {
        Run fields = run(List.of("dpkg-deb", "-f", deb.toString(), "Package", "Depends", "Section"), Map.of());
        assertThat(fields.out()).contains("Package: hubwizard", "Section: devel");
        assertThat(fields.out()).as("GTK 3: JavaFX's natives are inside its jars, so jpackage cannot find it")
                .containsPattern("Depends:.*\\blibgtk-3-0\\b");

        String release = Files.readString(INSTALL_DIR.resolve("lib/runtime/release"));
        assertThat(release).contains("JAVA_VERSION=\"17.", "java.desktop", "jdk.crypto.ec")
                .doesNotContain("jdk.compiler", "jdk.jlink", "jdk.jdeps");
        assertThat(INSTALL_DIR.resolve("lib/runtime/bin/javac")).doesNotExist();
        if (Files.isRegularFile(Path.of("hub-image", "Dockerfile"))) {
            assertThat(INSTALL_DIR.resolve("lib/app/hub-image/Dockerfile")).as("the hub image folder the app builds from")
                    .isRegularFile();
        }
    }

    @Test
    @Order(2)
    void postinstMadeAClassDataSharingArchiveTheLauncherAccepts() throws Exception {
        assertThat(INSTALL_DIR.resolve("lib/app/hubwizard.jsa")).as("made by postinst").isNotEmptyFile();
        // -Xshare:on turns "archive not usable" (wrong class path, stale jars) from a silent slow start
        // into a failure to start.
        Map<String, String> env = new java.util.HashMap<>(noJdk());
        env.put("JAVA_TOOL_OPTIONS", "-Xshare:on");
        Run version = runWithOnly(List.of(COMMAND.toString(), "--version"), env);
        assertThat(version.exit()).as(version.out()).isZero();
        assertThat(version.out()).contains("Hub Wizard " + System.getProperty("hubwizard.installer.version"));
    }

    @Test
    @Order(3)
    void desktopEntryAndIconAreInstalled() throws Exception {
        assertThat(DESKTOP_ENTRY).exists();
        List<String> entry = Files.readAllLines(DESKTOP_ENTRY);
        assertThat(entry).contains("Name=Hub Wizard", "Categories=Development;", "Terminal=false",
                "Exec=/opt/hubwizard/bin/hubwizard");
        Path icon = Path.of(entry.stream().filter(l -> l.startsWith("Icon=")).findFirst().orElseThrow().substring(5));
        assertThat(icon).exists();
        assertThat(pngSize(icon)).as("icon size").containsExactly(256, 256);
    }

    @Test
    @Order(4)
    void cliAnswersAsHubwizardOnThePathWithoutAJdk() throws Exception {
        assertThat(Files.readSymbolicLink(COMMAND)).isEqualTo(INSTALL_DIR.resolve("bin/hubwizard"));
        Run which = runWithOnly(List.of("/bin/sh", "-c", "command -v hubwizard"), Map.of("PATH", "/usr/bin:/bin"));
        assertThat(which.out().trim()).isEqualTo(COMMAND.toString());

        Run help = runWithOnly(List.of(COMMAND.toString(), "--help"), noJdk());
        assertThat(help.exit()).as(help.out()).isZero();
        assertThat(help.out()).contains("Usage: hubwizard", "Run without arguments to open the wizard.");

        Run version = runWithOnly(List.of(COMMAND.toString(), "--version"), noJdk());
        assertThat(version.out().trim()).isEqualTo("Hub Wizard " + System.getProperty("hubwizard.installer.version"));

        Run wrong = runWithOnly(List.of(COMMAND.toString(), "no-such-command"), noJdk());
        assertThat(wrong.exit()).as("a usage error reaches the shell").isEqualTo(2);
        assertThat(wrong.out()).contains("Unmatched argument");
    }

    @Test
    @Order(5)
    void bundledRuntimeCallsAwsOverEllipticCurveTls() throws Exception {
        // A loopback HTTPS endpoint with an elliptic-curve certificate for 127.0.0.1, answering as STS
        // and as a hub's health check; the runtime trusts it through a trust store of its own.
        Path tls = Files.createDirectories(scratch.resolve("tls"));
        Path keys = tls.resolve("server.p12");
        Path trust = tls.resolve("trust.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        for (List<String> command : List.of(
                List.of(keytool, "-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                        "-keystore", keys.toString(), "-storepass", "changeit"),
                List.of(keytool, "-exportcert", "-alias", "hub", "-keystore", keys.toString(), "-storepass", "changeit",
                        "-file", tls.resolve("hub.cer").toString()),
                List.of(keytool, "-importcert", "-noprompt", "-alias", "hub", "-file", tls.resolve("hub.cer").toString(),
                        "-keystore", trust.toString(), "-storepass", "changeit"))) {
            Run keytoolRun = run(command, Map.of());
            assertThat(keytoolRun.exit()).as(keytoolRun.out()).isZero();
        }
        KeyStore keyStore = KeyStore.getInstance(keys.toFile(), "changeit".toCharArray());
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, "changeit".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            byte[] body = STS_CALLER_IDENTITY.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/hub/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            Path app = INSTALL_DIR.resolve("lib/app");
            List<String> classPath = new ArrayList<>();
            for (String line : Files.readAllLines(app.resolve("hubwizard.cfg"))) {
                if (line.startsWith("app.classpath=")) {
                    classPath.add(line.substring("app.classpath=".length()).replace("$APPDIR", app.toString()));
                }
            }
            classPath.add(Path.of("target", "test-classes").toAbsolutePath().toString());
            Run smoke = runWithOnly(List.of(INSTALL_DIR.resolve("lib/runtime/bin/java").toString(),
                    "-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStorePassword=changeit",
                    "-cp", String.join(File.pathSeparator, classPath), BundledRuntimeSmoke.class.getName(),
                    "https://127.0.0.1:" + server.getAddress().getPort() + "/"), noJdk());
            assertThat(smoke.exit()).as(smoke.out()).isZero();
            assertThat(smoke.out()).contains("sts account 123456789012", "java.net.http status 200 over TLS_");
        } finally {
            server.stop(0);
        }
    }

    @Test
    @Order(6)
    void wizardWindowAppearsRunningOnTheBundledRuntime() throws Exception {
        String display = freeDisplay();
        Process xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Process app = null;
        try {
            waitFor(() -> run(List.of("xwininfo", "-root"), Map.of("DISPLAY", display)).exit() == 0, 10,
                    "Xvfb on " + display);
            ProcessBuilder builder = new ProcessBuilder(COMMAND.toString())
                    .redirectErrorStream(true).redirectOutput(scratch.resolve("app.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(noJdk());
            builder.environment().put("DISPLAY", display);
            long start = System.nanoTime();
            app = builder.start();
            Process started = app;
            String[] windowLine = new String[1];
            waitFor(() -> {
                assertThat(started.isAlive()).as("the app exited; its output:\n" + log()).isTrue();
                windowLine[0] = wizardWindow(display);
                return windowLine[0] != null;
            }, 60, "a window titled \"Hub Wizard…\"");
            String windowClass = Files.readAllLines(DESKTOP_ENTRY).stream().filter(l -> l.startsWith("StartupWMClass="))
                    .findFirst().orElseThrow().substring("StartupWMClass=".length());
            assertThat(windowLine[0]).as("the window's X class, which ties it to the menu entry")
                    .contains("(\"" + windowClass + "\"");
            String windowId = windowLine[0].trim().split("\\s+")[0];
            System.out.printf("installed app: window after %.0f ms (first start, JavaFX unpacks its natives)%n",
                    (System.nanoTime() - start) / 1e6);

            // The window belongs to the bundled runtime: the JVM mapped into the app's process is the one
            // under /opt/hubwizard, not a JDK of this machine (which the environment also hides).
            String maps = Files.readString(Path.of("/proc", Long.toString(app.pid()), "maps"));
            assertThat(maps).contains(INSTALL_DIR.resolve("lib/runtime/lib/server/libjvm.so").toString())
                    .doesNotContain("/usr/lib/jvm/");

            Thread.sleep(1500); // let the first page finish its layout and CSS before the picture
            Path screenshot = INSTALLER_DIR.resolve("installed-app.png");
            Run importRun = run(List.of("import", "-window", windowId, screenshot.toString()), Map.of("DISPLAY", display));
            assertThat(importRun.exit()).as(importRun.out()).isZero();
            assertThat(pngSize(screenshot)).as("the window's size in " + screenshot).satisfies(size -> {
                assertThat(size[0]).isGreaterThanOrEqualTo(900);
                assertThat(size[1]).isGreaterThanOrEqualTo(600);
            });
            Run colours = run(List.of("identify", "-format", "%k", screenshot.toString()), Map.of());
            assertThat(Integer.parseInt(colours.out().trim())).as("distinct colours: a drawn page, not a blank window")
                    .isGreaterThan(100);
        } finally {
            if (app != null) {
                app.destroy();
                app.waitFor(10, TimeUnit.SECONDS);
            }
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** No JDK to find: no JAVA_HOME, and a PATH with nothing on it. */
    private static Map<String, String> noJdk() {
        return Map.of("PATH", scratch.resolve("empty-path").toString(), "HOME", scratch.toString(),
                "HUBWIZARD_HOME", scratch.resolve("hubwizard-home").toString());
    }

    /** The line xwininfo prints for the wizard's window: id, "title": ("class" "class"), geometry. */
    private static String wizardWindow(String display) throws Exception {
        for (String line : run(List.of("xwininfo", "-root", "-tree"), Map.of("DISPLAY", display)).out().lines().toList()) {
            if (line.contains("\"Hub Wizard")) {
                return line;
            }
        }
        return null;
    }

    private static String log() {
        try {
            return Files.readString(scratch.resolve("app.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String freeDisplay() {
        for (int n = 120; n < 200; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                return ":" + n;
            }
        }
        throw new IllegalStateException("no free X display between :120 and :199");
    }

    /** Width and height from a PNG's IHDR chunk. */
    private static int[] pngSize(Path png) throws IOException {
        byte[] head = new byte[24];
        try (var in = Files.newInputStream(png)) {
            assertThat(in.readNBytes(head, 0, 24)).isEqualTo(24);
        }
        assertThat(new String(head, 1, 3, StandardCharsets.US_ASCII)).as(png + " is a PNG").isEqualTo("PNG");
        ByteBuffer ihdr = ByteBuffer.wrap(head, 16, 8);
        return new int[] {ihdr.getInt(), ihdr.getInt()};
    }

    private record Run(int exit, String out) {
    }

    /** Runs a command to its end (at most a minute) with {@code env} added to this JVM's environment. */
    private static Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        return run(command, env, false);
    }

    /** Runs a command with nothing in its environment but {@code env}. */
    private static Run runWithOnly(List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        return run(command, env, true);
    }

    private static Run run(List<String> command, Map<String, String> env, boolean onlyEnv)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (onlyEnv) {
            builder.environment().clear();
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within a minute");
        }
        return new Run(process.exitValue(), out);
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private static void waitFor(Check check, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
