#!/usr/bin/env bash
# Two `enishi serve` processes on one PostgreSQL database: a connection made through one shows
# as a degree badge on the other within a second, and a connection list hidden through one is
# hidden on the other (LISTEN/NOTIFY between the servers' graph indexes).
# Usage: cluster_test.sh path/to/enishi postgresql://...
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/api_client.sh"
enishi=$(realpath "${1:?usage: cluster_test.sh path/to/enishi store-url}")
server_url=${2:?usage: cluster_test.sh path/to/enishi store-url}
work=$(mktemp -d)
pids=()
# A schema of its own, so that other tests on the same server do not see these tables.
schema="enishi_cluster_$RANDOM$RANDOM"
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -q "$server_url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "cluster: $*" >&2
  cat "$work"/server-*.log >&2 || true
  exit 1
}

psql -q "$server_url" -c "CREATE SCHEMA $schema" >/dev/null
store="$server_url&options=-csearch_path%3D$schema"

# start_server NAME: starts a server on the shared store; sets $started to its base URL.
start_server() {
  local port
  port=$(free_port)
  "$enishi" serve --listen "127.0.0.1:$port" --store "$store" --web-root "$work" \
    --argon2-memory-kib 64 --argon2-iterations 1 --log-level warn >/dev/null \
    2>"$work/server-$1.log" &
  pids+=($!)
  started="http://127.0.0.1:$port"
  wait_for "$started/healthz" || fail "server $1 did not start"
}
start_server first
first=$started
start_server second
second=$started

base=$first
ana=$(sign_up "ana@cluster.example" "Ana")
bo=$(sign_up "bo@cluster.example" "Bo")
cy=$(sign_up "cy@cluster.example" "Cy")
id_of() { curl -fsS -H "Authorization: Bearer $1" "$first/api/v1/me" | json_field '"id"'; }
bo_id=$(id_of "$bo")

# degree_on SERVER TOKEN MEMBER: the degree badge MEMBER's profile shows the token's member.
degree_on() {
  curl -fsS -H "Authorization: Bearer $2" "$1/api/v1/members/$3" | json_field '"degree"'
}
# wait_until SECONDS COMMAND...: polls every 50 ms until COMMAND succeeds.
wait_until() {
  local deadline=$(($(date +%s%N) + $1 * 1000000000))
  shift
  until "$@"; do
    (($(date +%s%N) < deadline)) || return 1
    sleep 0.05
  done
}

[[ $(degree_on "$second" "$ana" "$bo_id") == null ]] || fail "strangers should show no degree"
exchange_cards "$ana" "$bo"  # Through the first server.
degree_is() { [[ $(degree_on "$second" "$1" "$2") == "$3" ]]; }
wait_until 1 degree_is "$ana" "$bo_id" 1 || fail "the second server did not learn of the connection"
echo "cluster: a connection made on the first server shows on the second within a second"

# Cy connects to Bo through the second server; Bo's connection list is visible to connections
# of Bo by default, and hidden through the first server, the second hides it at once.
base=$second
exchange_cards "$cy" "$bo"
cy_id=$(id_of "$cy")
wait_until 1 degree_is "$ana" "$cy_id" 2 || fail "the first connection's second degree is missing"
list_status() {
  curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ana" \
    "$second/api/v1/members/$bo_id/connections"
}
[[ $(list_status) == 200 ]] || fail "a connection should see Bo's connection list"
policy=$(curl -fsS -H "Authorization: Bearer $bo" "$first/api/v1/me/inbound-policy" |
  node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>{const p=JSON.parse(d);p.connection_list="only_me";console.log(JSON.stringify(p))})')
curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $bo" -H 'Content-Type: application/json' \
  -d "$policy" "$first/api/v1/me/inbound-policy"
list_hidden() { [[ $(list_status) == 404 ]]; }
wait_until 1 list_hidden || fail "the second server still shows a hidden connection list"
echo "cluster: a connection list hidden on the first server is hidden on the second at once"

# Bo listens on the second server's stream; Ana writes to Bo through the first. The message
# reaches Bo's socket on the second server within a second (NOTIFY sent in the message's own
# transaction).
node "$(dirname "$0")/../../scripts/lib/ws_tail.mjs" "$second/api/v1/stream" "$bo" \
  >"$work/bo-stream.log" 2>&1 &
pids+=($!)
stream_ready() { grep -q '"type":"ready"' "$work/bo-stream.log"; }
wait_until 2 stream_ready || fail "Bo's stream on the second server did not open"
conversation=$(curl -fsS -X POST -H "Authorization: Bearer $ana" -H 'Content-Type: application/json' \
  -d "{\"members\":[\"$bo_id\"]}" "$first/api/v1/conversations" | json_field '"id"')
curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $ana" -H 'Content-Type: application/json' \
  -d '{"text":"クラスタ越しのメッセージ"}' "$first/api/v1/conversations/$conversation/messages"
message_arrived() { grep -q 'クラスタ越しのメッセージ' "$work/bo-stream.log"; }
wait_until 1 message_arrived || {
  cat "$work/bo-stream.log" >&2
  fail "a message sent through the first server did not reach a socket of the second"
}
echo "cluster: a message sent through the first server arrives on a socket of the second"

# Search reads the postings each server holds in memory, brought up to date from the store
# before each search: Bo turning search on and off through the first server shows on the
# second server's very next search, with no waiting.
searchable() {
  curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $bo" -H 'Content-Type: application/json' \
    -d "{\"discoverability\":{\"searchable\":$1},\"shield\":{\"companies\":[],\"hide_profile\":false}}" \
    "$first/api/v1/me/privacy"
}
finds_bo() {
  local page
  page=$(curl -fsS -H "Authorization: Bearer $ana" "$second/api/v1/search/members?q=bo") ||
    fail "the second server did not answer the search"
  grep -q "\"$bo_id\"" <<<"$page"
}
finds_bo && fail "Bo is found before turning search on"
searchable true
finds_bo || fail "the second server does not find Bo, who turned search on through the first"
searchable false
finds_bo && fail "the second server still finds Bo, who turned search off through the first"
echo "cluster: turning search on and off through the first server shows on the second at once"
