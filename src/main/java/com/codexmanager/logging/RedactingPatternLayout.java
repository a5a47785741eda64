package com.codexmanager.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * A Logback layout that formats as {@link PatternLayout} does and then redacts the whole line, stack traces
 * included. Exact secrets registered with {@link LogSetup#registerSecret} are masked too.
 */
public final class RedactingPatternLayout extends PatternLayout {
    @Override
    public String doLayout(ILoggingEvent event) {
        return Redactor.redact(super.doLayout(event), LogSetup.secrets(getContext()));
    }

}
