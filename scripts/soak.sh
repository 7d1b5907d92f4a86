#!/bin/sh
# Long soak of the worker against the embedded Qvarn with injected faults (see SoakTest):
#   scripts/soak.sh [CHANGES] [SEED]        e.g. scripts/soak.sh 20000
# Prints the SOAK line with the figures; exits non-zero if the derived data is wrong or a change was
# dead-lettered. Runs offline (-o) when the local Maven repository has everything, as after one build.
set -eu
cd "$(dirname "$0")/.."
changes="${1:-20000}"
seed="${2:-20261127}"
mvn -B -o -q test -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsoak.changes="$changes" -Dsoak.seed="$seed" || status=$?
grep -h '^SOAK' target/surefire-reports/org.qvarnmr.camel.it.reliability.SoakTest-output.txt || true
exit "${status:-0}"
