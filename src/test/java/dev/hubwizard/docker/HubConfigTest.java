package dev.hubwizard.docker;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What hub-image/jupyterhub_config.py configures, run with plain Python (see {@link HubConfigProbe}). */
class HubConfigTest {

    @TempDir
    Path folder;
    HubConfigProbe probe;

    @BeforeAll
    static void python() {
        HubConfigProbe.requirePython();
    }

    @BeforeEach
    void copyConfig() throws Exception {
        probe = new HubConfigProbe(folder);
    }

    @Test
    void readsAdminsAndAllowedUsersFromFilesAndTheEnvironment() throws Exception {
        probe.files("# admins\nAlice\n\n", "bob   # the new one\nCarol@Example.org\nbob\n");

        JsonNode c = probe.run(Map.of("HUB_ALLOWED_USERS", "dave, Erin.Smith  frank,,")).get("config");

        assertThat(strings(c.at("/Authenticator/admin_users"))).containsExactly("alice");
        assertThat(strings(c.at("/Authenticator/allowed_users")))
                .containsExactly("alice", "bob", "carol_example_org", "dave", "erin_smith", "frank");
    }

    @Test
    void nobodyIsAllowedWhenNobodyIsListed() throws Exception {
        probe.files("", "");

        JsonNode c = probe.run(Map.of()).get("config");

        assertThat(c.at("/Authenticator/allowed_users").size()).isZero();
        assertThat(c.at("/Authenticator/allow_all").asBoolean(true)).isFalse();
    }

    @Test
    void jupyterHub5TraitsAreSetOnlyWhereTheyExist() throws Exception {
        probe.files("alice\n", "");

        JsonNode five = probe.run(Map.of(), 5, List.of(), List.of()).get("config");
        JsonNode three = probe.run(Map.of(), 3, List.of(), List.of()).get("config");

        assertThat(five.at("/Authenticator/allow_all").asBoolean(true)).isFalse();
        assertThat(five.at("/Authenticator/allow_existing_users").asBoolean(true)).isFalse();
        assertThat(three.at("/Authenticator").has("allow_all")).isFalse();
        assertThat(three.at("/Authenticator").has("allow_existing_users")).isFalse();
    }

    @Test
    void invalidNamesStopTheHubWithAMessageNamingTheSource() throws Exception {
        probe.files("alice\n", "bob\n9lives\n");
        assertThat(probe.run(Map.of()).get("exit").asText())
                .contains("invalid user names in allowed_users", "'9lives' must start with a letter a-z");

        probe.files("alice\n", "bob\n");
        assertThat(probe.run(Map.of("HUB_ALLOWED_USERS", "ok,bad name!")).get("exit").asText())
                .contains("HUB_ALLOWED_USERS", "'name!' may only contain");
    }

    @Test
    void firstUsePasswordsAreTheDefaultAndRefuseNamesNotListed() throws Exception {
        probe.files("alice\n", "carol@example.org\n");

        JsonNode result = probe.run(Map.of(), 5, List.of("Alice", "Carol@Example.org", "mallory"), List.of());

        JsonNode c = result.get("config");
        assertThat(c.at("/JupyterHub/authenticator_class").asText()).isEqualTo("LocalFirstUseAuthenticator");
        assertThat(c.at("/LocalAuthenticator/create_system_users").asBoolean()).isTrue();
        assertThat(c.at("/FirstUseAuthenticator/dbm_path").asText()).isEqualTo(folder.resolve("state/passwords.dbm").toString());
        assertThat(result.at("/sign_in/Alice").asText()).isEqualTo("alice");
        assertThat(result.at("/sign_in/Carol@Example.org").asText()).isEqualTo("carol_example_org");
        assertThat(result.at("/sign_in/mallory").isNull()).isTrue();
    }

    @Test
    void cognitoIsConfiguredFromTheEnvironment() throws Exception {
        probe.files("alice\n", "");

        JsonNode c = probe.run(Map.of("HUB_SIGN_IN", "cognito",
                "COGNITO_DOMAIN", "team.auth.eu-west-1.amazoncognito.com",
                "COGNITO_CLIENT_ID", "client-id",
                "COGNITO_CLIENT_SECRET", "client-secret",
                "HUB_CALLBACK_URL", "https://hub.example.org/hub/oauth_callback")).get("config");

        assertThat(c.at("/JupyterHub/authenticator_class").asText()).isEqualTo("CognitoAuthenticator");
        JsonNode oauth = c.get("GenericOAuthenticator");
        assertThat(oauth.get("authorize_url").asText())
                .isEqualTo("https://team.auth.eu-west-1.amazoncognito.com/oauth2/authorize");
        assertThat(oauth.get("token_url").asText()).isEqualTo("https://team.auth.eu-west-1.amazoncognito.com/oauth2/token");
        assertThat(oauth.get("userdata_url").asText())
                .isEqualTo("https://team.auth.eu-west-1.amazoncognito.com/oauth2/userInfo");
        assertThat(oauth.get("username_claim").asText()).isEqualTo("preferred_username");
        assertThat(strings(oauth.get("scope"))).contains("openid", "profile");
        assertThat(oauth.get("client_secret").asText()).isEqualTo("client-secret");
        assertThat(oauth.get("oauth_callback_url").asText()).isEqualTo("https://hub.example.org/hub/oauth_callback");
    }

    @Test
    void cognitoWithoutItsSettingsSaysWhichIsMissing() throws Exception {
        probe.files("", "");

        assertThat(probe.run(Map.of("HUB_SIGN_IN", "cognito")).get("exit").asText())
                .contains("COGNITO_DOMAIN is not set");
        assertThat(probe.run(Map.of("HUB_SIGN_IN", "ldap")).get("exit").asText())
                .contains("HUB_SIGN_IN='ldap' is not 'first-use' or 'cognito'");
    }

    @Test
    void listensWhereTheEnvironmentSaysAndKeepsStateOffHome() throws Exception {
        probe.files("", "");

        JsonNode defaults = probe.run(Map.of()).get("config");
        JsonNode local = probe.run(Map.of("HUB_PORT", "18000", "HUB_IP", "127.0.0.1", "HUB_API_PORT", "18081",
                "HUB_PROXY_API_PORT", "18001")).get("config");

        assertThat(defaults.at("/JupyterHub/bind_url").asText()).isEqualTo("http://0.0.0.0:8000");
        assertThat(local.at("/JupyterHub/bind_url").asText()).isEqualTo("http://127.0.0.1:18000");
        assertThat(local.at("/JupyterHub/hub_bind_url").asText()).isEqualTo("http://127.0.0.1:18081");
        assertThat(local.at("/ConfigurableHTTPProxy/api_url").asText()).isEqualTo("http://127.0.0.1:18001");
        assertThat(defaults.at("/JupyterHub/db_url").asText()).isEqualTo("sqlite:///" + folder.resolve("state/jupyterhub.sqlite"));
        assertThat(defaults.at("/JupyterHub/cookie_secret_file").asText()).doesNotStartWith("/home");
        assertThat(Files.isDirectory(folder.resolve("state"))).isTrue();
        assertThat(probe.run(Map.of("HUB_PORT", "80; rm -rf /")).get("exit").asText()).contains("is not a TCP port");
        assertThat(probe.run(Map.of("HUB_IP", "$(hostname)")).get("exit").asText()).contains("is not an IP address");
    }

    @Test
    void pinnedUidsAreReadFromTheEnvironment() throws Exception {
        probe.files("", "");

        JsonNode c = probe.run(Map.of("HUB_USER_UIDS", "Alice=2001, bob@x.org=2002")).get("config");

        assertThat(c.at("/LocalAuthenticator/uids/alice").asInt()).isEqualTo(2001);
        assertThat(c.at("/LocalAuthenticator/uids/bob_x_org").asInt()).isEqualTo(2002);
        assertThat(probe.run(Map.of("HUB_USER_UIDS", "alice")).get("exit").asText()).contains("is not NAME=UID");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
