# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# Sourced: start_simulators DIR starts all five API simulators on 127.0.0.1 (one process, stopped on exit) and
# exports the modules' environment variables for them, with each simulator's demo credentials.
start_simulators() {
  local dir=$1 urls ispconfig mailbox_org teamdrive webiface subaccount
  python tests/simulators/serve_all.py --urls "$dir/simulators.json" > "$dir/simulators.log" 2>&1 &
  simulators_pid=$!
  trap 'kill $simulators_pid 2>/dev/null' EXIT
  for _ in $(seq 100); do [ -s "$dir/simulators.json" ] && break; sleep 0.1; done
  [ -s "$dir/simulators.json" ] || { cat "$dir/simulators.log" >&2; echo "the simulators did not start" >&2; return 1; }
  urls=$(python -c 'import json, sys; url = json.load(open(sys.argv[1])); print(*(url[api] for api in sys.argv[2:]))' \
    "$dir/simulators.json" ispconfig mailbox_org teamdrive webiface subaccount) || return 1
  read -r ispconfig mailbox_org teamdrive webiface subaccount <<< "$urls"
  export ISPCONFIG_URL=$ispconfig ISPCONFIG_USERNAME=demo ISPCONFIG_PASSWORD=demo-password
  export MAILBOX_ORG_URL=$mailbox_org MAILBOX_ORG_USERNAME=demo MAILBOX_ORG_PASSWORD=demo-password
  export TEAMDRIVE_URL=$teamdrive TEAMDRIVE_SALT=demo-salt
  export WEBIFACE_URL=$webiface WEBIFACE_USERNAME=demo WEBIFACE_PASSWORD=demo-password
  export SUBACCOUNT_URL=$subaccount SUBACCOUNT_USERNAME=demo SUBACCOUNT_PASSWORD=demo-password
  cat "$dir/simulators.log"
}
