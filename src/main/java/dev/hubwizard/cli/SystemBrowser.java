package dev.hubwizard.cli;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.net.URI;

/** The computer's browser for {@code hubwizard login}, where there is a desktop to show it on. */
final class SystemBrowser {

    private SystemBrowser() {
    }

    /** @return false when no browser can be opened here (a server, a remote shell): the CLI shows a code */
    static boolean open(URI address) {
        try {
            if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()
                    || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                return false;
            }
            Desktop.getDesktop().browse(address);
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
