/* tls-prf.h: the key derivation functions of SSL 3.0 to TLS 1.3.
 *
 * All of them are built on GnuTLS HMAC and hash primitives:
 * - SSL 3.0 (RFC 6101 6.2.2): MD5(secret + SHA1("A" + secret + seed)) ...
 * - TLS 1.0/1.1 PRF (RFC 2246 5): P_MD5(S1) xor P_SHA1(S2)
 * - TLS 1.2 PRF (RFC 5246 5): P_SHA256 or P_SHA384, by cipher suite
 * - HKDF (RFC 5869) and HKDF-Expand-Label (RFC 8446 7.1)
 * Functions return FALSE when GnuTLS fails or a length is out of range.
 */
#pragma once
#include <glib.h>
#include <gnutls/gnutls.h>

G_BEGIN_DECLS

#define HL_TLS_MAX_HASH_LEN 64

typedef enum {
  HL_PRF_SSL3,     /* SSL 3.0: the label is not used */
  HL_PRF_TLS10,    /* TLS 1.0 and 1.1 */
  HL_PRF_SHA256,   /* TLS 1.2, most suites */
  HL_PRF_SHA384,   /* TLS 1.2, *_SHA384 suites */
} HlPrfKind;

/* P_hash of RFC 5246 5 over seed (the caller prepends the label). */
gboolean hl_tls_p_hash   (gnutls_mac_algorithm_t mac, const guint8 *secret, gsize secret_len,
                          const guint8 *seed, gsize seed_len, guint8 *out, gsize out_len);
/* PRF(secret, label, seed) of the given kind; out_len at most 1024. */
gboolean hl_tls_prf      (HlPrfKind kind, const guint8 *secret, gsize secret_len,
                          const char *label, const guint8 *seed, gsize seed_len,
                          guint8 *out, gsize out_len);
/* The SSL 3.0 MD5/SHA-1 expansion (master secret and key block); out_len
 * at most 26 * 16. */
gboolean hl_ssl3_prf     (const guint8 *secret, gsize secret_len, const guint8 *seed, gsize seed_len,
                          guint8 *out, gsize out_len);

gboolean hl_hkdf_extract (gnutls_mac_algorithm_t mac, const guint8 *salt, gsize salt_len,
                          const guint8 *ikm, gsize ikm_len, guint8 *prk /* hash length */);
gboolean hl_hkdf_expand  (gnutls_mac_algorithm_t mac, const guint8 *prk, gsize prk_len,
                          const guint8 *info, gsize info_len, guint8 *out, gsize out_len);
/* HKDF-Expand-Label(secret, "tls13 " + label, context, out_len). */
gboolean hl_hkdf_expand_label (gnutls_mac_algorithm_t mac, const guint8 *secret, gsize secret_len,
                               const char *label, const guint8 *context, gsize context_len,
                               guint8 *out, gsize out_len);

G_END_DECLS
