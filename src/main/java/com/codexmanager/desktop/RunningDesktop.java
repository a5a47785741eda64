package com.codexmanager.desktop;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;

/**
 * A started desktop: the app (on the EDT), its service and the lock that makes it the only desktop on this data
 * dir. {@link #awaitQuit()} returns when the user quits; {@link #quit()} does it programmatically. Thread-safe.
 */
public final class RunningDesktop {
    private final ServiceControl service;
    private final AutoCloseable desktopLock;
    private final CountDownLatch quit = new CountDownLatch(1);
    private volatile DesktopApp app;

    RunningDesktop(ServiceControl service, AutoCloseable desktopLock) {
        this.service = service;
        this.desktopLock = desktopLock;
    }

    void attach(DesktopApp started) {
        this.app = started;
    }

    /** Called by the app once its windows are gone: stops the service and releases the lock. */
    void quitFinished() {
        Thread closer = new Thread(() -> {
            service.close();
            closeLock();
            quit.countDown();
        }, "desktop-quit");
        closer.start();
    }

    private void closeLock() {
        if (desktopLock != null) {
            try {
                desktopLock.close();
            } catch (Exception e) {
                // the OS releases the lock with the process anyway
            }
        }
    }

    public DesktopApp app() {
        return app;
    }

    public ServiceControl service() {
        return service;
    }

    public void awaitQuit() throws InterruptedException {
        quit.await();
    }

    /** Quits as the tray's Quit would and waits (bounded) until the service stopped. */
    public boolean quit(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            SwingUtilities.invokeAndWait(() -> app.quit());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("quit failed", e.getCause());
        }
        return quit.await(timeout, unit);
    }
}
