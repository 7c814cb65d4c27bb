#!/usr/bin/env bash
# The step of the GitHub Action (action.yml). Every input arrives in an
# INPUT_* environment variable and is only ever passed to handover as one
# quoted argument, so no input is run as shell code.
#
# An input is data: it reaches handover as the value of a --flag=VALUE or
# after "--", so a value starting with a dash is never read as a flag, and
# it is printed in a workflow command only escaped (escape_data), so a line
# break in it cannot start a command of its own.
#
# It builds handover from the action's own source (or installs the release
# named by INPUT_VERSION), then runs `handover check` on the same checkout
# with the same --now up to three times: --format github for the annotations
# (its exit code is the step's), --format markdown appended to
# $GITHUB_STEP_SUMMARY, and --format sarif into INPUT_SARIF_FILE when set.
# Three runs keep each format a plain `handover check` a user can reproduce;
# the shared --now makes them agree. With INPUT_DASHBOARD it then runs
# `handover dashboard`, and with INPUT_COMMENT on a pull request `handover
# comment`, each with INPUT_TOKEN (in HANDOVER_TOKEN, for that command only).
set -euo pipefail

action_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# escape_data escapes a workflow command's message as the runner reads it:
# %, CR and LF.
escape_data() {
	local s=${1//'%'/%25}
	s=${s//$'\r'/%0D}
	printf '%s' "${s//$'\n'/%0A}"
}

# fail reports a problem with the action's own setup as an annotation and
# exits 2, like handover does for usage errors.
fail() {
	printf '::error title=handover action::%s\n' "$(escape_data "$1")"
	exit 2
}

path=${INPUT_PATH:-.}
fail_on=${INPUT_FAIL_ON:-error}
version=${INPUT_VERSION:-}
# On pull requests action.yml passes the base commit as INPUT_DEFAULT_BASE,
# so that pr-drift sees what the pull request changes.
base=${INPUT_BASE:-${INPUT_DEFAULT_BASE:-}}
sarif=${INPUT_SARIF_FILE:-}
# The file name goes to $GITHUB_OUTPUT, one output per line.
if [[ $sarif == *[$'\r\n']* ]]; then
	fail "input sarif-file: the file name has a line break"
fi
dashboard=${INPUT_DASHBOARD:-false}
comment=${INPUT_COMMENT:-false}
for input in "dashboard=$dashboard" "comment=$comment"; do
	if [[ ! ${input#*=} =~ ^(true|false)$ ]]; then
		fail "input ${input%%=*}: \"${input#*=}\" is not true or false"
	fi
done

bin=${HANDOVER_BIN:-}
if [ -z "$bin" ]; then
	bindir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/handover-action"
	mkdir -p "$bindir"
	bin="$bindir/handover"
	if [ -z "$version" ]; then
		(cd "$action_dir" && GOWORK=off go build -trimpath -o "$bin" ./cmd/handover) ||
			fail "could not build handover from $action_dir: see the go build output above"
	elif [[ $version =~ ^(latest|v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?)$ ]]; then
		GOBIN="$bindir" GOWORK=off go install "github.com/handover-dev/handover/cmd/handover@$version" ||
			fail "could not install handover $version: see the go install output above"
	else
		fail "input version: \"$version\" is not a release such as v0.1.0 or latest; leave it empty to build the action's own source"
	fi
fi

# run COMMAND FLAG...: handover COMMAND with the inputs' flags and FLAG...,
# then "--" and the path; check adds the base.
flags=(--now="$(date -u +%Y-%m-%dT%H:%M:%SZ)")
[ -n "${INPUT_DIR:-}" ] && flags+=(--dir="$INPUT_DIR")
[ -n "${INPUT_CONFIG:-}" ] && flags+=(--config="$INPUT_CONFIG")
run() {
	local command=$1
	shift
	"$bin" "$command" "${flags[@]}" "$@" -- "$path"
}
check() {
	if [ -n "$base" ]; then
		run check --base="$base" "$@"
	else
		run check "$@"
	fi
}
# notice says why a step the inputs asked for does not run.
notice() {
	printf '::notice title=handover action::%s\n' "$(escape_data "$1")"
}

code=0
check --format=github --fail-on="$fail_on" || code=$?
if [ "$code" -ge 2 ]; then
	fail "handover check could not run (exit $code): its message is in the log above"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
	check --format=markdown --fail-on=never >>"$GITHUB_STEP_SUMMARY"
fi

if [ -n "$sarif" ]; then
	check --format=sarif --fail-on=never --output="$sarif" ||
		fail "could not write the SARIF file: handover's message is in the log above"
fi

# The dashboard describes the branch checked out: on a pull request it
# would describe the pull request instead, so it runs on other events.
if [ "$dashboard" = true ]; then
	if [[ ${GITHUB_EVENT_NAME:-} == pull_request* ]]; then
		notice "dashboard: skipped on $GITHUB_EVENT_NAME, which checks out the pull request; run it on schedule or workflow_dispatch"
	else
		HANDOVER_TOKEN=${INPUT_TOKEN:-} run dashboard --fail-on="$fail_on" ||
			fail "handover dashboard could not update the dashboard issue: its message is in the log above"
	fi
fi

# A pull request from a fork gets a read-only token: it cannot comment.
if [ "$comment" = true ]; then
	if [ -z "${INPUT_PR:-}" ]; then
		notice "comment: skipped on ${GITHUB_EVENT_NAME:-this event}, which is not a pull request"
	elif [ -n "${INPUT_HEAD_REPO:-}" ] && [ "$INPUT_HEAD_REPO" != "${GITHUB_REPOSITORY:-}" ]; then
		notice "comment: skipped: the pull request comes from the fork $INPUT_HEAD_REPO, whose token may not write comments"
	elif [ -z "$base" ]; then
		fail "input comment: no base to compare the pull request with; set the base input"
	else
		HANDOVER_TOKEN=${INPUT_TOKEN:-} run comment --pr="$INPUT_PR" --base="$base" ||
			fail "handover comment could not update the pull request comment: its message is in the log above"
	fi
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
	{
		printf 'exit-code=%s\n' "$code"
		printf 'sarif-file=%s\n' "$sarif"
	} >>"$GITHUB_OUTPUT"
fi
exit "$code"
