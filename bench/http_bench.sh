#!/usr/bin/env bash
# HTTP benchmark: wrk against `GET /api/v1/me` (authenticated with a bearer token) and, in the
# same run, against nginx serving a static file of the same size on loopback. Prints both
# throughputs, p50/p99 latencies and the ratio. Usage: bench/http_bench.sh path/to/enishi
# Environment: CONNECTIONS (64), DURATION (10s per target and round), ROUNDS (3), THREADS (2).
set -euo pipefail
enishi=$(realpath "${1:?usage: bench/http_bench.sh path/to/enishi}")
connections=${CONNECTIONS:-64}
duration=${DURATION:-10s}
rounds=${ROUNDS:-3}
threads=${THREADS:-2}

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
wait_for() {
  for _ in $(seq 100); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "bench: $1 did not come up" >&2
  return 1
}

store="sqlite:$work/enishi.db"
port=$(free_port)
"$enishi" serve --listen "127.0.0.1:$port" --store "$store" --web-root "$work" \
  --ip-requests-per-minute 0 --account-requests-per-minute 0 \
  --log-level warn 2>"$work/enishi.log" &
pids+=($!)
base="http://127.0.0.1:$port"
wait_for "$base/healthz"

# An account for the benchmark, signed up the way a client does.
login="bench@enishi.example"
json='{"login":"'$login'","password":"a long benchmark passphrase","display_name":"縁 ベンチ","locale":"ja"}'
curl -fsS -o /dev/null -H 'Content-Type: application/json' -d "$json" "$base/api/v1/signup"
code=$("$enishi" admin outbox --store "$store" --json | grep -F "\"to\":\"$login\"" | tail -1 |
  grep -oE '\b[0-9]{6}\b' | head -1)
token=$(curl -fsS -H 'Content-Type: application/json' \
  -d '{"login":"'$login'","code":"'$code'","client":"api"}' "$base/api/v1/signup/verify" |
  node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>console.log(JSON.parse(d).token))')
curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/me" >"$work/me.json"
size=$(stat -c %s "$work/me.json")

# nginx serving a file of exactly that size, as plainly as it can.
mkdir -p "$work/nginx/www"
head -c "$size" /dev/zero | tr '\0' 'x' >"$work/nginx/www/me.json"
# nginx's workers drop root for an unprivileged user, which must be able to read the file.
chmod 755 "$work" "$work/nginx" "$work/nginx/www"
chmod 644 "$work/nginx/www/me.json"
nginx_port=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { root $work/nginx/www; default_type application/json; }
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_for "http://127.0.0.1:$nginx_port/me.json"

# run_wrk NAME URL [HEADER] -> "requests_per_second p50_ms p99_ms"
run_wrk() {
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency ${3:+-H "$3"} "$2")
  echo "$out" >"$work/wrk-$1.txt"
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  if grep -q "Non-2xx" <<<"$out"; then
    echo "bench: $1 answered errors:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}
to_ms() {
  local value=$1
  case $value in
    *us) awk -v v="${value%us}" 'BEGIN {printf "%.3f", v / 1000}' ;;
    *ms) awk -v v="${value%ms}" 'BEGIN {printf "%.3f", v}' ;;
    *s) awk -v v="${value%s}" 'BEGIN {printf "%.3f", v * 1000}' ;;
  esac
}

# The machine is shared and noisy, so the two targets alternate in several rounds and the
# verdict is the median of the per-round ratios.
echo "wrk -t$threads -c$connections -d$duration --latency, $rounds rounds; response size $size bytes; $(nproc) cores"
printf '%-6s %-24s %12s %10s %10s\n' "round" "target" "requests/s" "p50 ms" "p99 ms"
ratios=()
for round in $(seq "$rounds"); do
  read -r enishi_rps enishi_p50 enishi_p99 < <(run_wrk enishi "$base/api/v1/me" "Authorization: Bearer $token")
  read -r nginx_rps nginx_p50 nginx_p99 < <(run_wrk nginx "http://127.0.0.1:$nginx_port/me.json")
  printf '%-6s %-24s %12.0f %10s %10s\n' "$round" "enishi GET /api/v1/me" "$enishi_rps" "$enishi_p50" "$enishi_p99"
  printf '%-6s %-24s %12.0f %10s %10s\n' "$round" "nginx static file" "$nginx_rps" "$nginx_p50" "$nginx_p99"
  ratios+=("$(awk -v a="$enishi_rps" -v b="$nginx_rps" 'BEGIN {printf "%.3f", a / b}')")
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{r[NR]=$1} END {
  m = NR % 2 ? r[(NR+1)/2] : (r[NR/2] + r[NR/2+1]) / 2
  printf "ratio enishi/nginx per round: %s; median %.2f\n", (NR > 1 ? r[1] "…" r[NR] : r[1]), m }'
