package com.codexmanager.desktop.dialog;

import java.awt.Component;
import java.awt.Dialog;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.SwingUtilities;

/** The modeless dialogs the pages open: owned by the page's window, packed and centred on the page. EDT only. */
final class Dialogs {
    private Dialogs() {
    }

    /** A dialog with {@code content}, ready to show (not yet visible); {@code name} is for tests. */
    static JDialog modeless(Component parent, String title, String name, JComponent content) {
        JDialog dialog = new JDialog(SwingUtilities.getWindowAncestor(parent), title, Dialog.ModalityType.MODELESS);
        dialog.setName(name);
        dialog.setContentPane(content);
        dialog.pack();
        dialog.setLocationRelativeTo(parent);
        return dialog;
    }
}
