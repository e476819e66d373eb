# scenario tls12_chacha20: TLS 1.2 ECDHE-RSA-CHACHA20-POLY1305 (OpenSSL)
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w tls12_chacha20.pcap tcp
server: openssl s_server -accept 443 -rev -cert certs/server.pem -cert_chain certs/int.pem -key certs/server.key -tls1_2
client: (printf 'hello from the client\n'; sleep 1) | openssl s_client -connect 10.99.0.2:443 -servername server.test -verify_hostname server.test -CAfile certs/ca.pem -verify_return_error -keylogfile tls12_chacha20.keylog -tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305
