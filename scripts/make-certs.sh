#!/usr/bin/env bash
# Makes a private certificate authority and the certificates of a test cluster, for TLS between silos and clients
# (docs: /work/notes -> docs/security.md, "Transport").
#
#   scripts/make-certs.sh [-o DIR] [-d DAYS] [--silo NAME[,SAN...]]... [--client NAME]...
#
#   -o DIR                 output folder (default: ./certs); created 0700, keys written 0600
#   -d DAYS                validity of the certificates (default: 365; the CA gets ten times that)
#   --silo NAME[,SAN...]   a silo certificate NAME.crt/NAME.key for server and client authentication (silos dial each
#                          other); its names: localhost, 127.0.0.1, NAME and every SAN given (IP addresses or DNS
#                          names, e.g. --silo edge-1,10.0.0.11,edge-1.lan). Default: one silo named "silo".
#   --client NAME          a client certificate NAME.crt/NAME.key (client authentication only), for --tls-mutual.
#
# An existing ca.crt/ca.key in DIR is reused, so more certificates can be issued later by the same CA.
# Needs openssl (Debian: apt-get install openssl).
set -euo pipefail

out=certs
days=365
silos=()
clients=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    -d) days="$2"; shift 2 ;;
    --silo) silos+=("$2"); shift 2 ;;
    --client) clients+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "make-certs.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ ${#silos[@]} -gt 0 || ${#clients[@]} -gt 0 ]] || silos=(silo)
command -v openssl >/dev/null || { echo "make-certs.sh: openssl is not installed (apt-get install openssl)" >&2; exit 1; }

umask 077
mkdir -p "$out"
chmod 700 "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

valid_name() {
  [[ "$1" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*$ ]] || { echo "make-certs.sh: '$1' is not a valid certificate name (letters, digits, . _ -)" >&2; exit 2; }
}

if [[ ! -f "$out/ca.key" ]]; then
  openssl ecparam -name prime256v1 -genkey -noout -out "$out/ca.key"
  openssl req -x509 -new -key "$out/ca.key" -sha256 -days $((days * 10)) -subj "/CN=Ratio1 Cluster CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" -out "$out/ca.crt"
  echo "CA:     $out/ca.crt (key $out/ca.key: keep it off the nodes)"
fi

issue() { # name usage san
  local name="$1" usage="$2" san="$3"
  openssl ecparam -name prime256v1 -genkey -noout -out "$out/$name.key"
  openssl req -new -key "$out/$name.key" -subj "/CN=$name" -out "$tmp/$name.csr"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature"
    echo "extendedKeyUsage=$usage"
    echo "subjectKeyIdentifier=hash"
    echo "authorityKeyIdentifier=keyid"
    [[ -n "$san" ]] && echo "subjectAltName=$san"
  } > "$tmp/$name.ext"
  openssl x509 -req -in "$tmp/$name.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial -days "$days" -sha256 \
    -extfile "$tmp/$name.ext" -out "$out/$name.crt" 2>/dev/null
  chmod 600 "$out/$name.key"
  chmod 644 "$out/$name.crt"
}

for spec in "${silos[@]}"; do
  IFS=, read -r -a parts <<< "$spec"
  name="${parts[0]}"
  valid_name "$name"
  san="DNS:localhost,IP:127.0.0.1,DNS:$name"
  for extra in "${parts[@]:1}"; do
    if [[ "$extra" =~ ^[0-9.]+$ || "$extra" == *:* ]]; then san+=",IP:$extra"; else san+=",DNS:$extra"; fi
  done
  issue "$name" "serverAuth,clientAuth" "$san"
  echo "silo:   $out/$name.crt, key $out/$name.key ($san)"
done

for name in "${clients[@]}"; do
  valid_name "$name"
  issue "$name" "clientAuth" ""
  echo "client: $out/$name.crt, key $out/$name.key"
done
chmod 600 "$out/ca.key"
chmod 644 "$out/ca.crt"
