/* certificate.h: one X.509 certificate as seen on the wire, parsed with GnuTLS.
 *
 * Reference counted (atomically) and immutable once returned: the same
 * certificate object may be shared by many connections and threads. */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

typedef struct _HlCertificate HlCertificate;
struct _HlCertificate {
  GBytes  *der;
  char    *subject_dn;     /* RFC 4514 string */
  char    *subject_cn;     /* first CN of the subject, NULL if none */
  char    *issuer_dn;
  char    *issuer_cn;
  char    *serial_hex;
  gint64   not_before;     /* seconds since the epoch */
  gint64   not_after;
  GStrv    dns_names;      /* subjectAltName dNSName entries (may be empty, never NULL) */
  GStrv    ip_addresses;   /* subjectAltName iPAddress entries as text */
  char    *key_algorithm;  /* "RSA", "EC", "Ed25519", ... */
  guint    key_bits;
  char    *signature_algorithm;  /* "RSA-SHA256", ... */
  gboolean is_ca;          /* basicConstraints CA:TRUE */
  gboolean self_issued;    /* subject DN == issuer DN */
  gboolean self_signed;    /* self-issued and the signature verifies with its own key */
  int      key_purpose_server;  /* 1 EKU allows serverAuth (or no EKU), 0 forbids, */
  int      key_purpose_client;  /* 1 EKU allows clientAuth (or no EKU), 0 forbids */
  char    *parse_error;    /* set when GnuTLS could not parse it (other fields NULL/0) */
  guint    der_hash;       /* hash of der, for caches keyed by certificates (equal DER,
                              equal hash; compare the bytes on a match) */
};

/* Never fails: a certificate GnuTLS rejects is returned with parse_error set.
 * Equal DER bytes may return the same (shared) certificate. */
HlCertificate *hl_certificate_new_from_der (const guint8 *der, gsize len);
HlCertificate *hl_certificate_ref          (HlCertificate *cert);
/* NULL is ignored. */
void           hl_certificate_unref        (HlCertificate *cert);
/* TRUE when a DNS name or IP SAN (or, with no SANs, the CN) covers `host`. */
gboolean       hl_certificate_matches_host (const HlCertificate *cert, const char *host);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HlCertificate, hl_certificate_unref)

G_END_DECLS
