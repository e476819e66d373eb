#!/usr/bin/env bash
# Creates the certificate fixtures used by record.sh in tests/gen/certs/.
# Every certificate has fixed validity dates and serial numbers; only the keys
# (and so the signatures) change when the set is regenerated.
#   make-certs.sh          create the set if it is missing
#   make-certs.sh --force  throw the set away and create it again
# Afterwards run record.sh again: the captures embed these certificates.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$here/certs
if [ "${1:-}" = --force ]; then
  rm -rf "$out"
fi
if [ -f "$out/.complete" ]; then
  echo "certificates already present in $out (use --force to recreate)"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# Fixed dates. The "good" window covers any plausible test-run date.
GOOD_START=20200101000000Z
GOOD_END=20991231235959Z
EXPIRED_START=20200101000000Z
EXPIRED_END=20210101000000Z
FUTURE_START=20900101000000Z
FUTURE_END=20991231235959Z

cat > ca.cnf <<'CNF'
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = ./index.txt
new_certs_dir = ./new
serial = ./serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[ policy_any ]
commonName = supplied
organizationName = optional
organizationalUnitName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = placeholder
[ v3_root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_int ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_server ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:server.test, DNS:www.server.test, DNS:localhost, IP:10.99.0.2, IP:fd00:99::2, IP:127.0.0.1, IP:::1
[ v3_server_ec ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:server.test, DNS:www.server.test, DNS:localhost, IP:10.99.0.2, IP:fd00:99::2
[ v3_wrongname ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:other.test, DNS:www.other.test
[ v3_selfsigned ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
subjectAltName = DNS:server.test, DNS:www.server.test, IP:10.99.0.2, IP:fd00:99::2
[ v3_intercepted ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:www.example.com, DNS:example.com
[ v3_client ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:client.test
CNF

touch index.txt
mkdir new

key() { # name, kind
  case $2 in
    rsa2048) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$out/$1.key" 2>/dev/null ;;
    rsa1024) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$out/$1.key" 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out/$1.key" ;;
  esac
}

# sign NAME SUBJECT-CN ISSUER(name|self) EXTENSIONS SERIAL START END [MD]
sign() {
  local name=$1 cn=$2 issuer=$3 ext=$4 serial=$5 start=$6 end=$7 md=${8:-sha256}
  openssl req -new -config ca.cnf -key "$out/$name.key" -subj "/O=Handshake Lens Tests/CN=$cn" -out "$name.csr"
  echo "$serial" > serial
  if [ "$issuer" = self ]; then
    openssl ca -config ca.cnf -batch -notext -selfsign -keyfile "$out/$name.key" \
      -in "$name.csr" -out "$out/$name.pem" -extensions "$ext" -md "$md" \
      -startdate "$start" -enddate "$end" 2>/dev/null
  else
    openssl ca -config ca.cnf -batch -notext -cert "$out/$issuer.pem" -keyfile "$out/$issuer.key" \
      -in "$name.csr" -out "$out/$name.pem" -extensions "$ext" -md "$md" \
      -startdate "$start" -enddate "$end" 2>/dev/null
  fi
}

# Trusted hierarchy: root -> intermediate -> leaves.
key ca rsa2048
sign ca "Handshake Lens Test Root CA" self v3_root 1001 $GOOD_START $GOOD_END
key int rsa2048
sign int "Handshake Lens Test Intermediate CA" ca v3_int 1002 $GOOD_START $GOOD_END

key server rsa2048
sign server server.test int v3_server 2001 $GOOD_START $GOOD_END
key server-ec p256
sign server-ec server.test int v3_server_ec 2002 $GOOD_START $GOOD_END
key expired rsa2048
sign expired server.test int v3_server 2003 $EXPIRED_START $EXPIRED_END
key notyet rsa2048
sign notyet server.test int v3_server 2004 $FUTURE_START $FUTURE_END
key wrongname rsa2048
sign wrongname other.test int v3_wrongname 2005 $GOOD_START $GOOD_END
key weak rsa1024
sign weak server.test int v3_server 2006 $GOOD_START $GOOD_END
key sha1 rsa2048
sign sha1 server.test int v3_server 2007 $GOOD_START $GOOD_END sha1

# Self-signed leaf.
key selfsigned rsa2048
sign selfsigned server.test self v3_selfsigned 3001 $GOOD_START $GOOD_END

# A CA nobody trusts, and a leaf it signed.
key rogue-ca rsa2048
sign rogue-ca "Rogue Test CA" self v3_root 4001 $GOOD_START $GOOD_END
key untrusted rsa2048
sign untrusted server.test rogue-ca v3_server 4002 $GOOD_START $GOOD_END

# Client authentication: a client CA, a good client, a client from the rogue CA.
key clientca rsa2048
sign clientca "Handshake Lens Test Client CA" self v3_root 5001 $GOOD_START $GOOD_END
key client rsa2048
sign client client.test clientca v3_client 5002 $GOOD_START $GOOD_END
key client-untrusted rsa2048
sign client-untrusted client.test rogue-ca v3_client 5003 $GOOD_START $GOOD_END

# A TLS-inspection proxy's CA (installed on the client) and the certificate
# it forges for a public name.
key inspection-ca rsa2048
sign inspection-ca "Example Corp TLS Inspection CA" self v3_root 6001 $GOOD_START $GOOD_END
key intercepted rsa2048
sign intercepted www.example.com inspection-ca v3_intercepted 6002 $GOOD_START $GOOD_END

# Chains as servers send them (leaf first, then the intermediate).
for leaf in server server-ec expired notyet wrongname weak sha1; do
  cat "$out/$leaf.pem" "$out/int.pem" > "$out/$leaf-chain.pem"
done
cat "$out/untrusted.pem" "$out/rogue-ca.pem" > "$out/untrusted-chain.pem"
cat "$out/intercepted.pem" "$out/inspection-ca.pem" > "$out/intercepted-chain.pem"
# server-leaf-only.pem: the good leaf without its intermediate (incomplete chain).
cp "$out/server.pem" "$out/server-leaf-only.pem"
touch "$out/.complete"
ls "$out"
