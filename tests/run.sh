#!/usr/bin/env bash
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# The test command: unit, module, simulator, conformance, playbook and benchmark smoke tests (pytest, in parallel),
# then flake8 as Galaxy runs it, ansible-test sanity, ansible-lint, the customer role's Molecule scenario and the
# docs site. Sets up .venv (or $HP_VENV) with everything it needs on the first run, and prints each stage's wall and
# CPU time at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

stages=()
started=$SECONDS
summary() {
  local status=$?
  if [ ${#stages[@]} -gt 0 ]; then
    printf '\n%-20s %8s %8s\n' stage 'wall s' 'CPU s'
    printf '%s\n' "${stages[@]}"
    cpu_seconds
    printf '%-20s %8d %8d\n' total $((SECONDS - started)) "$cpu"
  fi
  rm -f "$times_file"
  return "$status"
}
times_file=$(mktemp)
trap summary EXIT

# cpu=the CPU seconds (user + system) of the finished child processes so far (`times` in this shell: a subshell
# has no children yet)
cpu_seconds() {
  times > "$times_file"
  cpu=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] }
                       printf "%.0f", t }' "$times_file")
}

# stage NAME COMMAND...: runs COMMAND and notes its times (the machine may be shared: CPU time says more than wall
# time then); a failure ends the run after the summary
stage() {
  local name=$1 start=$SECONDS cpu_start status=0
  cpu_seconds
  cpu_start=$cpu
  shift
  echo "=== $name: $*"
  "$@" || status=$?
  cpu_seconds
  stages+=("$(printf '%-20s %8d %8d  %s' "$name" $((SECONDS - start)) $((cpu - cpu_start)) \
    "$([ "$status" = 0 ] && echo ok || echo FAILED)")")
  echo "=== $name: $([ "$status" = 0 ] && echo ok || echo FAILED) in $((SECONDS - start)) s"
  return "$status"
}

echo "=== venv set-up: ${HP_VENV:-.venv}"
# sourced, so its PATH reaches the stages
. tests/lib/venv.sh
cpu_seconds
stages+=("$(printf '%-20s %8d %8d  %s' 'venv set-up' $((SECONDS - started)) "$cpu" ok)")

# one worker per core; worksteal keeps them busy to the end, as a few playbook tests take a minute or more
# --durations: the slowest tests, the ones to look at when the command gets slow
stage pytest python -m pytest -n auto --dist worksteal --durations 15
# galaxy-importer's flake8 settings (galaxy_importer/constants.py), so that a Galaxy import reports no warning (and,
# in seconds, most of what sanity's pep8 and pylint would find)
stage flake8 flake8 --isolated --extend-ignore E402 --select E,F,W --max-line-length 160 plugins
stage "ansible-test sanity" bash tests/sanity/run.sh
stage ansible-lint ansible-lint --offline
# Molecule's default working folder is named after the folder "extensions" alone, so two checkouts on one machine
# would share it (and stop each other's simulators): this checkout's own
export MOLECULE_EPHEMERAL_DIRECTORY=$PWD/.tmp/molecule
stage molecule bash -c 'cd extensions && molecule test'
stage "docs site" bash docs/build.sh  # offline; fails on a warning or a broken internal link
