package com.codexmanager.desktop.autostart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** {@code <autostart dir>/codexmanager.desktop}, an XDG desktop entry. Immutable. */
public final class LinuxAutostart implements AutostartEntry {
    private final Path file;
    private final LaunchCommand command;

    public LinuxAutostart(Path autostartDir, LaunchCommand command) {
        this.file = autostartDir.resolve("codexmanager.desktop");
        this.command = command;
    }

    @Override
    public void install() throws IOException {
        EntryFiles.write(file, "[Desktop Entry]\n"
                + "Type=Application\n"
                + "Name=CodexManager\n"
                + "Comment=Starts CodexManager at login\n"
                + "Exec=" + exec() + "\n"
                + "Terminal=false\n"
                + "X-GNOME-Autostart-enabled=true\n");
    }

    /** Quotes each argument per the desktop entry spec: reserved characters escaped inside double quotes. */
    String exec() {
        return command.argv().stream().map(LinuxAutostart::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        if (arg.matches("[A-Za-z0-9_./:+,@-]+")) {
            return arg.replace("%", "%%");
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                out.append("\\\\");
            }
            out.append(c == '%' ? "%%" : String.valueOf(c));
        }
        return out.append('"').toString();
    }

    @Override
    public void remove() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public boolean isInstalled() {
        return Files.isRegularFile(file);
    }

    @Override
    public Path file() {
        return file;
    }
}
