# scenario tls_interception: Client trusts a TLS-inspection CA; the 'proxy' serves www.example.com with a certificate from that CA
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w tls_interception.pcap tcp
server: openssl s_server -accept 443 -rev -cert certs/intercepted.pem -cert_chain certs/inspection-ca.pem -key certs/intercepted.key
client: (printf 'hello from the client\n'; sleep 1) | openssl s_client -connect 10.99.0.2:443 -servername www.example.com -verify_hostname www.example.com -CAfile certs/inspection-ca.pem -verify_return_error -keylogfile tls_interception.keylog
