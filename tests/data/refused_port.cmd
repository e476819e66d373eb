# scenario refused_port: Nothing listens on the server port: the SYN is answered by a RST
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w refused_port.pcap tcp
client: (printf 'hello from the client\n'; sleep 1) | openssl s_client -connect 10.99.0.2:443 -servername server.test -verify_hostname server.test -CAfile certs/ca.pem -verify_return_error -keylogfile refused_port.keylog
