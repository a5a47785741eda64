package com.codexmanager.desktop.dialog;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.KeySnippets;
import com.codexmanager.desktop.model.KeysApi;
import com.codexmanager.desktop.ui.Ui;
import java.awt.BorderLayout;
import java.awt.Font;
import java.awt.FlowLayout;
import java.awt.Window;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;

/**
 * Shows a new platform key once, with a copy button and ready-to-paste snippets for Codex CLI, Claude Code and the
 * OpenAI SDK. The key is not kept anywhere after the dialog closes. EDT only.
 */
public final class KeyCreatedDialog {
    private final DesktopContext ctx;
    private final KeysApi.CreatedKey created;

    public KeyCreatedDialog(DesktopContext ctx, KeysApi.CreatedKey created) {
        this.ctx = ctx;
        this.created = created;
    }

    public JDialog open(Window owner) {
        JDialog dialog = new JDialog(owner, ctx.text("keys.createdTitle"), java.awt.Dialog.ModalityType.MODELESS);
        dialog.setName("keyCreatedDialog");
        String baseUrl = ctx.rpc().endpoint().baseUrl();
        JTextField key = new JTextField(created.key(), 40);
        key.setName("created.key");
        key.setEditable(false);
        key.setFont(monospace(key.getFont()));
        JButton copy = new JButton(ctx.text("common.copy"), Ui.icon("copy"));
        copy.setName("created.copy");
        copy.addActionListener(e -> ctx.platform().copy(created.key()));
        JPanel keyLine = new JPanel(new BorderLayout(Ui.scale(6), 0));
        keyLine.add(key, BorderLayout.CENTER);
        keyLine.add(copy, BorderLayout.EAST);
        JTabbedPane snippets = new JTabbedPane();
        snippets.setName("created.snippets");
        snippets.addTab(ctx.text("keys.snippet.codex"), snippet("snippet.codex",
                KeySnippets.codexConfig(baseUrl, created.key())));
        snippets.addTab(ctx.text("keys.snippet.claude"), snippet("snippet.claude",
                KeySnippets.claudeCodeEnv(baseUrl, created.key())));
        snippets.addTab(ctx.text("keys.snippet.openai"), snippet("snippet.openai",
                KeySnippets.openAiSdk(baseUrl, created.key())));
        JPanel body = new JPanel(new BorderLayout(0, Ui.scale(10)));
        body.setBorder(Ui.pad(18, 20, 8, 20));
        JPanel top = new JPanel(new BorderLayout(0, Ui.scale(6)));
        JLabel warning = new JLabel(ctx.text("keys.shownOnce"), Ui.icon("warning"), JLabel.LEADING);
        top.add(warning, BorderLayout.NORTH);
        top.add(keyLine, BorderLayout.CENTER);
        body.add(top, BorderLayout.NORTH);
        body.add(snippets, BorderLayout.CENTER);
        JButton done = new JButton(ctx.text("common.done"));
        done.setName("created.done");
        done.addActionListener(e -> dialog.dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.setBorder(Ui.pad(0, 12, 10, 12));
        buttons.add(done);
        JPanel root = new JPanel(new BorderLayout());
        root.add(body, BorderLayout.CENTER);
        root.add(buttons, BorderLayout.SOUTH);
        dialog.setContentPane(root);
        dialog.pack();
        dialog.setLocationRelativeTo(owner);
        dialog.setVisible(true);
        return dialog;
    }

    private JComponent snippet(String name, String text) {
        JTextArea area = new JTextArea(text, 11, 60);
        area.setName(name);
        area.setEditable(false);
        area.setFont(monospace(area.getFont()));
        JButton copy = new JButton(ctx.text("common.copy"), Ui.icon("copy"));
        copy.setName(name + ".copy");
        copy.addActionListener(e -> ctx.platform().copy(text));
        JPanel panel = new JPanel(new BorderLayout());
        panel.add(new JScrollPane(area), BorderLayout.CENTER);
        JPanel bar = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        bar.add(copy);
        panel.add(bar, BorderLayout.SOUTH);
        return panel;
    }

    private static Font monospace(Font base) {
        return new Font(Font.MONOSPACED, Font.PLAIN, base.getSize());
    }
}
