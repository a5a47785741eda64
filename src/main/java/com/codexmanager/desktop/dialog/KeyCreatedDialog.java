package com.codexmanager.desktop.dialog;

import com.codexmanager.cli.ClientSnippets;
import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.KeyRow;
import com.codexmanager.desktop.model.KeysApi;
import com.codexmanager.desktop.ui.Ui;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Font;
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
 * The client snippets of a platform key (Codex CLI, Claude Code, OpenAI SDK), in two forms: right after creation with
 * the secret, its copy button and a "shown only this once" warning; later, for an existing key, with a placeholder
 * where the secret goes (the service never returns it again). The secret is not kept after the dialog closes. EDT
 * only.
 */
public final class KeyCreatedDialog {
    private final DesktopContext ctx;
    private final String title;
    private final String name;
    /** The secret, or {@code null} when showing the snippets of an existing key. */
    private final String secret;
    private final String keyText;

    public KeyCreatedDialog(DesktopContext ctx, KeysApi.CreatedKey created) {
        this.ctx = ctx;
        this.title = ctx.text("keys.createdTitle");
        this.name = "keyCreatedDialog";
        this.secret = created.key();
        this.keyText = created.key();
    }

    private KeyCreatedDialog(DesktopContext ctx, KeyRow key) {
        this.ctx = ctx;
        this.title = ctx.text("keys.snippetsTitle", key.name());
        this.name = "keySnippetsDialog";
        this.secret = null;
        this.keyText = ctx.text("keys.snippetPlaceholder", key.prefix());
    }

    /** The snippets of an existing key, with a placeholder for its secret. */
    public static KeyCreatedDialog forExisting(DesktopContext ctx, KeyRow key) {
        return new KeyCreatedDialog(ctx, key);
    }

    public JDialog open(Window owner) {
        JDialog dialog = new JDialog(owner, title, java.awt.Dialog.ModalityType.MODELESS);
        dialog.setName(name);
        String baseUrl = ctx.rpc().endpoint().baseUrl();
        JTabbedPane snippets = new JTabbedPane();
        snippets.setName("created.snippets");
        snippets.addTab(ctx.text("keys.snippet.codex"), snippet("snippet.codex",
                ClientSnippets.codexConfig(baseUrl, keyText, null)));
        snippets.addTab(ctx.text("keys.snippet.claude"), snippet("snippet.claude",
                ClientSnippets.claudeCode(baseUrl, keyText)));
        snippets.addTab(ctx.text("keys.snippet.openai"), snippet("snippet.openai",
                ClientSnippets.openAiSdk(baseUrl, keyText)));
        JPanel body = new JPanel(new BorderLayout(0, Ui.scale(10)));
        body.setBorder(Ui.pad(18, 20, 8, 20));
        body.add(secret != null ? secretLine() : Ui.hint(ctx.text("keys.snippetsHint")), BorderLayout.NORTH);
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

    private JComponent secretLine() {
        JTextField key = new JTextField(secret, 40);
        key.setName("created.key");
        key.setEditable(false);
        key.setFont(monospace(key.getFont()));
        JButton copy = new JButton(ctx.text("common.copy"), Ui.icon("copy"));
        copy.setName("created.copy");
        copy.addActionListener(e -> ctx.platform().copy(secret));
        JPanel keyLine = new JPanel(new BorderLayout(Ui.scale(6), 0));
        keyLine.add(key, BorderLayout.CENTER);
        keyLine.add(copy, BorderLayout.EAST);
        JPanel top = new JPanel(new BorderLayout(0, Ui.scale(6)));
        top.add(new JLabel(ctx.text("keys.shownOnce"), Ui.icon("warning"), JLabel.LEADING), BorderLayout.NORTH);
        top.add(keyLine, BorderLayout.CENTER);
        return top;
    }

    private JComponent snippet(String componentName, String text) {
        JTextArea area = new JTextArea(text, 11, 60);
        area.setName(componentName);
        area.setEditable(false);
        area.setFont(monospace(area.getFont()));
        JButton copy = new JButton(ctx.text("common.copy"), Ui.icon("copy"));
        copy.setName(componentName + ".copy");
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
