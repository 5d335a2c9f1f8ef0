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
beside_pid=
summary() {
  local status=$?
  if [ -n "$beside_pid" ]; then
    stage_joined || true
  fi
  if [ ${#stages[@]} -gt 0 ]; then
    printf '\n%-20s %8s %8s\n' stage 'wall s' 'CPU s'
    printf '%s\n' "${stages[@]}"
    cpu_seconds
    printf '%-20s %8d %8d\n' total $((SECONDS - started)) "$cpu"
  fi
  rm -rf "$work"
  return "$status"
}
work=$(mktemp -d)
times_file=$work/times
trap summary EXIT

# cpu_seconds [FILE]: cpu=the CPU seconds (user + system) of finished child processes: of this shell's so far, or
# those `times` wrote to FILE (its second line; 0 when a stage ended before writing it)
cpu_seconds() {
  local file=${1:-$times_file}
  [ -n "${1:-}" ] || times > "$file"
  cpu=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] }
                       printf "%.0f", t }' "$file" 2>/dev/null)
  cpu=${cpu:-0}
}

# timed FILE COMMAND...: runs COMMAND in a subshell that writes its `times` to FILE when it ends: the CPU time of
# what it ran alone, whatever runs beside it
timed() {
  local file=$1
  shift
  (
    status=0
    "$@" || status=$?
    times > "$file"
    exit "$status"
  )
}

# noted NAME START STATUS FILE: adds a stage's line (wall time since START, CPU time from FILE) to the summary
noted() {
  cpu_seconds "$4"
  stages+=("$(printf '%-20s %8d %8d  %s' "$1" $((SECONDS - $2)) "$cpu" "$([ "$3" = 0 ] && echo ok || echo FAILED)")")
  echo "=== $1: $([ "$3" = 0 ] && echo ok || echo FAILED) in $((SECONDS - $2)) s"
}

# stage NAME COMMAND...: runs COMMAND and notes its times (the machine may be shared: CPU time says more than wall
# time then); a failure ends the run after the summary
stage() {
  local name=$1 start=$SECONDS status=0
  shift
  echo "=== $name: $*"
  rm -f "$work/stage.times"
  timed "$work/stage.times" "$@" || status=$?
  noted "$name" "$start" "$status" "$work/stage.times"
  return "$status"
}

# stage_beside NAME COMMAND...: starts COMMAND beside the stages that follow (each of the last stages keeps one core
# busy, so two of them share the two cores), its output kept until stage_joined waits for it, shows the output and
# notes its times
stage_beside() {
  beside_name=$1
  beside_start=$SECONDS
  shift
  echo "=== $beside_name: $* (beside the next stages; its output follows when it has ended)"
  timed "$work/beside.times" "$@" > "$work/beside.log" 2>&1 &
  beside_pid=$!
}
stage_joined() {
  local status=0
  wait "$beside_pid" || status=$?
  beside_pid=
  echo "=== $beside_name: its output"
  cat "$work/beside.log"
  noted "$beside_name" "$beside_start" "$status" "$work/beside.times"
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
stage_beside "ansible-test sanity" bash tests/sanity/run.sh
stage ansible-lint ansible-lint --offline
# Molecule's default working folder is named after the folder "extensions" alone, so two checkouts on one machine
# would share it (and stop each other's simulators): this checkout's own
export MOLECULE_EPHEMERAL_DIRECTORY=$PWD/.tmp/molecule
stage molecule bash -c 'cd extensions && molecule test'
stage "docs site" bash docs/build.sh  # offline; fails on a warning or a broken internal link
stage_joined
