package dev.hubwizard.ui;

import dev.hubwizard.ui.finish.FinishPage;
import dev.hubwizard.ui.finish.FinishView;
import dev.hubwizard.ui.localtest.LocalTestPage;
import dev.hubwizard.ui.localtest.LocalTestView;
import dev.hubwizard.ui.plan.PlanPage;
import dev.hubwizard.ui.plan.PlanView;
import dev.hubwizard.ui.preflight.PreflightPage;
import dev.hubwizard.ui.preflight.PreflightView;
import dev.hubwizard.ui.settings.SettingsPage;
import dev.hubwizard.ui.settings.SettingsView;
import dev.hubwizard.ui.wizard.PageModel;
import dev.hubwizard.ui.wizard.StepPageView;
import javafx.scene.Node;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import java.util.function.Consumer;

/** Which view shows which wizard page: the page's own view where it has one, else the generic step page. */
public final class PageViews {

    private PageViews() {
    }

    /** @param openUrl opens an address in the user's browser */
    public static Node of(PageModel page, Consumer<String> openUrl) {
        if (page instanceof SettingsPage settings) {
            return new SettingsView(settings);
        }
        if (page instanceof PreflightPage preflight) {
            return new PreflightView(preflight.description(), preflight.reportProperty(), preflight::signIn,
                    preflight::openSetting);
        }
        if (page instanceof PlanPage plan) {
            return new PlanView(plan.description(), plan.previewsProperty(), plan.costProperty());
        }
        if (page instanceof LocalTestPage localTest) {
            return new LocalTestView(localTest, localTest.checks(), localTest.waitingAtProperty(), localTest::looksGood,
                    localTest::reject, openUrl);
        }
        if (page instanceof FinishPage finish) {
            return new FinishView(new StepPageView(finish), finish, openUrl, PageViews::copy);
        }
        return new StepPageView(page);
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
