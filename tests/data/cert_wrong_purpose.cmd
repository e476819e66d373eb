# scenario cert_wrong_purpose: Server presents a client-authentication certificate (extendedKeyUsage clientAuth only)
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w cert_wrong_purpose.pcap tcp
server: openssl s_server -accept 443 -rev -cert certs/client.pem -key certs/client.key
client: (printf 'hello from the client\n'; sleep 1) | openssl s_client -connect 10.99.0.2:443 -servername client.test -verify_hostname client.test -CAfile certs/clientca.pem -verify_return_error -keylogfile cert_wrong_purpose.keylog
