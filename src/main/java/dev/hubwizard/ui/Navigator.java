package dev.hubwizard.ui;

import dev.hubwizard.engine.Journal;
import dev.hubwizard.engine.Problem;
import dev.hubwizard.engine.Session;
import dev.hubwizard.profile.Profile;
import dev.hubwizard.profile.ProfileJournalStore;
import dev.hubwizard.ui.settings.SettingsPage;
import dev.hubwizard.ui.start.StartActions;
import dev.hubwizard.ui.start.StartView;
import dev.hubwizard.ui.start.StartViewModel;
import dev.hubwizard.ui.wizard.DeployController;
import dev.hubwizard.ui.wizard.WizardPages;
import dev.hubwizard.ui.wizard.WizardView;
import dev.hubwizard.ui.wizard.WizardViewModel;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Moves the window between the start screen and a profile's wizard, and does what the start screen
 * asks ({@link StartActions}). Each opened profile gets a wizard of its own: its settings page, a
 * deploy controller whose journal is the profile's file, and its name in the window's title.
 */
public final class Navigator implements StartActions {

    private final AppWindow window;
    private final Services services;

    public Navigator(AppWindow window, Services services) {
        this.window = window;
        this.services = services;
    }

    public void showStart() {
        StartViewModel model = new StartViewModel(services.profiles(), this, window.dialogs(), services.background(),
                services.clock(), services.hubImageFolder(), services.openUrl());
        window.show(new StartView(model, window.themeSwitch()), HubWizardApp.TITLE);
        model.reload();
    }

    @Override
    public void open(Profile profile) {
        showWizard(profile);
    }

    /** For now the wizard, where each step runs with Run; the one-click redeploy plan replaces this. */
    @Override
    public void redeploy(Profile profile) {
        showWizard(profile);
    }

    @Override
    public void tearDown(Profile profile) {
        window.dialogs().showProblem(new Problem("Tear down is not available in this build",
                "the teardown plan is not part of it yet", "Remove the resources listed in the profile file by hand"
                + " in the AWS console, or use a later build of Hub Wizard"));
    }

    /** Shows the profile's wizard, on its first page. */
    public WizardViewModel showWizard(Profile profile) {
        String name = profile.name();
        DeployController deploy = new DeployController(services.runner(), () -> session(name), services.deployPlan(),
                services.logDirectory(), name);
        SettingsPage settings = new SettingsPage(profile, services.profiles(), services.costs().get(),
                services.background(), services.lookups(), saved -> window.setTitle(title(saved)));
        WizardViewModel model = new WizardViewModel(WizardPages.guide(settings), deploy);
        window.show(new WizardView(model, PageViews::of, this::showStart, window.themeSwitch()), title(profile));
        return model;
    }

    static String title(Profile profile) {
        return HubWizardApp.TITLE + " — " + profile.name();
    }

    private Session session(String name) {
        try {
            return new Session(new Journal(new ProfileJournalStore(services.profiles(), name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
