package dev.hubwizard.ui;

import dev.hubwizard.ui.settings.SettingsPage;
import dev.hubwizard.ui.settings.SettingsView;
import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.StepPageView;
import javafx.scene.Node;

/** Which view shows which wizard page: the page's own view where it has one, else the generic step page. */
public final class PageViews {

    private PageViews() {
    }

    public static Node of(PageModel page) {
        if (page instanceof SettingsPage settings) {
            return new SettingsView(settings);
        }
        return new StepPageView(page);
    }
}
