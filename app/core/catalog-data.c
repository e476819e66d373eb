/* catalog-data.c: the texts of the explanation catalog.
 *
 * One entry per handshake message, extension that matters, alert, timeline
 * event kind and diagnosis id.  Beginner texts use everyday words; expert
 * texts name fields, values and the RFC section.
 *
 * TRANSLATORS: keep every {placeholder} exactly as it is (it is replaced by a
 * value such as an address, a name or a date); you may move it.
 */
#include "catalog-private.h"
#include "i18n.h"

#define RFC(n, s)  "RFC " #n ", section " s, "https://www.rfc-editor.org/rfc/rfc" #n "#section-" s
#define RFC_APPENDIX(n, s)  "RFC " #n ", appendix " s, "https://www.rfc-editor.org/rfc/rfc" #n "#appendix-" s
#define RFC_WHOLE(n)  "RFC " #n, "https://www.rfc-editor.org/rfc/rfc" #n
#define NO_RFC  NULL, NULL

#define M HL_CATALOG_MESSAGE
#define X HL_CATALOG_EXTENSION
#define A HL_CATALOG_ALERT
#define V HL_CATALOG_EVENT
#define D HL_CATALOG_DIAGNOSIS

const HlCatalogEntry hl_catalog_data[] = {

  /* ---- handshake messages ------------------------------------------------ */

  { M, "client_hello", N_("ClientHello"),
    N_("Your computer ({client}) says hello to the server ({server}) and lists everything it can do: "
       "the TLS versions it speaks ({versions_offered}), {cipher_count} ways to encrypt, and the name "
       "of the site it wants ({sni}). Nothing is secret yet, so anyone on the path can read this "
       "message. The server picks from these lists in its answer."),
    N_("ClientHello (handshake type 1, frame {frame}): legacy_version (0x0303 for TLS 1.2 and 1.3 "
       "clients), a 32-byte random, legacy_session_id, cipher_suites ({cipher_count} offered: "
       "{ciphers_offered}), legacy_compression_methods and {extension_count} extensions. TLS 1.3 "
       "clients list their real versions in supported_versions ({versions_offered}) and start the key "
       "exchange at once in key_share; server_name carries the SNI ({sni}). TLS 1.2: RFC 5246, "
       "section 7.4.1.2."),
    RFC (8446, "4.1.2") },

  { M, "server_hello", N_("ServerHello"),
    N_("The server answers with its choices: TLS version {version} and the cipher suite {cipher}. From "
       "this point both sides can compute the same secret keys without ever sending them over the "
       "network. In TLS 1.3 everything after this message is encrypted."),
    N_("ServerHello (handshake type 2, frame {frame}): legacy_version, random, legacy_session_id_echo, "
       "cipher_suite ({cipher}), legacy_compression_method 0 and extensions. TLS 1.3 is signalled in "
       "supported_versions ({version}) and the (EC)DHE exchange completes in key_share ({group}). A TLS "
       "1.3 server that negotiates an older version puts the downgrade sentinel 44 4F 57 4E 47 52 44 "
       "01 (TLS 1.2) or ...00 (TLS 1.1 and older) in the last 8 bytes of its random."),
    RFC (8446, "4.1.3") },

  { M, "hello_retry_request", N_("HelloRetryRequest"),
    N_("The server cannot use the key material your computer sent first, so it asks for another try "
       "with a different kind of key exchange ({group}). The connection still works; it just costs one "
       "more trip across the network."),
    N_("A ServerHello whose random is SHA-256(\"HelloRetryRequest\") = CF 21 AD 74 E5 9A 61 11 BE 1D 8C "
       "02 1E 65 B8 91 C2 A2 11 16 7A BB 8C 5E 07 9E 09 E2 C8 A8 33 9C. Its key_share extension holds "
       "only the selected_group ({group}); it may carry a cookie. The client sends a second "
       "ClientHello, and the first one is replaced in the transcript by a synthetic message_hash."),
    RFC (8446, "4.1.4") },

  { M, "encrypted_extensions", N_("EncryptedExtensions"),
    N_("The first encrypted message from the server: extra settings that are not needed to set up the "
       "keys, such as the application protocol the server picked ({alpn}). Sending them encrypted keeps "
       "them away from onlookers."),
    N_("EncryptedExtensions (handshake type 8), protected with the server handshake traffic key: the "
       "extensions not needed for key establishment, e.g. application_layer_protocol_negotiation "
       "({alpn}), an empty server_name acknowledging SNI, supported_groups, early_data, "
       "record_size_limit. Mandatory in every TLS 1.3 handshake."),
    RFC (8446, "4.3.1") },

  { M, "certificate", N_("Certificate"),
    N_("Here {sender} shows its ID card: a certificate for {subject}, signed by {issuer}, valid until "
       "{not_after}. The receiver checks that an authority it trusts signed it, that it covers the "
       "right name and that it has not expired."),
    N_("Certificate (handshake type 11): certificate_list of X.509 certificates ({chain_length} here). "
       "The sender's own certificate comes first, and each following one should certify the one before "
       "it. Leaf: subject {subject}, issuer {issuer}, valid from {not_before} to {not_after}, names "
       "{names}. TLS 1.3 adds a certificate_request_context and per-entry extensions (OCSP status, "
       "SCTs). TLS 1.2: RFC 5246, section 7.4.2."),
    RFC (8446, "4.4.2") },

  { M, "certificate_request", N_("CertificateRequest"),
    N_("The server asks your computer to prove who it is with a certificate of its own, like a door "
       "that needs a badge. If your computer has no suitable certificate, the server may refuse the "
       "connection."),
    N_("CertificateRequest (handshake type 13). TLS 1.3: certificate_request_context and extensions; "
       "signature_algorithms is required, certificate_authorities and oid_filters are optional. TLS "
       "1.2: certificate_types, supported_signature_algorithms and certificate_authorities "
       "(distinguished names), see RFC 5246, section 7.4.4."),
    RFC (8446, "4.3.2") },

  { M, "server_key_exchange", N_("ServerKeyExchange"),
    N_("In TLS 1.2 the server sends its half of the key exchange here and signs it with its "
       "certificate's key, so your computer knows the numbers really come from the server."),
    N_("ServerKeyExchange (handshake type 12): for ECDHE the named curve ({group}) and the server's "
       "ephemeral public point, for DHE the parameters p, g and Ys; then the signature algorithm and a "
       "signature over client_random + server_random + params. Not sent with RSA key transport. ECDHE "
       "details: RFC 8422, section 5.4."),
    RFC (5246, "7.4.3") },

  { M, "server_hello_done", N_("ServerHelloDone"),
    N_("The server says “that is all from me for now” and waits for your computer's part of the key "
       "exchange."),
    N_("ServerHelloDone (handshake type 14): empty body; ends the server's first flight in TLS 1.2 and "
       "earlier. TLS 1.3 has no such message."),
    RFC (5246, "7.4.5") },

  { M, "certificate_verify", N_("CertificateVerify"),
    N_("Here {sender} proves that it really holds the private key of its certificate, by signing a "
       "summary of the conversation so far. Someone who copied the certificate without its key could "
       "not do this."),
    N_("CertificateVerify (handshake type 15): a SignatureScheme and a signature. In TLS 1.3 the signed "
       "content is 64 bytes of 0x20, the context string \"TLS 1.3, server CertificateVerify\" (or "
       "client), a zero byte and the transcript hash. In TLS 1.2 only the client sends it, signing the "
       "handshake messages so far (RFC 5246, section 7.4.8)."),
    RFC (8446, "4.4.3") },

  { M, "client_key_exchange", N_("ClientKeyExchange"),
    N_("Your computer sends its half of the key exchange. From the two halves both sides compute the "
       "same secret, which itself never crosses the network."),
    N_("ClientKeyExchange (handshake type 16): the client's ephemeral ECDH point or DH value Yc, or, "
       "with RSA key transport, the premaster secret encrypted to the server's public key (no forward "
       "secrecy). The master secret is derived from the premaster secret and both randoms, or from the "
       "session hash with extended_master_secret."),
    RFC (5246, "7.4.7") },

  { M, "finished", N_("Finished"),
    N_("The last handshake message of {sender}: a checksum of everything said so far, sent encrypted. "
       "If anyone had changed a single byte on the way, the checksums would not match and the "
       "connection would stop."),
    N_("Finished (handshake type 20): in TLS 1.3 verify_data = HMAC(finished_key, transcript hash), with "
       "finished_key derived from the sender's handshake traffic secret; in TLS 1.2 verify_data = "
       "PRF(master_secret, \"client finished\" or \"server finished\", hash of the handshake), 12 "
       "bytes, the first record under the new keys (RFC 5246, section 7.4.9)."),
    RFC (8446, "4.4.4") },

  { M, "new_session_ticket", N_("NewSessionTicket"),
    N_("After the handshake the server hands your computer a ticket, so that it can come back later and "
       "skip most of the handshake (session resumption)."),
    N_("NewSessionTicket (handshake type 4). TLS 1.3: ticket_lifetime, ticket_age_add, ticket_nonce, "
       "the opaque ticket and extensions (early_data with max_early_data_size); the resumption PSK is "
       "derived from the resumption master secret and the nonce. TLS 1.2 (RFC 5077, section 3.3): "
       "lifetime hint and ticket, sent before the server's ChangeCipherSpec."),
    RFC (8446, "4.6.1") },

  { M, "end_of_early_data", N_("EndOfEarlyData"),
    N_("Your computer had already sent some data in its very first flight (0-RTT) and now says that this "
       "early data is over."),
    N_("EndOfEarlyData (handshake type 5): empty; sent by the client under the client early traffic "
       "key when the server accepted early_data, after which the client switches to its handshake "
       "traffic key."),
    RFC (8446, "4.5") },

  { M, "key_update", N_("KeyUpdate"),
    N_("Here {sender} switches to fresh encryption keys in the middle of the connection. This limits how "
       "much data is ever protected by one key."),
    N_("KeyUpdate (handshake type 24): request_update is update_not_requested (0) or update_requested "
       "(1). The sender's next application traffic secret is HKDF-Expand-Label(current secret, "
       "\"traffic upd\", \"\", Hash.length)."),
    RFC (8446, "4.6.3") },

  { M, "hello_request", N_("HelloRequest"),
    N_("The server asks your computer to start a new handshake on the existing connection "
       "(renegotiation), usually to ask for a client certificate."),
    N_("HelloRequest (handshake type 0): empty; the client answers with a new ClientHello or a "
       "no_renegotiation warning alert. Not included in the handshake hashes; secure renegotiation "
       "requires renegotiation_info (RFC 5746). Removed in TLS 1.3."),
    RFC (5246, "7.4.1.1") },

  { M, "hello_verify_request", N_("HelloVerifyRequest"),
    N_("A DTLS server (TLS over UDP) asks the client to repeat its hello with a cookie, to make sure the "
       "client's address is real before doing any costly work."),
    N_("HelloVerifyRequest (handshake type 3, DTLS 1.0 and 1.2): server_version and a cookie that the "
       "client echoes in its second ClientHello, against denial of service with forged addresses. TLS "
       "over TCP never uses it."),
    RFC (6347, "4.2.1") },

  { M, "certificate_url", N_("CertificateURL"),
    N_("Instead of sending its certificate, your computer gives the server web addresses where the "
       "certificate can be downloaded. This saves bytes on very constrained devices."),
    N_("CertificateURL (handshake type 21): sent instead of Certificate after the client_certificate_url "
       "extension was negotiated; a list of URLAndHash entries (URL and SHA-1 hash)."),
    RFC (6066, "5") },

  { M, "certificate_status", N_("CertificateStatus"),
    N_("The server attaches a fresh, signed statement from its certificate authority saying that its "
       "certificate has not been revoked (OCSP stapling), so your computer does not have to ask the "
       "authority itself."),
    N_("CertificateStatus (handshake type 22, TLS 1.2): status_type ocsp (1) and a DER OCSPResponse, "
       "sent right after Certificate when the client sent status_request. In TLS 1.3 the response "
       "travels in the status_request extension of the CertificateEntry instead (RFC 8446, section "
       "4.4.2.1)."),
    RFC (6066, "8") },

  { M, "supplemental_data", N_("SupplementalData"),
    N_("Extra application information exchanged during the handshake, as agreed by a special extension. "
       "It is rarely seen."),
    N_("SupplementalData (handshake type 23): a list of SupplementalDataEntry (type, length, data) sent "
       "before Certificate when both sides negotiated a supplemental data extension, e.g. user_mapping "
       "(RFC 4681)."),
    RFC (4680, "2") },

  { M, "compressed_certificate", N_("CompressedCertificate"),
    N_("The certificate, squeezed with a compression method both sides agreed on, so that the "
       "handshake needs fewer bytes and fewer round trips."),
    N_("CompressedCertificate (handshake type 25, TLS 1.3): algorithm (zlib 1, brotli 2, zstd 3), "
       "uncompressed_length and the compressed Certificate message; replaces Certificate once "
       "compress_certificate was negotiated."),
    RFC (8879, "4") },

  { M, "message_hash", N_("message_hash"),
    N_("Not a real message on the wire: after a HelloRetryRequest both sides replace the first hello by "
       "its fingerprint when they summarize the conversation."),
    N_("message_hash (handshake type 254): the synthetic message Hash(ClientHello1) that starts the "
       "transcript after a HelloRetryRequest; never sent."),
    RFC (8446, "4.4.1") },

  { M, "request_connection_id", N_("RequestConnectionId"),
    N_("In DTLS 1.3 (TLS over UDP) one side asks the other for more connection IDs, labels that keep a "
       "connection recognisable when an address changes."),
    N_("RequestConnectionId (handshake type 9, DTLS 1.3 only): num_cids, the number of connection IDs "
       "the sender would like; answered with NewConnectionId."),
    RFC (9147, "9") },

  { M, "new_connection_id", N_("NewConnectionId"),
    N_("In DTLS 1.3 (TLS over UDP) one side hands the other new connection IDs it may use, so the "
       "connection survives address changes without being easy to track."),
    N_("NewConnectionId (handshake type 10, DTLS 1.3 only): a list of connection IDs and their usage, "
       "cid_immediate or cid_spare."),
    RFC (9147, "9") },

  { M, "client_certificate_request", N_("ClientCertificateRequest"),
    N_("A request for the other side to prove its identity with a certificate after the connection is "
       "up, used by applications on top of TLS (exported authenticators)."),
    N_("ClientCertificateRequest (handshake type 17): carries a certificate_request_context and "
       "extensions like CertificateRequest, for exported authenticators; it never appears inside a TLS "
       "handshake on the wire."),
    RFC (9261, "4") },

  { M, "ekt_key", N_("EKTKey"),
    N_("Used with DTLS-SRTP for secure calls and video: hands over a key that protects the media keys "
       "of a conference."),
    N_("EKTKey (handshake type 26): ekt_key_value, srtp_master_salt, ekt_spi and ekt_ttl for Encrypted "
       "Key Transport in DTLS-SRTP."),
    RFC (8870, "5.2.2") },

  { M, "next_protocol", N_("NextProtocol"),
    N_("An old way to choose the application protocol (for example SPDY) inside the encrypted "
       "connection. It was replaced by ALPN."),
    N_("NextProtocol (handshake type 67, Next Protocol Negotiation draft, never an RFC): the client's "
       "chosen protocol, sent encrypted before its Finished; superseded by ALPN (RFC 7301)."),
    NO_RFC },

  { M, "change_cipher_spec", N_("ChangeCipherSpec"),
    N_("Here {sender} announces that from now on it encrypts with the keys just agreed. In TLS 1.3 this "
       "one-byte message changes nothing; it is only sent so that old network equipment lets the "
       "connection through."),
    N_("ChangeCipherSpec (content type 20, one byte 0x01): in TLS 1.2 the sender's pending cipher state "
       "becomes current and its next record (Finished) uses the new keys. In TLS 1.3 it is ignored and "
       "only sent in middlebox compatibility mode (RFC 8446, appendix D.4)."),
    RFC (5246, "7.1") },

  /* ---- extensions ------------------------------------------------------- */

  { X, "server_name", N_("Server name (SNI)"),
    N_("Your computer tells the server which site it wants ({sni}), because one server address often "
       "hosts many sites. The name travels unencrypted, so the network can see which site you visit."),
    N_("server_name (extension 0): a ServerNameList with one host_name entry ({sni}); ASCII, no "
       "trailing dot, no IP literals. A server that used it answers with an empty server_name "
       "extension; an unknown name may get an unrecognized_name alert."),
    RFC (6066, "3") },

  { X, "supported_versions", N_("Supported versions"),
    N_("The TLS versions your computer speaks ({versions_offered}). The server picks one ({version}) and "
       "names it in its answer."),
    N_("supported_versions (extension 43): in the ClientHello a list of versions ({versions_offered}); in "
       "the ServerHello and HelloRetryRequest the selected_version ({version}). It takes precedence "
       "over legacy_version, which stays 0x0303. Required to negotiate TLS 1.3."),
    RFC (8446, "4.2.1") },

  { X, "key_share", N_("Key share"),
    N_("Your computer sends its half of the key exchange right away, guessing which kind the server "
       "prefers. If the guess is wrong, the server asks again (HelloRetryRequest)."),
    N_("key_share (extension 51): in the ClientHello client_shares, one KeyShareEntry (group, "
       "key_exchange) per group tried; in a HelloRetryRequest the selected_group; in the ServerHello "
       "the server's share ({group})."),
    RFC (8446, "4.2.8") },

  { X, "supported_groups", N_("Supported groups"),
    N_("The kinds of key exchange math your computer can do (elliptic curves such as x25519, or "
       "finite-field groups), in order of preference: {groups_offered}."),
    N_("supported_groups (extension 10, formerly elliptic_curves): NamedGroupList ({groups_offered}). In "
       "TLS 1.2 it limits the ECDHE curves (RFC 8422, section 5.1.1); in TLS 1.3 it lists all groups "
       "the client accepts, of which key_share covers some."),
    RFC (8446, "4.2.7") },

  { X, "signature_algorithms", N_("Signature algorithms"),
    N_("The kinds of digital signature your computer accepts, so that the server can prove its "
       "identity in a way your computer can check."),
    N_("signature_algorithms (extension 13): SignatureScheme values (e.g. ecdsa_secp256r1_sha256, "
       "rsa_pss_rsae_sha256, ed25519) acceptable in CertificateVerify and ServerKeyExchange, and for "
       "certificate signatures unless signature_algorithms_cert is present. Required in TLS 1.3 with "
       "certificate authentication. TLS 1.2: RFC 5246, section 7.4.1.4.1."),
    RFC (8446, "4.2.3") },

  { X, "signature_algorithms_cert", N_("Signature algorithms for certificates"),
    N_("The kinds of signature your computer accepts on certificates themselves, when they differ from "
       "those it accepts for the handshake."),
    N_("signature_algorithms_cert (extension 50): SignatureScheme list that applies to signatures in "
       "certificates; without it, signature_algorithms applies to both."),
    RFC (8446, "4.2.3") },

  { X, "application_layer_protocol_negotiation", N_("Application protocol (ALPN)"),
    N_("Which language your computer wants to speak inside the encrypted tunnel, for example HTTP/2 "
       "(“h2”) or HTTP/1.1. It offered {alpn_offered}; the server chose {alpn}."),
    N_("application_layer_protocol_negotiation (extension 16): the client sends a ProtocolNameList "
       "({alpn_offered}); the server returns exactly one name ({alpn}), in the ServerHello in TLS 1.2 "
       "and in EncryptedExtensions in TLS 1.3. No overlap: no_application_protocol alert."),
    RFC (7301, "3.1") },

  { X, "pre_shared_key", N_("Pre-shared key"),
    N_("Your computer offers a key from an earlier visit (a session ticket) to resume the session "
       "without the full handshake."),
    N_("pre_shared_key (extension 41): OfferedPsks with identities (ticket and obfuscated_ticket_age) and "
       "binders (HMACs over the partial ClientHello); must be the last extension of the ClientHello. "
       "The server answers with the selected_identity index."),
    RFC (8446, "4.2.11") },

  { X, "psk_key_exchange_modes", N_("PSK key exchange modes"),
    N_("How a resumed session may get its keys: from the old key alone, or from the old key plus a "
       "fresh key exchange, which keeps past traffic safe even if the old key leaks later."),
    N_("psk_key_exchange_modes (extension 45): list of psk_ke (0) and psk_dhe_ke (1). A client that "
       "sends pre_shared_key must send it."),
    RFC (8446, "4.2.9") },

  { X, "early_data", N_("Early data (0-RTT)"),
    N_("Your computer wants to send data in its very first flight, before the handshake is finished. "
       "Such data can be replayed by an attacker, so servers should accept it only for harmless "
       "requests."),
    N_("early_data (extension 42): empty in the ClientHello and in EncryptedExtensions (accepted); in "
       "NewSessionTicket it carries max_early_data_size. 0-RTT data is protected with the client early "
       "traffic secret and has neither forward secrecy nor replay protection."),
    RFC (8446, "4.2.10") },

  { X, "session_ticket", N_("Session ticket"),
    N_("Your computer says it can keep a resumption ticket from the server, or hands back one it got "
       "earlier, so that the connection can skip the full handshake."),
    N_("SessionTicket (extension 35, TLS 1.2 and older): empty to ask for a ticket, or the ticket itself "
       "to resume; the server acknowledges with an empty extension and later sends NewSessionTicket. "
       "TLS 1.3 uses pre_shared_key instead."),
    RFC (5077, "3.2") },

  { X, "extended_master_secret", N_("Extended master secret"),
    N_("Ties the secret keys to the whole handshake, so that an attacker cannot make two different "
       "connections end up with the same keys."),
    N_("extended_master_secret (extension 23): empty; when both sides send it, master_secret = "
       "PRF(pre_master_secret, \"extended master secret\", session_hash). Defeats the triple handshake "
       "attack. TLS 1.2 and older; TLS 1.3 has this property built in."),
    RFC (7627, "5.1") },

  { X, "encrypt_then_mac", N_("Encrypt-then-MAC"),
    N_("For old CBC encryption, asks to check each record's integrity before decrypting it, which "
       "closes a family of attacks."),
    N_("encrypt_then_mac (extension 22): empty; with CBC cipher suites the MAC covers the IV and the "
       "ciphertext instead of the plaintext. Irrelevant for AEAD suites and TLS 1.3."),
    RFC (7366, "2") },

  { X, "renegotiation_info", N_("Renegotiation info"),
    N_("A safety check that binds any later renegotiation to this very connection, so that an attacker "
       "cannot splice his own session in front of yours."),
    N_("renegotiation_info (extension 0xff01): renegotiated_connection is empty on the first handshake "
       "and holds the previous Finished verify_data on renegotiation; a client may send the "
       "TLS_EMPTY_RENEGOTIATION_INFO_SCSV cipher suite (0x00ff) instead."),
    RFC (5746, "3.2") },

  { X, "status_request", N_("Certificate status request (OCSP stapling)"),
    N_("Your computer asks the server to include a fresh proof from the certificate authority that its "
       "certificate has not been revoked."),
    N_("status_request (extension 5): CertificateStatusRequest with status_type ocsp (1), "
       "responder_id_list and request_extensions. The response comes in CertificateStatus (TLS 1.2) or "
       "in the Certificate entry's extension (TLS 1.3)."),
    RFC (6066, "8") },

  { X, "cookie", N_("Cookie"),
    N_("A token the server puts in its HelloRetryRequest and your computer must send back, so that the "
       "server can check the client's address or keep no memory of it in between."),
    N_("cookie (extension 44): opaque cookie, sent in the HelloRetryRequest and echoed in the second "
       "ClientHello; lets a stateless server keep its state (e.g. the hash of ClientHello1) in the "
       "client."),
    RFC (8446, "4.2.2") },

  { X, "padding", N_("Padding"),
    N_("Filler bytes that give the hello a certain size: some old servers choked on hellos of "
       "particular lengths."),
    N_("padding (extension 21): extension_data of zero bytes; used to keep ClientHellos out of the 256 "
       "to 511 byte range that broke some implementations."),
    RFC (7685, "3") },

  { X, "record_size_limit", N_("Record size limit"),
    N_("Tells the other side the largest encrypted record it can take, which helps small devices with "
       "little memory."),
    N_("record_size_limit (extension 28): a uint16 of at least 64; in TLS 1.3 it counts the inner content "
       "type and padding, up to 2^14 + 1. Replaces max_fragment_length."),
    RFC (8449, "4") },

  { X, "ec_point_formats", N_("EC point formats"),
    N_("Which ways of writing down elliptic-curve points your computer understands; today only the "
       "uncompressed form is used."),
    N_("ec_point_formats (extension 11): ECPointFormatList; only uncompressed (0) may be used by new "
       "implementations. TLS 1.2 and older."),
    RFC (8422, "5.1.2") },

  { X, "certificate_authorities", N_("Certificate authorities"),
    N_("A list of the authorities whose certificates are acceptable, so that the other side can pick "
       "the right certificate if it has several."),
    N_("certificate_authorities (extension 47): distinguished names of acceptable trust anchors; in the "
       "ClientHello for server certificates, in CertificateRequest for client certificates."),
    RFC (8446, "4.2.4") },

  { X, "post_handshake_auth", N_("Post-handshake authentication"),
    N_("Your computer says it is willing to show a client certificate later, after the connection is "
       "up, if the server asks for one."),
    N_("post_handshake_auth (extension 49): empty, ClientHello only; allows a CertificateRequest after "
       "the handshake, answered with Certificate, CertificateVerify and Finished."),
    RFC (8446, "4.2.6") },

  { X, "encrypted_client_hello", N_("Encrypted ClientHello (ECH)"),
    N_("Your computer hides its real hello, including the name of the site, in an envelope that only "
       "the server's front end can open. Onlookers see only a shared public name."),
    N_("encrypted_client_hello (extension 0xfe0d): the outer ClientHello carries an ECHClientHello "
       "(cipher suite, config_id, enc, payload) with the HPKE-encrypted ClientHelloInner; the server "
       "confirms acceptance in the ServerHello random or returns retry_configs."),
    RFC (9849, "5") },

  { X, "compress_certificate", N_("Certificate compression"),
    N_("Your computer says which compression methods it understands for certificates, to make the "
       "handshake smaller."),
    N_("compress_certificate (extension 27): list of CertificateCompressionAlgorithm (zlib 1, brotli 2, "
       "zstd 3); the peer may then send CompressedCertificate."),
    RFC (8879, "3") },

  { X, "max_fragment_length", N_("Maximum fragment length"),
    N_("Asks for smaller records, for devices with very little memory."),
    N_("max_fragment_length (extension 1): one byte, 2^9 (1) to 2^12 (4); superseded by "
       "record_size_limit."),
    RFC (6066, "4") },

  { X, "heartbeat", N_("Heartbeat"),
    N_("Says whether a side may send keep-alive pings inside TLS."),
    N_("heartbeat (extension 15): HeartbeatMode peer_allowed_to_send (1) or peer_not_allowed_to_send "
       "(2)."),
    RFC (6520, "2") },

  { X, "signed_certificate_timestamp", N_("Signed certificate timestamp"),
    N_("Proof that the server's certificate was published in a public log, so wrongly issued "
       "certificates can be spotted."),
    N_("signed_certificate_timestamp (extension 18): empty in the ClientHello; the server returns a "
       "SignedCertificateTimestampList (Certificate Transparency)."),
    RFC (6962, "3.3.1") },

  /* ---- alerts ------------------------------------------------------------- */

  { A, "close_notify", N_("close_notify"),
    N_("Here {sender} says goodbye politely: it will send nothing more on this connection. This is the "
       "normal, clean way to end a TLS connection."),
    N_("Alert 0, close_notify: the sender will not send any more data; later data must be ignored. "
       "Closing without it lets a truncation go unnoticed. Sent at warning level in TLS 1.2."),
    RFC (8446, "6.1") },

  { A, "user_canceled", N_("user_canceled"),
    N_("Here {sender} cancels the handshake for a reason that has nothing to do with the protocol, for "
       "example someone pressed Cancel."),
    N_("Alert 90, user_canceled: the handshake is cancelled for a reason unrelated to a protocol "
       "failure; it should be followed by close_notify."),
    RFC (8446, "6.1") },

  { A, "unexpected_message", N_("unexpected_message"),
    N_("Here {sender} received a message that made no sense at that point of the conversation, so it "
       "stopped. This points to a bug or to something tampering with the traffic."),
    N_("Alert 10, unexpected_message, fatal: an inappropriate message was received, e.g. a handshake "
       "message out of order or an unexpected content type."),
    RFC (8446, "6.2") },

  { A, "bad_record_mac", N_("bad_record_mac"),
    N_("A protected message arrived damaged or forged: its integrity check failed. The bytes were "
       "changed on the way, or the two sides did not compute the same keys."),
    N_("Alert 20, bad_record_mac, fatal: a record failed AEAD authentication or MAC verification. TLS "
       "1.2 and 1.3 use this one alert for every decryption failure, to avoid padding oracles."),
    RFC (8446, "6.2") },

  { A, "decryption_failed", N_("decryption_failed"),
    N_("An old alert for messages that could not be decrypted. It is no longer sent, because telling it "
       "apart from a bad checksum helped attackers."),
    N_("Alert 21, decryption_failed_RESERVED: used in TLS 1.0 for bad CBC padding or length; must not be "
       "sent since TLS 1.1 (padding oracle attacks)."),
    RFC (5246, "7.2.2") },

  { A, "record_overflow", N_("record_overflow"),
    N_("Here {sender} received a record that is bigger than TLS allows, and stopped."),
    N_("Alert 22, record_overflow, fatal: a TLSCiphertext longer than 2^14 + 256 bytes (TLS 1.3; "
       "2^14 + 2048 in TLS 1.2), or a record that decrypted to more than 2^14 bytes."),
    RFC (8446, "6.2") },

  { A, "decompression_failure", N_("decompression_failure"),
    N_("The data could not be uncompressed. TLS compression was dropped long ago because it leaked "
       "secrets (the CRIME attack)."),
    N_("Alert 30, decompression_failure, fatal (TLS 1.2 and older): the decompression function received "
       "improper input. TLS 1.3 has no compression."),
    RFC (5246, "7.2.2") },

  { A, "handshake_failure", N_("handshake_failure"),
    N_("The two sides could not agree on a way to talk securely: for example they have no encryption "
       "method in common, or a required setting was refused."),
    N_("Alert 40, handshake_failure, fatal: no acceptable set of security parameters could be negotiated "
       "(no shared cipher suite, group or signature algorithm; some stacks also send it for a missing "
       "client certificate)."),
    RFC (8446, "6.2") },

  { A, "no_certificate", N_("no_certificate"),
    N_("A very old way (SSL 3.0) for a client to say it has no certificate. Newer versions send an empty "
       "certificate message instead."),
    N_("Alert 41, no_certificate_RESERVED: SSL 3.0 only; TLS clients without a certificate send an empty "
       "Certificate message."),
    RFC (5246, "7.2.2") },

  { A, "bad_certificate", N_("bad_certificate"),
    N_("Here {sender} found something wrong with the certificate it received: it was damaged, its "
       "signature did not check out, or (for some software) the name or the dates did not fit."),
    N_("Alert 42, bad_certificate, fatal: a certificate was corrupt or contained signatures that did not "
       "verify. OpenSSL also sends it for a host name mismatch and a certificate that is not yet valid; "
       "the certificate fields show the cause."),
    RFC (8446, "6.2") },

  { A, "unsupported_certificate", N_("unsupported_certificate"),
    N_("The certificate is of a kind that {receiver} cannot use, for example a key type it does not "
       "support or a certificate not meant for this purpose."),
    N_("Alert 43, unsupported_certificate, fatal: a certificate was of an unsupported type. OpenSSL also "
       "sends it when the extended key usage does not allow the purpose."),
    RFC (8446, "6.2") },

  { A, "certificate_revoked", N_("certificate_revoked"),
    N_("The authority that issued the certificate has cancelled it, for example because its private key "
       "leaked."),
    N_("Alert 44, certificate_revoked, fatal: a certificate was revoked by its signer (found by CRL, OCSP "
       "or a stapled OCSP response)."),
    RFC (8446, "6.2") },

  { A, "certificate_expired", N_("certificate_expired"),
    N_("Here {sender} considers the certificate out of date. Either it really expired, or the clock of "
       "the computer that checked it is wrong."),
    N_("Alert 45, certificate_expired, fatal: a certificate has expired or is not currently valid, judged "
       "by the receiver's clock. Compare notAfter ({not_after}) with the capture time."),
    RFC (8446, "6.2") },

  { A, "certificate_unknown", N_("certificate_unknown"),
    N_("Here {sender} refused the certificate for some other reason that it does not name."),
    N_("Alert 46, certificate_unknown, fatal: some other, unspecified issue arose in processing the "
       "certificate, making it unacceptable."),
    RFC (8446, "6.2") },

  { A, "illegal_parameter", N_("illegal_parameter"),
    N_("A message contained a value that is not allowed, or that contradicts something said earlier."),
    N_("Alert 47, illegal_parameter, fatal: a field in the handshake was incorrect or inconsistent with "
       "other fields, e.g. a cipher suite or group that was not offered, or a malformed key share."),
    RFC (8446, "6.2") },

  { A, "unknown_ca", N_("unknown_ca"),
    N_("Here {sender} could not trace the certificate back to an authority it trusts. The certificate "
       "may be self-made, from a company's private authority, or missing a link of its chain."),
    N_("Alert 48, unknown_ca, fatal: a chain was received but the CA could not be located or matched "
       "with a trust anchor; also sent for incomplete chains and self-signed certificates."),
    RFC (8446, "6.2") },

  { A, "access_denied", N_("access_denied"),
    N_("The other side was recognised but is not let in: its certificate is fine, yet a rule says no."),
    N_("Alert 49, access_denied, fatal: a valid certificate or PSK was received, but access control "
       "decided not to proceed."),
    RFC (8446, "6.2") },

  { A, "decode_error", N_("decode_error"),
    N_("A message could not be read because it was cut short or badly formed."),
    N_("Alert 50, decode_error, fatal: a message could not be decoded because a field was out of its "
       "range or a length was wrong."),
    RFC (8446, "6.2") },

  { A, "decrypt_error", N_("decrypt_error"),
    N_("A cryptographic check in the handshake failed: a signature did not verify, or the final "
       "checksum (Finished) did not match."),
    N_("Alert 51, decrypt_error, fatal: a handshake cryptographic operation failed: verifying a "
       "signature (CertificateVerify, ServerKeyExchange), the key exchange, or the Finished message."),
    RFC (8446, "6.2") },

  { A, "export_restriction", N_("export_restriction"),
    N_("A leftover of the 1990s export rules for weak cryptography. It is no longer used."),
    N_("Alert 60, export_restriction_RESERVED: TLS 1.0 only, for an attempt to negotiate an export "
       "restricted key exchange."),
    RFC (5246, "7.2.2") },

  { A, "protocol_version", N_("protocol_version"),
    N_("Here {sender} does not accept the TLS version the other side proposed: one side is too old or "
       "too new for the other."),
    N_("Alert 70, protocol_version, fatal: the version the peer attempted is recognised but not "
       "supported, e.g. a client offering only TLS 1.0 to a server that requires TLS 1.2 or later. "
       "Offered here: {versions_offered}."),
    RFC (8446, "6.2") },

  { A, "insufficient_security", N_("insufficient_security"),
    N_("Here {sender} wants stronger protection than the other side offered."),
    N_("Alert 71, insufficient_security, fatal: sent instead of handshake_failure when negotiation failed "
       "because the server requires parameters more secure than those the client supports."),
    RFC (8446, "6.2") },

  { A, "internal_error", N_("internal_error"),
    N_("Here {sender} had a problem inside itself that has nothing to do with the other side, such as a "
       "missing key file or a lack of memory."),
    N_("Alert 80, internal_error, fatal: an internal error unrelated to the peer or to protocol "
       "correctness, e.g. a memory allocation failure or an unusable private key."),
    RFC (8446, "6.2") },

  { A, "inappropriate_fallback", N_("inappropriate_fallback"),
    N_("Your computer retried with an older TLS version after a failed attempt, but the server supports "
       "a newer one, so it suspects a downgrade attack and refuses."),
    N_("Alert 86, inappropriate_fallback, fatal: sent by a server whose highest version is above the "
       "client's when the ClientHello carries TLS_FALLBACK_SCSV (0x5600)."),
    RFC (7507, "3") },

  { A, "no_renegotiation", N_("no_renegotiation"),
    N_("Here {sender} does not want to start a new handshake inside this connection. This is often "
       "harmless: the connection simply goes on."),
    N_("Alert 100, no_renegotiation, warning level: the answer to a HelloRequest, or to a ClientHello "
       "after the first handshake, when renegotiation is not acceptable. Not used in TLS 1.3."),
    RFC (5246, "7.2.2") },

  { A, "missing_extension", N_("missing_extension"),
    N_("A message lacked a part the receiver needs, for example one that TLS 1.3 cannot work without."),
    N_("Alert 109, missing_extension, fatal: a handshake message lacks an extension that is mandatory for "
       "the offered version or parameters."),
    RFC (8446, "6.2") },

  { A, "unsupported_extension", N_("unsupported_extension"),
    N_("A message contained an add-on that the receiver never asked for, which is not allowed."),
    N_("Alert 110, unsupported_extension, fatal: a handshake message contained an extension that is "
       "prohibited in it, or a server message contained one the client did not offer."),
    RFC (8446, "6.2") },

  { A, "certificate_unobtainable", N_("certificate_unobtainable"),
    N_("The server could not download the client's certificate from the address the client gave."),
    N_("Alert 111, certificate_unobtainable: a certificate could not be retrieved from a "
       "client_certificate_url. Now reserved."),
    RFC (6066, "5") },

  { A, "unrecognized_name", N_("unrecognized_name"),
    N_("The server does not host the site name your computer asked for ({sni})."),
    N_("Alert 112, unrecognized_name: no server is known by the name in server_name ({sni}). At warning "
       "level (TLS 1.2) the server goes on with a default certificate; fatal, it stops."),
    RFC (6066, "3") },

  { A, "bad_certificate_status_response", N_("bad_certificate_status_response"),
    N_("The proof of non-revocation that the server attached to its certificate was invalid or "
       "unacceptable."),
    N_("Alert 113, bad_certificate_status_response, fatal: the client received an invalid or "
       "unacceptable OCSP response through status_request."),
    RFC (6066, "8") },

  { A, "bad_certificate_hash_value", N_("bad_certificate_hash_value"),
    N_("A certificate downloaded from the address the client gave did not match its fingerprint."),
    N_("Alert 114, bad_certificate_hash_value: the hash of a certificate fetched from a "
       "client_certificate_url did not match. Now reserved."),
    RFC (6066, "5") },

  { A, "unknown_psk_identity", N_("unknown_psk_identity"),
    N_("The server does not know the pre-shared key your computer wants to use."),
    N_("Alert 115, unknown_psk_identity: the server wants a PSK key exchange but no offered identity is "
       "acceptable (RFC 4279); in TLS 1.3 a server may fall back to a full handshake instead."),
    RFC (8446, "6.2") },

  { A, "certificate_required", N_("certificate_required"),
    N_("The server insists on a client certificate and your computer did not send one."),
    N_("Alert 116, certificate_required, fatal (TLS 1.3): a client certificate is required but the "
       "client's Certificate message was empty."),
    RFC (8446, "6.2") },

  { A, "general_error", N_("general_error"),
    N_("Here {sender} reports a failure without saying which one, either because no more specific "
       "alert fits or because it prefers not to tell."),
    N_("Alert 117, general_error, fatal: a generic error for cases where no more specific alert is "
       "available or the sender wants to conceal the specific reason."),
    NO_RFC },

  { A, "no_application_protocol", N_("no_application_protocol"),
    N_("Your computer and the server share no application protocol: for example it wants HTTP/2 and the "
       "server speaks something else."),
    N_("Alert 120, no_application_protocol, fatal: the server supports none of the protocols in the "
       "client's ALPN list ({alpn_offered})."),
    RFC (7301, "3.2") },

  { A, "ech_required", N_("ech_required"),
    N_("Your computer wanted to hide the site name with Encrypted ClientHello, but the server did not "
       "accept it, so your computer stopped rather than go on without it."),
    N_("Alert 121, ech_required: sent by a client that offered ECH when the server used the outer "
       "ClientHello (ECH rejected); the client may retry with the server's retry_configs."),
    RFC (9849, "6.1.6") },

  /* ---- timeline events ---------------------------------------------------- */

  { V, "syn", N_("SYN"),
    N_("Your computer ({client}) knocks on the server's door ({server}): “can we talk?” This is the "
       "first of the three TCP packets that open every connection."),
    N_("TCP segment with SYN set: the client's initial sequence number and options (MSS, window scale, "
       "SACK permitted, timestamps). If unanswered it is sent again after about 1 s, then at doubling "
       "intervals (RFC 6298)."),
    RFC (9293, "3.5") },

  { V, "syn_retry", N_("SYN again"),
    N_("No answer came, so your computer knocks again ({client} to {server}). A connection attempt "
       "that needs several knocks means the packets are lost on the way or silently dropped."),
    N_("Retransmitted SYN (same initial sequence number): the previous SYN got neither a SYN-ACK nor a "
       "RST within the retransmission timeout, which starts at 1 s and doubles (RFC 6298, section 2)."),
    RFC (9293, "3.8.1") },

  { V, "syn_ack", N_("SYN, ACK"),
    N_("The server answers “yes, I am listening” and knocks back. The port is open and a program is "
       "waiting on it."),
    N_("SYN+ACK: the server's initial sequence number, acknowledging the client's ISN + 1, with the "
       "server's own options. The time from SYN to SYN-ACK estimates the network round trip."),
    RFC (9293, "3.5") },

  { V, "ack", N_("ACK"),
    N_("Your computer confirms the server's answer: the TCP connection is open and data can flow."),
    N_("Third step of the three-way handshake: ACK of the server's ISN + 1; both sides are now in "
       "ESTABLISHED. It may already carry data."),
    RFC (9293, "3.5") },

  { V, "fin", N_("FIN"),
    N_("Here {sender} has nothing more to send and closes its side politely. The other side may still "
       "send until it closes too."),
    N_("FIN: marks the sender's last byte and uses one sequence number; each direction closes on its own "
       "(half-close)."),
    RFC (9293, "3.6") },

  { V, "rst", N_("RST"),
    N_("Here {sender} slams the door: the connection ends at once and data still on the way is thrown "
       "away. This happens when a port is closed, a program aborts, or a firewall steps in."),
    N_("RST: abort. Sent in answer to a segment for a closed port (to a SYN: connection refused), by an "
       "application abort (SO_LINGER 0, unread data on close), or forged by a middlebox. Accepted only "
       "with a sequence number inside the window (RFC 5961)."),
    RFC (9293, "3.5.2") },

  { V, "retransmission", N_("Retransmission"),
    N_("A packet had to be sent again ({count} here) because no confirmation came back in time. A few "
       "are normal; many mean a lossy or congested network."),
    N_("Segment whose sequence range was sent before: a timeout retransmission (RTO, RFC 6298) or a fast "
       "retransmit after three duplicate ACKs (RFC 5681, section 3.2)."),
    RFC (9293, "3.8.1") },

  { V, "zero_window", N_("Zero window"),
    N_("Here {sender} says “my inbox is full, stop sending”. The other side has to wait until it reads "
       "its data."),
    N_("Segment advertising a receive window of 0: the receiver's buffer is full; the peer stops and "
       "sends zero-window probes until the window opens again."),
    RFC (9293, "3.8.6.1") },

  { V, "gap", N_("Missing bytes"),
    N_("{count} bytes of this conversation are missing from the recording. The computers did exchange "
       "them, but the capture lost them, so some messages may be unreadable."),
    N_("A hole in the sequence space that no later segment filled: the capture dropped packets (buffer "
       "overrun, snap length, start or stop mid-stream, asymmetric routing). Reassembly resumes after "
       "the hole; nothing is guessed."),
    NO_RFC },

  { V, "plaintext", N_("Plain text"),
    N_("Here {sender} sent readable, unencrypted text: “{text}”. Before TLS starts this can be a normal "
       "step (such as STARTTLS); anywhere else it means this side does not speak TLS."),
    N_("Payload that is not a TLS record (first byte not 20 to 24, or a version not 3.x): a STARTTLS "
       "preamble (SMTP, IMAP, POP3, FTP, XMPP, LDAP, PostgreSQL SSLRequest) or another protocol. The "
       "first bytes are shown with control characters escaped."),
    NO_RFC },

  { V, "handshake", N_("Handshake message"),
    N_("Part of the TLS handshake, in which the two sides agree on how to protect the connection: "
       "{message}."),
    N_("Handshake record (content type 22) carrying {message} (frame {frame}); messages may span several "
       "records and records several TCP segments."),
    RFC (8446, "4") },

  { V, "change_cipher_spec", N_("ChangeCipherSpec"),
    N_("Here {sender} announces that it switches to the new keys."),
    N_("ChangeCipherSpec record (content type 20)."),
    RFC (5246, "7.1") },

  { V, "alert", N_("Alert"),
    N_("Here {sender} sent a TLS alert, {alert} ({alert_level}): a notice that something ended or went "
       "wrong."),
    N_("Alert record (content type 21): level {alert_level}, description {alert} ({alert_code})."),
    RFC (8446, "6") },

  { V, "encrypted", N_("Encrypted handshake record"),
    N_("Here {sender} sent part of the handshake in encrypted form. Without the session's keys this tool "
       "cannot read it; a key log opens it."),
    N_("A record ({bytes} bytes, outer type {content_type}) that could not be decrypted: in TLS 1.3 every "
       "record after the ServerHello (outer type application_data, real type inside), in TLS 1.2 the "
       "records after ChangeCipherSpec. Provide the client's SSLKEYLOGFILE to decrypt."),
    RFC (8446, "5.2") },

  { V, "app_data", N_("Application data"),
    N_("The real conversation, encrypted: {count} records, {bytes} bytes in all. The handshake is over "
       "and the application (web page, mail ...) is being exchanged."),
    N_("application_data records (content type 23) after the handshake: {count} records, {bytes} bytes "
       "of payload; counted, not stored. TLS 1.2: RFC 5246, section 6.2."),
    RFC (8446, "5.2") },

  { V, "heartbeat", N_("Heartbeat"),
    N_("A keep-alive ping inside TLS. The extension that carries it became infamous through the "
       "Heartbleed bug in 2014 and is rarely used today."),
    N_("heartbeat record (content type 24): HeartbeatMessage type (request 1, response 2), "
       "payload_length, payload and at least 16 bytes of padding. Heartbleed (CVE-2014-0160) was an "
       "over-read driven by payload_length."),
    RFC (6520, "3") },

  { V, "sslv2", N_("SSLv2 record"),
    N_("A record in SSL 2.0 format, a protocol from 1995 that is broken and forbidden. Current software "
       "never uses it."),
    N_("SSLv2 record (2- or 3-byte header with the high bit set). SSL 2.0 is prohibited; an "
       "SSLv2-compatible ClientHello (RFC 5246, appendix E.2) is legacy compatibility only."),
    RFC (6176, "3") },

  /* ---- diagnoses ---------------------------------------------------------- */

  { D, "connection_refused", N_("Connection refused"),
    N_("The computer at {server_ip} is reachable, but no program listens on port {server_port}, so it "
       "turned the connection down at once. It is like calling a number and hearing that it does not "
       "exist."),
    N_("The client's SYN was answered with RST+ACK instead of SYN+ACK: the port on {server_ip} is closed, "
       "or a firewall rejects with a TCP reset."),
    RFC (9293, "3.5.2") },

  { D, "tcp_connect_timeout", N_("Connection timed out"),
    N_("Your computer knocked several times but got no answer at all from {server}. The packets are lost "
       "on the way or dropped by a firewall, or the server is down."),
    N_("SYNs retransmitted with exponential backoff (RFC 6298) and neither SYN+ACK nor RST came back: a "
       "firewall with a drop policy, a routing problem, or the host is down."),
    RFC (9293, "3.5") },

  { D, "connection_reset", N_("Connection reset"),
    N_("One side broke off the connection abruptly with a reset instead of a polite goodbye. Whatever "
       "was still on the way was thrown away."),
    N_("An RST segment aborted the connection; the summary says who sent it and at which stage. Causes: "
       "an application abort or crash, data arriving on a closed socket, middlebox idle timeouts, or "
       "injected resets."),
    RFC (9293, "3.5.2") },

  { D, "retransmissions", N_("Retransmissions"),
    N_("Some packets were lost and had to be sent again. A few are normal; many make everything slow."),
    N_("Segments resent after the retransmission timer expired or after three duplicate ACKs (fast "
       "retransmit, RFC 5681): loss or heavy reordering on the path."),
    RFC (9293, "3.8.1") },

  { D, "zero_window", N_("Receiver overwhelmed (zero window)"),
    N_("One side could not keep up with reading its data and told the other side to stop sending for a "
       "while."),
    N_("A receive window of 0 was advertised: the application does not read its socket; the peer stops "
       "and sends zero-window probes."),
    RFC (9293, "3.8.6.1") },

  { D, "capture_gap", N_("Bytes missing from the capture"),
    N_("The recording has holes: some of this conversation was not captured. The computers did receive "
       "it, but this tool cannot see it, so its conclusions may be incomplete."),
    N_("Sequence space skipped without a retransmission in the capture: the capturing host dropped "
       "packets (ring buffer overrun, snap length) or the traffic took another path. Parsing resumes "
       "after the gap; messages across it are lost."),
    NO_RFC },

  { D, "capture_started_late", N_("Capture started late"),
    N_("The recording began after this connection was already open, so its beginning is missing."),
    N_("No SYN was seen for this address and port pair; the client is inferred from the first "
       "ClientHello or from which side sends which messages, and TCP set-up facts (round trip, options) "
       "are unknown."),
    NO_RFC },

  { D, "server_not_tls", N_("Server does not speak TLS"),
    N_("Your computer started a secure TLS conversation, but the server answered in another language, "
       "often plain unencrypted web (HTTP). This port is not set up for TLS."),
    N_("The answer to the ClientHello is not a TLS record (first byte outside 20 to 24), e.g. "
       "\"HTTP/1.1 400 Bad Request\" from a plain HTTP server on port {server_port}: wrong port, TLS not "
       "enabled, or a protocol that needs STARTTLS first."),
    NO_RFC },

  { D, "client_not_tls", N_("Client does not speak TLS"),
    N_("Your computer sent ordinary unencrypted data (for example a plain web request) to a server that "
       "expects TLS, so the server could not understand it."),
    N_("The client's first bytes to port {server_port} are not a TLS record (e.g. \"GET / HTTP/1.1\"); "
       "the server answered with an alert or an error page, or closed. Use https:// or the client's TLS "
       "option."),
    NO_RFC },

  { D, "server_no_response_handshake_timeout", N_("Server did not answer the handshake"),
    N_("The server accepted the connection but never replied to your computer's hello. Your computer "
       "waited and finally gave up, or the recording ended first."),
    N_("The ClientHello was delivered (not retransmitted, so TCP acknowledged it) but no TLS bytes came "
       "back until the client closed or the capture ended: an overloaded or hung server, or a protocol "
       "that waits for the client to speak plaintext first."),
    NO_RFC },

  { D, "clienthello_blackholed", N_("ClientHello dropped on the way"),
    N_("The connection itself worked, but your computer's hello never reached the server: it was sent "
       "again and again without confirmation. Something on the path drops it, often because it is "
       "larger than one packet or because a filter dislikes it."),
    N_("The segments carrying the ClientHello were retransmitted and never acknowledged although the TCP "
       "handshake succeeded: a path MTU black hole (ICMP \"fragmentation needed\" blocked, a large "
       "ClientHello with post-quantum key shares) or deep packet inspection dropping it by SNI."),
    NO_RFC },

  { D, "server_closed_without_alert", N_("Server closed without an alert"),
    N_("The server hung up during the handshake without saying why. The reason is only in the server's "
       "own logs."),
    N_("FIN from the server before the handshake completed, with no alert record: the TLS stack aborted "
       "silently (parse error, no shared parameters in some stacks, an SNI-routing proxy without a "
       "backend). TLS expects an alert before closing."),
    RFC (8446, "6") },

  { D, "server_reset_after_clienthello", N_("Reset right after ClientHello"),
    N_("As soon as your computer said hello and named the site ({sni}), the connection was torn down. "
       "This is typical of a filter that blocks certain site names, or of a server that cannot cope "
       "with the hello."),
    N_("RST in answer to the ClientHello, without an alert: SNI-based filtering (the RST may be forged: "
       "compare its TTL with the SYN-ACK's), a layer-7 load balancer without a matching backend, or a TLS "
       "stack failing on the ClientHello."),
    NO_RFC },

  { D, "client_closed_without_alert", N_("Client closed without an alert"),
    N_("Your computer gave up during the handshake without telling the server why. The reason is in the "
       "client's own error message."),
    N_("FIN or RST from the client before the handshake completed and no alert: a refusal the client's "
       "code did not report with an alert, a timeout, or a cancelled request."),
    RFC (8446, "6") },

  { D, "protocol_version_mismatch", N_("No common TLS version"),
    N_("Your computer and the server have no TLS version in common: one of them only speaks versions the "
       "other refuses, for example an old server limited to TLS 1.0 and a modern client."),
    N_("protocol_version alert, or a version outside the client's offer: the client offered "
       "{versions_offered}; negotiated: {version}. TLS 1.0 and 1.1 are deprecated (RFC 8996)."),
    RFC (8446, "4.2.1") },

  { D, "no_shared_cipher", N_("No common cipher suite"),
    N_("Your computer and the server share no encryption method. Each side has a list of methods it "
       "accepts, and the lists do not overlap."),
    N_("handshake_failure (or insufficient_security) right after the ClientHello, which offered "
       "{cipher_count} suites ({ciphers_offered}); the server's list is not on the wire. A certificate "
       "type that fits none of the allowed suites (ECDSA suites, RSA key) has the same effect."),
    RFC (8446, "4.1.1") },

  { D, "no_shared_group", N_("No common key exchange group"),
    N_("Your computer and the server share no way of doing the key exchange math (elliptic curves or "
       "groups), so they cannot agree on a secret key."),
    N_("handshake_failure with no overlap between the client's supported_groups ({groups_offered}) and "
       "the server's; with no overlap at all, not even a HelloRetryRequest can help."),
    RFC (8446, "4.2.7") },

  { D, "sni_unrecognized_name", N_("Unknown server name"),
    N_("Your computer asked for the site {sni}, but the server does not host a site of that name."),
    N_("unrecognized_name (112) in answer to server_name {sni}: no virtual host matches. Fatal: the "
       "handshake stops; at warning level (TLS 1.2) the server goes on with its default certificate."),
    RFC (6066, "3") },

  { D, "alpn_mismatch", N_("No common application protocol"),
    N_("Your computer wanted to speak a particular language inside the encryption ({alpn_offered}), and "
       "the server speaks none of them."),
    N_("no_application_protocol (120): none of the ALPN protocol IDs offered ({alpn_offered}) is "
       "supported by the server."),
    RFC (7301, "3.2") },

  { D, "renegotiation_refused", N_("Renegotiation refused"),
    N_("One side asked to redo the handshake inside the running connection, and the other side said no."),
    N_("no_renegotiation (100) in answer to a HelloRequest or to a ClientHello after the first handshake. "
       "Renegotiation needs renegotiation_info (RFC 5746) and does not exist in TLS 1.3."),
    RFC (5246, "7.2.2") },

  { D, "inappropriate_fallback", N_("Version downgrade refused"),
    N_("After a failed first attempt your computer retried with an older TLS version. The server "
       "supports the newer one, so it refused, to protect against an attacker forcing a downgrade."),
    N_("A ClientHello with TLS_FALLBACK_SCSV (0x5600) below the server's highest version is answered "
       "with inappropriate_fallback (86). The cause to look for is the failure of the earlier attempt."),
    RFC (7507, "3") },

  { D, "missing_extension", N_("Required extension missing"),
    N_("A message lacked a part the other side needs, for example one that TLS 1.3 cannot work without."),
    N_("missing_extension (109): e.g. a TLS 1.3 ClientHello without supported_versions, "
       "signature_algorithms, supported_groups or key_share, or pre_shared_key without "
       "psk_key_exchange_modes."),
    RFC (8446, "9.2") },

  { D, "illegal_parameter", N_("Invalid value in a handshake message"),
    N_("One side sent a value the other considers invalid or contradictory, for example it picked "
       "something that was never offered."),
    N_("illegal_parameter (47): a field was well-formed but invalid (a selected cipher suite, group or "
       "version that was not offered, a bad key share, an inconsistent HelloRetryRequest)."),
    RFC (8446, "6.2") },

  { D, "client_certificate_missing", N_("Client certificate missing"),
    N_("The server only lets in visitors who show a certificate, like an ID badge, and your computer did "
       "not present one."),
    N_("After CertificateRequest the client sent an empty Certificate (or none) and the server aborted "
       "with certificate_required (TLS 1.3), handshake_failure or bad_certificate."),
    RFC (8446, "4.4.2.4") },

  { D, "client_certificate_untrusted", N_("Client certificate not trusted"),
    N_("Your computer showed a certificate, but the server does not trust the authority that issued "
       "it."),
    N_("unknown_ca (48) after the client's Certificate: its issuer is not among the server's client CA "
       "anchors (CertificateRequest.certificate_authorities lists the acceptable ones)."),
    RFC (8446, "4.3.2") },

  { D, "client_certificate_rejected", N_("Client certificate rejected"),
    N_("The server looked at your computer's certificate and refused it, for example because it has "
       "expired or is not meant for this use."),
    N_("bad_certificate, certificate_expired, unsupported_certificate, certificate_revoked or "
       "access_denied after the client's Certificate: check its dates, the clientAuth extended key usage "
       "and revocation."),
    RFC (8446, "4.4.2.4") },

  { D, "certificate_expired", N_("Server certificate expired"),
    N_("The server's certificate, its ID card, was out of date when this was recorded: it ran out on "
       "{not_after}. Browsers and apps refuse expired certificates."),
    N_("notAfter ({not_after}) of {subject} lies before the capture's timestamp; a certificate_expired "
       "(45) alert from the client confirms it."),
    RFC (5280, "4.1.2.5") },

  { D, "certificate_not_yet_valid", N_("Server certificate not yet valid"),
    N_("The server's certificate only becomes valid on {not_before}, later than the time of this "
       "recording. Usually a clock is wrong somewhere."),
    N_("notBefore ({not_before}) of {subject} lies after the capture's timestamp; OpenSSL clients send "
       "bad_certificate, others certificate_expired."),
    RFC (5280, "4.1.2.5") },

  { D, "hostname_mismatch", N_("Certificate name mismatch"),
    N_("The certificate was made for other site names ({names}) than the one your computer asked for "
       "({sni}), like an ID card with somebody else's name on it."),
    N_("The SNI {sni} matches no subjectAltName dNSName or iPAddress of {subject} ({names}). A wildcard "
       "covers exactly one label; the CN is ignored when SANs are present."),
    RFC (6125, "6.4") },

  { D, "untrusted_issuer", N_("Certificate issuer not trusted"),
    N_("The certificate was issued by an authority ({issuer}) that the client does not trust, for "
       "example a company's private authority."),
    N_("The chain does not lead to a trust anchor of the system store (or of the CA file given); the "
       "client's alert is typically unknown_ca (48)."),
    RFC (5280, "6.1") },

  { D, "self_signed_certificate", N_("Self-signed certificate"),
    N_("The server made its own certificate and signed it itself, like writing your own ID card. Nobody "
       "vouches for it, so clients refuse it unless told to trust it."),
    N_("A single certificate with subject equal to issuer ({subject}), not in any trust store; alerts "
       "unknown_ca (48) or bad_certificate (42)."),
    RFC (5280, "6.1") },

  { D, "incomplete_certificate_chain", N_("Incomplete certificate chain"),
    N_("The server sent its certificate but not the in-between certificates that link it to a trusted "
       "authority. Some clients fetch the missing link themselves, many do not."),
    N_("The chain ({chain_length} certificates) ends at a certificate whose issuer is neither sent nor a "
       "trust anchor: the server omits its intermediates. The sender must send the chain up to (not "
       "necessarily including) a root."),
    RFC (8446, "4.4.2") },

  { D, "certificate_revoked", N_("Certificate revoked"),
    N_("The authority that issued the server's certificate has cancelled it, and the client found out. "
       "The certificate has to be replaced."),
    N_("certificate_revoked (44): a CRL or OCSP response (possibly stapled via status_request) lists the "
       "certificate's serial number as revoked."),
    RFC (5280, "5.3.1") },

  { D, "certificate_wrong_purpose", N_("Certificate not meant for TLS servers"),
    N_("The certificate is not meant for a web or TLS server; it was made for something else, such as "
       "signing e-mail or identifying a client."),
    N_("extendedKeyUsage lacks id-kp-serverAuth (1.3.6.1.5.5.7.3.1), or keyUsage forbids the key's use; "
       "OpenSSL clients send unsupported_certificate (43)."),
    RFC (5280, "4.2.1.12") },

  { D, "weak_certificate_key", N_("Weak certificate key"),
    N_("The certificate's key is too short to be safe today, and current clients may refuse it."),
    N_("RSA or DSA keys under 2048 bits and EC keys under 224 bits are below today's minimums (CA/Browser "
       "Forum Baseline Requirements, NIST SP 800-57)."),
    NO_RFC },

  { D, "weak_signature_algorithm", N_("Weak certificate signature"),
    N_("The certificate is signed with an old method (such as SHA-1 or MD5) that can be forged, so "
       "clients no longer accept it."),
    N_("signatureAlgorithm with MD5 or SHA-1 on the leaf or an intermediate; collisions are practical "
       "(SHAttered, 2017). The self-signature of a root does not matter."),
    RFC (9155, "2") },

  { D, "certificate_rejected", N_("Certificate rejected"),
    N_("The client refused the server's certificate, but the reason cannot be seen in the capture: it "
       "was encrypted, or nothing is visibly wrong with the certificate."),
    N_("The client aborted after the server's Certificate (with an alert such as {alert}, a silent close, "
       "or in TLS 1.3 a short encrypted record). In TLS 1.3 the certificate and the alert are encrypted: "
       "load the key log. Client-side causes: a missing root, pinning, a different name check."),
    NO_RFC },

  { D, "client_clock_skew", N_("Client clock is wrong"),
    N_("Your computer said the certificate had expired or was not valid yet, but it was valid when this "
       "was recorded (from {not_before} to {not_after}). Most likely your computer's date or time is "
       "wrong."),
    N_("A client alert certificate_expired (45) although notBefore ({not_before}) <= capture time <= "
       "notAfter ({not_after}): the client validates against a wrong clock. Fix it with NTP."),
    RFC (5280, "6.1.3") },

  { D, "tls_interception_suspected", N_("TLS interception suspected"),
    N_("The certificate for a public site ({sni}) was not issued by a public authority but by {issuer}, "
       "as security proxies, firewalls and antivirus programs do when they open encrypted traffic. If "
       "nobody told you about such a device, someone may be listening in."),
    N_("The chain for the public name {sni} ends in a private or inspection CA ({issuer}): a TLS "
       "terminating middlebox re-signs server certificates on the fly. It works only where its root is "
       "installed and breaks certificate pinning and client certificate authentication."),
    NO_RFC },

  { D, "bad_record_mac", N_("Record integrity failure"),
    N_("A protected message failed its integrity check: it was changed on the way, or the two sides "
       "computed different keys."),
    N_("bad_record_mac (20): AEAD tag or HMAC mismatch. Causes: a middlebox modifying records, NIC "
       "offload bugs, key derivation bugs (e.g. extended_master_secret handled differently)."),
    RFC (8446, "5.2") },

  { D, "decrypt_error", N_("Handshake verification failed"),
    N_("A signature or the final checksum of the handshake did not check out. Either a key does not "
       "match its certificate, or something changed the messages."),
    N_("decrypt_error (51): a CertificateVerify or ServerKeyExchange signature, or the Finished "
       "verify_data, failed: a private key that does not match the certificate, or a transcript altered "
       "in transit (RFC 8446, section 4.4.4)."),
    RFC (8446, "4.4.3") },

  { D, "decode_error", N_("Malformed message"),
    N_("One side could not read a message from the other because it was cut short or badly formed."),
    N_("decode_error (50): a length or a field out of range while parsing; usually an implementation bug "
       "or a middlebox that rewrites the handshake."),
    RFC (8446, "6.2") },

  { D, "internal_error", N_("Internal error"),
    N_("One side hit a problem inside itself that has nothing to do with the other side, such as a "
       "missing key file."),
    N_("internal_error (80): e.g. an unreadable private key, a key that does not match the certificate, "
       "a failing hardware security module, memory exhaustion."),
    RFC (8446, "6.2") },

  { D, "fatal_alert", N_("Fatal alert"),
    N_("One side stopped the connection with an error message ({alert}). The summary names the message "
       "and who sent it."),
    N_("A fatal alert ({alert}, code {alert_code}) that no more specific diagnosis covers ended the "
       "connection."),
    RFC (8446, "6.2") },

  { D, "handshake_ok", N_("Handshake succeeded"),
    N_("Everything worked: your computer and {server} agreed on {version} and {cipher} and set up their "
       "secret keys."),
    N_("Both Finished messages were exchanged (or application data flowed): version {version}, cipher "
       "suite {cipher}, group {group}, ALPN {alpn}, SNI {sni}."),
    RFC (8446, "2") },

  { D, "session_resumed", N_("Session resumed"),
    N_("Your computer reused keys from an earlier visit, so the handshake was shorter and no certificate "
       "was sent."),
    N_("A TLS 1.3 PSK from a NewSessionTicket (pre_shared_key accepted), or a TLS 1.2 abbreviated "
       "handshake (session ID or ticket accepted: ChangeCipherSpec and Finished right after the "
       "ServerHello)."),
    RFC (8446, "2.2") },

  { D, "hello_retry_request", N_("Extra round trip (HelloRetryRequest)"),
    N_("The server asked your computer to redo its hello with a different kind of key exchange "
       "({group}), which adds one round trip."),
    N_("HelloRetryRequest with selected_group {group}: none of the client's key_share entries was "
       "acceptable but a supported group overlapped; the transcript restarts with message_hash."),
    RFC (8446, "4.1.4") },

  { D, "renegotiation", N_("Renegotiation"),
    N_("The two sides ran a second handshake inside the already encrypted connection, usually to ask for "
       "a client certificate for one part of a site."),
    N_("HelloRequest or a new ClientHello after Finished, protected by the current keys; needs secure "
       "renegotiation (renegotiation_info, RFC 5746); removed in TLS 1.3."),
    RFC (5246, "7.4.1.1") },

  { D, "slow_handshake", N_("Slow handshake"),
    N_("Setting up the connection took a long time. The summary says whether the time went into the "
       "network or into the server's reply."),
    N_("Network round trip estimated from SYN to SYN-ACK at the capture point; server time from "
       "ClientHello to ServerHello. A full TLS 1.3 handshake needs one round trip after TCP, TLS 1.2 "
       "two."),
    NO_RFC },

  { D, "legacy_protocol_version", N_("Outdated TLS version"),
    N_("This connection uses an old version of TLS ({version}) with known weaknesses, which current "
       "browsers have switched off."),
    N_("Negotiated {version}: TLS 1.0 and 1.1 are deprecated by RFC 8996, SSL 3.0 is prohibited by RFC "
       "7568."),
    RFC_WHOLE (8996) },

  { D, "weak_cipher_suite", N_("Weak cipher suite"),
    N_("The encryption method chosen ({cipher}) is outdated: it can be broken or gives no real "
       "protection."),
    N_("Selected {cipher}: export grade, NULL, anonymous, RC4 (prohibited by RFC 7465), DES or 3DES "
       "(Sweet32) or MD5 based."),
    RFC (7465, "2") },

  { D, "encrypted_handshake_no_keylog", N_("Encrypted handshake, no key log"),
    N_("TLS 1.3 hides most of the handshake, including the certificate and any error message. Without "
       "the session's keys this tool cannot show them."),
    N_("Records after the ServerHello are protected with handshake traffic keys derived from the (EC)DHE "
       "secret; a key log with CLIENT_HANDSHAKE_TRAFFIC_SECRET and SERVER_HANDSHAKE_TRAFFIC_SECRET lines "
       "(SSLKEYLOGFILE format) decrypts them."),
    RFC (8446, "7.1") },

  { D, "keylog_mismatch", N_("Key log does not match"),
    N_("A key was found for this connection, but it does not open the encrypted messages: the key log "
       "probably comes from another run."),
    N_("A key log line matched the ClientHello random, but decryption failed with the derived keys: the "
       "secrets belong to another connection, the file is truncated, or the labels are wrong."),
    RFC (8446, "7.1") },
};

const guint hl_catalog_data_len = G_N_ELEMENTS (hl_catalog_data);
