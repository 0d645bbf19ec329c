#!/usr/bin/env bash
# Durability: sign up accounts in parallel loops against a running server, kill -9 it
# mid-stream, restart it on the same store, and check that every sign-up the server
# acknowledged (201) can log in. Usage: durability_test.sh path/to/enishi [store-url]
# Without a store URL it uses a fresh SQLite file.
set -euo pipefail
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

run=$(date +%s%N)  # Logins unique per run, so a shared PostgreSQL database needs no cleaning.
start_server
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
((missing == 0))
