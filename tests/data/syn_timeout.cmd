# scenario syn_timeout: A firewall on the server drops the SYNs; the client gives up after 4 s
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w syn_timeout.pcap tcp
nft (server netns):
  table inet hlgen {
    chain input {
      type filter hook input priority 0;
      tcp dport 443 drop
    }
  }
client: timeout 4 openssl s_client -connect 10.99.0.2:443 -servername server.test -verify_hostname server.test -CAfile certs/ca.pem -verify_return_error -keylogfile syn_timeout.keylog
