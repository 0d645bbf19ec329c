# Shell helpers for scripts that drive a running `enishi serve` the way a client does: the HTTP
# benchmark and the system tests. Source it; sign_up needs $enishi (the binary), $store (its
# store URL) and $base (the server's http://host:port).

# A free loopback port.
free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# wait_for URL: waits up to 10 s for URL to answer 2xx.
wait_for() {
  for _ in $(seq 100); do curl -fsS "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "$1 did not come up" >&2
  return 1
}

# json_field '"name"' < JSON: prints one field of a JSON object.
json_field() {
  node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>console.log(JSON.parse(d)['"$1"']))'
}

# sign_up LOGIN NAME: signs up with the code from the local outbox; prints a bearer token.
sign_up() {
  local json='{"login":"'$1'","password":"a long benchmark passphrase","display_name":"'$2'","locale":"ja"}'
  curl -fsS -o /dev/null -H 'Content-Type: application/json' -d "$json" "$base/api/v1/signup"
  local code
  code=$("$enishi" admin outbox --store "$store" --json | grep -F "\"to\":\"$1\"" | tail -1 |
    grep -oE '\b[0-9]{6}\b' | head -1)
  curl -fsS -H 'Content-Type: application/json' \
    -d '{"login":"'$1'","code":"'$code'","client":"api"}' "$base/api/v1/signup/verify" |
    json_field '"token"'
}

# exchange_cards TOKEN TOKEN: each scans the other's card, which connects the two at once.
exchange_cards() {
  local first second
  first=$(curl -fsS -H "Authorization: Bearer $1" "$base/api/v1/me/card" | json_field '"code"')
  second=$(curl -fsS -H "Authorization: Bearer $2" "$base/api/v1/me/card" | json_field '"code"')
  curl -fsS -o /dev/null -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    -d '{"code":"'$second'"}' "$base/api/v1/cards/scan"
  curl -fsS -o /dev/null -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
    -d '{"code":"'$first'"}' "$base/api/v1/cards/scan"
}
