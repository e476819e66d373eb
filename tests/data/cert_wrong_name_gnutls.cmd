# scenario cert_wrong_name_gnutls: GnuTLS client asks for server.test, certificate is for other.test
# server: netns hlgen-s, 10.99.0.2 (and fd00:99::2 when IPv6 is up); client: netns hlgen-c, 10.99.0.1 (fd00:99::1)
# veth hlc0 <-> hls0, mtu 1500, gso_max_segs 1; commands run in a directory where certs/ is tests/gen/certs
# capture (client netns): tcpdump -i hlc0 --immediate-mode -U -s 0 -B 32768 -w cert_wrong_name_gnutls.pcap tcp
server: gnutls-serv --echo --disable-client-cert -p 443 --x509certfile certs/wrongname-chain.pem --x509keyfile certs/wrongname.key
client: (printf 'hello from the client\n'; sleep 1) | env SSLKEYLOGFILE=cert_wrong_name_gnutls.keylog gnutls-cli --x509cafile certs/ca.pem --sni-hostname server.test --verify-hostname server.test -p 443 10.99.0.2
