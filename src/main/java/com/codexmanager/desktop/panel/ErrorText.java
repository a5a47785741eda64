package com.codexmanager.desktop.panel;

import com.codexmanager.desktop.i18n.Messages;
import com.codexmanager.desktop.rpc.RpcCallException;

/** Turns a failed call into one translated sentence for the UI. Stateless. */
public final class ErrorText {
    private ErrorText() {
    }

    public static String of(Messages messages, Throwable error) {
        return RpcCallException.from(error).map(e -> switch (e.kind()) {
            case UNREACHABLE -> messages.text("error.unreachable");
            case TIMEOUT -> messages.text("error.timeout");
            case UNAUTHORIZED -> messages.text("error.unauthorized");
            case METHOD_NOT_FOUND -> messages.text("error.notAvailable");
            case INVALID_PARAMS, SERVICE_ERROR -> messages.text("error.service", e.getMessage());
            case PROTOCOL -> messages.text("error.protocol");
        }).orElseGet(() -> messages.text("error.unexpected", String.valueOf(error.getMessage())));
    }
}
