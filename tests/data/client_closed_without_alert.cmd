# scenario client_closed_without_alert: Client sends a ClientHello, reads the server's first flight and closes without an alert
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w client_closed_without_alert.pcap tcp
server: openssl s_server -accept 443 -rev -cert certs/server.pem -cert_chain certs/int.pem -key certs/server.key
client: python3 hlnet.py hello-then-close 10.99.0.2 443 server.test client_closed_without_alert.keylog
