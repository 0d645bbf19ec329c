#!/usr/bin/env bash
# Graceful shutdown of the real binary: SIGTERM (then SIGINT) during a slow sign-up lets the
# request finish, and the process exits 0 with its store closed, within the grace period.
# Usage: shutdown_test.sh path/to/enishi
set -euo pipefail
enishi=$(realpath "${1:?usage: shutdown_test.sh path/to/enishi}")
work=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

for signal in TERM INT; do
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  # A costly Argon2id makes the sign-up slow enough to be in flight when the signal lands.
  "$enishi" serve --listen "127.0.0.1:$port" --store "sqlite:$work/$signal.db" --web-root "$work" \
    --argon2-memory-kib 262144 --argon2-iterations 4 --log-level warn 2>>"$work/server.log" &
  pid=$!
  for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

  curl -s -o "$work/answer" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"login":"slow@enishi.example","password":"a slow passphrase","display_name":"遅","locale":"ja"}' \
    "http://127.0.0.1:$port/api/v1/signup" >"$work/status" &
  client=$!
  sleep 0.2
  kill -"$signal" "$pid"
  wait "$client"
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "shutdown: SIG$signal did not stop the server within 15 s" >&2
    exit 1
  fi
  wait "$pid" && code=0 || code=$?
  [[ $code -eq 0 ]] || { echo "shutdown: exit code $code after SIG$signal" >&2; cat "$work/server.log" >&2; exit 1; }
  [[ $(cat "$work/status") == 202 ]] || { echo "shutdown: the request in flight got $(cat "$work/status")" >&2; exit 1; }
  echo "shutdown: SIG$signal finished the request in flight (202) and exited 0"
done
