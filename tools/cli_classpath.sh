#!/bin/sh
# Prints the class path of the vidssl CLI (module classes + dependency jars), for tools/parity_check.py.
# Builds the CLI and its modules first (offline, no install).
set -e
cd "$(dirname "$0")/.."
./mvnw -B -o -q -pl bundles/org.vidssl.cli -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/cli-classpath.txt -Dmdep.includeScope=runtime >&2
printf '%s:%s:%s:%s:%s\n' bundles/org.vidssl.cli/target/classes bundles/org.vidssl.torch/target/classes \
    bundles/org.vidssl.video/target/classes bundles/org.vidssl.core/target/classes \
    "$(cat bundles/org.vidssl.cli/target/cli-classpath.txt)"
