package dev.hubwizard.ui;

import dev.hubwizard.cost.CostEstimator;
import dev.hubwizard.deploy.DeployTools;
import dev.hubwizard.engine.Runner;
import dev.hubwizard.operate.HubOperations;
import dev.hubwizard.profile.ProfileStore;
import dev.hubwizard.ui.settings.SettingsLookups;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the screens need from outside the UI, built once by the composition root ({@link HubWizardApp})
 * and handed to the screens' constructors piece by piece.
 *
 * @param profiles       the saved profiles
 * @param costs          cost estimates; made on first use (it parses the price list)
 * @param lookups        AWS profiles, regions and this computer's address, for the settings page
 * @param openUrl        opens an address in the user's browser
 * @param background     where slow work runs
 * @param clock          "3 hours ago" is measured against it
 * @param hubImageFolder the hub image folder new profiles build from
 * @param runner         runs the deploy steps
 * @param tools          the Docker side of deploys, made on first use (on a background thread)
 * @param logDirectory   where each run's full log goes
 * @param operations     deployed hubs' live status, pause, resume and logs
 */
public record Services(ProfileStore profiles, Supplier<CostEstimator> costs, SettingsLookups lookups,
                       Consumer<String> openUrl, BackgroundWork background, Clock clock, Path hubImageFolder,
                       Runner runner, Supplier<DeployTools> tools, Path logDirectory, HubOperations operations) {

    /** Services that never ask AWS about deployed hubs: every hub shows what its profile last recorded. */
    public Services(ProfileStore profiles, Supplier<CostEstimator> costs, SettingsLookups lookups,
                    Consumer<String> openUrl, BackgroundWork background, Clock clock, Path hubImageFolder,
                    Runner runner, Supplier<DeployTools> tools, Path logDirectory) {
        this(profiles, costs, lookups, openUrl, background, clock, hubImageFolder, runner, tools, logDirectory,
                HubOperations.OFFLINE);
    }
}
