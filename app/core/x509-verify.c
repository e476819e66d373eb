/* x509-verify.c: judge a certificate chain at the capture's time. */
#include "x509-verify.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "certificate.h"
#include "i18n.h"

/* Longest path we build; real ones have 2 to 4 certificates. */
#define MAX_PATH 16
/* Distinct (system trust, CA file) combinations kept loaded. */
#define MAX_CACHED_TRUST_LISTS 8

/* ---- Trust lists ---------------------------------------------------------
 *
 * Loading the system store costs milliseconds; a capture can hold hundreds
 * of connections, so each combination is loaded once and kept.  GnuTLS trust
 * lists are not documented as safe for concurrent use, so every use happens
 * under `trust_lock`. */

typedef struct {
  gnutls_x509_trust_list_t list;
  char *error;
  guint64 serial;   /* tells loads apart (verdicts are cached per load) */
} TrustList;

static GMutex trust_lock;
static GHashTable *trust_lists;   /* key -> TrustList* */

static void
trust_list_free (TrustList *tl)
{
  if (tl->list)
    gnutls_x509_trust_list_deinit (tl->list, 1);
  g_free (tl->error);
  g_free (tl);
}

static TrustList *
trust_list_load (const char *ca_file, gboolean use_system_trust)
{
  static guint64 serial;
  TrustList *tl = g_new0 (TrustList, 1);
  int ret;

  tl->serial = ++serial;
  ret = gnutls_x509_trust_list_init (&tl->list, 0);
  if (ret < 0)
    {
      tl->list = NULL;
      tl->error = g_strdup (gnutls_strerror (ret));
      return tl;
    }
  if (use_system_trust)
    gnutls_x509_trust_list_add_system_trust (tl->list, 0, 0);   /* none is fine */
  if (ca_file)
    {
      ret = gnutls_x509_trust_list_add_trust_file (tl->list, ca_file, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
      if (ret <= 0)
        ret = gnutls_x509_trust_list_add_trust_file (tl->list, ca_file, NULL, GNUTLS_X509_FMT_DER, 0, 0);
      if (ret < 0)
        tl->error = g_strdup_printf (_("Cannot load CA file %s: %s"), ca_file, gnutls_strerror (ret));
      else if (ret == 0)
        tl->error = g_strdup_printf (_("CA file %s holds no certificate"), ca_file);
    }
  return tl;
}

/* Called with trust_lock held. */
static TrustList *
trust_list_get (const char *ca_file, gboolean use_system_trust)
{
  g_autofree char *key = NULL;
  GStatBuf st;
  TrustList *tl;

  /* A CA file that changes on disk is loaded again. */
  if (ca_file && g_stat (ca_file, &st) == 0)
    key = g_strdup_printf ("%d|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT, use_system_trust, ca_file,
                           (gint64) st.st_mtime, (gint64) st.st_size);
  else
    key = g_strdup_printf ("%d|%s", use_system_trust, ca_file ? ca_file : "");

  if (trust_lists == NULL)
    trust_lists = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) trust_list_free);
  tl = g_hash_table_lookup (trust_lists, key);
  if (tl)
    return tl;
  if (g_hash_table_size (trust_lists) >= MAX_CACHED_TRUST_LISTS)
    g_hash_table_remove_all (trust_lists);
  tl = trust_list_load (ca_file, use_system_trust);
  g_hash_table_insert (trust_lists, g_steal_pointer (&key), tl);
  return tl;
}

/* ---- Inspection products -------------------------------------------------- */

/* Lowercase fragments of CA names used by TLS-inspecting products. */
static const struct {
  const char *fragment;
  const char *product;
} inspection_cas[] = {
  { "zscaler",                 "Zscaler" },
  { "fortinet",                "Fortinet FortiGate" },
  { "fortigate",               "Fortinet FortiGate" },
  { "palo alto",               "Palo Alto Networks" },
  { "paloalto",                "Palo Alto Networks" },
  { "blue coat",               "Blue Coat ProxySG" },
  { "bluecoat",                "Blue Coat ProxySG" },
  { "proxysg",                 "Blue Coat ProxySG" },
  { "symantec web security",   "Symantec Web Security Service" },
  { "sophos",                  "Sophos" },
  { "kaspersky",               "Kaspersky" },
  { "avast",                   "Avast Web/Mail Shield" },
  { "avg web",                 "AVG Web/Mail Shield" },
  { "avg mail",                "AVG Web/Mail Shield" },
  { "eset ssl filter",         "ESET SSL Filter" },
  { "bitdefender",             "Bitdefender" },
  { "cisco umbrella",          "Cisco Umbrella" },
  { "opendns",                 "Cisco Umbrella" },
  { "netskope",                "Netskope" },
  { "mitmproxy",               "mitmproxy" },
  { "fiddler",                 "Fiddler" },
  { "charles proxy",           "Charles Proxy" },
  { "charlesproxy",            "Charles Proxy" },
  { "portswigger",             "Burp Suite" },
  { "burp suite",              "Burp Suite" },
  { "forcepoint",              "Forcepoint" },
  { "websense",                "Forcepoint (Websense)" },
  { "mcafee web gateway",      "McAfee Web Gateway" },
  { "skyhigh",                 "Skyhigh Security" },
  { "check point",             "Check Point" },
  { "checkpoint",              "Check Point" },
  { "barracuda",               "Barracuda" },
  { "sonicwall",               "SonicWall" },
  { "watchguard",              "WatchGuard" },
  { "untangle",                "Untangle" },
  { "smoothwall",              "Smoothwall" },
  { "lightspeed",              "Lightspeed Systems" },
  { "securly",                 "Securly" },
  { "iboss",                   "iboss" },
  { "menlo security",          "Menlo Security" },
  { "cloudflare for teams",    "Cloudflare Zero Trust" },
  { "gateway ca - cloudflare", "Cloudflare Zero Trust" },
  { "superfish",               "Superfish" },
  { "komodia",                 "Komodia" },
  { "privdog",                 "PrivDog" },
};

const char *
hl_x509_inspection_product (const char *dn)
{
  g_autofree char *lower = NULL;

  if (dn == NULL || *dn == '\0')
    return NULL;
  lower = g_ascii_strdown (dn, -1);   /* the fragments are ASCII */
  for (guint i = 0; i < G_N_ELEMENTS (inspection_cas); i++)
    if (strstr (lower, inspection_cas[i].fragment))
      return inspection_cas[i].product;
  return NULL;
}

/* ---- Verification ----------------------------------------------------------- */

static gboolean
is_weak_key (const HlCertificate *cert)
{
  const char *alg = cert->key_algorithm;

  if (alg == NULL)
    return FALSE;
  if (strcmp (alg, "RSA") == 0 || strcmp (alg, "RSA-PSS") == 0 || strcmp (alg, "DSA") == 0)
    return cert->key_bits < 2048;
  if (strcmp (alg, "EC") == 0)
    return cert->key_bits < 224;
  return FALSE;
}

static gboolean
is_weak_signature (gnutls_x509_crt_t crt)
{
  int sign = gnutls_x509_crt_get_signature_algorithm (crt);
  gnutls_digest_algorithm_t hash;

  if (sign <= 0)
    return FALSE;
  hash = gnutls_sign_get_hash_algorithm (sign);
  return hash == GNUTLS_DIG_MD5 || hash == GNUTLS_DIG_SHA1 || hash == GNUTLS_DIG_MD2;
}

static char *
crt_dn (gnutls_x509_crt_t crt)
{
  gnutls_datum_t dn = { NULL, 0 };
  char *ret;

  if (gnutls_x509_crt_get_dn3 (crt, &dn, 0) < 0)
    return NULL;
  ret = g_utf8_make_valid ((const char *) dn.data, dn.size);
  gnutls_free (dn.data);
  return ret;
}

static HlChainVerdict *
verdict_new (void)
{
  HlChainVerdict *v = g_new0 (HlChainVerdict, 1);

  v->expired_index = -1;
  v->not_yet_valid_index = -1;
  v->weak_key_index = -1;
  v->weak_signature_index = -1;
  return v;
}

/* Leaf first, then each certificate's issuer among those sent, in whatever
 * order they came (TLS 1.3 allows that).  Returns the path length. */
static guint
build_path (gnutls_x509_crt_t *crts, const HlCertificate **certs, guint n,
            gnutls_x509_crt_t *path, const HlCertificate **path_certs)
{
  gboolean used[MAX_PATH * 4] = { FALSE };
  guint len = 1;

  path[0] = crts[0];
  path_certs[0] = certs[0];
  used[0] = TRUE;
  while (len < MAX_PATH && !path_certs[len - 1]->self_issued)
    {
      guint j;

      for (j = 1; j < n; j++)
        if (!used[j] && gnutls_x509_crt_check_issuer (path[len - 1], crts[j]))
          break;
      if (j == n)
        break;
      used[j] = TRUE;
      path[len] = crts[j];
      path_certs[len] = certs[j];
      len++;
    }
  return len;
}

static void
check_times (HlChainVerdict *v, const HlCertificate **path_certs, guint len, gint64 at_time)
{
  if (at_time == 0)
    return;
  for (guint i = 0; i < len; i++)
    {
      const HlCertificate *c = path_certs[i];

      if (!v->expired && at_time > c->not_after)
        {
          v->expired = TRUE;
          v->expired_index = i;
          v->expired_not_after = c->not_after;
        }
      if (!v->not_yet_valid && at_time < c->not_before)
        {
          v->not_yet_valid = TRUE;
          v->not_yet_valid_index = i;
          v->not_yet_valid_not_before = c->not_before;
        }
    }
}

static void
check_strength (HlChainVerdict *v, gnutls_x509_crt_t *path, const HlCertificate **path_certs, guint len)
{
  for (guint i = 0; i < len; i++)
    {
      const HlCertificate *c = path_certs[i];

      if (!v->weak_key && is_weak_key (c))
        {
          v->weak_key = TRUE;
          v->weak_key_index = i;
          v->weak_key_bits = c->key_bits;
          v->weak_key_algorithm = g_strdup (c->key_algorithm);
        }
      /* A root's self-signature is never checked by clients: only the
       * signatures made by issuers count. */
      if (!v->weak_signature && !c->self_signed && is_weak_signature (path[i]))
        {
          v->weak_signature = TRUE;
          v->weak_signature_index = i;
          v->weak_signature_algorithm = g_strdup (c->signature_algorithm);
        }
    }
}

/* Why the path does not reach a trust anchor, and what anchors it. */
static void
check_anchor (HlChainVerdict *v, gnutls_x509_trust_list_t list,
              gnutls_x509_crt_t top, const HlCertificate *top_cert, guint len)
{
  gnutls_x509_crt_t issuer = NULL;

  if (top_cert->self_signed)
    {
      v->anchor_subject = g_strdup (top_cert->subject_dn);
      if (!v->trusted && (v->gnutls_status & GNUTLS_CERT_SIGNER_NOT_FOUND) && len > 1)
        {
          v->untrusted_root = TRUE;
          v->untrusted_root_subject = g_strdup (top_cert->subject_dn);
        }
      return;
    }

  if (list && gnutls_x509_trust_list_get_issuer (list, top, &issuer, GNUTLS_TL_GET_COPY) >= 0)
    {
      v->anchor_subject = crt_dn (issuer);
      gnutls_x509_crt_deinit (issuer);
      return;
    }
  v->anchor_subject = g_strdup (top_cert->issuer_dn);
  if (!v->trusted)
    {
      v->chain_incomplete = TRUE;
      v->missing_issuer = g_strdup (top_cert->issuer_dn);
    }
}

/* Everything that does not depend on the capture's time or the host name.
 * path_idx receives the path as indexes into certs. */
static HlChainVerdict *
verify_uncached (GPtrArray *certs, const char *ca_file, gboolean use_system_trust,
                 guint *path_idx, guint *path_len)
{
  HlChainVerdict *v = verdict_new ();
  gnutls_x509_crt_t crts[MAX_PATH * 4];
  const HlCertificate *parsed[MAX_PATH * 4];
  gnutls_x509_crt_t path[MAX_PATH];
  const HlCertificate *path_certs[MAX_PATH];
  const HlCertificate *leaf = g_ptr_array_index (certs, 0);
  gnutls_datum_t text = { NULL, 0 };
  TrustList *tl;
  guint n = 0, len;
  unsigned int status = 0;
  int ret;

  *path_len = 0;
  v->n_sent = certs->len;
  v->leaf_issuer_dn = g_strdup (leaf->issuer_dn);
  v->leaf_issuer_cn = g_strdup (leaf->issuer_cn);
  v->self_signed_leaf = leaf->self_signed;
  v->wrong_purpose = leaf->key_purpose_server == 0;

  /* Unreadable extra certificates are left out of the path. */
  for (guint i = 0; i < certs->len && n < G_N_ELEMENTS (crts); i++)
    {
      const HlCertificate *c = g_ptr_array_index (certs, i);
      gnutls_datum_t der;
      gsize der_len = 0;

      if (c == NULL || c->parse_error || c->der == NULL)
        continue;
      der.data = (unsigned char *) g_bytes_get_data (c->der, &der_len);
      der.size = der_len;
      if (gnutls_x509_crt_init (&crts[n]) < 0)
        break;
      if (gnutls_x509_crt_import (crts[n], &der, GNUTLS_X509_FMT_DER) < 0)
        {
          gnutls_x509_crt_deinit (crts[n]);
          continue;
        }
      parsed[n++] = c;
    }
  if (n == 0 || parsed[0] != leaf)
    {
      v->error = g_strdup (_("The server certificate cannot be read"));
      for (guint i = 0; i < n; i++)
        gnutls_x509_crt_deinit (crts[i]);
      return v;
    }

  len = build_path (crts, parsed, n, path, path_certs);
  v->n_certs = len;
  for (guint i = 0; i < len; i++)
    for (guint j = 0; j < certs->len; j++)
      if (g_ptr_array_index (certs, j) == path_certs[i])
        {
          path_idx[i] = j;
          break;
        }
  *path_len = len;
  check_strength (v, path, path_certs, len);

  g_mutex_lock (&trust_lock);
  tl = trust_list_get (ca_file, use_system_trust);
  if (tl->error)
    v->error = g_strdup (tl->error);
  if (tl->list)
    {
      /* Times are judged above against the capture's clock; weak
       * algorithms are reported above, not treated as untrusted. */
      unsigned flags = GNUTLS_VERIFY_DISABLE_TIME_CHECKS |
                       GNUTLS_VERIFY_DISABLE_TRUSTED_TIME_CHECKS |
                       GNUTLS_VERIFY_ALLOW_BROKEN |
                       GNUTLS_VERIFY_ALLOW_SIGN_WITH_SHA1 |
                       GNUTLS_VERIFY_DISABLE_CRL_CHECKS |
                       GNUTLS_PROFILE_TO_VFLAGS (GNUTLS_PROFILE_VERY_WEAK);

      ret = gnutls_x509_trust_list_verify_crt2 (tl->list, path, len, NULL, 0, flags, &status, NULL);
      if (ret < 0)
        {
          status = GNUTLS_CERT_INVALID;
          g_free (v->error);
          v->error = g_strdup (gnutls_strerror (ret));
        }
    }
  else
    status = GNUTLS_CERT_INVALID | GNUTLS_CERT_SIGNER_NOT_FOUND;

  v->gnutls_status = status;
  v->trusted = status == 0;
  v->bad_signature = (status & GNUTLS_CERT_SIGNATURE_FAILURE) != 0;
  v->signer_not_ca = (status & GNUTLS_CERT_SIGNER_NOT_CA) != 0;
  check_anchor (v, tl->list, path[len - 1], path_certs[len - 1], len);
  g_mutex_unlock (&trust_lock);

  if (gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &text, 0) >= 0)
    {
      v->status = g_utf8_make_valid ((const char *) text.data, text.size);
      gnutls_free (text.data);
    }

  v->inspection_product = hl_x509_inspection_product (v->anchor_subject);
  for (guint i = 0; i < len && v->inspection_product == NULL; i++)
    v->inspection_product = hl_x509_inspection_product (path_certs[i]->issuer_dn);

  for (guint i = 0; i < n; i++)
    gnutls_x509_crt_deinit (crts[i]);
  return v;
}

/* ---- Verdict cache ---------------------------------------------------------- */

/* Every connection to a server sends the same chain, and checking its
 * signatures costs a millisecond or more: the verdicts of the last chains
 * are kept, keyed by their DER bytes and the trust list they were checked
 * against.  What depends on the capture's time or the host name is
 * evaluated on every call. */
#define VERDICT_SLOTS 32

typedef struct {
  guint           hash;
  guint64         trust_serial;
  GPtrArray      *ders;        /* GBytes*, the chain as sent */
  HlChainVerdict *verdict;     /* without times and host name */
  guint           path_idx[MAX_PATH];
  guint           path_len;
} VerdictSlot;

static GMutex      verdict_lock;
static VerdictSlot verdicts[VERDICT_SLOTS];
static guint       verdict_next;

static HlChainVerdict *
verdict_copy (const HlChainVerdict *src)
{
  HlChainVerdict *v = g_new (HlChainVerdict, 1);

  *v = *src;
  v->anchor_subject = g_strdup (src->anchor_subject);
  v->missing_issuer = g_strdup (src->missing_issuer);
  v->untrusted_root_subject = g_strdup (src->untrusted_root_subject);
  v->weak_key_algorithm = g_strdup (src->weak_key_algorithm);
  v->weak_signature_algorithm = g_strdup (src->weak_signature_algorithm);
  v->leaf_issuer_dn = g_strdup (src->leaf_issuer_dn);
  v->leaf_issuer_cn = g_strdup (src->leaf_issuer_cn);
  v->status = g_strdup (src->status);
  v->error = g_strdup (src->error);
  return v;
}

static guint
chain_hash (GPtrArray *certs, guint64 trust_serial)
{
  guint h = (guint) trust_serial * 31 + certs->len;

  for (guint i = 0; i < certs->len; i++)
    {
      const HlCertificate *c = g_ptr_array_index (certs, i);
      /* computed once per certificate (and shared certificates are parsed
       * once), not over the whole DER per connection */
      h = h * 1000003u ^ (c && c->der ? c->der_hash : 0);
    }
  return h;
}

static gboolean
chain_equal (const VerdictSlot *slot, GPtrArray *certs)
{
  if (slot->ders->len != certs->len)
    return FALSE;
  for (guint i = 0; i < certs->len; i++)
    {
      const HlCertificate *c = g_ptr_array_index (certs, i);
      GBytes *a = g_ptr_array_index (slot->ders, i), *b = c ? c->der : NULL;

      if (a != b && (a == NULL || b == NULL || !g_bytes_equal (a, b)))
        return FALSE;
    }
  return TRUE;
}

static HlChainVerdict *
verify_cached (GPtrArray *certs, const char *ca_file, gboolean use_system_trust,
               guint *path_idx, guint *path_len)
{
  HlChainVerdict *v = NULL;
  guint64 serial;
  guint hash;

  g_mutex_lock (&trust_lock);
  serial = trust_list_get (ca_file, use_system_trust)->serial;
  g_mutex_unlock (&trust_lock);
  hash = chain_hash (certs, serial);

  g_mutex_lock (&verdict_lock);
  for (guint i = 0; i < VERDICT_SLOTS && verdicts[i].verdict; i++)
    {
      VerdictSlot *slot = &verdicts[i];

      if (slot->hash == hash && slot->trust_serial == serial && chain_equal (slot, certs))
        {
          v = verdict_copy (slot->verdict);
          memcpy (path_idx, slot->path_idx, sizeof slot->path_idx);
          *path_len = slot->path_len;
          break;
        }
    }
  g_mutex_unlock (&verdict_lock);
  if (v)
    return v;

  v = verify_uncached (certs, ca_file, use_system_trust, path_idx, path_len);
  {
    VerdictSlot fresh = { hash, serial, g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref),
                          verdict_copy (v), { 0 }, *path_len };
    VerdictSlot old;

    memcpy (fresh.path_idx, path_idx, sizeof fresh.path_idx);
    for (guint i = 0; i < certs->len; i++)
      {
        const HlCertificate *c = g_ptr_array_index (certs, i);
        g_ptr_array_add (fresh.ders, c && c->der ? g_bytes_ref (c->der) : NULL);
      }
    g_mutex_lock (&verdict_lock);
    old = verdicts[verdict_next];
    verdicts[verdict_next] = fresh;
    verdict_next = (verdict_next + 1) % VERDICT_SLOTS;
    g_mutex_unlock (&verdict_lock);
    if (old.verdict)
      {
        hl_chain_verdict_free (old.verdict);
        g_ptr_array_unref (old.ders);
      }
  }
  return v;
}

HlChainVerdict *
hl_x509_verify_chain (GPtrArray  *certs,
                      const char *hostname,
                      gint64      at_time,
                      const char *ca_file,
                      gboolean    use_system_trust)
{
  HlChainVerdict *v;
  const HlCertificate *leaf;
  const HlCertificate *path_certs[MAX_PATH];
  guint path_idx[MAX_PATH] = { 0 }, len = 0;

  if (certs == NULL || certs->len == 0)
    {
      v = verdict_new ();
      v->error = g_strdup (_("No certificate was sent"));
      return v;
    }
  leaf = g_ptr_array_index (certs, 0);
  if (leaf == NULL || leaf->parse_error)
    {
      v = verdict_new ();
      v->n_sent = certs->len;
      v->error = g_strdup_printf (_("The server certificate cannot be read: %s"),
                                  leaf && leaf->parse_error ? leaf->parse_error : "?");
      return v;
    }

  v = verify_cached (certs, ca_file, use_system_trust, path_idx, &len);
  if (hostname && *hostname)
    {
      v->hostname_checked = TRUE;
      v->hostname_ok = hl_certificate_matches_host (leaf, hostname);
    }
  for (guint i = 0; i < len; i++)
    path_certs[i] = g_ptr_array_index (certs, path_idx[i]);
  check_times (v, path_certs, len, at_time);
  return v;
}

void
hl_chain_verdict_free (HlChainVerdict *v)
{
  if (v == NULL)
    return;
  g_free (v->anchor_subject);
  g_free (v->missing_issuer);
  g_free (v->untrusted_root_subject);
  g_free (v->weak_key_algorithm);
  g_free (v->weak_signature_algorithm);
  g_free (v->leaf_issuer_dn);
  g_free (v->leaf_issuer_cn);
  g_free (v->status);
  g_free (v->error);
  g_free (v);
}
