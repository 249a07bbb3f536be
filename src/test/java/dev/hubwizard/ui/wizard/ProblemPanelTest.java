package dev.hubwizard.ui.wizard;

import dev.hubwizard.engine.Problem;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "Sign in again" shows for a problem whose remedy is signing in, and only there where it can be offered. */
@ExtendWith(ApplicationExtension.class)
class ProblemPanelTest {

    private final ObjectProperty<Problem> problem = new SimpleObjectProperty<>();
    private final List<String> pressed = new ArrayList<>();

    @Start
    void start(Stage stage) {
        VBox both = new VBox(new ProblemPanel(problem, () -> pressed.add("retry"), () -> { },
                () -> pressed.add("sign in")));
        stage.setScene(new Scene(both, 700, 300));
        stage.show();
    }

    @Test
    void anExpiredSignInOffersSigningInAgain(FxRobot robot) {
        robot.interact(() -> problem.set(new Problem("Your AWS sign-in has expired", "ExpiredToken",
                "Press Sign in again", Problem.Remedy.SIGN_IN)));

        assertThat(robot.lookup("#sign-in-again").queryAs(Button.class).isVisible()).isTrue();
        robot.clickOn("#sign-in-again");
        assertThat(pressed).containsExactly("sign in");
    }

    @Test
    void otherProblemsOfferRetryOnly(FxRobot robot) {
        robot.interact(() -> problem.set(new Problem("AWS refused ecs:CreateCluster", "AccessDenied", "Ask")));

        assertThat(robot.lookup("#sign-in-again").queryAs(Button.class).isVisible()).isFalse();
        assertThat(robot.lookup("#retry").queryAs(Button.class).isVisible()).isTrue();
    }
}
