package com.codexmanager.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import com.codexmanager.config.DataDir;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A rolling log file that only its owner may read: the active file is created {@code rw-------} before Logback
 * opens it and again after each rollover (Logback itself creates files with the process umask). Its archives are
 * owner-only through {@link OwnerOnlyRollingPolicy}. Thread-safety as {@link RollingFileAppender}.
 */
final class OwnerOnlyRollingFileAppender extends RollingFileAppender<ILoggingEvent> {
    @Override
    public void openFile(String fileName) throws IOException {
        DataDir.createOwnerOnlyFile(Path.of(fileName));
        super.openFile(fileName);
    }

    @Override
    public void rollover() {
        super.rollover();
        DataDir.restrictToOwner(Path.of(getFile()));
    }
}
