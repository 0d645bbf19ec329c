#!/usr/bin/env bash
# Fails when a third-party header or a layer's include escapes the folder that owns it
# (STYLE.md §2.2): Beast/Asio/OpenSSL only in src/http, nlohmann-json only in src/api,
# RapidJSON only in src/api/json_writer.cpp, sqlite3.h only in src/storage/sqlite, libpq-fe.h
# only in src/storage/postgres, sodium.h only in src/crypto, libvips only in src/media, libcurl
# only in src/smtp, ICU only in src/intl, toml++ and CLI11 only in src/app; and a layer includes
# only the layers below it.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
violation() {
  echo "layering: $1" >&2
  status=1
}

# forbid PATTERN ALLOWED_DIR_REGEX DESCRIPTION
forbid() {
  local pattern=$1 allowed=$2 what=$3
  while IFS= read -r hit; do
    local file=${hit%%:*}
    [[ $file =~ $allowed ]] && continue
    violation "$file includes $what (allowed only under ${allowed#^})"
  done < <(grep -rnE "^\s*#\s*include\s*[<\"]$pattern" src tests bench tools fuzz 2>/dev/null)
}

forbid 'boost/'       '^(src/http/|tests/http/|bench/)'                  'Boost'
forbid 'openssl/'     '^(src/http/|tests/http/)'                         'OpenSSL'
forbid 'nlohmann/'    '^(src/api/|tests/|bench/|fuzz/)'                  'nlohmann-json'
forbid 'rapidjson/'   '^src/api/json_writer\.cpp$'                      'RapidJSON'
forbid 'sqlite3\.h'   '^(src/storage/sqlite/|tests/storage/)'            'sqlite3.h'
forbid 'libpq-fe\.h'  '^(src/storage/postgres/|tests/storage/)'          'libpq-fe.h'
forbid 'sodium'       '^src/crypto/'                                     'libsodium'
forbid 'toml\+\+/'    '^(src/app/|tests/app/)'                           'toml++'
forbid 'CLI/'         '^(src/app/|tests/app/)'                           'CLI11'
forbid 'vips/'        '^(src/media/|tests/media/)'                       'libvips'
forbid 'curl/'        '^(src/smtp/|tests/smtp/)'                         'libcurl'
forbid 'unicode/'     '^(src/intl/|tests/intl/)'                         'ICU'

# Project layers: a folder may include only itself and the layers it depends on.
declare -A allowed_layers=(
  [core]='core'
  [crypto]='core|crypto'
  [domain]='core|crypto|domain'
  [intl]='core|domain|intl'
  [media]='core|crypto|domain|media'
  [smtp]='core|crypto|domain|smtp'
  [storage]='core|crypto|domain|storage'
  [api]='core|crypto|domain|api'
  [http]='core|crypto|api|http'
)
for layer in "${!allowed_layers[@]}"; do
  [[ -d src/$layer ]] || continue
  while IFS= read -r hit; do
    file=${hit%%:*}
    included=$(sed -E 's/.*#\s*include\s*"([a-z_]+)\/.*/\1/' <<<"${hit#*:}")
    [[ $included =~ ^(${allowed_layers[$layer]})$ ]] && continue
    violation "$file (layer $layer) includes $included/"
  done < <(grep -rnE '^\s*#\s*include\s*"[a-z_]+/' "src/$layer")
done

# Inside domain/, graph is a leaf that depends only on core.
if [[ -d src/domain/graph ]]; then
  while IFS= read -r hit; do
    violation "${hit%%:*}: domain/graph may include only core/ and domain/graph/"
  done < <(grep -rnE '^\s*#\s*include\s*"' src/domain/graph | grep -vE '"(core|domain/graph)/')
fi

[[ $status -eq 0 ]] && echo "layering: ok"
exit $status
