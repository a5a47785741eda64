package com.codexmanager.desktop;

import java.awt.Desktop;
import java.awt.Toolkit;
import java.awt.datatransfer.StringSelection;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The OS services the UI uses: the clipboard and the web browser. Tests pass a recording fake. */
public interface DesktopPlatform {
    void copy(String text);

    /** Opens {@code uri} in the browser; returns false when the OS cannot (the UI then shows the URL to copy). */
    boolean browse(URI uri);

    /** The real clipboard and browser. */
    static DesktopPlatform system() {
        return new DesktopPlatform() {
            private final Logger log = LoggerFactory.getLogger(DesktopPlatform.class);

            @Override
            public void copy(String text) {
                StringSelection selection = new StringSelection(text);
                Toolkit.getDefaultToolkit().getSystemClipboard().setContents(selection, selection);
            }

            @Override
            public boolean browse(URI uri) {
                if (!Desktop.isDesktopSupported() || !Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                    return false;
                }
                try {
                    Desktop.getDesktop().browse(uri);
                    return true;
                } catch (IOException | UnsupportedOperationException | SecurityException e) {
                    log.info("Cannot open the browser: {}", e.toString());
                    return false;
                }
            }
        };
    }
}
