package com.codexmanager.desktop.window;

import com.codexmanager.desktop.Page;
import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.model.ConnectionStatus;
import com.codexmanager.desktop.panel.PageView;
import com.codexmanager.desktop.ui.Ui;
import java.awt.BorderLayout;
import java.awt.CardLayout;
import java.awt.Dimension;
import java.awt.Frame;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.WindowConstants;

/**
 * The one main window: sidebar, connection banner and the five pages. It only composes; pages and actions come in.
 * Closing it asks the app what to do (hide to tray or quit). EDT only.
 */
public final class MainWindow {
    /** What the window needs from the app. */
    public interface Host {
        void closeRequested();

        void retryConnection();

        void startService();

        boolean canStartService();
    }

    private final JFrame frame = new JFrame("CodexManager");
    private final Host host;
    private final Map<Page, PageView> pages = new EnumMap<>(Page.class);
    private Sidebar sidebar;
    private ConnectionBanner banner;
    private JPanel cards;
    private Page current = Page.DASHBOARD;
    private ConnectionStatus status;

    public MainWindow(Host host) {
        this.host = host;
        frame.setName("mainWindow");
        frame.setIconImages(Ui.appIcons(false));
        frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                host.closeRequested();
            }
        });
        frame.setMinimumSize(new Dimension(Ui.scale(900), Ui.scale(560)));
    }

    public JFrame frame() {
        return frame;
    }

    /** Builds (or rebuilds after a language switch) the content from fresh pages. */
    public void setContent(Messages messages, Map<Page, PageView> newPages, ConnectionStatus connection) {
        pages.values().forEach(PageView::close);
        pages.clear();
        pages.putAll(newPages);
        status = connection;
        frame.setTitle(messages.text("app.title"));
        sidebar = new Sidebar(messages, this::show);
        banner = new ConnectionBanner(messages, host::retryConnection, host::startService);
        cards = new JPanel(new CardLayout());
        cards.setName("pages");
        for (Page page : Page.values()) {
            PageView view = pages.get(page);
            view.component().setName("page." + page.id());
            cards.add(view.component(), page.id());
        }
        JPanel right = new JPanel(new BorderLayout());
        right.add(banner, BorderLayout.NORTH);
        right.add(cards, BorderLayout.CENTER);
        JPanel body = new JPanel(new BorderLayout());
        body.add(sidebar, BorderLayout.WEST);
        body.add(right, BorderLayout.CENTER);
        frame.setContentPane(body);
        connectionChanged(connection);
        show(current);
        frame.revalidate();
        frame.repaint();
    }

    public void connectionChanged(ConnectionStatus connection) {
        status = connection;
        sidebar.showStatus(connection);
        banner.show(connection, host.canStartService());
        pages.values().forEach(p -> p.connectionChanged(connection));
    }

    public void show(Page page) {
        current = page;
        sidebar.select(page);
        ((CardLayout) cards.getLayout()).show(cards, page.id());
        pages.get(page).activated();
    }

    public Page currentPage() {
        return current;
    }

    public PageView page(Page page) {
        return pages.get(page);
    }

    /** Shows the window (restoring it from the tray or the taskbar) and brings it to the front. */
    public void present(Page page) {
        show(page);
        if (!frame.isVisible()) {
            frame.setVisible(true);
        }
        if ((frame.getExtendedState() & Frame.ICONIFIED) != 0) {
            frame.setExtendedState(frame.getExtendedState() & ~Frame.ICONIFIED);
        }
        frame.toFront();
        frame.requestFocus();
    }

    public void hide() {
        frame.setVisible(false);
    }

    public void dispose() {
        pages.values().forEach(PageView::close);
        frame.dispose();
    }

    ConnectionStatus status() {
        return status;
    }

    /** Runs {@code action} with each page (tests and the app's refreshes). */
    public void forEachPage(Consumer<PageView> action) {
        pages.values().forEach(action);
    }
}
