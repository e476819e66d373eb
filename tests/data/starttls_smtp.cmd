# scenario starttls_smtp: SMTP STARTTLS on port 25: plain SMTP preamble, then TLS 1.3 (Python ssl server, openssl -starttls smtp)
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w starttls_smtp.pcap tcp
server: python3 hlnet.py smtp 25 certs/server-chain.pem certs/server.key
client: (printf 'EHLO client.test\n'; sleep 0.5; printf 'QUIT\n'; sleep 0.5) | openssl s_client -connect 10.99.0.2:25 -starttls smtp -name client.test -servername server.test -verify_hostname server.test -CAfile certs/ca.pem -verify_return_error -keylogfile starttls_smtp.keylog
