package com.codexmanager.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code codexmanager account login [--device]}: starts a login on the service, prints what the user must do (the
 * authorize URL, or the device code and its page) and waits until the service reports the end. Ctrl-C cancels the
 * login on the service. Exit code 0 when an account was added, 1 when the login failed, expired or was cancelled.
 *
 * <p>With {@code --json} the output is JSON Lines, not one object: the user needs the URL or the code before the
 * login can end, so the {@code account/login/start} answer is printed (and flushed) at once, and the final
 * {@code account/login/status} answer follows when the login ends.
 */
@Command(name = "login", description = {"Sign in to a ChatGPT account and add it to the pool.",
        "Without --device the browser must run on the service's machine (it returns to its callback port).",
        "--json prints JSON Lines: at once a line with loginId and authUrl (or userCode and verificationUri), and "
                + "when the login ends a line with its status (success with accountId and email; failed, expired or "
                + "cancelled with error)."})
public final class AccountLoginCommand implements Callable<Integer> {
    /** The login's own end is 15 minutes; this is only a guard against a service that never ends it. */
    private static final Duration GRACE = Duration.ofMinutes(1);

    @Option(names = "--device", description = "Device-code login: enter a code on the issuer's page from any "
            + "browser, on any machine (for headless servers).")
    boolean device;

    @Option(names = "--group", paramLabel = "NAME", description = "Group of the new account.")
    String group;

    @Option(names = "--tag", paramLabel = "TAG", description = "Tag of the new account (repeatable).")
    List<String> tags;

    @Option(names = "--note", paramLabel = "TEXT", description = "Note of the new account.")
    String note;

    @Mixin
    ConnectionOptions connection;

    private final CliContext context;

    public AccountLoginCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        RpcConnection rpc = connection.connect(context);
        JsonObject started = rpc.call("account/login/start", params());
        String loginId = started.get("loginId").getAsString();
        if (connection.json) {
            connection.printJson(context, started);
        } else {
            instructions(started);
        }
        Thread cancelOnInterrupt = new Thread(() -> cancel(rpc, loginId), "login-cancel");
        Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
        JsonObject end;
        try {
            end = await(rpc, loginId, Instant.ofEpochSecond(started.get("expiresAt").getAsLong()).plus(GRACE));
        } finally {
            removeHook(cancelOnInterrupt);
        }
        String status = end.get("status").getAsString();
        if (connection.json) {
            connection.printJson(context, end);
            return status.equals("success") ? 0 : CliFailure.FAILED;
        }
        if (!status.equals("success")) {
            throw new CliFailure(CliFailure.FAILED, "login " + status + ": " + Fields.text(end, "error",
                    "no reason given"));
        }
        context.out().println("Signed in as " + Fields.text(end, "email", "(no email)") + "; account "
                + Fields.text(end, "accountId", "?") + " is in the pool.");
        context.out().flush();
        return 0;
    }

    private JsonObject params() {
        JsonObject params = new JsonObject();
        params.addProperty("method", device ? "device" : "browser");
        if (group != null) {
            params.addProperty("groupName", group);
        }
        if (note != null) {
            params.addProperty("note", note);
        }
        if (tags != null && !tags.isEmpty()) {
            JsonArray array = new JsonArray();
            tags.forEach(array::add);
            params.add("tags", array);
        }
        return params;
    }

    private void instructions(JsonObject started) {
        if (device) {
            context.out().println("To sign in, open this page in any browser:");
            context.out().println();
            context.out().println("    " + started.get("verificationUri").getAsString());
            context.out().println();
            context.out().println("and enter the code:");
            context.out().println();
            context.out().println("    " + started.get("userCode").getAsString());
            context.out().println();
            context.out().println("The code expires in 15 minutes. Never share it with anyone.");
        } else {
            context.out().println("Open this address in a browser on the service's machine and sign in:");
            context.out().println();
            context.out().println("    " + started.get("authUrl").getAsString());
            context.out().println();
            context.out().println("The browser returns to " + Fields.text(started, "redirectUri", "the service")
                    + ". On a machine without a browser use 'codexmanager account login --device'.");
        }
        context.out().println("Waiting for the sign-in to finish (Ctrl-C cancels)...");
        context.out().flush();
    }

    private JsonObject await(RpcConnection rpc, String loginId, Instant giveUpAt) {
        JsonObject params = new JsonObject();
        params.addProperty("loginId", loginId);
        while (true) {
            JsonObject status = rpc.call("account/login/status", params);
            String state = status.get("status").getAsString();
            if (!state.equals("pending") && !state.equals("completing")) {
                return status;
            }
            if (context.clock().instant().isAfter(giveUpAt)) {
                cancel(rpc, loginId);
                throw new CliFailure(CliFailure.FAILED, "the service did not finish login " + loginId + " in time");
            }
            try {
                Thread.sleep(context.loginPollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel(rpc, loginId);
                throw new CliFailure(CliFailure.FAILED, "interrupted; login cancelled", e);
            }
        }
    }

    private static void cancel(RpcConnection rpc, String loginId) {
        JsonObject params = new JsonObject();
        params.addProperty("loginId", loginId);
        try {
            rpc.call("account/login/cancel", params, RpcConnection.CONNECT_TIMEOUT);
        } catch (RuntimeException e) {
            // best effort while exiting: the service ends the login by itself after 15 minutes
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs and cancels the login
        }
    }
}
