# scenario mtls_missing_client_cert_tls12: Server requires a client certificate (TLS 1.2), client sends an empty Certificate
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w mtls_missing_client_cert_tls12.pcap tcp
server: openssl s_server -accept 443 -rev -cert certs/server.pem -cert_chain certs/int.pem -key certs/server.key -Verify 1 -CAfile certs/clientca.pem
client: (printf 'hello from the client\n'; sleep 1) | openssl s_client -connect 10.99.0.2:443 -servername server.test -verify_hostname server.test -CAfile certs/ca.pem -verify_return_error -keylogfile mtls_missing_client_cert_tls12.keylog -tls1_2
