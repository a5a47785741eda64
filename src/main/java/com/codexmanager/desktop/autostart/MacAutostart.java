package com.codexmanager.desktop.autostart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code ~/Library/LaunchAgents/com.codexmanager.desktop.plist} with RunAtLoad. Immutable. */
public final class MacAutostart implements AutostartEntry {
    static final String LABEL = "com.codexmanager.desktop";

    private final Path file;
    private final LaunchCommand command;

    public MacAutostart(Path launchAgentsDir, LaunchCommand command) {
        this.file = launchAgentsDir.resolve(LABEL + ".plist");
        this.command = command;
    }

    @Override
    public void install() throws IOException {
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" ")
                .append("\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
                .append("<plist version=\"1.0\">\n<dict>\n")
                .append("  <key>Label</key>\n  <string>").append(LABEL).append("</string>\n")
                .append("  <key>ProgramArguments</key>\n  <array>\n");
        command.argv().forEach(a -> xml.append("    <string>").append(escape(a)).append("</string>\n"));
        xml.append("  </array>\n  <key>RunAtLoad</key>\n  <true/>\n</dict>\n</plist>\n");
        EntryFiles.write(file, xml.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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
