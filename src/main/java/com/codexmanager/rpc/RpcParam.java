package com.codexmanager.rpc;

/**
 * One declared parameter of an RPC method. The dispatcher checks presence and JSON type before the handler runs,
 * and {@code rpc/methods} publishes these declarations. Immutable.
 *
 * @param type one of {@code string, integer, number, boolean, object, array, any}
 */
public record RpcParam(String name, String type, boolean required, String description) {
    public RpcParam {
        if (!java.util.Set.of("string", "integer", "number", "boolean", "object", "array", "any").contains(type)) {
            throw new IllegalArgumentException("unknown param type: " + type);
        }
    }

    public static RpcParam required(String name, String type, String description) {
        return new RpcParam(name, type, true, description);
    }

    public static RpcParam optional(String name, String type, String description) {
        return new RpcParam(name, type, false, description);
    }

    /**
     * A name in angle brackets ({@code <settingKey>}) stands for any name: the method checks the names itself, and
     * the dispatcher does not refuse undeclared ones.
     */
    public boolean isWildcard() {
        return name.startsWith("<");
    }
}
