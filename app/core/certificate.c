/* certificate.c: one X.509 certificate as seen on the wire, parsed with GnuTLS. */
#include "certificate.h"

#include <string.h>
#include <gio/gio.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "i18n.h"
#include "reader.h"

/* A certificate in a TLS Certificate message can be up to 16 MiB long; real
 * ones are a few KiB.  Anything past this is refused before GnuTLS sees it. */
#define HL_CERTIFICATE_MAX_DER (64 * 1024)
/* Bounds on what one certificate may contribute to the model. */
#define MAX_SAN_ENTRIES 1024
#define MAX_EKU_ENTRIES 64

typedef int (*DnFunc) (gnutls_x509_crt_t, gnutls_datum_t *, unsigned);
typedef int (*DnByOidFunc) (gnutls_x509_crt_t, const char *, unsigned, unsigned, void *, size_t *);

/* RFC 4514 string of the subject or issuer DN ("" when empty). */
static char *
get_dn (gnutls_x509_crt_t crt, DnFunc func)
{
  gnutls_datum_t dn = { NULL, 0 };
  char *ret;

  if (func (crt, &dn, 0) < 0)
    return g_strdup ("");
  ret = g_utf8_make_valid ((const char *) dn.data, dn.size);
  gnutls_free (dn.data);
  return ret;
}

/* The first CN of a DN, NULL if there is none. */
static char *
get_cn (gnutls_x509_crt_t crt, DnByOidFunc func)
{
  size_t size = 0;
  g_autofree char *buf = NULL;
  int ret;

  ret = func (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, NULL, &size);
  if (ret != GNUTLS_E_SHORT_MEMORY_BUFFER || size == 0 || size > HL_CERTIFICATE_MAX_DER)
    return NULL;
  buf = g_malloc0 (size + 1);
  if (func (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, buf, &size) < 0)
    return NULL;
  return g_utf8_make_valid (buf, strnlen (buf, size));
}

static char *
get_serial_hex (gnutls_x509_crt_t crt)
{
  guint8 serial[128];
  size_t size = sizeof serial;
  GString *s;

  if (gnutls_x509_crt_get_serial (crt, serial, &size) < 0)
    return NULL;
  s = g_string_sized_new (size * 2);
  /* A leading 0x00 only keeps a DER INTEGER positive: not part of the
   * number (OpenSSL and browsers do not show it either). */
  for (size_t i = (size > 1 && serial[0] == 0 && serial[1] >= 0x80) ? 1 : 0; i < size; i++)
    g_string_append_printf (s, "%02x", serial[i]);
  return g_string_free (s, FALSE);
}

static char *
ip_to_string (const guint8 *data, size_t len)
{
  g_autoptr(GInetAddress) addr = NULL;

  if (len == 4)
    addr = g_inet_address_new_from_bytes (data, G_SOCKET_FAMILY_IPV4);
  else if (len == 16)
    addr = g_inet_address_new_from_bytes (data, G_SOCKET_FAMILY_IPV6);
  else
    return NULL;   /* 8 or 32 bytes are name-constraint ranges, not addresses */
  return g_inet_address_to_string (addr);
}

static void
get_subject_alt_names (gnutls_x509_crt_t crt, HlCertificate *cert)
{
  g_autoptr(GPtrArray) dns = g_ptr_array_new ();
  g_autoptr(GPtrArray) ips = g_ptr_array_new ();

  for (unsigned seq = 0; seq < MAX_SAN_ENTRIES; seq++)
    {
      g_autofree guint8 *buf = NULL;
      size_t size = 0;
      unsigned type = 0;
      int ret;

      ret = gnutls_x509_crt_get_subject_alt_name2 (crt, seq, NULL, &size, &type, NULL);
      if (ret >= 0)
        continue;   /* an empty entry */
      if (ret != GNUTLS_E_SHORT_MEMORY_BUFFER)
        break;      /* the end, or an extension GnuTLS cannot decode */
      if (size > HL_CERTIFICATE_MAX_DER)
        continue;
      buf = g_malloc0 (size + 1);
      ret = gnutls_x509_crt_get_subject_alt_name2 (crt, seq, buf, &size, &type, NULL);
      if (ret < 0)
        continue;

      if (ret == GNUTLS_SAN_DNSNAME)
        {
          /* A name with an embedded NUL could be used to fool a string
           * compare ("good.example\0.evil"): leave it out. */
          if (size > 0 && memchr (buf, '\0', size) == NULL)
            g_ptr_array_add (dns, g_utf8_make_valid ((const char *) buf, size));
        }
      else if (ret == GNUTLS_SAN_IPADDRESS)
        {
          char *text = ip_to_string (buf, size);
          if (text)
            g_ptr_array_add (ips, text);
        }
    }

  g_ptr_array_add (dns, NULL);
  g_ptr_array_add (ips, NULL);
  g_strfreev (cert->dns_names);
  g_strfreev (cert->ip_addresses);
  cert->dns_names = (GStrv) g_ptr_array_steal (dns, NULL);
  cert->ip_addresses = (GStrv) g_ptr_array_steal (ips, NULL);
}

static char *
get_key_algorithm (gnutls_x509_crt_t crt, guint *bits)
{
  unsigned int b = 0;
  int pk = gnutls_x509_crt_get_pk_algorithm (crt, &b);
  const char *name;

  *bits = b;
  switch (pk)
    {
    case GNUTLS_PK_RSA:           return g_strdup ("RSA");
    case GNUTLS_PK_RSA_PSS:       return g_strdup ("RSA-PSS");
    case GNUTLS_PK_DSA:           return g_strdup ("DSA");
    case GNUTLS_PK_ECDSA:         return g_strdup ("EC");
    case GNUTLS_PK_EDDSA_ED25519: return g_strdup ("Ed25519");
    case GNUTLS_PK_EDDSA_ED448:   return g_strdup ("Ed448");
    default:
      break;
    }
  name = pk > 0 ? gnutls_pk_algorithm_get_name (pk) : NULL;
  return g_strdup (name ? name : "unknown");
}

static char *
get_signature_algorithm (gnutls_x509_crt_t crt)
{
  int sign = gnutls_x509_crt_get_signature_algorithm (crt);
  const char *name = sign > 0 ? gnutls_sign_get_name (sign) : NULL;
  char oid[128];
  size_t size = sizeof oid;

  if (name)
    return g_strdup (name);
  /* Unknown to GnuTLS: the OID is still better than nothing. */
  if (gnutls_x509_crt_get_signature_oid (crt, oid, &size) >= 0)
    return g_utf8_make_valid (oid, strnlen (oid, sizeof oid));
  return g_strdup ("unknown");
}

/* Reads one DER TLV with a single-byte tag; `content` covers its value. */
static gboolean
der_read (HlReader *r, guint8 expected_tag, HlReader *content)
{
  guint8 tag = hl_reader_u8 (r);
  guint8 first = hl_reader_u8 (r);
  gsize len = 0;

  if (!hl_reader_ok (r) || tag != expected_tag)
    return FALSE;
  if (first < 0x80)
    len = first;
  else
    {
      guint n = first & 0x7f;
      if (n == 0 || n > 3)   /* indefinite (not DER) or absurdly long */
        return FALSE;
      for (guint i = 0; i < n; i++)
        len = (len << 8) | hl_reader_u8 (r);
    }
  *content = hl_reader_sub (r, len);
  return hl_reader_ok (r);
}

/* Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signature }.
 * Returns the TBS bytes (with their header) and the signature bits. */
static gboolean
split_signed_der (const guint8 *der, gsize len, gnutls_datum_t *tbs, gnutls_datum_t *sig)
{
  HlReader r, cert, part;
  const guint8 *tbs_start;

  hl_reader_init (&r, der, len);
  if (!der_read (&r, 0x30, &cert))
    return FALSE;
  tbs_start = hl_reader_peek (&cert);
  if (!der_read (&cert, 0x30, &part))
    return FALSE;
  tbs->data = (unsigned char *) tbs_start;
  tbs->size = hl_reader_peek (&cert) - tbs_start;
  if (!der_read (&cert, 0x30, &part))   /* signatureAlgorithm */
    return FALSE;
  if (!der_read (&cert, 0x03, &part) || hl_reader_u8 (&part) != 0 || !hl_reader_ok (&part))
    return FALSE;                        /* BIT STRING with 0 unused bits */
  sig->data = (unsigned char *) hl_reader_peek (&part);
  sig->size = hl_reader_remaining (&part);
  return sig->size > 0;
}

/* Does the certificate's own public key verify its signature?  Weak hashes
 * are accepted here: the question is who signed it, not whether it is safe. */
static gboolean
signature_verifies_with_own_key (gnutls_x509_crt_t crt, const guint8 *der, gsize len)
{
  gnutls_datum_t tbs, sig;
  gnutls_pubkey_t key = NULL;
  int sign = gnutls_x509_crt_get_signature_algorithm (crt);
  gboolean ok;

  if (sign <= 0 || !split_signed_der (der, len, &tbs, &sig))
    return FALSE;
  /* Not gnutls_x509_crt_verify_data2(): it also rejects a certificate that
   * has expired by today's clock. */
  if (gnutls_pubkey_init (&key) < 0)
    return FALSE;
  ok = gnutls_pubkey_import_x509 (key, crt, 0) >= 0 &&
       gnutls_pubkey_verify_data2 (key, sign,
                                   GNUTLS_VERIFY_ALLOW_BROKEN | GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1,
                                   &tbs, &sig) >= 0;
  gnutls_pubkey_deinit (key);
  return ok;
}

static gboolean
is_self_issued (gnutls_x509_crt_t crt, const HlCertificate *cert)
{
  gnutls_datum_t subject = { NULL, 0 }, issuer = { NULL, 0 };
  gboolean same;

  same = gnutls_x509_crt_get_raw_dn (crt, &subject) >= 0 &&
         gnutls_x509_crt_get_raw_issuer_dn (crt, &issuer) >= 0 &&
         subject.size == issuer.size && memcmp (subject.data, issuer.data, subject.size) == 0;
  gnutls_free (subject.data);
  gnutls_free (issuer.data);
  if (same)
    return TRUE;
  /* Same names, encoded differently (PrintableString vs UTF8String). */
  return cert->subject_dn[0] != '\0' && g_strcmp0 (cert->subject_dn, cert->issuer_dn) == 0;
}

static void
get_key_purposes (gnutls_x509_crt_t crt, HlCertificate *cert)
{
  gboolean any_eku = FALSE, server = FALSE, client = FALSE;

  for (unsigned i = 0; i < MAX_EKU_ENTRIES; i++)
    {
      char oid[128];
      size_t size = sizeof oid;
      int ret = gnutls_x509_crt_get_key_purpose_oid (crt, i, oid, &size, NULL);

      if (ret == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        break;
      any_eku = TRUE;
      if (ret < 0)
        continue;
      if (strcmp (oid, GNUTLS_KP_TLS_WWW_SERVER) == 0 || strcmp (oid, GNUTLS_KP_ANY) == 0)
        server = TRUE;
      if (strcmp (oid, GNUTLS_KP_TLS_WWW_CLIENT) == 0 || strcmp (oid, GNUTLS_KP_ANY) == 0)
        client = TRUE;
    }
  /* No extendedKeyUsage extension: every purpose is allowed (RFC 5280). */
  cert->key_purpose_server = !any_eku || server;
  cert->key_purpose_client = !any_eku || client;
}

/* Hashes 8 bytes a step: certificates are kilobytes, and every connection
 * hashes its whole chain (g_bytes_hash goes a byte at a time). */
static guint
der_hash (const guint8 *der, gsize len)
{
  guint64 h = 0x9e3779b97f4a7c15ull ^ len;
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;
      memcpy (&w, der + i, 8);
      h = (h ^ w) * 0xff51afd7ed558ccdull;
      h ^= h >> 32;
    }
  for (; i < len; i++)
    h = (h ^ der[i]) * 0x100000001b3ull;
  return (guint) (h ^ (h >> 29));
}

/* hash: der_hash (der, len) */
static HlCertificate *
certificate_parse (const guint8 *der, gsize len, guint hash)
{
  HlCertificate *cert = g_atomic_rc_box_new0 (HlCertificate);
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum;
  unsigned int critical = 0, ca = 0;
  int ret;

  cert->der = g_bytes_new (der, der ? len : 0);
  cert->der_hash = hash;
  cert->dns_names = g_new0 (char *, 1);
  cert->ip_addresses = g_new0 (char *, 1);

  if (der == NULL || len == 0)
    {
      cert->parse_error = g_strdup (_("Empty certificate"));
      return cert;
    }
  if (len > HL_CERTIFICATE_MAX_DER)
    {
      cert->parse_error = g_strdup_printf (_("Certificate of %zu bytes is larger than the %u KiB limit"),
                                           len, HL_CERTIFICATE_MAX_DER / 1024);
      return cert;
    }

  ret = gnutls_x509_crt_init (&crt);
  if (ret >= 0)
    {
      datum.data = (unsigned char *) der;
      datum.size = len;
      ret = gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER);
    }
  if (ret < 0)
    {
      cert->parse_error = g_strdup (gnutls_strerror (ret));
      if (crt)
        gnutls_x509_crt_deinit (crt);
      return cert;
    }

  cert->subject_dn = get_dn (crt, gnutls_x509_crt_get_dn3);
  cert->issuer_dn = get_dn (crt, gnutls_x509_crt_get_issuer_dn3);
  cert->subject_cn = get_cn (crt, gnutls_x509_crt_get_dn_by_oid);
  cert->issuer_cn = get_cn (crt, gnutls_x509_crt_get_issuer_dn_by_oid);
  cert->serial_hex = get_serial_hex (crt);
  cert->not_before = gnutls_x509_crt_get_activation_time (crt);
  cert->not_after = gnutls_x509_crt_get_expiration_time (crt);
  get_subject_alt_names (crt, cert);
  cert->key_algorithm = get_key_algorithm (crt, &cert->key_bits);
  cert->signature_algorithm = get_signature_algorithm (crt);
  if (gnutls_x509_crt_get_basic_constraints (crt, &critical, &ca, NULL) >= 0)
    cert->is_ca = ca != 0;
  cert->self_issued = is_self_issued (crt, cert);
  cert->self_signed = cert->self_issued && signature_verifies_with_own_key (crt, der, len);
  get_key_purposes (crt, cert);

  gnutls_x509_crt_deinit (crt);
  return cert;
}

/* ---- Cache of parsed certificates --------------------------------------- */

/* A capture shows the same certificates over and over: every connection to
 * a server carries its chain.  Parsing one with GnuTLS costs 0.2 ms, and a
 * self-signed one (its signature is checked) 1 ms; so the last certificates
 * parsed are kept, keyed by their DER bytes, and handed out again as new
 * references (certificates are immutable once parsed).  Bounded:
 * CACHE_SLOTS certificates of at most HL_CERTIFICATE_MAX_DER bytes,
 * replaced in turn. */
#define CACHE_SLOTS 64

/* A slot is found by the DER's length and last 8 bytes (the end of the
 * signature: as good as random, and free to read, where hashing the whole
 * DER on every lookup cost as much as the memcmp that confirms a match). */
typedef struct {
  gsize          len;
  guint64        tail;
  HlCertificate *cert;
} CacheSlot;

static GMutex    cache_lock;
static CacheSlot cache[CACHE_SLOTS];
static guint     cache_next;

static guint64
der_tail (const guint8 *der, gsize len)
{
  guint64 tail = 0;

  memcpy (&tail, der + len - MIN (len, 8), MIN (len, 8));
  return tail;
}

/* Never fails: a certificate GnuTLS rejects is returned with parse_error set. */
HlCertificate *
hl_certificate_new_from_der (const guint8 *der, gsize len)
{
  HlCertificate *cert = NULL;
  guint64 tail;

  if (der == NULL || len == 0 || len > HL_CERTIFICATE_MAX_DER)
    return certificate_parse (der, len, der_hash (der, der ? len : 0));

  tail = der_tail (der, len);
  g_mutex_lock (&cache_lock);
  for (guint i = 0; i < CACHE_SLOTS && cache[i].cert; i++)
    {
      if (cache[i].len == len && cache[i].tail == tail &&
          memcmp (g_bytes_get_data (cache[i].cert->der, NULL), der, len) == 0)
        {
          cert = hl_certificate_ref (cache[i].cert);
          break;
        }
    }
  g_mutex_unlock (&cache_lock);
  if (cert)
    return cert;

  cert = certificate_parse (der, len, der_hash (der, len));
  if (cert->parse_error == NULL)
    {
      HlCertificate *old;

      g_mutex_lock (&cache_lock);
      old = cache[cache_next].cert;
      cache[cache_next].len = len;
      cache[cache_next].tail = tail;
      cache[cache_next].cert = hl_certificate_ref (cert);
      cache_next = (cache_next + 1) % CACHE_SLOTS;
      g_mutex_unlock (&cache_lock);
      hl_certificate_unref (old);
    }
  return cert;
}

HlCertificate *
hl_certificate_ref (HlCertificate *cert)
{
  return g_atomic_rc_box_acquire (cert);
}

static void
certificate_clear (HlCertificate *cert)
{
  g_clear_pointer (&cert->der, g_bytes_unref);
  g_free (cert->subject_dn);
  g_free (cert->subject_cn);
  g_free (cert->issuer_dn);
  g_free (cert->issuer_cn);
  g_free (cert->serial_hex);
  g_strfreev (cert->dns_names);
  g_strfreev (cert->ip_addresses);
  g_free (cert->key_algorithm);
  g_free (cert->signature_algorithm);
  g_free (cert->parse_error);
}

void
hl_certificate_unref (HlCertificate *cert)
{
  if (cert == NULL)
    return;
  g_atomic_rc_box_release_full (cert, (GDestroyNotify) certificate_clear);
}

/* ---- Host name matching (RFC 6125 section 6) ---------------------------- */

/* Lowercased copy without one trailing dot; NULL if empty. */
static char *
normalize_name (const char *name)
{
  gsize len = strlen (name);

  if (len > 0 && name[len - 1] == '.')
    len--;
  if (len == 0)
    return NULL;
  return g_ascii_strdown (name, len);
}

static gboolean
dns_name_matches (const char *pattern, const char *host)
{
  g_autofree char *p = normalize_name (pattern);
  const char *host_rest, *pattern_rest;

  if (p == NULL)
    return FALSE;
  if (strchr (p, '*') == NULL)
    return strcmp (p, host) == 0;

  /* A wildcard only as the whole left-most label ("*.example.com"), with at
   * least two labels after it, matching exactly one non-empty host label. */
  if (p[0] != '*' || p[1] != '.' || strchr (p + 1, '*') != NULL)
    return FALSE;
  pattern_rest = p + 1;                       /* ".example.com" */
  if (strchr (pattern_rest + 1, '.') == NULL)
    return FALSE;                             /* "*.com" */
  host_rest = strchr (host, '.');
  if (host_rest == NULL || host_rest == host)
    return FALSE;
  return strcmp (host_rest, pattern_rest) == 0;
}

gboolean
hl_certificate_matches_host (const HlCertificate *cert, const char *host)
{
  g_autofree char *name = NULL;
  g_autoptr(GInetAddress) host_ip = NULL;
  gsize len;

  if (cert == NULL || host == NULL || cert->parse_error != NULL)
    return FALSE;

  /* IP literals ("192.0.2.1", "2001:db8::1", "[2001:db8::1]") match only
   * iPAddress entries, compared as addresses, not as text. */
  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    {
      g_autofree char *inner = g_strndup (host + 1, len - 2);
      host_ip = g_inet_address_new_from_string (inner);
      if (host_ip == NULL)
        return FALSE;
    }
  else
    host_ip = g_inet_address_new_from_string (host);
  if (host_ip)
    {
      for (guint i = 0; cert->ip_addresses[i]; i++)
        {
          g_autoptr(GInetAddress) san = g_inet_address_new_from_string (cert->ip_addresses[i]);
          if (san && g_inet_address_equal (san, host_ip))
            return TRUE;
        }
      return FALSE;
    }

  name = normalize_name (host);
  if (name == NULL || strchr (name, '*') != NULL)
    return FALSE;

  if (cert->dns_names[0] != NULL)
    {
      for (guint i = 0; cert->dns_names[i]; i++)
        if (dns_name_matches (cert->dns_names[i], name))
          return TRUE;
      return FALSE;
    }
  /* The CN counts only when there is no DNS name SAN at all. */
  return cert->subject_cn != NULL && dns_name_matches (cert->subject_cn, name);
}
