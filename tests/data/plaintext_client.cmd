# scenario plaintext_client: Client sends a plain HTTP request to an OpenSSL TLS server
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w plaintext_client.pcap tcp
server: openssl s_server -accept 443 -rev -cert certs/server.pem -cert_chain certs/int.pem -key certs/server.key
client: python3 hlnet.py plaintext-client 10.99.0.2 443
