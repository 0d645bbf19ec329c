#!/usr/bin/env bash
# HTTP benchmark: wrk against `GET /api/v1/me` (authenticated with a bearer token) and
# `GET /api/v1/members/{id}` (another member's full profile, read through the privacy engine
# by a signed-in member two degrees away), and in the same run against nginx serving static files of the same
# sizes on loopback. Prints throughputs, p50/p99 latencies and the ratios.
# Usage: bench/http_bench.sh path/to/enishi
# Environment: CONNECTIONS (64), DURATION (10s per target and round), ROUNDS (3), THREADS (2).
set -euo pipefail
source "$(dirname "$0")/../scripts/lib/api_client.sh"
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


store="sqlite:$work/enishi.db"
port=$(free_port)
"$enishi" serve --listen "127.0.0.1:$port" --store "$store" --web-root "$work" \
  --ip-requests-per-minute 0 --account-requests-per-minute 0 --profile-views-per-day 0 \
  --log-level warn 2>"$work/enishi.log" &
pids+=($!)
base="http://127.0.0.1:$port"
wait_for "$base/healthz"

token=$(sign_up "bench@enishi.example" "縁 ベンチ")
curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/me" >"$work/me.json"

# The member whose profile is read: a complete profile, mostly visible to members, with a
# few entries the reader may not see, so the engine filters as it would for real.
subject_token=$(sign_up "subject@enishi.example" "王 芳")
auth=(-H "Authorization: Bearer $subject_token" -H 'Content-Type: application/json')
company=$(curl -fsS "${auth[@]}" -d '{"names":{"zh":"星辰科技","en":"Xingchen Tech"}}' \
  "$base/api/v1/companies" | json_field '"id"')
school=$(curl -fsS "${auth[@]}" -d '{"names":{"zh":"复旦大学","en":"Fudan University"},"country":"CN"}' \
  "$base/api/v1/schools" | json_field '"id"')
members='"audience":"members"'
curl -fsS -o /dev/null -X PUT "${auth[@]}" "$base/api/v1/me/profile" -d '{
  "display_name":{"value":"王芳",'"$members"'},
  "name":{"value":{"family":"王","given":"芳","family_reading":"wáng","given_reading":"fāng","latin_family":"Wang","latin_given":"Fang","order":"family_first"},'"$members"'},
  "headline":{"value":"后端工程师 · 分布式系统",'"$members"'},
  "about":{"value":"在上海做了八年分布式存储。喜欢把复杂的系统讲简单。",'"$members"'},
  "location":{"value":"上海","audience":"network2"},
  "photo":{'"$members"'},
  "career":{"value":{"status":"open","roles":["后端工程师"],"locations":["上海"]},"audience":"connections"},
  "positions":[
    {"company_id":"'$company'","title":"高级工程师","function":"engineering","seniority":"senior","start":"2021-04",'"$members"'},
    {"company_id":"'$company'","title":"工程师","function":"engineering","seniority":"mid","start":"2017-07","end":"2021-03",'"$members"'},
    {"company_id":"'$company'","title":"实习生","function":"engineering","seniority":"intern","start":"2016-07","end":"2016-09","audience":"only_me"}],
  "education":[{"school_id":"'$school'","degree":"硕士","field":"计算机科学","country":"CN","start":"2014-09","end":"2017-06",'"$members"'}],
  "languages":[{"language":"zh-Hans","proficiency":"native",'"$members"'},{"language":"en","proficiency":"professional",'"$members"'}],
  "skills":[{"name":"Go",'"$members"'},{"name":"PostgreSQL",'"$members"'},{"name":"Raft",'"$members"'},{"name":"Kubernetes","audience":"connections"}],
  "links":[{"kind":"project","title":"开源存储引擎","url":"https://example.com/engine",'"$members"'}],
  "contacts":[{"kind":"wechat","value":"wangfang_dev","audience":"connections"}]}'
subject=$(curl -fsS -H "Authorization: Bearer $subject_token" "$base/api/v1/me" | json_field '"id"')

# The reader is two degrees from the subject: both exchanged cards with one member.
middle_token=$(sign_up "middle@enishi.example" "李 中")
exchange_cards "$token" "$middle_token"
exchange_cards "$subject_token" "$middle_token"
curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/members/$subject" >"$work/member.json"
if [ "$(json_field '"degree"' <"$work/member.json")" != 2 ]; then
  echo "bench: the reader is not two degrees from the subject" >&2
  exit 1
fi

# nginx serving files of exactly those sizes, as plainly as it can.
mkdir -p "$work/nginx/www"
for name in me member; do
  head -c "$(stat -c %s "$work/$name.json")" /dev/zero | tr '\0' 'x' >"$work/nginx/www/$name.json"
done
# nginx's workers drop root for an unprivileged user, which must be able to read the files.
chmod 755 "$work" "$work/nginx" "$work/nginx/www"
chmod 644 "$work/nginx/www/"*.json
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

# The machine is shared and noisy, so enishi and nginx alternate in several rounds and each
# verdict is the median of the per-round ratios.
# compare LABEL PATH NGINX_FILE: rounds of enishi (as the bench member) against nginx.
compare() {
  local label=$1 path=$2 file=$3 ratios=()
  echo
  echo "$label: wrk -t$threads -c$connections -d$duration --latency, $rounds rounds;" \
    "response size $(stat -c %s "$work/nginx/www/$file") bytes; $(nproc) cores"
  printf '%-6s %-32s %12s %10s %10s\n' "round" "target" "requests/s" "p50 ms" "p99 ms"
  for round in $(seq "$rounds"); do
    read -r enishi_rps enishi_p50 enishi_p99 < <(run_wrk "enishi-$file" "$base$path" "Authorization: Bearer $token")
    read -r nginx_rps nginx_p50 nginx_p99 < <(run_wrk "nginx-$file" "http://127.0.0.1:$nginx_port/$file")
    printf '%-6s %-32s %12.0f %10s %10s\n' "$round" "enishi $label" "$enishi_rps" "$enishi_p50" "$enishi_p99"
    printf '%-6s %-32s %12.0f %10s %10s\n' "$round" "nginx static file" "$nginx_rps" "$nginx_p50" "$nginx_p99"
    ratios+=("$(awk -v a="$enishi_rps" -v b="$nginx_rps" 'BEGIN {printf "%.3f", a / b}')")
  done
  printf '%s\n' "${ratios[@]}" | sort -n | awk -v label="$label" '{r[NR]=$1} END {
    m = NR % 2 ? r[(NR+1)/2] : (r[NR/2] + r[NR/2+1]) / 2
    printf "%s ratio enishi/nginx per round: %s; median %.2f\n", label, (NR > 1 ? r[1] "…" r[NR] : r[1]), m }'
}
compare "GET /api/v1/me" "/api/v1/me" me.json
compare "GET /api/v1/members/{id}" "/api/v1/members/$subject" member.json
