/* tls-crypto.h: the TLS decryptor and transcript of one connection.
 *
 * The TLS session creates one HlTlsCrypto per connection at its start, feeds
 * it every handshake message in processing order (so it can keep the
 * transcript for Finished verification), tells it the negotiated parameters
 * after the ServerHello, and asks it to decrypt records.  All primitives come
 * from GnuTLS (HMAC, hash, AEAD, block ciphers); HKDF-Expand-Label and the
 * TLS 1.0-1.2 PRFs are implemented on GnuTLS HMAC.
 *
 * TLS 1.3: handshake traffic keys are active in both directions as soon as
 * params are set; hl_tls_crypto_handshake_done(dir) moves that direction to
 * the application traffic secret; key_update rolls it (RFC 8446 7.2).
 * TLS <= 1.2: keys from CLIENT_RANDOM (or RSA pre-master + transcript for
 * EMS), a direction becomes active at its ChangeCipherSpec.
 */
#pragma once
#include <glib.h>
#include "keylog.h"
#include "event.h"

G_BEGIN_DECLS

typedef enum {
  HL_DECRYPT_OK,
  HL_DECRYPT_NO_KEY,       /* no usable secret for this connection/direction */
  HL_DECRYPT_UNSUPPORTED,  /* cipher suite we cannot decrypt */
  HL_DECRYPT_AUTH_FAILED,  /* tag/MAC/padding check failed: wrong key */
  HL_DECRYPT_MALFORMED,    /* record too short for the cipher */
} HlDecryptResult;

typedef struct _HlTlsCrypto HlTlsCrypto;

HlTlsCrypto *hl_tls_crypto_new        (HlKeylog *keylog /* nullable, ref taken */);
void         hl_tls_crypto_free       (HlTlsCrypto *c);
/* Every handshake message (4-byte header + body, plaintext), both
 * directions, in the order they are processed. */
void         hl_tls_crypto_add_handshake (HlTlsCrypto *c, const guint8 *msg, gsize len);
/* Call at a HelloRetryRequest before adding it (transcript rule of RFC 8446 4.4.1). */
void         hl_tls_crypto_note_hrr   (HlTlsCrypto *c, guint16 cipher_suite);
/* After the (non-HRR) ServerHello has been added. version is the negotiated
 * one (0x0304 for TLS 1.3, also for drafts). Returns TRUE if keys were found. */
gboolean     hl_tls_crypto_set_params (HlTlsCrypto *c, guint16 version, guint16 cipher_suite,
                                       const guint8 client_random[32], const guint8 server_random[32],
                                       gboolean encrypt_then_mac, gboolean extended_master_secret);
/* TLS <= 1.2 with an RSA key-log entry: the ClientKeyExchange's encrypted
 * pre-master secret (after the ClientKeyExchange has been added), with or
 * without its 2-byte length.  set_params returns FALSE for such connections;
 * has_keys turns TRUE here when the key log knows the pre-master. */
void         hl_tls_crypto_set_encrypted_premaster (HlTlsCrypto *c, const guint8 *epms, gsize len);
gboolean     hl_tls_crypto_has_keys   (HlTlsCrypto *c, HlDirection dir);
gboolean     hl_tls_crypto_is_active  (HlTlsCrypto *c, HlDirection dir);
void         hl_tls_crypto_activate   (HlTlsCrypto *c, HlDirection dir);        /* TLS <= 1.2: CCS */
void         hl_tls_crypto_handshake_done (HlTlsCrypto *c, HlDirection dir);    /* TLS 1.3: Finished sent */
void         hl_tls_crypto_key_update (HlTlsCrypto *c, HlDirection dir);
/* Decrypt one record body (after the 5-byte header).  On OK, *inner_type is
 * the real content type (TLS 1.3 inner type, else the outer one) and the
 * plaintext is appended to out. Advances the direction's sequence number on
 * every call, whatever the result (a TLS 1.3 ChangeCipherSpec, never
 * protected, passes through unchanged and uncounted). */
HlDecryptResult hl_tls_crypto_decrypt (HlTlsCrypto *c, HlDirection dir, guint8 content_type,
                                       guint16 record_version, const guint8 *data, gsize len,
                                       guint8 *inner_type, GByteArray *out);
/* Count a record without decrypting it (application data skipped for speed). */
void         hl_tls_crypto_skip_record (HlTlsCrypto *c, HlDirection dir);
/* FALSE when skipping would lose the cipher state (RC4 keystream, SSL 3.0 /
 * TLS 1.0 CBC chained IV, TLS 1.3 0-RTT trial): decrypt every record then. */
gboolean     hl_tls_crypto_can_skip   (HlTlsCrypto *c, HlDirection dir);
/* The last successful hl_tls_crypto_decrypt used the 0-RTT (early) keys. */
gboolean     hl_tls_crypto_last_was_early_data (HlTlsCrypto *c);
/* Checks a Finished's verify_data against the transcript so far (call it
 * before adding that Finished). -1 cannot tell (no keys), 0 wrong, 1 right. */
int          hl_tls_crypto_verify_finished (HlTlsCrypto *c, HlDirection dir,
                                            const guint8 *verify_data, gsize len);
/* The cipher suite can be decrypted by this build. */
gboolean     hl_tls_crypto_suite_supported (guint16 cipher_suite);

G_END_DECLS
