#!/usr/bin/env bash
# Everything in one go: cluster and controller, images, install. Then open http://localhost.
source "$(dirname "$0")/lib.sh"
"$ROOT/kind/up.sh"
"$ROOT/kind/build-images.sh" --load
"$ROOT/kind/install.sh" "$@"
