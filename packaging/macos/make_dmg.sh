#!/bin/sh
# Pack dist/Pizhu.app into dist/pizhu-<version>-macos-<arch>.dmg (run on macOS after
# `python packaging/build.py`). Drag-to-Applications layout; compressed (UDBZ).
set -eu
cd "$(dirname "$0")/../.."
version=$(python3 -c 'import reader; print(reader.__version__)')
arch=$(uname -m)
stage=build/dmg
rm -rf "$stage"
mkdir -p "$stage"
cp -R dist/Pizhu.app "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "Pizhu $version" -srcfolder "$stage" -ov -format UDBZ \
  "dist/pizhu-$version-macos-$arch.dmg"
echo "dist/pizhu-$version-macos-$arch.dmg"
