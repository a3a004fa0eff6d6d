#!/bin/sh
# Adds Portineria to the applications menu of the current Linux user.
set -e
here="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$HOME/.local/share/applications" "$HOME/.local/share/icons/hicolor/scalable/apps"
cp "$here/resources/icons/portineria.svg" "$HOME/.local/share/icons/hicolor/scalable/apps/portineria.svg"
cp "$here/resources/portineria.desktop" "$HOME/.local/share/applications/portineria.desktop"
echo "Portineria added to the applications menu."
