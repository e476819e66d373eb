# shellcheck shell=bash
# Scenario table and recipes, sourced by record.sh.
#
# meta NAME DESCRIPTION DIAGNOSIS BLAME EVIDENCE INFO EXPECTED_ALERTS
#   DIAGNOSIS  expected primary (first error) diagnosis id, "-" when healthy
#   BLAME      expected blame of that diagnosis, "-" when healthy
#   EVIDENCE   the event that proves it, in words
#   INFO       expected info/warning diagnoses (comma separated, "-" if none)
#   EXPECTED_ALERTS  what record.sh must find in the capture (checked after
#              recording; the same format as the alerts_seen column)
# sc_NAME is the recipe: begin, servers, clients, finish.

SCENARIO_NAMES=()
declare -A SCENARIO_META

meta() {
  local name=$1
  shift
  SCENARIO_NAMES+=("$name")
  local i=2 f
  for f in "$@"; do
    SCENARIO_META[$name,$i]=$f
    i=$((i + 1))
  done
}

scenario_field() { # name index(2..7)
  printf '%s' "${SCENARIO_META[$1,$2]:-}"
}

# ========================================================= server certificate

meta cert_expired "OpenSSL client rejects an expired server certificate (TLS 1.3)" \
  certificate_expired server "client fatal alert certificate_expired after the server Certificate (notAfter 2021-01-01)" \
  - "c2s fatal certificate_expired"
sc_cert_expired() {
  begin cert_expired
  server openssl s_server -accept "$PORT" -rev -cert certs/expired.pem -cert_chain certs/int.pem -key certs/expired.key
  ossl_client
  finish
}

meta cert_expired_tls12 "OpenSSL client rejects an expired server certificate (TLS 1.2, certificate in clear)" \
  certificate_expired server "client fatal alert certificate_expired after the server Certificate (notAfter 2021-01-01)" \
  - "c2s fatal certificate_expired"
sc_cert_expired_tls12() {
  begin cert_expired_tls12
  server openssl s_server -accept "$PORT" -rev -cert certs/expired.pem -cert_chain certs/int.pem -key certs/expired.key
  ossl_client -tls1_2
  finish
}

meta cert_expired_gnutls "GnuTLS client rejects an expired server certificate from a GnuTLS server" \
  certificate_expired server "client fatal alert bad_certificate (GnuTLS does not say why) after the server Certificate (notAfter 2021-01-01)" \
  - "c2s fatal bad_certificate"
sc_cert_expired_gnutls() {
  begin cert_expired_gnutls
  server gnutls-serv --echo --disable-client-cert -p "$PORT" --x509certfile certs/expired-chain.pem --x509keyfile certs/expired.key
  gnutls_client
  finish
}

meta cert_not_yet_valid "OpenSSL client rejects a certificate valid only from 2090" \
  certificate_not_yet_valid server "client fatal alert bad_certificate after the server Certificate (notBefore 2090-01-01)" \
  - "c2s fatal bad_certificate"
sc_cert_not_yet_valid() {
  begin cert_not_yet_valid
  server openssl s_server -accept "$PORT" -rev -cert certs/notyet.pem -cert_chain certs/int.pem -key certs/notyet.key
  ossl_client
  finish
}

meta cert_wrong_name "OpenSSL client asks for server.test, certificate is for other.test" \
  hostname_mismatch server "client fatal alert bad_certificate after a Certificate whose SANs (other.test) do not cover the SNI server.test" \
  - "c2s fatal bad_certificate"
sc_cert_wrong_name() {
  begin cert_wrong_name
  server openssl s_server -accept "$PORT" -rev -cert certs/wrongname.pem -cert_chain certs/int.pem -key certs/wrongname.key
  ossl_client
  finish
}

meta cert_wrong_name_gnutls "GnuTLS client asks for server.test, certificate is for other.test" \
  hostname_mismatch server "client fatal alert bad_certificate after a Certificate whose SANs (other.test) do not cover the SNI server.test" \
  - "c2s fatal bad_certificate"
sc_cert_wrong_name_gnutls() {
  begin cert_wrong_name_gnutls
  server gnutls-serv --echo --disable-client-cert -p "$PORT" --x509certfile certs/wrongname-chain.pem --x509keyfile certs/wrongname.key
  gnutls_client
  finish
}

meta cert_self_signed "OpenSSL client rejects a self-signed server certificate" \
  self_signed_certificate server "client fatal alert unknown_ca after a one-certificate chain whose issuer is its subject" \
  - "c2s fatal unknown_ca"
sc_cert_self_signed() {
  begin cert_self_signed
  server openssl s_server -accept "$PORT" -rev -cert certs/selfsigned.pem -key certs/selfsigned.key
  ossl_client
  finish
}

meta cert_self_signed_gnutls "GnuTLS client rejects a self-signed server certificate" \
  self_signed_certificate server "client fatal alert bad_certificate after a one-certificate chain whose issuer is its subject" \
  - "c2s fatal bad_certificate"
sc_cert_self_signed_gnutls() {
  begin cert_self_signed_gnutls
  server gnutls-serv --echo --disable-client-cert -p "$PORT" --x509certfile certs/selfsigned.pem --x509keyfile certs/selfsigned.key
  gnutls_client
  finish
}

meta cert_untrusted_ca "OpenSSL client rejects a chain that ends in an unknown root (Rogue Test CA)" \
  untrusted_issuer server "client fatal alert unknown_ca after a chain whose root is not in the client's trust store" \
  - "c2s fatal unknown_ca"
sc_cert_untrusted_ca() {
  begin cert_untrusted_ca
  server openssl s_server -accept "$PORT" -rev -cert certs/untrusted.pem -cert_chain certs/rogue-ca.pem -key certs/untrusted.key
  ossl_client
  finish
}

meta cert_untrusted_ca_tls12 "OpenSSL client rejects a chain from an unknown root (TLS 1.2, chain in clear)" \
  untrusted_issuer server "client fatal alert unknown_ca after a chain whose root is not in the client's trust store" \
  - "c2s fatal unknown_ca"
sc_cert_untrusted_ca_tls12() {
  begin cert_untrusted_ca_tls12
  server openssl s_server -accept "$PORT" -rev -cert certs/untrusted.pem -cert_chain certs/rogue-ca.pem -key certs/untrusted.key
  ossl_client -tls1_2
  finish
}

meta cert_untrusted_ca_gnutls "GnuTLS client rejects a chain from an unknown root" \
  untrusted_issuer server "client fatal alert bad_certificate after a chain whose root is not in the client's trust store" \
  - "c2s fatal bad_certificate"
sc_cert_untrusted_ca_gnutls() {
  begin cert_untrusted_ca_gnutls
  server gnutls-serv --echo --disable-client-cert -p "$PORT" --x509certfile certs/untrusted-chain.pem --x509keyfile certs/untrusted.key
  gnutls_client
  finish
}

meta cert_incomplete_chain "Server sends its leaf without the intermediate; OpenSSL client cannot build a chain" \
  incomplete_certificate_chain server "client fatal alert unknown_ca after a Certificate with only the leaf, issued by an intermediate the client lacks" \
  - "c2s fatal unknown_ca"
sc_cert_incomplete_chain() {
  begin cert_incomplete_chain
  server openssl s_server -accept "$PORT" -rev -cert certs/server-leaf-only.pem -key certs/server.key
  ossl_client
  finish
}

meta cert_weak_key "OpenSSL client (security level 2) rejects a 1024-bit RSA server key" \
  weak_certificate_key server "client fatal alert bad_certificate after a Certificate with a 1024-bit RSA key" \
  - "c2s fatal bad_certificate"
sc_cert_weak_key() {
  begin cert_weak_key
  server openssl s_server -accept "$PORT" -rev -cert certs/weak.pem -cert_chain certs/int.pem -key certs/weak.key \
    -cipher 'DEFAULT:@SECLEVEL=0'
  ossl_client
  finish
}

meta cert_sha1_signature "OpenSSL client (security level 2) rejects a leaf signed with SHA-1" \
  weak_signature_algorithm server "client fatal alert bad_certificate after a Certificate signed sha1WithRSAEncryption" \
  - "c2s fatal bad_certificate"
sc_cert_sha1_signature() {
  begin cert_sha1_signature
  server openssl s_server -accept "$PORT" -rev -cert certs/sha1.pem -cert_chain certs/int.pem -key certs/sha1.key \
    -cipher 'DEFAULT:@SECLEVEL=0'
  ossl_client
  finish
}

meta cert_wrong_purpose "Server presents a client-authentication certificate (extendedKeyUsage clientAuth only)" \
  certificate_wrong_purpose server "client fatal alert unsupported_certificate after a Certificate without serverAuth" \
  - "c2s fatal unsupported_certificate"
sc_cert_wrong_purpose() {
  begin cert_wrong_purpose
  server openssl s_server -accept "$PORT" -rev -cert certs/client.pem -key certs/client.key
  client -i "$FEED_LINE" openssl s_client -connect "$S_IP:$PORT" -servername client.test \
    -verify_hostname client.test -CAfile certs/clientca.pem -verify_return_error -keylogfile "$SCN.keylog"
  finish
}

meta client_clock_skew "Client verifies as of 2101-01-01 (openssl -attime 4133980800): calls a valid certificate expired" \
  client_clock_skew client "client fatal alert certificate_expired although the certificate is valid at the capture's time" \
  - "c2s fatal certificate_expired"
sc_client_clock_skew() {
  begin client_clock_skew
  ossl_server
  ossl_client -attime 4133980800
  finish
}

meta tls_interception "Client trusts a TLS-inspection CA; the 'proxy' serves www.example.com with a certificate from that CA" \
  - - "handshake succeeds, but the chain for the public name www.example.com ends in 'Example Corp TLS Inspection CA'" \
  "handshake_ok,tls_interception_suspected" "c2s warning close_notify; s2c warning close_notify"
sc_tls_interception() {
  begin tls_interception
  server openssl s_server -accept "$PORT" -rev -cert certs/intercepted.pem -cert_chain certs/inspection-ca.pem \
    -key certs/intercepted.key
  client -i "$FEED_LINE" openssl s_client -connect "$S_IP:$PORT" -servername www.example.com \
    -verify_hostname www.example.com -CAfile certs/inspection-ca.pem -verify_return_error -keylogfile "$SCN.keylog"
  finish
}

# ========================================================= negotiation

meta version_mismatch "Server speaks TLS 1.3 only, client at most TLS 1.2" \
  protocol_version_mismatch client "server fatal alert protocol_version answering a ClientHello without TLS 1.3 in supported_versions" \
  - "s2c fatal protocol_version"
sc_version_mismatch() {
  begin version_mismatch
  ossl_server -tls1_3
  ossl_client -tls1_2
  finish
}

meta no_shared_cipher "TLS 1.2 with disjoint cipher suite lists" \
  no_shared_cipher server "server fatal alert handshake_failure answering a ClientHello whose suites the server does not enable" \
  - "s2c fatal handshake_failure"
sc_no_shared_cipher() {
  begin no_shared_cipher
  ossl_server -tls1_2 -cipher AES256-GCM-SHA384
  ossl_client -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
  finish
}

meta no_shared_group "TLS 1.3 with disjoint key-exchange groups (server P-384, client X25519)" \
  no_shared_group server "server fatal alert handshake_failure answering a ClientHello whose supported_groups the server does not enable" \
  - "s2c fatal handshake_failure"
sc_no_shared_group() {
  begin no_shared_group
  ossl_server -tls1_3 -groups P-384
  ossl_client -groups X25519
  finish
}

meta inappropriate_fallback "Client retries with TLS 1.2 and TLS_FALLBACK_SCSV against a TLS 1.3 server" \
  inappropriate_fallback client "server fatal alert inappropriate_fallback answering a ClientHello with TLS_FALLBACK_SCSV" \
  - "s2c fatal inappropriate_fallback"
sc_inappropriate_fallback() {
  begin inappropriate_fallback
  ossl_server
  ossl_client -tls1_2 -fallback_scsv
  finish
}

meta sni_unrecognized "GnuTLS server knows only other.test and refuses SNI server.test fatally" \
  sni_unrecognized_name client "server fatal alert unrecognized_name answering a ClientHello with SNI server.test" \
  - "s2c fatal unrecognized_name"
sc_sni_unrecognized() {
  begin sni_unrecognized
  gnutls_server --sni-hostname other.test --sni-hostname-fatal
  ossl_client
  finish
}

meta alpn_mismatch "GnuTLS server offers only h2 (fatal on mismatch), client asks for http/1.1" \
  alpn_mismatch client "server fatal alert no_application_protocol answering a ClientHello with ALPN http/1.1" \
  - "s2c fatal no_application_protocol"
sc_alpn_mismatch() {
  begin alpn_mismatch
  gnutls_server --alpn h2 --alpn-fatal
  ossl_client -alpn http/1.1
  finish
}

meta renegotiation_refused "TLS 1.2 client asks to renegotiate; OpenSSL 3 server refuses client-initiated renegotiation" \
  renegotiation_refused client "server warning alert no_renegotiation answering the client's encrypted second ClientHello" \
  - "s2c warning no_renegotiation; c2s fatal handshake_failure"
sc_renegotiation_refused() {
  begin renegotiation_refused
  ossl_server -tls1_2
  ossl_client_args
  client -i "printf 'hello\\n'; sleep 0.5; printf 'R\\n'; sleep 0.5; printf 'bye\\n'; sleep 0.5" "${OSSL_CLIENT[@]}" -tls1_2
  finish
}

# ========================================================= client authentication

meta mtls_missing_client_cert "Server requires a client certificate (TLS 1.3), client has none" \
  client_certificate_missing client "server fatal alert certificate_required after the client's empty Certificate" \
  - "s2c fatal certificate_required"
sc_mtls_missing_client_cert() {
  begin mtls_missing_client_cert
  ossl_server -Verify 1 -CAfile certs/clientca.pem
  ossl_client
  finish
}

meta mtls_missing_client_cert_tls12 "Server requires a client certificate (TLS 1.2), client sends an empty Certificate" \
  client_certificate_missing client "server fatal alert handshake_failure after the client's empty Certificate" \
  - "s2c fatal handshake_failure"
sc_mtls_missing_client_cert_tls12() {
  begin mtls_missing_client_cert_tls12
  ossl_server -Verify 1 -CAfile certs/clientca.pem
  ossl_client -tls1_2
  finish
}

meta mtls_untrusted_client_cert "Client presents a certificate from a CA the server does not trust" \
  client_certificate_untrusted client "server fatal alert unknown_ca after the client's Certificate" \
  - "s2c fatal unknown_ca"
sc_mtls_untrusted_client_cert() {
  begin mtls_untrusted_client_cert
  ossl_server -Verify 1 -CAfile certs/clientca.pem -verify_return_error
  ossl_client -cert certs/client-untrusted.pem -key certs/client-untrusted.key
  finish
}

# ========================================================= TCP and stalls

meta refused_port "Nothing listens on the server port: the SYN is answered by a RST" \
  connection_refused server "RST/ACK answering the client's SYN" \
  - none
sc_refused_port() {
  begin refused_port
  ossl_client
  finish
}

meta syn_timeout "A firewall on the server drops the SYNs; the client gives up after 4 s" \
  tcp_connect_timeout network "SYN sent four times (0, 1, 2, 3 s: Linux 6 linear SYN timeouts), never answered" \
  - none
sc_syn_timeout() {
  begin syn_timeout
  nft_rules 'table inet hlgen {
  chain input {
    type filter hook input priority 0;
    tcp dport 443 drop
  }
}'
  ossl_client_args
  client timeout 4 "${OSSL_CLIENT[@]}"
  finish
}

meta silent_server "Server accepts the connection and reads the ClientHello but never answers; client gives up after 3 s" \
  server_no_response_handshake_timeout server "ClientHello acknowledged, then 3 s without a byte from the server, then the client's FIN" \
  - none
sc_silent_server() {
  begin silent_server
  server python3 hlnet.py silent "$PORT"
  ossl_client_args
  client timeout 3 "${OSSL_CLIENT[@]}"
  finish
}

meta server_close_after_clienthello "Server reads the ClientHello and closes the connection (FIN) without an alert" \
  server_closed_without_alert server "server FIN right after the ClientHello, no alert from the server (OpenSSL's client then sends decode_error into the closed socket and gets a RST)" \
  - "c2s fatal decode_error"
sc_server_close_after_clienthello() {
  begin server_close_after_clienthello
  server python3 hlnet.py close-after-hello "$PORT"
  ossl_client
  finish
}

meta server_reset_after_clienthello "Server reads the ClientHello and resets the connection" \
  server_reset_after_clienthello server "server RST right after the ClientHello" \
  - none
sc_server_reset_after_clienthello() {
  begin server_reset_after_clienthello
  server python3 hlnet.py reset-after-hello "$PORT"
  ossl_client
  finish
}

meta clienthello_blackholed "A filter drops every TCP segment with payload to port 443: the handshake completes, the ClientHello never arrives" \
  clienthello_blackholed network "ClientHello retransmitted, never acknowledged, no byte from the server; client gives up after 5 s" \
  - none
sc_clienthello_blackholed() {
  begin clienthello_blackholed
  ossl_server
  nft_rules 'table inet hlgen {
  chain input {
    type filter hook input priority 0;
    tcp dport 443 ip length > 100 drop
  }
}'
  ossl_client_args
  client timeout 5 "${OSSL_CLIENT[@]}"
  finish
}

meta client_closed_without_alert "Client sends a ClientHello, reads the server's first flight and closes without an alert" \
  client_closed_without_alert client "client FIN after the server's handshake flight, no alert from the client (OpenSSL's server answers decode_error, the closed client socket resets)" \
  - "s2c fatal decode_error"
sc_client_closed_without_alert() {
  begin client_closed_without_alert
  ossl_server
  client python3 hlnet.py hello-then-close "$S_IP" "$PORT" server.test "$SCN.keylog"
  finish
}

meta slow_handshake "The server side answers the ClientHello only after 1.5 s (delaying proxy in front of openssl s_server)" \
  - - "1.5 s between the ClientHello and the ServerHello; the handshake then completes" \
  "slow_handshake,handshake_ok" "c2s warning close_notify; s2c warning close_notify"
sc_slow_handshake() {
  begin slow_handshake
  server -p 4433 openssl s_server -accept 127.0.0.1:4433 -rev -cert certs/server.pem -cert_chain certs/int.pem \
    -key certs/server.key
  server python3 hlnet.py delay-proxy "$PORT" 127.0.0.1:4433 1.5
  ossl_client_args
  client -i "printf 'hello from the client\\n'; sleep 2.5" "${OSSL_CLIENT[@]}"
  finish
}

meta bad_record_mac "A proxy flips one bit of the client's encrypted Finished; the server cannot authenticate it" \
  bad_record_mac middlebox "server fatal alert bad_record_mac after the client's Finished record" \
  - "s2c fatal bad_record_mac"
sc_bad_record_mac() {
  begin bad_record_mac
  server -p 4433 openssl s_server -accept 127.0.0.1:4433 -rev -cert certs/server.pem -cert_chain certs/int.pem \
    -key certs/server.key
  server python3 hlnet.py corrupt-proxy "$PORT" 127.0.0.1:4433
  ossl_client
  finish
}

# ========================================================= not TLS

meta http_on_tls_port "Client speaks TLS to a plain HTTP server, which answers 400 Bad Request" \
  server_not_tls server "the server's first bytes are 'HTTP/1.1 400', not a TLS record" \
  - none
sc_http_on_tls_port() {
  begin http_on_tls_port
  server python3 hlnet.py http "$PORT"
  ossl_client
  finish
}

meta plaintext_client "Client sends a plain HTTP request to an OpenSSL TLS server" \
  client_not_tls client "the client's first bytes are 'GET / HTTP/1.1', not a TLS record; the server closes" \
  - none
sc_plaintext_client() {
  begin plaintext_client
  ossl_server
  client python3 hlnet.py plaintext-client "$S_IP" "$PORT"
  finish
}

# ========================================================= healthy

meta tls13_basic "OpenSSL s_server and s_client, TLS 1.3, one line each way, clean close" \
  - - "complete handshake, application data both ways, close_notify both ways" \
  handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_tls13_basic() {
  begin tls13_basic
  ossl_server
  ossl_client
  finish
  embed_secrets tls13_basic
}

meta tls13_gnutls "gnutls-serv and gnutls-cli, TLS 1.3, one line echoed, clean close" \
  - - "complete handshake, application data both ways, close_notify" \
  handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_tls13_gnutls() {
  begin tls13_gnutls
  gnutls_server
  gnutls_client
  finish
}

meta tls12_ecdhe "TLS 1.2 ECDHE-RSA-AES128-GCM-SHA256 (OpenSSL both sides)" \
  - - "complete TLS 1.2 handshake, application data both ways" \
  handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_tls12_ecdhe() {
  begin tls12_ecdhe
  ossl_server
  ossl_client -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
  finish
  embed_secrets tls12_ecdhe
}

meta tls12_rsa_kex "TLS 1.2 AES128-SHA256 with RSA key exchange" \
  - - "complete TLS 1.2 handshake with RSA key transport (no ServerKeyExchange)" \
  handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_tls12_rsa_kex() {
  begin tls12_rsa_kex
  ossl_server
  ossl_client -tls1_2 -cipher AES128-SHA256
  finish
}

meta tls12_resumption "TLS 1.2: full handshake, then a second connection resumes it with the session ticket" \
  - - "second connection: ServerHello, ChangeCipherSpec, Finished without Certificate" \
  "handshake_ok,session_resumed" "c2s warning close_notify; s2c warning close_notify; c2s warning close_notify; s2c warning close_notify"
sc_tls12_resumption() {
  begin tls12_resumption
  ossl_server
  ossl_client -tls1_2 -sess_out sess.pem
  ossl_client -tls1_2 -sess_in sess.pem
  finish
}

meta tls12_resumption_id "TLS 1.2 without tickets: the second connection resumes by session ID" \
  - - "second ClientHello carries the first session ID; server echoes it and skips Certificate" \
  "handshake_ok,session_resumed" "c2s warning close_notify; s2c warning close_notify; c2s warning close_notify; s2c warning close_notify"
sc_tls12_resumption_id() {
  begin tls12_resumption_id
  ossl_server -no_ticket
  ossl_client -tls1_2 -no_ticket -sess_out sess.pem
  ossl_client -tls1_2 -no_ticket -sess_in sess.pem
  finish
}

meta tls13_resumption "TLS 1.3: full handshake, then a PSK resumption with the ticket" \
  - - "second ClientHello has pre_shared_key; server accepts it and sends no Certificate" \
  "handshake_ok,session_resumed" "c2s warning close_notify; s2c warning close_notify; c2s warning close_notify; s2c warning close_notify"
sc_tls13_resumption() {
  begin tls13_resumption
  ossl_server
  ossl_client -sess_out sess.pem
  ossl_client -sess_in sess.pem
  finish
}

meta tls13_hrr "TLS 1.3 HelloRetryRequest: client key share X25519, server accepts only P-384" \
  - - "ServerHello with the HRR random asks for P-384; second ClientHello; handshake completes" \
  "handshake_ok,hello_retry_request" "c2s warning close_notify; s2c warning close_notify"
sc_tls13_hrr() {
  begin tls13_hrr
  ossl_server -groups P-384
  ossl_client -groups X25519:P-384
  finish
}

meta tls13_key_update "TLS 1.3 KeyUpdate: the client updates its keys and requests the server's (s_client 'K' command) between two lines" \
  - - "encrypted KeyUpdate(update_requested) from the client, KeyUpdate from the server, data continues under the next traffic secrets" \
  handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_tls13_key_update() {
  begin tls13_key_update
  ossl_server
  ossl_client_args
  client -i "printf 'hello\\n'; sleep 0.5; printf 'K\\n'; sleep 0.5; printf 'bye\\n'; sleep 0.5" "${OSSL_CLIENT[@]}"
  finish
}

meta tls12_renegotiation "TLS 1.2 client-initiated secure renegotiation (server allows it)" \
  - - "a second, encrypted ClientHello/ServerHello exchange inside the first session" \
  "handshake_ok,renegotiation" "c2s warning close_notify; s2c warning close_notify"
sc_tls12_renegotiation() {
  begin tls12_renegotiation
  ossl_server -tls1_2 -client_renegotiation
  ossl_client_args
  client -i "printf 'hello\\n'; sleep 0.5; printf 'R\\n'; sleep 0.5; printf 'bye\\n'; sleep 0.5" "${OSSL_CLIENT[@]}" -tls1_2
  finish
}

meta mtls_ok "Mutual TLS 1.3: server requires a client certificate, client sends a trusted one" \
  - - "CertificateRequest, client Certificate and CertificateVerify (encrypted), handshake completes" \
  handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_mtls_ok() {
  begin mtls_ok
  ossl_server -Verify 1 -CAfile certs/clientca.pem
  ossl_client -cert certs/client.pem -key certs/client.key
  finish
}

meta mtls_ok_tls12 "Mutual TLS 1.2: client certificate visible in clear" \
  - - "CertificateRequest, client Certificate and CertificateVerify in clear, handshake completes" \
  handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_mtls_ok_tls12() {
  begin mtls_ok_tls12
  ossl_server -Verify 1 -CAfile certs/clientca.pem
  ossl_client -tls1_2 -cert certs/client.pem -key certs/client.key
  finish
}

meta starttls_smtp "SMTP STARTTLS on port 25: plain SMTP preamble, then TLS 1.3 (Python ssl server, openssl -starttls smtp)" \
  - - "220/EHLO/STARTTLS in clear, then a TLS handshake on the same connection" \
  handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_starttls_smtp() {
  begin starttls_smtp
  server -p 25 python3 hlnet.py smtp 25 certs/server-chain.pem certs/server.key
  client -i "printf 'EHLO client.test\\n'; sleep 0.5; printf 'QUIT\\n'; sleep 0.5" openssl s_client \
    -connect "$S_IP:25" -starttls smtp -name client.test -servername server.test -verify_hostname server.test \
    -CAfile certs/ca.pem -verify_return_error -keylogfile "$SCN.keylog"
  finish
}

meta ipv6 "TLS 1.3 over IPv6 (fd00:99::1 -> fd00:99::2)" \
  - - "complete handshake over IPv6" \
  handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_ipv6() {
  begin ipv6
  server openssl s_server -6 -accept "$PORT" -rev -cert certs/server.pem -cert_chain certs/int.pem -key certs/server.key
  client -i "$FEED_LINE" openssl s_client -connect "[$S_IP6]:$PORT" -servername server.test \
    -verify_hostname server.test -CAfile certs/ca.pem -verify_return_error -keylogfile "$SCN.keylog"
  finish
}

meta small_segments "TLS 1.3 over a 200-byte MTU: ClientHello and server flight span many TCP segments" \
  - - "handshake messages reassembled from many small segments" \
  handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_small_segments() {
  begin small_segments 200
  ossl_server
  ossl_client
  finish
}

meta tls10_legacy "TLS 1.0 (both sides at security level 0) with ECDHE-RSA-AES128-SHA" \
  - - "ServerHello selects TLS 1.0" \
  "handshake_ok,legacy_protocol_version" "c2s warning close_notify; s2c warning close_notify"
sc_tls10_legacy() {
  begin tls10_legacy
  ossl_server -tls1 -cipher 'DEFAULT:@SECLEVEL=0'
  ossl_client -tls1 -cipher 'ECDHE-RSA-AES128-SHA:@SECLEVEL=0'
  finish
}

# ========================================================= cipher suites (decryption tests)

cipher13() { # name suite
  begin "$1"
  ossl_server -ciphersuites "$2"
  ossl_client -ciphersuites "$2"
  finish
}
cipher12() { # name suite [server extra args...]
  local name=$1 suite=$2
  shift 2
  begin "$name"
  ossl_server -tls1_2 "$@"
  ossl_client -tls1_2 -cipher "$suite"
  finish
}

OK2="c2s warning close_notify; s2c warning close_notify"

meta tls13_aes128gcm "TLS 1.3 TLS_AES_128_GCM_SHA256 (OpenSSL)" - - "decryptable handshake and data" handshake_ok "$OK2"
sc_tls13_aes128gcm() { cipher13 tls13_aes128gcm TLS_AES_128_GCM_SHA256; }
meta tls13_aes256gcm "TLS 1.3 TLS_AES_256_GCM_SHA384 (OpenSSL)" - - "decryptable handshake and data" handshake_ok "$OK2"
sc_tls13_aes256gcm() { cipher13 tls13_aes256gcm TLS_AES_256_GCM_SHA384; }
meta tls13_chacha20 "TLS 1.3 TLS_CHACHA20_POLY1305_SHA256 (OpenSSL)" - - "decryptable handshake and data" handshake_ok "$OK2"
sc_tls13_chacha20() { cipher13 tls13_chacha20 TLS_CHACHA20_POLY1305_SHA256; }
meta tls13_aes128ccm "TLS 1.3 TLS_AES_128_CCM_SHA256 (OpenSSL)" - - "decryptable handshake and data" handshake_ok "$OK2"
sc_tls13_aes128ccm() { cipher13 tls13_aes128ccm TLS_AES_128_CCM_SHA256; }

meta tls12_aes256gcm "TLS 1.2 ECDHE-RSA-AES256-GCM-SHA384 (OpenSSL)" - - "decryptable handshake and data" handshake_ok "$OK2"
sc_tls12_aes256gcm() { cipher12 tls12_aes256gcm ECDHE-RSA-AES256-GCM-SHA384; }
meta tls12_chacha20 "TLS 1.2 ECDHE-RSA-CHACHA20-POLY1305 (OpenSSL)" - - "decryptable handshake and data" handshake_ok "$OK2"
sc_tls12_chacha20() { cipher12 tls12_chacha20 ECDHE-RSA-CHACHA20-POLY1305; }
meta tls12_aes128ccm "TLS 1.2 AES128-CCM (RSA key exchange, AES-CCM) (OpenSSL)" - - "decryptable handshake and data" handshake_ok "$OK2"
sc_tls12_aes128ccm() { cipher12 tls12_aes128ccm AES128-CCM -cipher 'AES128-CCM'; }
meta tls12_ecdsa_aes128ccm "TLS 1.2 ECDHE-ECDSA-AES128-CCM with a P-256 server certificate (OpenSSL)" - - "decryptable handshake and data" handshake_ok "$OK2"
sc_tls12_ecdsa_aes128ccm() {
  begin tls12_ecdsa_aes128ccm
  server openssl s_server -accept "$PORT" -rev -cert certs/server-ec.pem -cert_chain certs/int.pem -key certs/server-ec.key \
    -tls1_2 -cipher ECDHE-ECDSA-AES128-CCM
  ossl_client -tls1_2 -cipher ECDHE-ECDSA-AES128-CCM
  finish
}
meta tls12_cbc_mte "TLS 1.2 ECDHE-RSA-AES128-SHA, MAC-then-encrypt (server -no_etm)" - - "decryptable handshake and data (CBC, no encrypt_then_mac)" handshake_ok "$OK2"
sc_tls12_cbc_mte() { cipher12 tls12_cbc_mte ECDHE-RSA-AES128-SHA -no_etm; }
meta tls12_cbc_etm "TLS 1.2 ECDHE-RSA-AES128-SHA with encrypt_then_mac (OpenSSL default)" - - "decryptable handshake and data (CBC, encrypt_then_mac)" handshake_ok "$OK2"
sc_tls12_cbc_etm() { cipher12 tls12_cbc_etm ECDHE-RSA-AES128-SHA; }
meta tls12_cbc_sha384 "TLS 1.2 ECDHE-RSA-AES256-SHA384 (CBC, SHA-384 PRF and HMAC, encrypt_then_mac)" - - "decryptable handshake and data" handshake_ok "$OK2"
sc_tls12_cbc_sha384() { cipher12 tls12_cbc_sha384 ECDHE-RSA-AES256-SHA384; }
meta tls12_3des "TLS 1.2 TLS_RSA_WITH_3DES_EDE_CBC_SHA (DES-CBC3-SHA) between gnutls-serv and gnutls-cli (this OpenSSL build has no 3DES suites)" \
  - - "decryptable handshake and data; 3DES is a weak cipher" "handshake_ok,weak_cipher_suite" "c2s warning close_notify; s2c warning close_notify"
sc_tls12_3des() {
  local prio='NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+3DES-CBC:-MAC-ALL:+SHA1:-KX-ALL:+RSA'
  begin tls12_3des
  gnutls_server --priority "$prio"
  gnutls_client --priority "$prio"
  finish
}

meta tls13_gnutls_chacha20 "TLS 1.3 CHACHA20-POLY1305 between gnutls-serv and gnutls-cli" - - "decryptable handshake and data" handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_tls13_gnutls_chacha20() {
  begin tls13_gnutls_chacha20
  gnutls_server
  gnutls_client --priority 'NORMAL:-CIPHER-ALL:+CHACHA20-POLY1305'
  finish
}
meta tls12_gnutls_aes256gcm "TLS 1.2 ECDHE-RSA-AES-256-GCM between gnutls-serv and gnutls-cli" - - "decryptable handshake and data" handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_tls12_gnutls_aes256gcm() {
  begin tls12_gnutls_aes256gcm
  gnutls_server
  gnutls_client --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-256-GCM:-KX-ALL:+ECDHE-RSA'
  finish
}
meta tls12_gnutls_cbc "TLS 1.2 ECDHE-RSA-AES-128-CBC-SHA1 between gnutls-serv and gnutls-cli (encrypt_then_mac)" - - "decryptable handshake and data" handshake_ok "c2s warning close_notify; s2c warning close_notify"
sc_tls12_gnutls_cbc() {
  begin tls12_gnutls_cbc
  gnutls_server
  gnutls_client --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+AES-128-CBC:-MAC-ALL:+SHA1:-KX-ALL:+ECDHE-RSA'
  finish
}
meta tls12_gnutls_resumption "TLS 1.2 resumption by gnutls-cli --resume against gnutls-serv" - - "second connection resumes the first session" \
  "handshake_ok,session_resumed" "c2s warning close_notify; s2c warning close_notify; c2s warning close_notify; s2c warning close_notify"
sc_tls12_gnutls_resumption() {
  begin tls12_gnutls_resumption
  gnutls_server
  gnutls_client --resume --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.2'
  finish
}
