package com.codexmanager.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code codexmanager key create}. */
@Command(name = "key", description = "Create platform keys for coding tools.", subcommands = KeyCreateCommand.class)
public final class KeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: create");
    }
}
