# scenario slow_handshake: The server side answers the ClientHello only after 1.5 s (delaying proxy in front of openssl s_server)
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w slow_handshake.pcap tcp
server: openssl s_server -accept 127.0.0.1:4433 -rev -cert certs/server.pem -cert_chain certs/int.pem -key certs/server.key
server: python3 hlnet.py delay-proxy 443 127.0.0.1:4433 1.5
client: (printf 'hello from the client\n'; sleep 2.5) | openssl s_client -connect 10.99.0.2:443 -servername server.test -verify_hostname server.test -CAfile certs/ca.pem -verify_return_error -keylogfile slow_handshake.keylog
