/* tls-cipher.h: cipher suite parameters and record protection.
 *
 * The suite table says, for each cipher suite we can decrypt, which
 * GnuTLS cipher and MAC it uses, its key and IV lengths and its PRF hash.
 * An HlRecordCipher holds one direction's keys and opens records:
 * AEAD (GCM, CCM, CCM_8, ChaCha20-Poly1305; TLS 1.2 and 1.3 nonces), CBC
 * (MAC-then-encrypt or encrypt_then_mac, chained IV for SSL 3.0 / TLS 1.0,
 * explicit IV for TLS 1.1+), RC4 and NULL.  The caller owns the sequence
 * number.
 */
#pragma once
#include <glib.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include "tls-crypto.h"

G_BEGIN_DECLS

typedef enum {
  HL_CIPHER_NULL,     /* MAC only */
  HL_CIPHER_STREAM,   /* RC4 */
  HL_CIPHER_CBC,
  HL_CIPHER_AEAD,     /* GCM, CCM (explicit 8-byte nonce in TLS 1.2) */
  HL_CIPHER_AEAD_XOR, /* ChaCha20-Poly1305 (RFC 7905 nonce) */
} HlCipherKind;

typedef struct {
  guint16                   id;
  HlCipherKind              kind;
  gnutls_cipher_algorithm_t cipher;
  guint8                    key_len;
  guint8                    iv_len;      /* key block IV: AEAD fixed IV, CBC block */
  guint8                    block_len;   /* CBC block, else 0 */
  gnutls_mac_algorithm_t    mac;         /* record MAC, GNUTLS_MAC_NULL for AEAD */
  guint8                    mac_len;
  gnutls_mac_algorithm_t    hash;        /* TLS 1.2 PRF / TLS 1.3 HKDF hash */
  guint8                    tag_len;     /* AEAD tag */
  gboolean                  tls13;
} HlCipherSuite;

/* NULL if we cannot decrypt that suite. */
const HlCipherSuite *hl_cipher_suite_lookup (guint16 id);
/* Number of entries of the table and the i-th one (for tests). */
guint                hl_cipher_suite_count  (void);
const HlCipherSuite *hl_cipher_suite_nth    (guint i);

typedef struct _HlRecordCipher HlRecordCipher;

/* version: the negotiated one (0x0300 SSL 3.0 ... 0x0304 TLS 1.3).
 * mac_key is suite->mac_len bytes (NULL for AEAD), key suite->key_len,
 * iv suite->iv_len (12 for TLS 1.3).  NULL if GnuTLS refuses the key. */
HlRecordCipher *hl_record_cipher_new     (const HlCipherSuite *suite, guint16 version,
                                          gboolean encrypt_then_mac, const guint8 *mac_key,
                                          const guint8 *key, const guint8 *iv);
void            hl_record_cipher_free    (HlRecordCipher *rc);
HlDecryptResult hl_record_cipher_decrypt (HlRecordCipher *rc, guint64 seq, guint8 content_type,
                                          guint16 record_version, const guint8 *data, gsize len,
                                          guint8 *inner_type, GByteArray *out);
/* RC4 and chained-IV CBC need every record to keep their state. */
gboolean        hl_record_cipher_can_skip (HlRecordCipher *rc);
/* A record passed by without decryption: stateful ciphers lose their state. */
void            hl_record_cipher_skip    (HlRecordCipher *rc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlRecordCipher, hl_record_cipher_free)

G_END_DECLS
