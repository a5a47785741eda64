package com.codexmanager.desktop.dialog;

import com.codexmanager.desktop.DesktopContext;
import com.codexmanager.desktop.model.AccountsApi;
import com.codexmanager.desktop.model.ImportResult;
import com.codexmanager.desktop.model.ImportSources;
import com.codexmanager.desktop.panel.ErrorText;
import com.codexmanager.desktop.ui.Ui;
import com.formdev.flatlaf.FlatClientProperties;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.swing.BoxLayout;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

/**
 * Imports accounts from files, a folder or pasted text in batches, with a progress bar (items done / total) and
 * the per-item errors listed by origin. The dialog can be cancelled between batches. EDT only.
 */
public final class ImportDialog {
    static final int BATCH = 20;

    private final DesktopContext ctx;
    private final AccountsApi api;
    private final Runnable onImported;
    private final JTextArea pasted = new JTextArea(8, 48);
    private final JProgressBar progress = new JProgressBar();
    private final JLabel summary = new JLabel(" ");
    private final DefaultListModel<String> errors = new DefaultListModel<>();
    private final JButton choose;
    private final JButton importPasted;
    private JDialog dialog;
    private boolean cancelled;

    public ImportDialog(DesktopContext ctx, AccountsApi api, Runnable onImported) {
        this.ctx = ctx;
        this.api = api;
        this.onImported = onImported;
        choose = new JButton(ctx.text("import.chooseFiles"), Ui.icon("import"));
        choose.setName("import.chooseFiles");
        importPasted = new JButton(ctx.text("import.importPasted"));
        importPasted.setName("import.importPasted");
        importPasted.putClientProperty(FlatClientProperties.BUTTON_TYPE, "default");
    }

    public JDialog open(Component parent) {
        dialog = Dialogs.modeless(parent, ctx.text("import.title"), "importDialog", build());
        dialog.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosed(java.awt.event.WindowEvent e) {
                cancelled = true;
            }
        });
        dialog.setVisible(true);
        return dialog;
    }

    private JComponent build() {
        pasted.setName("import-text");
        pasted.putClientProperty(FlatClientProperties.PLACEHOLDER_TEXT, ctx.text("import.pasteHint"));
        progress.setName("import.progress");
        progress.setStringPainted(true);
        progress.setString(ctx.text("import.idle"));
        summary.setName("import-summary");
        JList<String> errorList = new JList<>(errors);
        errorList.setName("import-errors");
        errorList.setVisibleRowCount(5);
        choose.addActionListener(e -> chooseFiles());
        importPasted.addActionListener(e -> run(() -> ImportSources.pasted(pasted.getText(),
                ctx.text("import.pastedOrigin"))));
        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT, 0, 0));
        top.add(choose);
        JPanel body = new JPanel();
        body.setLayout(new BoxLayout(body, BoxLayout.Y_AXIS));
        body.setBorder(Ui.pad(16, 18, 8, 18));
        for (JComponent c : List.of(Ui.hint(ctx.text("import.hint")), top, new JLabel(ctx.text("import.orPaste")),
                new JScrollPane(pasted), progress, summary, new JScrollPane(errorList))) {
            c.setAlignmentX(0f);
            body.add(c);
            body.add(javax.swing.Box.createVerticalStrut(Ui.scale(8)));
        }
        JButton close = new JButton(ctx.text("common.close"));
        close.setName("import-close");
        close.addActionListener(e -> dialog.dispose());
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.setBorder(Ui.pad(0, 12, 10, 12));
        buttons.add(close);
        buttons.add(importPasted);
        JPanel root = new JPanel(new BorderLayout());
        root.add(body, BorderLayout.CENTER);
        root.add(buttons, BorderLayout.SOUTH);
        return root;
    }

    private void chooseFiles() {
        JFileChooser chooser = new JFileChooser(ctx.platform().userHome().toFile());
        chooser.setName("import-chooser");
        chooser.setMultiSelectionEnabled(true);
        chooser.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
        if (chooser.showOpenDialog(dialog) == JFileChooser.APPROVE_OPTION) {
            List<Path> paths = Arrays.stream(chooser.getSelectedFiles()).map(File::toPath).toList();
            importPaths(paths);
        }
    }

    /** Imports files and folders (also the entry point for drag-and-drop and tests). */
    public void importPaths(List<Path> paths) {
        run(() -> ImportSources.read(paths));
    }

    private void run(java.util.function.Supplier<List<ImportSources.Item>> source) {
        setBusy(true);
        errors.clear();
        summary.setText(" ");
        ctx.jobs().deliver(ctx.jobs().supply(source), items -> importBatches(items, 0, ImportResult.NONE),
                error -> {
                    setBusy(false);
                    summary.setText(ErrorText.of(ctx.messages(), error));
                });
    }

    private void importBatches(List<ImportSources.Item> items, int from, ImportResult soFar) {
        progress.setIndeterminate(false);
        progress.setMaximum(Math.max(1, items.size()));
        progress.setValue(from);
        progress.setString(ctx.text("import.progress", from, items.size()));
        if (from >= items.size() || cancelled) {
            finish(items, soFar);
            return;
        }
        List<ImportSources.Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
        CompletableFuture<ImportResult> call = api.importBatch(batch.stream().map(ImportSources.Item::content)
                .toList());
        ctx.jobs().deliver(call, result -> importBatches(items, from + batch.size(), soFar.plus(result, from)),
                error -> {
                    for (ImportSources.Item item : batch) {
                        errors.addElement(item.origin() + ": " + ErrorText.of(ctx.messages(), error));
                    }
                    importBatches(items, from + batch.size(), soFar.plus(new ImportResult(batch.size(), 0, 0,
                            batch.size(), List.of()), from));
                });
    }

    /** Lists per-item errors and the totals, then tells the page (which reloads and fetches the usage). */
    private void finish(List<ImportSources.Item> items, ImportResult result) {
        for (ImportResult.ItemError e : result.errors()) {
            String origin = e.index() >= 0 && e.index() < items.size() ? items.get(e.index()).origin()
                    : "#" + e.index();
            errors.addElement(origin + ": " + e.message());
        }
        summary.setText(ctx.text("import.done", result.created(), result.updated(), result.failed()));
        setBusy(false);
        onImported.run();
        ctx.pool().refresh();
    }

    private void setBusy(boolean busy) {
        choose.setEnabled(!busy);
        importPasted.setEnabled(!busy);
        if (busy) {
            progress.setIndeterminate(true);
            progress.setString(ctx.text("import.reading"));
        }
    }
}
