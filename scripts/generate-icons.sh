#!/usr/bin/env bash
# Regenerates the app icons in icons/ from AppIconPainter (Java2D). Commit the PNGs it writes.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o compile
java -Djava.awt.headless=true -cp target/classes com.codexmanager.desktop.tray.AppIconGenerator icons
ls -1 icons
