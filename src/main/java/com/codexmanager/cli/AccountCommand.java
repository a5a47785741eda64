package com.codexmanager.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code codexmanager account import|list|login}. */
@Command(name = "account", description = "Add and list the pool's accounts.",
        subcommands = {AccountImportCommand.class, AccountListCommand.class, AccountLoginCommand.class})
public final class AccountCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: import, list or login");
    }
}
