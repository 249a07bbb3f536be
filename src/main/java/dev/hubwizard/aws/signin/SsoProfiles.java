package dev.hubwizard.aws.signin;

import dev.hubwizard.engine.ProblemException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Saves an IAM Identity Center sign-in the way {@code aws configure sso} does: an {@code [sso-session]}
 * section, a profile that names its account and role, and the token in the SSO cache, in one change
 * (every file or none). Reads a profile's session back, for "Sign in again".
 */
public final class SsoProfiles {

    /** What an SSO profile names: the session, the account, the role and the region the hub goes to. */
    public record RoleProfile(String name, String accountId, String roleName, String region) {
    }

    /** Keys that would make the profile sign in another way, removed when it becomes an SSO profile. */
    static final Set<String> OTHER_WAYS = Set.of("aws_access_key_id", "aws_secret_access_key", "aws_session_token",
            "role_arn", "source_profile", "credential_source", "mfa_serial", "external_id", "role_session_name",
            "duration_seconds", "credential_process", "web_identity_token_file", "login_session", "sso_start_url",
            "sso_region");

    private final AwsFileWriter writer;
    private final SsoTokenCache cache;

    public SsoProfiles(AwsFileWriter writer) {
        this.writer = writer;
        this.cache = new SsoTokenCache(writer.files());
    }

    public SsoTokenCache cache() {
        return cache;
    }

    public void save(SsoSession session, SsoToken token, RoleProfile profile) throws ProblemException {
        Map<String, String> sessionKeys = new LinkedHashMap<>();
        sessionKeys.put("sso_start_url", session.startUrl());
        sessionKeys.put("sso_region", session.region());
        sessionKeys.put("sso_registration_scopes", SsoSession.SCOPE);
        Map<String, String> profileKeys = new LinkedHashMap<>();
        profileKeys.put("sso_session", session.name());
        profileKeys.put("sso_account_id", profile.accountId());
        profileKeys.put("sso_role_name", profile.roleName());
        profileKeys.put("region", profile.region());
        String section = AwsFiles.configSection(profile.name());
        writer.change()
                .config(ini -> {
                    ini.set("sso-session " + session.name(), sessionKeys);
                    ini.remove(section, OTHER_WAYS);
                    ini.set(section, profileKeys);
                })
                .credentials(ini -> ini.remove(profile.name(), OTHER_WAYS))
                .file(cache.file(session.name()), cache.json(session.name(), token))
                .write();
    }

    /** Writes a refreshed token over the cached one. */
    public void saveToken(SsoSession session, SsoToken token) throws ProblemException {
        writer.change().file(cache.file(session.name()), cache.json(session.name(), token)).write();
    }

    /**
     * The IAM Identity Center a profile signs in to: its {@code [sso-session]}, or for an older profile its own
     * {@code sso_start_url}, whose token the CLI caches under the start URL.
     */
    public Optional<SsoSession> sessionOf(String profileName) throws ProblemException {
        IniFile config = writer.readConfig();
        Map<String, String> profile = config.properties(AwsFiles.configSection(profileName));
        String sessionName = profile.get("sso_session");
        if (sessionName != null) {
            Map<String, String> session = config.properties("sso-session " + sessionName);
            if (session.containsKey("sso_start_url") && session.containsKey("sso_region")) {
                return Optional.of(new SsoSession(sessionName, session.get("sso_start_url"),
                        session.get("sso_region")));
            }
        }
        if (profile.containsKey("sso_start_url") && profile.containsKey("sso_region")) {
            return Optional.of(new SsoSession(profile.get("sso_start_url"), profile.get("sso_start_url"),
                    profile.get("sso_region")));
        }
        return Optional.empty();
    }

    /** The profile's account, role and region, when it is an SSO profile. */
    public Optional<RoleProfile> roleOf(String profileName) throws ProblemException {
        Map<String, String> profile = writer.readConfig().properties(AwsFiles.configSection(profileName));
        if (!profile.containsKey("sso_account_id") || !profile.containsKey("sso_role_name")) {
            return Optional.empty();
        }
        return Optional.of(new RoleProfile(profileName, profile.get("sso_account_id"), profile.get("sso_role_name"),
                profile.getOrDefault("region", "")));
    }

    /** Every {@code [sso-session]} of the config: the start URLs this computer already knows. */
    public Map<String, SsoSession> knownSessions() throws ProblemException {
        IniFile config = writer.readConfig();
        Map<String, SsoSession> sessions = new LinkedHashMap<>();
        for (String section : config.sections()) {
            if (section.startsWith("sso-session ")) {
                String name = section.substring("sso-session ".length()).strip();
                Map<String, String> keys = config.properties(section);
                if (keys.containsKey("sso_start_url") && keys.containsKey("sso_region")) {
                    sessions.put(name, new SsoSession(name, keys.get("sso_start_url"), keys.get("sso_region")));
                }
            }
        }
        return sessions;
    }
}
