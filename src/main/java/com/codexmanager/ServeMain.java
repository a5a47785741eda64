package com.codexmanager;

/**
 * Entry point of the {@code codexmanager-serve} launcher that the installers add next to the desktop one: the same
 * as {@code codexmanager serve ARGS…}. A separate main class rather than a baked-in {@code serve} argument, because
 * a jpackage launcher drops its default arguments as soon as the user passes any (e.g. {@code --env-file}).
 */
public final class ServeMain {
    private ServeMain() {
    }

    public static void main(String[] args) {
        String[] withMode = new String[args.length + 1];
        withMode[0] = "serve";
        System.arraycopy(args, 0, withMode, 1, args.length);
        Main.main(withMode);
    }
}
