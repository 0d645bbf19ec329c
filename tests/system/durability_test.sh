#!/usr/bin/env bash
# Durability: sign up accounts and send messages in parallel loops against a running server,
# kill -9 it mid-stream, restart it on the same store, and check that every sign-up the server
# acknowledged (201) can log in and every message it acknowledged (201) is in the
# conversation's history. Usage: durability_test.sh path/to/enishi [store-url]
# Without a store URL it uses a fresh SQLite file.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib/api_client.sh"
enishi=$(realpath "${1:?usage: durability_test.sh path/to/enishi [store-url]}")
work=$(mktemp -d)
store=${2:-sqlite:$work/enishi.db}
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill -9 "$server_pid" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
base="http://127.0.0.1:$port"
start_server() {
  # Cheap Argon2id keeps the loop fast; the proxy setting lets each loop present its own
  # client address, as many real users behind nginx would.
  "$enishi" serve --listen "127.0.0.1:$port" --store "$store" --web-root "$work" \
    --argon2-memory-kib 64 --argon2-iterations 1 --trusted-proxies 127.0.0.1 \
    --log-level warn 2>>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 100); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "durability: server did not start" >&2
  cat "$work/server.log" >&2
  exit 1
}

# post PATH JSON CLIENT_IP -> prints the HTTP status
post() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
    -H "X-Forwarded-For: $3" -d "$2" "$base$1" || true
}

signup_loop() {
  local loop=$1 i=0
  while :; do
    i=$((i + 1))
    local login="durable-$run-$loop-$i@enishi.example" ip="10.$loop.$((i / 200)).$((i % 200 + 1))"
    local password="durability passphrase $loop $i"
    [[ $(post /api/v1/signup '{"login":"'$login'","password":"'"$password"'","display_name":"耐久 '$i'","locale":"ja"}' "$ip") == 202 ]] || return 0
    local code
    code=$("$enishi" admin outbox --store "$store" --json --limit 20 2>/dev/null |
      grep -F "\"to\":\"$login\"" | tail -1 | grep -oE '\b[0-9]{6}\b' | head -1) || return 0
    [[ -n $code ]] || return 0
    if [[ $(post /api/v1/signup/verify '{"login":"'$login'","code":"'$code'"}' "$ip") == 201 ]]; then
      echo "$login|$password|$ip" >>"$work/acknowledged.$loop"
    else
      return 0
    fi
  done
}

# message_loop: Ana writes to Bo until the server stops answering, recording what it took.
message_loop() {
  local i=0
  while :; do
    i=$((i + 1))
    local status
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $ana" \
      -H 'Content-Type: application/json' -H "X-Forwarded-For: 10.99.0.1" \
      -d '{"text":"durable message '$i'"}' "$base/api/v1/conversations/$conversation/messages" ||
      true)
    [[ $status == 201 ]] || return 0
    echo "durable message $i" >>"$work/acknowledged-messages"
    sleep 0.05  # Within the per-account rate limit.
  done
}

run=$(date +%s%N)  # Logins unique per run, so a shared PostgreSQL database needs no cleaning.
start_server
ana=$(sign_up "ana-$run@enishi.example" "Ana")
bo=$(sign_up "bo-$run@enishi.example" "Bo")
exchange_cards "$ana" "$bo"
bo_id=$(curl -fsS -H "Authorization: Bearer $bo" "$base/api/v1/me" | json_field '"id"')
conversation=$(curl -fsS -H "Authorization: Bearer $ana" -H 'Content-Type: application/json' \
  -d '{"members":["'$bo_id'"]}' "$base/api/v1/conversations" | json_field '"id"')
message_loop &
for loop in 1 2 3 4; do signup_loop "$loop" & done
sleep "${DURABILITY_SECONDS:-6}"
kill -9 "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""
wait  # the loops end on their first refused request

cat "$work"/acknowledged.* >"$work/acknowledged" 2>/dev/null || true
acknowledged=$(wc -l <"$work/acknowledged")
if ((acknowledged < 4)); then
  echo "durability: only $acknowledged sign-ups were acknowledged before the kill" >&2
  cat "$work/server.log" >&2
  exit 1
fi

start_server
missing=0
while IFS='|' read -r login password ip; do
  status=$(post /api/v1/login '{"login":"'$login'","password":"'"$password"'","client":"api"}' "$ip")
  if [[ $status != 200 ]]; then
    echo "durability: acknowledged $login cannot log in after kill -9 (HTTP $status)" >&2
    missing=$((missing + 1))
  fi
done <"$work/acknowledged"

echo "durability: $acknowledged acknowledged sign-ups, $((acknowledged - missing)) present after kill -9"

# Every acknowledged message is in Bo's history, page by page.
: >"$work/history"
before=""
while :; do
  page=$(curl -fsS -H "Authorization: Bearer $bo" \
    "$base/api/v1/conversations/$conversation/messages?limit=100$before")
  echo "$page" | node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>{
    for (const m of JSON.parse(d).messages) console.log(m.text)})' >>"$work/history"
  [[ $(echo "$page" | json_field '"has_more"') == true ]] || break
  before="&before=$(echo "$page" | json_field '"messages"].at(-1)["seq"')"
done
sent=$(wc -l <"$work/acknowledged-messages" 2>/dev/null || echo 0)
lost=$(grep -cvxFf "$work/history" "$work/acknowledged-messages" 2>/dev/null || true)
if ((sent == 0)); then
  echo "durability: no message was acknowledged before the kill" >&2
  exit 1
fi
echo "durability: $sent acknowledged messages, $((sent - lost)) present after kill -9"
((missing == 0 && lost == 0))
