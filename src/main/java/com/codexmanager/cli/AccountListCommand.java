package com.codexmanager.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code codexmanager account list}: the pool in routing order with status, availability and usage. */
@Command(name = "list", description = "List the accounts in routing order with status, availability and usage.")
public final class AccountListCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    private final CliContext context;

    public AccountListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JsonObject result = connection.connect(context).call("account/list", new JsonObject());
        if (connection.json) {
            connection.printJson(context, result);
            return 0;
        }
        TextTable table = new TextTable("ID", "ACCOUNT", "PLAN", "STATUS", "AVAILABILITY", "5H USED", "7D USED");
        int count = 0;
        for (JsonElement e : result.getAsJsonArray("items")) {
            JsonObject a = e.getAsJsonObject();
            table.row(Fields.text(a, "id", "?"), Fields.text(a, "email", Fields.text(a, "label", "-")),
                    Fields.text(a, "planType", "-"), Fields.text(a, "status", "-"),
                    Fields.text(a, "availabilityStatus", "-"), Fields.percent(a, "usedPercent"),
                    Fields.percent(a, "secondaryUsedPercent"));
            count++;
        }
        if (count == 0) {
            context.out().println("No accounts yet. Add some with 'codexmanager account import PATH' or "
                    + "'codexmanager account login --device'.");
            context.out().flush();
            return 0;
        }
        table.print(context.out());
        return 0;
    }
}
