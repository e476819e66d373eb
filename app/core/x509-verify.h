/* x509-verify.h: judge a certificate chain as sent on the wire, at the
 * capture's time, against the system trust store and/or a CA file.
 *
 * Everything is evaluated at `at_time` (the capture's timestamp), never at
 * the current clock, so an old capture is judged as its client saw it. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint     n_certs;            /* certificates in the path that was checked */
  guint     n_sent;             /* certificates the peer sent */

  gboolean  trusted;            /* path ends at a trust anchor and every signature
                                 * and CA constraint holds (times, names and
                                 * purposes are judged separately below) */
  char     *anchor_subject;     /* DN of the trust anchor, or of the top of the path */

  gboolean  expired;            /* some certificate's notAfter < at_time */
  int       expired_index;      /* its index in the path (0 = leaf), -1 if none */
  gint64    expired_not_after;
  gboolean  not_yet_valid;      /* some certificate's notBefore > at_time */
  int       not_yet_valid_index;
  gint64    not_yet_valid_not_before;

  gboolean  hostname_checked;   /* a hostname was given */
  gboolean  hostname_ok;        /* the leaf covers it (RFC 6125) */

  gboolean  chain_incomplete;   /* the top is not self-issued and its issuer is
                                 * neither sent nor in the trust store */
  char     *missing_issuer;     /* DN of the missing issuer when incomplete */
  gboolean  self_signed_leaf;   /* the leaf is self-signed */
  gboolean  untrusted_root;     /* the path ends at a self-signed root that is not
                                 * in the trust store */
  char     *untrusted_root_subject;
  gboolean  bad_signature;      /* a signature in the path does not verify */
  gboolean  signer_not_ca;      /* an issuer in the path is not allowed to sign */
  gboolean  revoked;            /* always FALSE: captures carry no revocation data */
  gboolean  wrong_purpose;      /* the leaf's extendedKeyUsage excludes serverAuth */

  gboolean  weak_key;           /* RSA/DSA < 2048 bits or EC < 224 bits in the path */
  int       weak_key_index;
  guint     weak_key_bits;
  char     *weak_key_algorithm;
  gboolean  weak_signature;     /* MD2/MD5/SHA-1 signature on a non-root certificate */
  int       weak_signature_index;
  char     *weak_signature_algorithm;

  char     *leaf_issuer_dn;     /* issuer of the leaf */
  char     *leaf_issuer_cn;
  const char *inspection_product; /* static; set when a name in the path looks
                                   * like a TLS inspection product's CA */

  guint     gnutls_status;      /* gnutls_certificate_status_t bits */
  char     *status;             /* GnuTLS's text for gnutls_status */
  char     *error;              /* set when nothing could be verified (no
                                 * parseable leaf, unreadable CA file, ...) */
} HlChainVerdict;

/* certs: HlCertificate*, leaf first, in the order sent (extra or unordered
 * certificates are tolerated).  hostname and ca_file are nullable.
 * at_time: seconds since the epoch; 0 skips the validity-period checks. */
HlChainVerdict *hl_x509_verify_chain (GPtrArray  *certs,
                                      const char *hostname,
                                      gint64      at_time,
                                      const char *ca_file,
                                      gboolean    use_system_trust);
void            hl_chain_verdict_free (HlChainVerdict *verdict);

/* When a DN (subject or issuer) names a known TLS-inspection product
 * (corporate proxy, antivirus, debugging proxy), that product's name;
 * else NULL.  Case-insensitive. */
const char     *hl_x509_inspection_product (const char *dn);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlChainVerdict, hl_chain_verdict_free)

G_END_DECLS
