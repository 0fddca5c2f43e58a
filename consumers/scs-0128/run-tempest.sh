#!/bin/sh
# Written by 'interop export scs': runs the load-list beside this file in
# the Tempest workspace given first, then prints '<testcase>: PASS|FAIL|
# ABORT' as SCS's scripts do.  Needs tempest and interop installed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
workspace=$1
list=${2:-tempest-tests.lst}
stream=$(mktemp)
trap 'rm -f "$stream"' EXIT
(cd "$workspace" && tempest run --load-list "$here/$list" --subunit) \
    >"$stream" || true
interop comply "$stream" --profile "$here/../scs-0128.yaml" \
    --format scs
