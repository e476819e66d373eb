# scenario tls12_gnutls_resumption: TLS 1.2 resumption by gnutls-cli --resume against gnutls-serv
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w tls12_gnutls_resumption.pcap tcp
server: gnutls-serv --echo --disable-client-cert -p 443 --x509certfile certs/server-chain.pem --x509keyfile certs/server.key
client: (printf 'hello from the client\n'; sleep 1) | env SSLKEYLOGFILE=tls12_gnutls_resumption.keylog gnutls-cli --x509cafile certs/ca.pem --sni-hostname server.test --verify-hostname server.test -p 443 --resume --priority NORMAL:-VERS-ALL:+VERS-TLS1.2 10.99.0.2
