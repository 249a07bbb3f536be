package dev.hubwizard.cli;

import picocli.CommandLine.Option;

/** {@code --profile NAME}: the profile a command works on, the same option in every command. */
final class ProfileOption {

    @Option(names = "--profile", required = true, paramLabel = "NAME", description = "The profile (see `profiles`).")
    String name;
}
