#!/usr/bin/env bash
# Deletes the KinD cluster and everything in it (volumes included).
source "$(dirname "$0")/lib.sh"
need kind
kind delete cluster --name "$CLUSTER"
