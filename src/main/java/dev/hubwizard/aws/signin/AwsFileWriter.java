package dev.hubwizard.aws.signin;

import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.ProblemException;
import dev.hubwizard.storage.AtomicFile;
import software.amazon.awssdk.profiles.ProfileFile;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Changes the AWS config and credentials files the way a careful person would by hand: reads each file,
 * refuses one that does not parse (by its own reading and by the SDK's), changes only the keys asked for,
 * checks that the SDK still reads the result, and writes every file atomically, mode 600. Before writing
 * anything it makes sure every file can be written, so that a change never lands half-way.
 */
public final class AwsFileWriter {

    private final AwsFiles files;

    public AwsFileWriter(AwsFiles files) {
        this.files = files;
    }

    public AwsFiles files() {
        return files;
    }

    /** The config file as it is now (empty when there is none); a file that does not parse is a problem. */
    public IniFile readConfig() throws ProblemException {
        return read(files.config(), ProfileFile.Type.CONFIGURATION);
    }

    public IniFile readCredentials() throws ProblemException {
        return read(files.credentials(), ProfileFile.Type.CREDENTIALS);
    }

    /** One change: edits of the config and credentials files, and new files beside them (the token cache). */
    public final class Change {
        private final Map<Path, String> contents = new LinkedHashMap<>();
        private final Map<Path, ProfileFile.Type> types = new LinkedHashMap<>();
        private IniFile config;
        private IniFile credentials;

        public Change config(Consumer<IniFile> edit) throws ProblemException {
            if (config == null) {
                config = readConfig();
            }
            edit.accept(config);
            contents.put(files.config(), config.content());
            types.put(files.config(), ProfileFile.Type.CONFIGURATION);
            return this;
        }

        public Change credentials(Consumer<IniFile> edit) throws ProblemException {
            if (credentials == null) {
                credentials = readCredentials();
            }
            edit.accept(credentials);
            contents.put(files.credentials(), credentials.content());
            types.put(files.credentials(), ProfileFile.Type.CREDENTIALS);
            return this;
        }

        public Change file(Path path, String content) {
            contents.put(path, content);
            return this;
        }

        /** Writes every changed file, or none when any of them cannot be written. */
        public void write() throws ProblemException {
            for (Map.Entry<Path, ProfileFile.Type> entry : types.entrySet()) {
                String content = contents.get(entry.getKey());
                try {
                    ProfileFile.builder().content(content).type(entry.getValue()).build().profiles();
                } catch (RuntimeException e) {
                    throw new ProblemException(new Problem("Hub Wizard stopped before changing " + entry.getKey(),
                            "the changed file would not read back in the AWS SDK (" + e.getMessage() + ")",
                            "Nothing was written. Check the profile name for unusual characters, then try again"), e);
                }
            }
            List<Path> targets = new ArrayList<>(contents.keySet());
            for (Path target : targets) {
                requireWritable(target);
            }
            for (Path target : targets) {
                try {
                    AtomicFile.write(target, contents.get(target).getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw cannotWrite(target, e);
                }
            }
        }
    }

    public Change change() {
        return new Change();
    }

    private static IniFile read(Path path, ProfileFile.Type type) throws ProblemException {
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            return IniFile.empty();
        } catch (CharacterCodingException e) {
            throw unparseable(path, "it is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ProblemException(new Problem("Hub Wizard cannot read " + path, describe(e),
                    "Check that the file is yours and readable, then try again"), e);
        }
        IniFile ini;
        try {
            ini = IniFile.parse(content);
        } catch (IniFile.ParseException e) {
            throw unparseable(path, e.getMessage(), e);
        }
        try {
            ProfileFile.builder().content(content).type(type).build().profiles();
        } catch (RuntimeException e) {
            throw unparseable(path, e.getMessage(), e);
        }
        return ini;
    }

    private static ProblemException unparseable(Path path, String why, Exception cause) {
        return new ProblemException(new Problem("Hub Wizard cannot read " + path, "the file is not in the AWS "
                + "format, " + why + ". Hub Wizard does not rewrite a file it cannot read, so that nothing in it "
                + "is lost", "Nothing was written. Open the file in a text editor and correct that line (or "
                + "move the file aside), then try again"), cause);
    }

    /** Checks before the first write that the folder (made if missing) and the file can be written. */
    private static void requireWritable(Path target) throws ProblemException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        if (!Files.isWritable(dir) || Files.exists(target) && !Files.isWritable(target)) {
            throw cannotWrite(target, new AccessDeniedException(Files.isWritable(dir) ? target.toString()
                    : dir.toString()));
        }
    }

    private static ProblemException cannotWrite(Path target, IOException e) {
        return new ProblemException(new Problem("Hub Wizard cannot save your sign-in in " + target,
                describe(e) + ". Nothing was changed", "Make the folder " + target.toAbsolutePath().getParent()
                + " writable for your user (or move the AWS files elsewhere with AWS_CONFIG_FILE), then sign in "
                + "again"), e);
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
