#!/bin/bash
# make-x509-fixtures.sh: regenerate the X.509 fixtures in tests/data/certs/.
#
# Certificates are kept as PEM and DER, keys are thrown away; serials, names and
# validity periods are fixed here because test-certificate.c asserts them.
# Requires certtool (gnutls-bin).  Usage: tests/gen/make-x509-fixtures.sh [OUTDIR]
set -euo pipefail

out=${1:-$(dirname "$0")/../data/certs}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

key () {   # key NAME rsa BITS | key NAME ecdsa CURVE
  if [ "$2" = rsa ]; then
    certtool --generate-privkey --key-type=rsa --bits="$3" --outfile "$tmp/$1.key" 2>"$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
  else
    certtool --generate-privkey --key-type=ecdsa --curve="$3" --outfile "$tmp/$1.key" 2>"$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
  fi
}

# cert NAME ISSUER HASH: template from $tmp/NAME.tmpl; ISSUER "self" for a
# self-signed certificate.
cert () {
  local name=$1 issuer=$2 hash=$3
  if [ "$issuer" = self ]; then
    certtool --generate-self-signed --load-privkey "$tmp/$name.key" --hash="$hash" \
      --template "$tmp/$name.tmpl" --outfile "$tmp/$name.pem" 2>"$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
  else
    certtool --generate-certificate --load-privkey "$tmp/$name.key" --hash="$hash" \
      --load-ca-certificate "$out/$issuer.pem" --load-ca-privkey "$tmp/$issuer.key" \
      --template "$tmp/$name.tmpl" --outfile "$tmp/$name.pem" 2>"$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
  fi
  # Keep only the PEM block (certtool prefixes a human-readable dump).
  sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' "$tmp/$name.pem" > "$out/$name.pem"
}

# Test root CA: RSA 2048, self-signed.
key root rsa 2048
cat > "$tmp/root.tmpl" <<T
cn = "Handshake Lens Test Root CA"
organization = "Handshake Lens Tests"
country = "DE"
serial = 01
activation_date = "2020-01-01 00:00:00"
expiration_date = "2040-01-01 00:00:00"
ca
cert_signing_key
crl_signing_key
T
cert root self SHA256

# Intermediate CA: ECDSA P-256, signed by the root.
key intermediate ecdsa secp256r1
cat > "$tmp/intermediate.tmpl" <<T
cn = "Handshake Lens Test Intermediate CA"
organization = "Handshake Lens Tests"
serial = 1002
activation_date = "2020-01-01 00:00:00"
expiration_date = "2035-01-01 00:00:00"
ca
path_len = 0
cert_signing_key
T
cert intermediate root SHA256

# Server leaf: RSA 2048, DNS + wildcard + IPv4 + IPv6 SANs, both EKUs,
# valid during 2024.
key leaf rsa 2048
cat > "$tmp/leaf.tmpl" <<T
cn = "www.example.test"
organization = "Example Test Site"
serial = 81985529216486895
activation_date = "2024-01-01 00:00:00"
expiration_date = "2025-01-01 00:00:00"
dns_name = "www.example.test"
dns_name = "*.example.test"
dns_name = "example.test"
ip_address = "192.0.2.10"
ip_address = "2001:db8::1"
signing_key
encryption_key
tls_www_server
tls_www_client
T
cert leaf intermediate SHA256

# Expired leaf (valid only in the first half of 2021).
key expired ecdsa secp256r1
cat > "$tmp/expired.tmpl" <<T
cn = "expired.example.test"
serial = 2001
activation_date = "2021-01-01 00:00:00"
expiration_date = "2021-06-01 00:00:00"
dns_name = "expired.example.test"
signing_key
tls_www_server
T
cert expired intermediate SHA256

# Self-signed leaf (not a CA), ECDSA P-384.
key selfsigned ecdsa secp384r1
cat > "$tmp/selfsigned.tmpl" <<T
cn = "selfsigned.example.test"
serial = 3001
activation_date = "2023-01-01 00:00:00"
expiration_date = "2033-01-01 00:00:00"
dns_name = "selfsigned.example.test"
signing_key
tls_www_server
T
cert selfsigned self SHA384

# Client-only EKU: a server must not use it.
key clientonly ecdsa secp256r1
cat > "$tmp/clientonly.tmpl" <<T
cn = "client-only.example.test"
serial = 4001
activation_date = "2024-01-01 00:00:00"
expiration_date = "2026-01-01 00:00:00"
dns_name = "client-only.example.test"
signing_key
tls_www_client
T
cert clientonly intermediate SHA256

# 1024-bit RSA key; serial 200 = 0xc8 is DER-encoded as 00 c8.
key weakkey rsa 1024
cat > "$tmp/weakkey.tmpl" <<T
cn = "weak-key.example.test"
serial = 200
activation_date = "2024-01-01 00:00:00"
expiration_date = "2026-01-01 00:00:00"
dns_name = "weak-key.example.test"
signing_key
encryption_key
tls_www_server
T
cert weakkey intermediate SHA256

# SHA-1 signature from the root (RSA) on a leaf.
key sha1 rsa 2048
cat > "$tmp/sha1.tmpl" <<T
cn = "sha1.example.test"
serial = 6001
activation_date = "2024-01-01 00:00:00"
expiration_date = "2026-01-01 00:00:00"
dns_name = "sha1.example.test"
signing_key
encryption_key
tls_www_server
T
cert sha1 root SHA1

# No subjectAltName: hostname checks fall back to the CN. No EKU at all.
key cnonly ecdsa secp256r1
cat > "$tmp/cnonly.tmpl" <<T
cn = "cn-only.example.test"
serial = 7001
activation_date = "2024-01-01 00:00:00"
expiration_date = "2026-01-01 00:00:00"
signing_key
T
cert cnonly intermediate SHA256

# DNS SANs that do not include the CN, plus wildcards a client must refuse:
# partial-label, too broad, and more than one.
key sanonly ecdsa secp256r1
cat > "$tmp/sanonly.tmpl" <<T
cn = "cn-not-in-san.example.test"
serial = 7501
activation_date = "2024-01-01 00:00:00"
expiration_date = "2026-01-01 00:00:00"
dns_name = "san.example.test"
dns_name = "w*.partial.test"
dns_name = "*.test"
dns_name = "*.*.double.test"
dns_name = "xn--bcher-kva.example"
signing_key
tls_www_server
T
cert sanonly intermediate SHA256

# No CN at all, only an organization and an IP SAN. Ed25519 key.
certtool --generate-privkey --key-type=ed25519 --outfile "$tmp/nocn.key" 2>"$tmp/log" || { cat "$tmp/log" >&2; exit 1; }
cat > "$tmp/nocn.tmpl" <<T
organization = "No Common Name Ltd"
serial = 8001
activation_date = "2024-01-01 00:00:00"
expiration_date = "2026-01-01 00:00:00"
ip_address = "198.51.100.7"
signing_key
tls_www_server
T
cert nocn intermediate SHA256

# A self-signed root that expired long ago: still self-signed.
key oldroot rsa 2048
cat > "$tmp/oldroot.tmpl" <<T
cn = "Handshake Lens Old Root"
serial = 02
activation_date = "2010-01-01 00:00:00"
expiration_date = "2012-01-01 00:00:00"
ca
cert_signing_key
T
cert oldroot self SHA256

# A second, unrelated root (ECDSA) and a leaf under it, carrying the name of a
# TLS inspection product.
key otherroot ecdsa secp256r1
cat > "$tmp/otherroot.tmpl" <<T
cn = "Zscaler Root CA"
organization = "Zscaler Inc."
serial = 09
activation_date = "2020-01-01 00:00:00"
expiration_date = "2040-01-01 00:00:00"
ca
cert_signing_key
T
cert otherroot self SHA256
key intercepted ecdsa secp256r1
cat > "$tmp/intercepted.tmpl" <<T
cn = "www.example.test"
serial = 9001
activation_date = "2024-01-01 00:00:00"
expiration_date = "2025-01-01 00:00:00"
dns_name = "www.example.test"
signing_key
tls_www_server
T
cert intercepted otherroot SHA256

# DER copies: what a TLS Certificate message carries (fuzz seeds use them).
for pem in "$out"/*.pem; do
  certtool --certificate-info --infile "$pem" --outder --outfile "${pem%.pem}.der" 2>"$tmp/log" \
    || { cat "$tmp/log" >&2; exit 1; }
done

echo "certificates written to $out"
