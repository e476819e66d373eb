/* diagnoser-rules.c: alerts, negotiation, certificates, client
 * authentication, hidden TLS 1.3 handshakes and information diagnoses. */
#include "diagnoser-private.h"

#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "i18n.h"
#include "tls-names.h"
#include "x509-verify.h"

/* ---- small helpers -------------------------------------------------------- */

static const HlEvent *
event_after (HlDiagContext *ctx, const HlEvent *after, int dir, gboolean (*match) (const HlEvent *))
{
  gboolean seen = after == NULL;

  for (guint i = 0; i < ctx->conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (ctx->conn->events, i);
      if (!seen)
        {
          seen = e == after;
          continue;
        }
      if ((dir < 0 || (int) e->dir == dir) && match (e))
        return e;
    }
  return NULL;
}

static gboolean
is_encrypted (const HlEvent *e)
{
  return e->kind == HL_EVENT_TLS_ENCRYPTED;
}

static gboolean
is_close (const HlEvent *e)
{
  return e->kind == HL_EVENT_TCP_FIN || e->kind == HL_EVENT_TCP_RST;
}

static gboolean
is_handshake_phase (const HlEvent *e)
{
  return e->kind == HL_EVENT_TLS_HANDSHAKE || e->kind == HL_EVENT_TLS_CCS ||
         e->kind == HL_EVENT_TLS_ENCRYPTED;
}

/* The last event of `dir` before `before` matching `match`. */
static const HlEvent *
last_before (HlDiagContext *ctx, const HlEvent *before, int dir, gboolean (*match) (const HlEvent *))
{
  const HlEvent *last = NULL;

  for (guint i = 0; i < ctx->conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (ctx->conn->events, i);
      if (e == before)
        break;
      if ((dir < 0 || (int) e->dir == dir) && match (e))
        last = e;
    }
  return last;
}

static const HlEvent *last_server_message (HlDiagContext *ctx, const HlEvent *before);

static const HlClientHelloInfo *
client_hello_info (HlDiagContext *ctx)
{
  return ctx->conn->tls ? ctx->conn->tls->client_hello : NULL;
}

static const char *
sni_of (HlDiagContext *ctx)
{
  const HlClientHelloInfo *ch = client_hello_info (ctx);
  return ch ? ch->sni : NULL;
}

static char *
version_text (guint16 v)
{
  const char *name = hl_tls_version_name (v);
  if (name == NULL || g_str_equal (name, "?"))
    return g_strdup_printf ("0x%04x", v);
  return g_strdup (name);
}

static char *
cipher_text (guint16 id)
{
  const char *name = hl_tls_cipher_suite_name (id);
  return name ? g_strdup (name) : g_strdup_printf ("0x%04x", id);
}

static char *
group_text (guint16 id)
{
  const char *name = hl_tls_group_name (id);
  return name ? g_strdup (name) : g_strdup_printf ("0x%04x", id);
}

static gboolean
array_has_u16 (const HlU16List *a, guint16 v)
{
  if (a == NULL)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (a->data[i] == v)
      return TRUE;
  return FALSE;
}

static guint
count_real_suites (const HlClientHelloInfo *ch)
{
  guint n = 0;
  if (ch == NULL)
    return 0;
  for (guint i = 0; i < ch->cipher_suites->len; i++)
    {
      guint16 id = ch->cipher_suites->data[i];
      if (!hl_tls_is_grease (id) && id != 0x00ff && id != 0x5600)
        n++;
    }
  return n;
}

static guint
count_real_groups (const HlU16List *a)
{
  guint n = 0;
  if (a == NULL)
    return 0;
  for (guint i = 0; i < a->len; i++)
    if (!hl_tls_is_grease (a->data[i]))
      n++;
  return n;
}

static const char *
cert_name (const HlCertificate *c)
{
  if (c == NULL)
    return "?";
  if (c->subject_cn)
    return c->subject_cn;
  if (c->dns_names && c->dns_names[0])
    return c->dns_names[0];
  return c->subject_dn ? c->subject_dn : "?";
}

static const char *
issuer_name (const HlCertificate *c)
{
  if (c == NULL)
    return "?";
  return c->issuer_cn ? c->issuer_cn : c->issuer_dn ? c->issuer_dn : "?";
}

/* ---- trust ---------------------------------------------------------------- *
 * Chain verification (x509-verify.c) against the system store and the
 * user's CA file, at the capture's time.  Certificates without DER (built by
 * hand, or unparseable) cannot be verified: the rules then rely on the
 * fields and on the alert. */

typedef enum {
  TRUST_UNKNOWN,     /* could not check */
  TRUST_OK,
  TRUST_UNTRUSTED,   /* no path to a trust anchor */
  TRUST_INVALID,     /* a signature or CA constraint is wrong */
} TrustResult;

typedef struct {
  TrustResult result;
  char       *top;              /* display name of the chain's top or anchor */
  char       *missing_issuer;   /* display name of the absent issuer, when incomplete */
  gboolean    issuer_absent;    /* the chain stops at a certificate whose issuer is in no store */
  gboolean    self_signed_leaf;
  const char *weak_signature;   /* algorithm, when a non-root signature is MD5/SHA-1 */
  int         weak_signature_index;
  const char *inspection_product;
} ChainTrust;

static void
chain_trust_clear (ChainTrust *t)
{
  g_free (t->top);
  g_free (t->missing_issuer);
  memset (t, 0, sizeof *t);
}

/* "CN=R3,O=Let's Encrypt,C=US" -> "R3"; the whole DN when it has no CN. */
static char *
dn_display_name (const char *dn)
{
  const char *p;
  GString *s;

  if (dn == NULL)
    return g_strdup ("?");
  for (p = dn; (p = strstr (p, "CN=")) != NULL; p++)
    if (p == dn || p[-1] == ',' || p[-1] == '+')
      break;
  if (p == NULL)
    return g_strdup (dn);
  s = g_string_new (NULL);
  for (p += 3; *p && *p != ',' && *p != '+'; p++)
    {
      if (*p == '\\' && p[1])
        p++;
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

/* A TLS inspection CA: a known product, or a CA that says what it is. */
static const char *
inspection_hint (const HlCertificate *c)
{
  static const char * const words[] = { "inspection", "ssl proxy", "tls proxy", "ssl-proxy",
                                        "intercept", "decryption" };
  const char *product = hl_x509_inspection_product (c->issuer_dn);
  g_autofree char *dn = NULL;

  if (product)
    return product;
  /* the words are ASCII: an ASCII fold finds them (the Unicode one cost
   * more than the rest of the diagnosis) */
  dn = g_ascii_strdown (c->issuer_dn ? c->issuer_dn : "", -1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (dn, words[i]))
      return c->issuer_cn ? c->issuer_cn : c->issuer_dn;
  return NULL;
}

static ChainTrust
verify_chain (GPtrArray *certs, const char *hostname, gint64 at_time, const HlDiagnoseOptions *opts)
{
  ChainTrust out = { 0 };
  g_autoptr(HlChainVerdict) v = NULL;

  if (certs == NULL || certs->len == 0)
    return out;
  for (guint i = 0; i < certs->len && out.inspection_product == NULL; i++)
    out.inspection_product = inspection_hint (g_ptr_array_index (certs, i));
  v = hl_x509_verify_chain (certs, hostname, at_time, opts->ca_file, opts->use_system_trust);
  if (v->n_certs == 0)
    return out;

  out.self_signed_leaf = v->self_signed_leaf;
  out.top = dn_display_name (v->untrusted_root_subject ? v->untrusted_root_subject : v->anchor_subject);
  if (v->inspection_product)
    out.inspection_product = v->inspection_product;
  if (v->weak_signature && v->weak_signature_index >= 0 && (guint) v->weak_signature_index < certs->len)
    {
      const HlCertificate *c = g_ptr_array_index (certs, v->weak_signature_index);
      out.weak_signature = c->signature_algorithm ? c->signature_algorithm : "?";
      out.weak_signature_index = v->weak_signature_index;
    }
  if (v->trusted)
    out.result = TRUST_OK;
  else if (v->bad_signature || v->signer_not_ca)
    out.result = TRUST_INVALID;
  else
    {
      out.result = TRUST_UNTRUSTED;
      /* A path that stops at the leaf lacks its intermediate.  A path that
       * reaches an intermediate is complete as sent: its root is simply
       * not in this computer's store (servers need not send the root). */
      out.issuer_absent = v->chain_incomplete && v->n_certs == 1;
      if (v->chain_incomplete)
        {
          g_free (out.top);
          out.top = dn_display_name (v->missing_issuer);
          out.missing_issuer = g_strdup (out.top);
        }
    }
  return out;
}

/* ---- certificate evidence --------------------------------------------------- */

static gboolean
signature_is_weak (const char *alg)
{
  g_autofree char *up = NULL;
  const char *p;

  if (alg == NULL)
    return FALSE;
  up = g_ascii_strup (alg, -1);
  if (strstr (up, "MD5") || strstr (up, "MD2"))
    return TRUE;
  for (p = strstr (up, "SHA1"); p; p = strstr (p + 1, "SHA1"))
    if (!g_ascii_isdigit (p[4]))
      return TRUE;
  return strstr (up, "SHA-1") != NULL;
}

static gboolean
key_is_weak (const HlCertificate *c)
{
  g_autofree char *up = NULL;

  if (c->key_algorithm == NULL || c->key_bits == 0)
    return FALSE;
  up = g_ascii_strup (c->key_algorithm, -1);
  if (strstr (up, "RSA") || strstr (up, "DSA") || strstr (up, "DH"))
    return strstr (up, "ECDSA") ? c->key_bits < 224 : c->key_bits < 2048;
  if (strstr (up, "EC"))
    return c->key_bits < 224;
  return FALSE;
}

typedef struct {
  const char *id;
  HlBlame     blame;
  HlSeverity  severity;   /* when not the cause of a failure */
  char       *summary;
  char       *remedy;
} CertProblem;

static void
cert_problem_free (CertProblem *p)
{
  g_free (p->summary);
  g_free (p->remedy);
  g_free (p);
}

static void
add_problem (GPtrArray *list, const char *id, HlBlame blame, char *summary, char *remedy)
{
  CertProblem *p = g_new0 (CertProblem, 1);
  p->id = id;
  p->blame = blame;
  p->severity = HL_SEVERITY_WARNING;
  p->summary = summary;
  p->remedy = remedy;
  g_ptr_array_add (list, p);
}

static CertProblem *
find_problem (GPtrArray *list, const char *id)
{
  for (guint i = 0; i < list->len; i++)
    {
      CertProblem *p = g_ptr_array_index (list, i);
      if (g_str_equal (p->id, id))
        return p;
    }
  return NULL;
}

/* The certificates whose dates and signatures matter: the leaf and the
 * intermediates (a self-signed root sent along is ignored by clients). */
static gboolean
cert_counts (const HlCertificate *c, guint index)
{
  if (c->parse_error)
    return FALSE;
  return index == 0 || !(c->self_issued && c->is_ca);
}

/* Everything wrong with the server's certificates at the capture's time. */
static GPtrArray *
server_certificate_problems (HlDiagContext *ctx, TrustResult *trust_out)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) cert_problem_free);
  GPtrArray *certs = ctx->conn->tls ? ctx->conn->tls->server_certificates : NULL;
  const HlCertificate *leaf;
  const char *sni = sni_of (ctx);
  gint64 now = ctx->cert_check_ts;
  g_autofree char *capture_date = hl_diag_format_date (now);
  ChainTrust trust;
  const char *product;

  *trust_out = TRUST_UNKNOWN;
  if (certs == NULL || certs->len == 0)
    return list;
  leaf = g_ptr_array_index (certs, 0);
  if (leaf->parse_error)
    return list;

  /* Validity at the capture's time. */
  for (guint i = 0; i < certs->len; i++)
    {
      const HlCertificate *c = g_ptr_array_index (certs, i);
      if (!cert_counts (c, i))
        continue;
      if (c->not_after && now > c->not_after && !find_problem (list, "certificate_expired"))
        {
          g_autofree char *date = hl_diag_format_date (c->not_after);
          g_autofree char *ago = hl_diag_format_days (now - c->not_after);
          add_problem (list, "certificate_expired", HL_BLAME_SERVER,
                       i == 0 ? g_strdup_printf (_("The server's certificate for %s expired on %s, %s "
                                                   "before this capture (%s)."),
                                                 cert_name (c), date, ago, capture_date)
                              : g_strdup_printf (_("The intermediate certificate “%s” in the server's chain "
                                                   "expired on %s, %s before this capture (%s)."),
                                                 cert_name (c), date, ago, capture_date),
                       i == 0 ? g_strdup (_("Renew the server's certificate, install it with its chain and "
                                            "reload the service; automate renewal (for example with an "
                                            "ACME client) so it does not lapse again."))
                              : g_strdup (_("Replace the expired intermediate in the server's chain "
                                            "file with "
                                            "the current one from your certificate authority, then reload "
                                            "the service.")));
        }
      if (c->not_before && now < c->not_before && !find_problem (list, "certificate_not_yet_valid"))
        {
          g_autofree char *date = hl_diag_format_date (c->not_before);
          g_autofree char *ahead = hl_diag_format_days (c->not_before - now);
          add_problem (list, "certificate_not_yet_valid", HL_BLAME_SERVER,
                       g_strdup_printf (i == 0 ? _("The server's certificate for %s is valid only from %s, "
                                                   "%s after this capture (%s).")
                                               : _("The intermediate certificate “%s” becomes valid only "
                                                   "on %s, %s after this capture (%s)."),
                                        cert_name (c), date, ahead, capture_date),
                       g_strdup (_("The certificate was issued with a start date in the future: check the "
                                   "clock of the machine that issued it, or wait until it becomes valid. "
                                   "If the capture host's clock is behind, fix it and capture again.")));
        }
    }

  /* Name. */
  if (sni && !hl_certificate_matches_host (leaf, sni))
    {
      g_autofree char *names = hl_diag_format_cert_names (leaf);
      add_problem (list, "hostname_mismatch", HL_BLAME_SERVER,
                   g_strdup_printf (_("The certificate does not cover the name the client asked for: the "
                                      "client wants “%s” (SNI) but the certificate is for %s."),
                                    sni, names[0] ? names : _("no name at all")),
                   g_strdup_printf (_("Install a certificate that lists %s in its subjectAltName, or fix "
                                      "the server's virtual host for %s so it presents the right "
                                      "certificate, or make the client use a name the certificate has."),
                                    sni, sni));
    }

  /* Trust. */
  trust = verify_chain (certs, sni, now, ctx->opts);
  *trust_out = trust.result;
  product = trust.inspection_product;
  if (product && trust.result != TRUST_OK)
    add_problem (list, "tls_interception_suspected", HL_BLAME_MIDDLEBOX,
                 g_strdup_printf (_("The certificate for “%s” was issued by “%s”, a TLS inspection CA, "
                                    "not by a public CA: a proxy, firewall or antivirus sits in the middle "
                                    "and decrypts this connection."),
                                  sni ? sni : cert_name (leaf), product),
                 g_strdup (_("If this is your organisation's inspection proxy or your antivirus, install "
                             "its root certificate on the client or exempt this host from inspection; "
                             "if it is not, treat this network as hostile.")));
  if (trust.result == TRUST_OK)
    ;
  else if (trust.self_signed_leaf || (trust.result == TRUST_UNKNOWN && leaf->self_issued && !leaf->is_ca &&
                                      certs->len == 1))
    add_problem (list, "self_signed_certificate", HL_BLAME_SERVER,
                 g_strdup_printf (_("The server presented a self-signed certificate for %s (issued by "
                                    "itself), which clients do not trust unless told to."), cert_name (leaf)),
                 g_strdup (_("Use a certificate from a CA the clients trust (for example Let's Encrypt), "
                             "or install this certificate as trusted on every client (system trust store, "
                             "or the client's CA file option).")));
  else if (trust.result == TRUST_UNTRUSTED && trust.issuer_absent)
    {
      g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u certificate",
                                                         "%u certificates", certs->len), certs->len);
      add_problem (list, "incomplete_certificate_chain", HL_BLAME_SERVER,
                   g_strdup_printf (_("The server sent %s, but the chain stops at a certificate whose "
                                      "issuer “%s” is neither sent nor in the trust store: the server "
                                      "does not send its intermediate certificate."),
                                    n, trust.missing_issuer),
                   g_strdup (_("Configure the server to send the full chain: its certificate followed by "
                               "the intermediate certificates (for example fullchain.pem for nginx's "
                               "ssl_certificate or Apache's SSLCertificateFile).")));
    }
  else if (trust.result == TRUST_UNTRUSTED || trust.result == TRUST_INVALID)
    {
      if (!product && trust.result == TRUST_UNTRUSTED && ctx->handshake_done)
        {
          /* The client trusted a root this computer does not know: a private
           * CA installed on the client.  Worth knowing, not a fault. */
          CertProblem *p;
          add_problem (list, "untrusted_issuer", HL_BLAME_UNKNOWN,
                       g_strdup_printf (_("The server's chain for %s ends at “%s”, which is not in this "
                                          "computer's trust store (%s); the client trusted it, so it "
                                          "has this "
                                          "private CA installed."),
                                        cert_name (leaf), trust.top,
                                        ctx->opts->ca_file ? _("system store and the given CA file")
                                                           : _("system store")),
                       g_strdup (_("Nothing to do if this is your own CA. To have this tool check the chain, "
                                   "give it the root certificate with --ca-file. If nobody installed such "
                                   "a CA on the client, find out who did: TLS inspection works this way.")));
          p = g_ptr_array_index (list, list->len - 1);
          p->severity = HL_SEVERITY_INFO;
        }
      else if (!product)
        add_problem (list, "untrusted_issuer", HL_BLAME_SERVER,
                     trust.result == TRUST_INVALID
                     ? g_strdup_printf (_("The server's chain for %s does not verify: a signature or a "
                                          "CA constraint in the chain up to “%s” is wrong."),
                                        cert_name (leaf), trust.top)
                     : g_strdup_printf (_("The server's certificate for %s chains up to “%s”, which is "
                                          "not in the trust store (%s)."),
                                        cert_name (leaf), trust.top,
                                        ctx->opts->ca_file ? _("system store and the given CA file")
                                                           : _("system store")),
                     g_strdup_printf (_("Get the certificate from a CA the clients trust, or, for a private "
                                        "CA, install the root certificate of “%s” on the clients (for "
                                        "this tool: --ca-file)."), trust.top));
    }

  /* Purpose and strength. */
  if (leaf->key_purpose_server == 0 && leaf->key_algorithm)
    add_problem (list, "certificate_wrong_purpose", HL_BLAME_SERVER,
                 g_strdup_printf (_("The server's certificate for %s has an extended key usage that does "
                                    "not allow TLS server authentication (serverAuth)."), cert_name (leaf)),
                 g_strdup (_("Issue the server a certificate whose extended key usage includes serverAuth "
                             "(TLS Web Server Authentication).")));
  for (guint i = 0; i < certs->len; i++)
    {
      const HlCertificate *c = g_ptr_array_index (certs, i);
      if (cert_counts (c, i) && key_is_weak (c) && !find_problem (list, "weak_certificate_key"))
        add_problem (list, "weak_certificate_key", HL_BLAME_SERVER,
                     g_strdup_printf (_("The certificate “%s” has a %s key of only %u bits, too weak for "
                                        "current clients."), cert_name (c), c->key_algorithm, c->key_bits),
                     g_strdup (_("Issue a new certificate with an RSA key of at least 2048 bits or an "
                                 "ECDSA P-256 key.")));
      if (cert_counts (c, i) && !c->self_issued && !find_problem (list, "weak_signature_algorithm") &&
          (trust.result == TRUST_UNKNOWN ? signature_is_weak (c->signature_algorithm)
                                         : trust.weak_signature && trust.weak_signature_index == (int) i))
        add_problem (list, "weak_signature_algorithm", HL_BLAME_SERVER,
                     g_strdup_printf (_("The certificate “%s” is signed with %s, a broken signature "
                                        "algorithm that current clients reject."),
                                      cert_name (c), c->signature_algorithm ? c->signature_algorithm : "?"),
                     g_strdup (_("Reissue the certificate (or install the current intermediate) signed "
                                 "with SHA-256 or better.")));
    }
  chain_trust_clear (&trust);
  return list;
}

/* Evidence order per alert: which visible problem the alert most likely
 * reports.  OpenSSL sends bad_certificate for name mismatch and not yet
 * valid, certificate_expired for expiry, unknown_ca for trust problems;
 * other stacks differ, so evidence decides and the alert confirms. */
static const char * const order_unknown_ca[] = {
  "tls_interception_suspected", "self_signed_certificate", "incomplete_certificate_chain",
  "untrusted_issuer", NULL };
static const char * const order_expired[] = {
  "certificate_expired", "certificate_not_yet_valid", NULL };
static const char * const order_unsupported[] = {
  "certificate_wrong_purpose", "weak_certificate_key", "weak_signature_algorithm", NULL };
/* Trust-store findings come last: this computer's store is not the
 * client's, and OpenSSL reports trust problems as unknown_ca anyway. */
static const char * const order_generic[] = {
  "hostname_mismatch", "certificate_not_yet_valid", "certificate_expired",
  "tls_interception_suspected", "self_signed_certificate", "certificate_wrong_purpose",
  "weak_signature_algorithm", "weak_certificate_key", "incomplete_certificate_chain",
  "untrusted_issuer", NULL };
/* A silent close says nothing: only findings that do not depend on a
 * trust store count as its likely cause. */
static const char * const order_silent[] = {
  "hostname_mismatch", "certificate_not_yet_valid", "certificate_expired",
  "tls_interception_suspected", "self_signed_certificate", "certificate_wrong_purpose",
  "weak_signature_algorithm", "weak_certificate_key", NULL };

static gboolean
alert_is_about_certificate (guint8 desc)
{
  switch (desc)
    {
    case HL_ALERT_BAD_CERTIFICATE:
    case HL_ALERT_UNSUPPORTED_CERTIFICATE:
    case HL_ALERT_CERTIFICATE_REVOKED:
    case HL_ALERT_CERTIFICATE_EXPIRED:
    case HL_ALERT_CERTIFICATE_UNKNOWN:
    case HL_ALERT_UNKNOWN_CA:
    case HL_ALERT_ACCESS_DENIED:
    case HL_ALERT_BAD_CERTIFICATE_STATUS_RESPONSE:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
add_remaining_problems (HlDiagContext *ctx, GPtrArray *problems, const HlEvent *cert_event)
{
  for (guint i = 0; i < problems->len; i++)
    {
      CertProblem *p = g_ptr_array_index (problems, i);
      HlDiagnosis *d;
      if (hl_diag_has (ctx, p->id))
        continue;
      d = hl_diag_add (ctx, p->id, p->severity, p->blame, g_steal_pointer (&p->summary),
                       g_steal_pointer (&p->remedy));
      hl_diag_add_event_frame (d, cert_event);
    }
}

/* The client refused the server's certificate: `end` is its alert, or its
 * close when `silent`. */
static gboolean
server_certificate_failure (HlDiagContext *ctx, const HlEvent *end, gboolean silent)
{
  HlConnection *conn = ctx->conn;
  g_autoptr(GPtrArray) problems = NULL;
  TrustResult trust;
  const char * const *order = order_generic;
  guint8 desc = silent ? 0 : end->tls_type;
  char abuf[32];
  const char *alert = silent ? NULL : hl_diag_alert_name (desc, abuf, sizeof abuf);
  g_autofree char *how = NULL;
  CertProblem *chosen = NULL;
  const HlCertificate *leaf = conn->tls->server_certificates->len
                              ? g_ptr_array_index (conn->tls->server_certificates, 0) : NULL;
  HlDiagnosis *d;

  problems = server_certificate_problems (ctx, &trust);
  if (silent)
    how = g_strdup_printf (_("The client closed the connection (frame %llu) without an "
                             "alert right after the server's certificate (frame %llu), so it most "
                             "likely refused it."),
                           HL_ULL (end->frame),
                           HL_ULL (ctx->server_certificate ? ctx->server_certificate->frame : 0));
  else
    how = g_strdup_printf (_("The client rejected the server's certificate with the alert %s (frame "
                             "%llu)."), alert, HL_ULL (end->frame));

  if (silent)
    order = order_silent;
  else if (desc == HL_ALERT_UNKNOWN_CA)
    order = order_unknown_ca;
  else if (desc == HL_ALERT_CERTIFICATE_EXPIRED)
    order = order_expired;
  else if (desc == HL_ALERT_UNSUPPORTED_CERTIFICATE)
    order = order_unsupported;
  else if (desc == HL_ALERT_CERTIFICATE_REVOKED)
    order = NULL;

  for (guint i = 0; order && order[i] && chosen == NULL; i++)
    chosen = find_problem (problems, order[i]);
  /* unsupported_certificate may still be about anything visible. */
  if (chosen == NULL && desc == HL_ALERT_UNSUPPORTED_CERTIFICATE)
    for (guint i = 0; order_generic[i] && chosen == NULL; i++)
      chosen = find_problem (problems, order_generic[i]);

  if (chosen == NULL && silent)
    return FALSE;
  if (chosen)
    {
      d = hl_diag_add (ctx, chosen->id, HL_SEVERITY_ERROR, chosen->blame,
                       g_strdup_printf ("%s %s", chosen->summary, how), g_strdup (chosen->remedy));
      d->inferred = silent;
      g_ptr_array_remove (problems, chosen);
    }
  else if (desc == HL_ALERT_CERTIFICATE_REVOKED)
    d = hl_diag_add (ctx, "certificate_revoked", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                     g_strdup_printf (_("The client says the server's certificate for %s has been revoked "
                                        "by its CA (certificate_revoked, frame %llu)."),
                                      cert_name (leaf), HL_ULL (end->frame)),
                     g_strdup (_("Replace the certificate on the server with a newly issued one; a revoked "
                                 "certificate cannot be used again. Find out why it was revoked (key "
                                 "compromise, mis-issuance) first.")));
  else if (desc == HL_ALERT_CERTIFICATE_EXPIRED && leaf && leaf->not_after && !leaf->parse_error)
    {
      g_autofree char *from = hl_diag_format_date (leaf->not_before);
      g_autofree char *to = hl_diag_format_date (leaf->not_after);
      g_autofree char *at = hl_diag_format_date (ctx->cert_check_ts);
      d = hl_diag_add (ctx, "client_clock_skew", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                       g_strdup_printf (_("The client called the server's certificate expired "
                                          "(certificate_expired, frame %llu), but it was "
                                          "valid at the time of this capture: valid from %s to %s, captured "
                                          "on %s. The client's clock is probably wrong."),
                                        HL_ULL (end->frame), from, to, at),
                       g_strdup (_("Set the client's date, time and time zone correctly and enable automatic "
                                   "time synchronisation (NTP).")));
    }
  else if (leaf == NULL && desc == HL_ALERT_CERTIFICATE_EXPIRED)
    d = hl_diag_add (ctx, "certificate_expired", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                     g_strdup_printf (_("The client says the server's certificate has expired "
                                        "(certificate_expired, frame %llu); the "
                                        "certificate itself is not visible in this capture."),
                                     HL_ULL (end->frame)),
                     g_strdup (_("Check the server certificate's expiry date and renew it; if it is still "
                                 "valid, check the client's clock.")));
  else if (leaf == NULL && desc == HL_ALERT_UNKNOWN_CA)
    d = hl_diag_add (ctx, "untrusted_issuer", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                     g_strdup_printf (_("The client does not trust the CA that issued the server's "
                                        "certificate (unknown_ca, frame %llu); the "
                                        "certificate itself is not visible in this capture."),
                                     HL_ULL (end->frame)),
                     g_strdup (_("Check that the server sends its full chain and that it comes from a CA "
                                 "the client trusts; for a private CA, install its root on the client.")));
  else
    {
      g_autofree char *seen = NULL;
      HlBlame blame = trust == TRUST_OK ? HL_BLAME_CLIENT : HL_BLAME_UNKNOWN;
      if (leaf && !leaf->parse_error)
        {
          g_autofree char *from = hl_diag_format_date (leaf->not_before);
          g_autofree char *to = hl_diag_format_date (leaf->not_after);
          g_autofree char *names = hl_diag_format_cert_names (leaf);
          seen = g_strdup_printf (_(" Nothing wrong is visible in it from here: names %s, valid from %s "
                                    "to %s%s."), names, from, to,
                                  trust == TRUST_OK ? _(", chain trusted by this computer") : "");
        }
      d = hl_diag_add (ctx, "certificate_rejected", HL_SEVERITY_ERROR, blame,
                       g_strdup_printf ("%s%s", how, seen ? seen : ""),
                       g_strdup (_("Read the client's own error message: its trust store may lack the root "
                                   "CA, it may pin another certificate or key, or it may check a different "
                                   "name than the one sent in SNI.")));
      d->inferred = silent;
    }
  if (ctx->server_certificate)
    hl_diag_add_event_frame (d, ctx->server_certificate);
  else
    hl_diag_add_event_frame (d, last_server_message (ctx, end));   /* the flight that hid it */
  hl_diag_add_event_frame (d, end);
  add_remaining_problems (ctx, problems, ctx->server_certificate);
  return TRUE;
}

gboolean
hl_diag_rule_client_silent_rejection (HlDiagContext *ctx, const HlEvent *close_event)
{
  const HlEvent *cert = ctx->server_certificate;
  const HlEvent *client_move;

  if (cert == NULL || ctx->conn->tls->server_certificates->len == 0 || close_event->frame < cert->frame)
    return FALSE;
  /* The client did not go on with its part of the handshake. */
  client_move = event_after (ctx, cert, HL_DIR_C2S, is_handshake_phase);
  if (client_move && client_move->frame < close_event->frame)
    return FALSE;
  return server_certificate_failure (ctx, close_event, TRUE);
}

void
hl_diag_rule_certificate_warnings (HlDiagContext *ctx)
{
  g_autoptr(GPtrArray) problems = NULL;
  TrustResult trust;

  if (ctx->conn->tls->server_certificates->len == 0)
    return;
  problems = server_certificate_problems (ctx, &trust);
  if (ctx->handshake_done)
    for (guint i = 0; i < problems->len; i++)
      {
        CertProblem *p = g_ptr_array_index (problems, i);
        char *s;
        if (p->severity == HL_SEVERITY_INFO)
          continue;
        s = g_strdup_printf ("%s %s", p->summary, _("The client accepted it anyway."));
        g_free (p->summary);
        p->summary = s;
      }
  add_remaining_problems (ctx, problems, ctx->server_certificate);
}

/* ---- client authentication --------------------------------------------------- */

static gboolean
client_auth_failure (HlDiagContext *ctx, const HlEvent *alert)
{
  HlTlsInfo *tls = ctx->conn->tls;
  guint8 desc = alert->tls_type;
  char abuf[32];
  const char *name = hl_diag_alert_name (desc, abuf, sizeof abuf);
  gboolean sent = ctx->client_certificate != NULL || tls->client_certificate_sent;
  gboolean empty = tls->client_certificates->len == 0;
  const HlCertificate *cc = empty ? NULL : g_ptr_array_index (tls->client_certificates, 0);
  HlDiagnosis *d;

  if (!sent || empty)
    {
      d = hl_diag_add (ctx, "client_certificate_missing", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                       sent
                       ? g_strdup_printf (_("The server asked for a client certificate (frame %llu) but "
                                            "the client sent an empty Certificate message (frame %llu); "
                                            "the server then refused with %s (frame %llu)."),
                                          HL_ULL (ctx->certificate_request ? ctx->certificate_request->frame : 0),
                                          HL_ULL (ctx->client_certificate ? ctx->client_certificate->frame : 0),
                                          name, HL_ULL (alert->frame))
                       : g_strdup_printf (_("The server requires a client certificate and the client did not "
                                            "send one; the server refused with %s (frame %llu)."),
                                          name, HL_ULL (alert->frame)),
                       g_strdup (_("Configure the client with a certificate and private key the server "
                                   "accepts (for example curl --cert/--key, openssl s_client -cert/-key, "
                                   "or the browser's certificate store), or make client certificates "
                                   "optional on the server.")));
    }
  else if (desc == HL_ALERT_UNKNOWN_CA)
    {
      d = hl_diag_add (ctx, "client_certificate_untrusted", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                       g_strdup_printf (_("The server does not trust the issuer “%s” of the client's "
                                          "certificate for %s (unknown_ca, frame %llu)."),
                                        issuer_name (cc), cert_name (cc), HL_ULL (alert->frame)),
                       g_strdup_printf (_("Use a client certificate issued by a CA the server trusts, or add "
                                          "“%s” to the server's list of client CAs (for example nginx "
                                          "ssl_client_certificate, Apache SSLCACertificateFile)."),
                                        issuer_name (cc)));
    }
  else
    {
      gint64 now = alert->ts_ns / G_GINT64_CONSTANT (1000000000);
      g_autofree char *why = NULL;
      if (cc->not_after && now > cc->not_after)
        {
          g_autofree char *date = hl_diag_format_date (cc->not_after);
          why = g_strdup_printf (_(" The client's certificate expired on %s."), date);
        }
      else if (cc->not_before && now < cc->not_before)
        {
          g_autofree char *date = hl_diag_format_date (cc->not_before);
          why = g_strdup_printf (_(" The client's certificate is valid only from %s."), date);
        }
      else if (cc->key_purpose_client == 0 && cc->key_algorithm)
        why = g_strdup (_(" Its extended key usage does not allow client authentication (clientAuth)."));
      d = hl_diag_add (ctx, "client_certificate_rejected", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                       g_strdup_printf (_("The server rejected the client's certificate for %s (issued by "
                                          "“%s”) with %s (frame %llu).%s"),
                                        cert_name (cc), issuer_name (cc), name, HL_ULL (alert->frame),
                                        why ? why : ""),
                       g_strdup (_("Check the client certificate's dates, its extended key usage "
                                   "(clientAuth) and its issuer against what the server accepts; the "
                                   "server's log names the exact reason.")));
    }
  hl_diag_add_event_frame (d, ctx->certificate_request);
  hl_diag_add_event_frame (d, ctx->client_certificate);
  hl_diag_add_event_frame (d, alert);
  return TRUE;
}

/* ---- negotiation ----------------------------------------------------------------- */

static const guint16 mainstream_suites[] = {
  0x1301, 0x1302, 0x1303, 0xc02b, 0xc02c, 0xc02f, 0xc030, 0xcca8, 0xcca9,
};
static const guint16 mainstream_groups[] = { 0x001d, 0x0017, 0x0018, 0x11ec };

static gboolean
offers_any (const HlU16List *offered, const guint16 *list, guint n)
{
  for (guint i = 0; i < n; i++)
    if (array_has_u16 (offered, list[i]))
      return TRUE;
  return FALSE;
}

static gboolean
all_suites_weak (const HlClientHelloInfo *ch)
{
  guint n = 0;
  for (guint i = 0; ch && i < ch->cipher_suites->len; i++)
    {
      guint16 id = ch->cipher_suites->data[i];
      if (hl_tls_is_grease (id) || id == 0x00ff || id == 0x5600)
        continue;
      if (!hl_tls_cipher_suite_is_weak (id))
        return FALSE;
      n++;
    }
  return n > 0;
}

/* Which side of the offer is the likely culprit of a handshake_failure
 * right after the ClientHello: the group list or the cipher list. */
static gboolean
groups_are_the_problem (const HlClientHelloInfo *ch)
{
  gboolean main_groups, main_suites;
  guint n_groups, n_suites;

  if (ch == NULL || count_real_groups (ch->supported_groups) == 0)
    return FALSE;
  main_groups = offers_any (ch->supported_groups, mainstream_groups, G_N_ELEMENTS (mainstream_groups));
  main_suites = offers_any (ch->cipher_suites, mainstream_suites, G_N_ELEMENTS (mainstream_suites));
  if (!main_groups && main_suites)
    return TRUE;
  if (main_groups && !main_suites)
    return FALSE;
  n_groups = count_real_groups (ch->supported_groups);
  n_suites = count_real_suites (ch);
  /* A client restricted to a single group (while offering several suites)
   * was most likely configured that way, and that is the constraint. */
  return n_groups == 1 && n_suites > 1;
}

static HlDiagnosis *
negotiation_failure (HlDiagContext *ctx, const HlEvent *alert)
{
  const HlClientHelloInfo *ch = client_hello_info (ctx);
  const HlClientHelloInfo *last_ch = ctx->conn->tls->client_hello2 ? ctx->conn->tls->client_hello2 : ch;
  char abuf[32];
  const char *name = hl_diag_alert_name (alert->tls_type, abuf, sizeof abuf);
  HlDiagnosis *d;

  if (groups_are_the_problem (last_ch))
    {
      g_autofree char *groups = hl_diag_format_groups (last_ch->supported_groups);
      g_autofree char *shares = hl_diag_format_groups (last_ch->key_share_groups);
      gboolean mainstream = offers_any (last_ch->supported_groups, mainstream_groups,
                                        G_N_ELEMENTS (mainstream_groups));
      d = hl_diag_add (ctx, "no_shared_group", HL_SEVERITY_ERROR,
                       mainstream ? HL_BLAME_SERVER : HL_BLAME_CLIENT,
                       g_strdup_printf (_("The server refused the ClientHello (frame %llu) with %s "
                                          "(frame %llu). Most likely it shares no key exchange group "
                                          "with the client, which offered %s (key shares: %s). The "
                                          "server's own list is not visible on the wire."),
                                        HL_ULL (ctx->client_hello->frame), name, HL_ULL (alert->frame),
                                        groups,
                                        shares[0] ? shares : _("none")),
                       g_strdup (_("Enable a common group on both sides: x25519 and secp256r1 (P-256) are "
                                   "supported everywhere (OpenSSL -groups / Groups, GnuTLS priority "
                                   "strings, nginx ssl_ecdh_curve).")));
    }
  else
    {
      g_autofree char *suites = hl_diag_format_ciphers (last_ch, 8);
      guint n = count_real_suites (last_ch);
      gboolean client_fault = all_suites_weak (last_ch) ||
                              !offers_any (last_ch ? last_ch->cipher_suites : NULL, mainstream_suites,
                                           G_N_ELEMENTS (mainstream_suites));
      d = hl_diag_add (ctx, "no_shared_cipher", HL_SEVERITY_ERROR,
                       client_fault ? HL_BLAME_CLIENT : HL_BLAME_SERVER,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "The server refused the ClientHello (frame %llu) "
                                                     "with %s (frame %llu). Most likely the %u "
                                                     "cipher suite the client offered (%s) is not "
                                                     "acceptable to it. The server's own list is not "
                                                     "visible on the wire, and a missing common group "
                                                     "or signature algorithm draws the same alert.",
                                                     "The server refused the ClientHello (frame %llu) "
                                                     "with %s (frame %llu). Most likely none of the %u "
                                                     "cipher suites the client offered (%s) is "
                                                     "acceptable to it. The server's own list is not "
                                                     "visible on the wire, and a missing common group "
                                                     "or signature algorithm draws the same alert.", n),
                                        HL_ULL (ctx->client_hello->frame), name, HL_ULL (alert->frame), n,
                                        suites),
                       client_fault
                       ? g_strdup (_("The client offers only old or unusual cipher suites: enable "
                                     "modern ones "
                                     "such as TLS_AES_128_GCM_SHA256 (TLS 1.3) or "
                                     "ECDHE-RSA-AES128-GCM-SHA256 (TLS 1.2) on the client."))
                       : g_strdup (_("Compare the server's cipher configuration with the client's offer and "
                                     "enable a common suite; also check that the server's certificate "
                                     "type (RSA or ECDSA) matches the suites it allows.")));
    }
  hl_diag_add_event_frame (d, ctx->client_hello);
  hl_diag_add_event_frame (d, alert);
  return d;
}

static const char *
missing_tls13_extensions (const HlClientHelloInfo *ch, GString *out)
{
  static const struct { guint16 type; const char *name; } required[] = {
    { 43, "supported_versions" }, { 13, "signature_algorithms" },
    { 10, "supported_groups" }, { 51, "key_share" },
  };
  if (ch == NULL)
    return out->str;
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!array_has_u16 (ch->extensions, required[i].type))
      {
        if (out->len)
          g_string_append (out, ", ");
        g_string_append (out, required[i].name);
      }
  /* pre_shared_key needs psk_key_exchange_modes (RFC 8446, section 4.2.9) */
  if (array_has_u16 (ch->extensions, 41) && !array_has_u16 (ch->extensions, 45))
    g_string_append_printf (out, "%spsk_key_exchange_modes", out->len ? ", " : "");
  return out->str;
}

/* The client's message the server is most likely complaining about. */
static const HlEvent *
last_client_message (HlDiagContext *ctx, const HlEvent *before)
{
  return last_before (ctx, before, HL_DIR_C2S, is_handshake_phase);
}

static const HlEvent *
last_server_message (HlDiagContext *ctx, const HlEvent *before)
{
  return last_before (ctx, before, HL_DIR_S2C, is_handshake_phase);
}

static gboolean
server_alert (HlDiagContext *ctx, const HlEvent *alert)
{
  HlConnection *conn = ctx->conn;
  const HlClientHelloInfo *ch = client_hello_info (ctx);
  guint8 desc = alert->tls_type;
  char abuf[32];
  const char *name = hl_diag_alert_name (desc, abuf, sizeof abuf);
  const HlEvent *culprit = last_client_message (ctx, alert);
  g_autofree char *culprit_label = culprit ? hl_event_label (culprit) : g_strdup ("ClientHello");
  gboolean before_server_hello = ctx->server_hello == NULL || alert->frame < ctx->server_hello->frame;
  gboolean client_auth = ctx->certificate_request != NULL || conn->tls->client_certificate_requested;
  HlDiagnosis *d = NULL;

  switch (desc)
    {
    case HL_ALERT_PROTOCOL_VERSION:
      {
        g_autofree char *offered = hl_diag_format_versions (ch);
        guint16 max = hl_diag_max_offered_version (ch);
        /* The server refuses the client's range: it wants something newer,
         * unless the client already offers the newest version. */
        gboolean client_old = max && max < 0x0304;
        d = hl_diag_add (ctx, "protocol_version_mismatch", HL_SEVERITY_ERROR,
                         client_old ? HL_BLAME_CLIENT : HL_BLAME_SERVER,
                         g_strdup_printf (_("The client offered %s (ClientHello, frame %llu); the "
                                            "server wants a version outside that range and refused "
                                            "with protocol_version (frame %llu)."),
                                          offered, HL_ULL (ctx->client_hello->frame), HL_ULL (alert->frame)),
                         client_old
                         ? g_strdup (_("The server requires a newer version than the client offers (often a "
                                       "server limited to TLS 1.3, or to TLS 1.2 and later): update the "
                                       "client "
                                       "or enable TLS 1.3 (and TLS 1.2) in its settings."))
                         : g_strdup (_("The server only accepts versions the client does not offer (often "
                                       "an old server limited to TLS 1.0/1.1, or a server that requires "
                                       "TLS 1.3 only): align the minimum and maximum versions of both "
                                       "sides.")));
        hl_diag_add_event_frame (d, ctx->client_hello);
        break;
      }
    case HL_ALERT_HANDSHAKE_FAILURE:
    case HL_ALERT_INSUFFICIENT_SECURITY:
      if (client_auth && (ctx->client_certificate || ctx->certificate_request == NULL ||
                          alert->frame > ctx->certificate_request->frame))
        return client_auth_failure (ctx, alert);
      if (before_server_hello)
        {
          negotiation_failure (ctx, alert);
          return TRUE;
        }
      break;
    case HL_ALERT_CERTIFICATE_REQUIRED:
      return client_auth_failure (ctx, alert);
    case HL_ALERT_BAD_CERTIFICATE:
    case HL_ALERT_UNSUPPORTED_CERTIFICATE:
    case HL_ALERT_CERTIFICATE_REVOKED:
    case HL_ALERT_CERTIFICATE_EXPIRED:
    case HL_ALERT_CERTIFICATE_UNKNOWN:
    case HL_ALERT_UNKNOWN_CA:
    case HL_ALERT_ACCESS_DENIED:
      if (client_auth)
        return client_auth_failure (ctx, alert);
      break;
    case HL_ALERT_UNRECOGNIZED_NAME:
      {
        const char *sni = sni_of (ctx);
        d = hl_diag_add (ctx, "sni_unrecognized_name", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                         sni ? g_strdup_printf (_("The server does not know the name “%s” the client "
                                                  "asked for "
                                                  "(SNI in frame %llu) and refused with "
                                                  "unrecognized_name (frame %llu)."),
                                                sni, HL_ULL (ctx->client_hello->frame), HL_ULL (alert->frame))
                             : g_strdup_printf (_("The client sent no server name (SNI) and the server, "
                                                  "which needs one, refused with unrecognized_name "
                                                  "(frame %llu)."), HL_ULL (alert->frame)),
                         sni ? g_strdup_printf (_("Check the host name the client uses. If “%s” is "
                                                  "right, add "
                                                  "it to the server's configuration (a virtual host / "
                                                  "server_name with a certificate for it)."), sni)
                             : g_strdup (_("Connect by host name rather than IP address so the client sends "
                                           "SNI, or give the server a default certificate.")));
        hl_diag_add_event_frame (d, ctx->client_hello);
        break;
      }
    case HL_ALERT_NO_APPLICATION_PROTOCOL:
      {
        g_autofree char *offered = hl_diag_format_alpn (ch);
        d = hl_diag_add (ctx, "alpn_mismatch", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                         g_strdup_printf (_("The client offered the application protocols %s (ALPN in "
                                            "frame %llu); the server supports none of them and refused "
                                            "with no_application_protocol (frame %llu)."),
                                          offered[0] ? offered : _("(none)"),
                                          HL_ULL (ctx->client_hello->frame),
                                          HL_ULL (alert->frame)),
                         g_strdup (_("Configure the client to offer a protocol the server speaks, or enable "
                                     "one of the offered protocols on the server (for example “http/1.1” "
                                     "next to “h2”).")));
        hl_diag_add_event_frame (d, ctx->client_hello);
        break;
      }
    case HL_ALERT_NO_RENEGOTIATION:
      d = hl_diag_add (ctx, "renegotiation_refused", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                       g_strdup_printf (_("The client asked to renegotiate (frame %llu) and "
                                          "the server refused with no_renegotiation (frame %llu)."),
                                       HL_ULL (culprit ? culprit->frame : 0), HL_ULL (alert->frame)),
                       g_strdup (_("Renegotiation is disabled on the server (and gone from TLS 1.3). Avoid "
                                   "it in the client, for example request client certificates at the start "
                                   "of the connection or use TLS 1.3 post-handshake authentication.")));
      hl_diag_add_event_frame (d, culprit);
      break;
    case HL_ALERT_INAPPROPRIATE_FALLBACK:
      {
        g_autofree char *offered = hl_diag_format_versions (ch);
        d = hl_diag_add (ctx, "inappropriate_fallback", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                         g_strdup_printf (_("The client retried with a lower protocol version (%s, with "
                                            "TLS_FALLBACK_SCSV in frame %llu); the server "
                                            "supports a higher one and refused the downgrade with "
                                            "inappropriate_fallback (frame %llu)."),
                                          offered, HL_ULL (ctx->client_hello->frame), HL_ULL (alert->frame)),
                         g_strdup (_("The real problem is the earlier attempt that made the client fall "
                                     "back: look for a previous connection to this server in the capture "
                                     "(often a middlebox that breaks the newer version).")));
        hl_diag_add_event_frame (d, ctx->client_hello);
        break;
      }
    case HL_ALERT_MISSING_EXTENSION:
      {
        g_autoptr(GString) missing = g_string_new (NULL);
        missing_tls13_extensions (ch, missing);
        d = hl_diag_add (ctx, "missing_extension", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                         missing->len
                         ? g_strdup_printf (_("The server requires an extension the client's %s (frame "
                                              "%llu) lacks and refused with missing_extension "
                                              "(frame %llu); absent: %s."),
                                            culprit_label, HL_ULL (culprit ? culprit->frame : 0),
                                            HL_ULL (alert->frame),
                                            missing->str)
                         : g_strdup_printf (_("The server requires an extension the client's %s (frame "
                                              "%llu) lacks and refused with missing_extension "
                                              "(frame %llu)."),
                                            culprit_label, HL_ULL (culprit ? culprit->frame : 0),
                                            HL_ULL (alert->frame)),
                         g_strdup (_("Update the client's TLS library or settings: TLS 1.3 requires "
                                     "supported_versions, signature_algorithms, supported_groups and "
                                     "key_share in the ClientHello.")));
        hl_diag_add_event_frame (d, culprit);
        break;
      }
    case HL_ALERT_ILLEGAL_PARAMETER:
      d = hl_diag_add (ctx, "illegal_parameter", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                       g_strdup_printf (_("The server found a field with an invalid value in the client's %s "
                                          "(frame %llu) and refused with illegal_parameter "
                                          "(frame %llu)."),
                                        culprit_label, HL_ULL (culprit ? culprit->frame : 0),
                                        HL_ULL (alert->frame)),
                       g_strdup (_("The client's TLS implementation sends something the server considers "
                                   "invalid (for example a key share that does not match its group): update "
                                   "the client, and check the server's log for the field.")));
      hl_diag_add_event_frame (d, culprit);
      break;
    case HL_ALERT_DECODE_ERROR:
      d = hl_diag_add (ctx, "decode_error", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                       g_strdup_printf (_("The server could not parse the client's %s (frame %llu) and "
                                          "refused with decode_error (frame %llu)."),
                                        culprit_label, HL_ULL (culprit ? culprit->frame : 0),
                                        HL_ULL (alert->frame)),
                       g_strdup (_("A message was malformed or truncated: update the client's TLS library; "
                                   "if a middlebox rewrites traffic, test without it.")));
      hl_diag_add_event_frame (d, culprit);
      break;
    case HL_ALERT_INTERNAL_ERROR:
      d = hl_diag_add (ctx, "internal_error", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                       g_strdup_printf (_("The server hit an internal error unrelated to the client's "
                                          "messages "
                                          "and aborted with internal_error (frame %llu)."),
                                        HL_ULL (alert->frame)),
                       g_strdup (_("Look in the server's error log: typical causes are a missing or "
                                   "unreadable private key, a key that does not match the certificate, or "
                                   "a failing hardware security module.")));
      break;
    case HL_ALERT_BAD_RECORD_MAC:
    case HL_ALERT_DECRYPTION_FAILED:
      d = hl_diag_add (ctx, "bad_record_mac", HL_SEVERITY_ERROR, HL_BLAME_MIDDLEBOX,
                       g_strdup_printf (_("The server could not authenticate a record from the client (%s, "
                                          "frame %llu): the bytes were changed on the way or "
                                          "the two sides derived different keys."),
                                       name, HL_ULL (alert->frame)),
                       g_strdup (_("Look for a device that modifies traffic (proxy, faulty NIC offload, "
                                   "broken load balancer) and test without it; otherwise update both TLS "
                                   "libraries.")));
      hl_diag_add_event_frame (d, culprit);
      break;
    case HL_ALERT_DECRYPT_ERROR:
      d = hl_diag_add (ctx, "decrypt_error", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                       g_strdup_printf (_("The server could not verify the client's %s (frame %llu): a "
                                          "signature or the Finished check failed (decrypt_error, frame "
                                          "%llu)."),
                                        culprit_label, HL_ULL (culprit ? culprit->frame : 0),
                                        HL_ULL (alert->frame)),
                       g_strdup (_("If the client uses a certificate, check that its private key matches "
                                   "it; otherwise a device that alters the handshake can cause this.")));
      hl_diag_add_event_frame (d, culprit);
      break;
    default:
      break;
    }
  if (d == NULL)
    {
      d = hl_diag_add (ctx, "fatal_alert", HL_SEVERITY_ERROR, HL_BLAME_UNKNOWN,
                       g_strdup_printf (_("The server ended the connection with a fatal %s alert (frame "
                                          "%llu) after the client's %s (frame %llu)."),
                                        name, HL_ULL (alert->frame), culprit_label,
                                        HL_ULL (culprit ? culprit->frame : 0)),
                       g_strdup_printf (_("Look in the server's error log for why it sent %s."), name));
      hl_diag_add_event_frame (d, culprit);
    }
  hl_diag_add_event_frame (d, alert);
  return TRUE;
}

static gboolean
client_alert (HlDiagContext *ctx, const HlEvent *alert)
{
  HlTlsInfo *tls = ctx->conn->tls;
  const HlClientHelloInfo *ch = client_hello_info (ctx);
  const HlServerHelloInfo *sh = tls->server_hello;
  guint8 desc = alert->tls_type;
  char abuf[32];
  const char *name = hl_diag_alert_name (desc, abuf, sizeof abuf);
  const HlEvent *culprit = last_server_message (ctx, alert);
  g_autofree char *culprit_label = culprit ? hl_event_label (culprit) : g_strdup ("?");
  gboolean after_cert = ctx->server_certificate && ctx->server_certificate->frame <= alert->frame;
  HlDiagnosis *d = NULL;

  /* A certificate alert from the client after the ServerHello is about the
   * server's certificate, even when TLS 1.3 hides the certificate itself
   * (OpenSSL clients send that alert before switching to encrypted
   * records). */
  if (alert_is_about_certificate (desc) && !ctx->handshake_done && ctx->server_hello &&
      alert->frame >= ctx->server_hello->frame)
    return server_certificate_failure (ctx, alert, FALSE);
  /* handshake_failure from a client is only about the certificate when the
   * certificate shows something wrong. */
  if (desc == HL_ALERT_HANDSHAKE_FAILURE && after_cert && !ctx->handshake_done)
    {
      TrustResult trust;
      g_autoptr(GPtrArray) problems = server_certificate_problems (ctx, &trust);
      if (problems->len > 0)
        return server_certificate_failure (ctx, alert, FALSE);
    }

  switch (desc)
    {
    case HL_ALERT_PROTOCOL_VERSION:
      {
        g_autofree char *offered = hl_diag_format_versions (ch);
        g_autofree char *chosen = version_text (ctx->version);
        gboolean in_offer = ctx->version && hl_diag_offered_version (ch, ctx->version);
        d = hl_diag_add (ctx, "protocol_version_mismatch", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                         !ctx->version
                         ? g_strdup_printf (_("The client refused the server's protocol version with "
                                              "protocol_version (frame %llu); it offered %s."),
                                            HL_ULL (alert->frame), offered)
                         : in_offer
                         ? g_strdup_printf (_("The server selected %s (frame %llu), the oldest end of "
                                              "what the client offered (%s), and the client refused it "
                                              "with protocol_version (frame %llu): its minimum version "
                                              "is higher."),
                                            chosen, HL_ULL (ctx->server_hello ? ctx->server_hello->frame : 0),
                                            offered, HL_ULL (alert->frame))
                         : g_strdup_printf (_("The server selected %s (frame %llu), but the client "
                                              "offered %s and refused with protocol_version (frame %llu)."),
                                            chosen, HL_ULL (ctx->server_hello ? ctx->server_hello->frame : 0),
                                            offered, HL_ULL (alert->frame)),
                         g_strdup (_("The server is limited to a version the client no longer accepts: "
                                     "enable TLS 1.2 and TLS 1.3 on the server.")));
        hl_diag_add_event_frame (d, ctx->client_hello);
        hl_diag_add_event_frame (d, ctx->server_hello);
        break;
      }
    case HL_ALERT_ILLEGAL_PARAMETER:
    case HL_ALERT_HANDSHAKE_FAILURE:
    case HL_ALERT_INSUFFICIENT_SECURITY:
      {
        g_autofree char *detail = NULL;
        if (sh && ch && !array_has_u16 (ch->cipher_suites, sh->cipher_suite))
          {
            g_autofree char *c = cipher_text (sh->cipher_suite);
            detail = g_strdup_printf (_("the server selected the cipher suite %s, which the client did not "
                                        "offer"), c);
          }
        else if (sh && ch && ctx->version && !hl_diag_offered_version (ch, ctx->version))
          {
            g_autofree char *v = version_text (ctx->version);
            detail = g_strdup_printf (_("the server selected %s, which the client did not offer"), v);
          }
        else if (sh && ch && sh->key_share_group &&
                 !array_has_u16 (ch->supported_groups, sh->key_share_group))
          {
            g_autofree char *g = group_text (sh->key_share_group);
            detail = g_strdup_printf (_("the server selected the group %s, which the client did not "
                                        "offer"), g);
          }
        if (detail || desc == HL_ALERT_ILLEGAL_PARAMETER)
          {
            d = hl_diag_add (ctx, "illegal_parameter", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                             detail
                             ? g_strdup_printf (_("The client refused the server's %s (frame %llu) with "
                                                  "%s (frame %llu): %s."),
                                                culprit_label, HL_ULL (culprit ? culprit->frame : 0), name,
                                                HL_ULL (alert->frame), detail)
                             : g_strdup_printf (_("The client found a field with an invalid value in the "
                                                  "server's %s (frame %llu) and refused with "
                                                  "illegal_parameter (frame %llu)."),
                                                culprit_label, HL_ULL (culprit ? culprit->frame : 0),
                                                HL_ULL (alert->frame)),
                             g_strdup (_("The server answers with parameters outside the client's offer: "
                                         "update the server's TLS library or fix its configuration, and "
                                         "check any device that rewrites the handshake.")));
            hl_diag_add_event_frame (d, culprit);
          }
        break;
      }
    case HL_ALERT_NO_RENEGOTIATION:
      d = hl_diag_add (ctx, "renegotiation_refused", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                       g_strdup_printf (_("The server asked to renegotiate (frame %llu) and the "
                                          "client refused with no_renegotiation (frame %llu)."),
                                        HL_ULL (culprit ? culprit->frame : 0), HL_ULL (alert->frame)),
                       g_strdup (_("The server renegotiates mid-connection (often to ask for a client "
                                   "certificate on one path): configure it to request the certificate at "
                                   "the start instead, or allow renegotiation on the client.")));
      hl_diag_add_event_frame (d, culprit);
      break;
    case HL_ALERT_DECODE_ERROR:
      d = hl_diag_add (ctx, "decode_error", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                       g_strdup_printf (_("The client could not parse the server's %s (frame %llu) and "
                                          "refused with decode_error (frame %llu)."),
                                        culprit_label, HL_ULL (culprit ? culprit->frame : 0),
                                        HL_ULL (alert->frame)),
                       g_strdup (_("A server message was malformed or truncated: update the server's TLS "
                                   "library; if a middlebox rewrites traffic, test without it.")));
      hl_diag_add_event_frame (d, culprit);
      break;
    case HL_ALERT_INTERNAL_ERROR:
      d = hl_diag_add (ctx, "internal_error", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                       g_strdup_printf (_("The client hit an internal error and aborted with internal_error "
                                          "(frame %llu)."), HL_ULL (alert->frame)),
                       g_strdup (_("Look at the client's error output; the problem is on its side (for "
                                   "example its random generator or certificate store).")));
      break;
    case HL_ALERT_BAD_RECORD_MAC:
    case HL_ALERT_DECRYPTION_FAILED:
      d = hl_diag_add (ctx, "bad_record_mac", HL_SEVERITY_ERROR, HL_BLAME_MIDDLEBOX,
                       g_strdup_printf (_("The client could not authenticate a record from the server (%s, "
                                          "frame %llu): the bytes were changed on the way or "
                                          "the two sides derived different keys."),
                                       name, HL_ULL (alert->frame)),
                       g_strdup (_("Look for a device that modifies traffic (proxy, faulty NIC offload, "
                                   "broken load balancer) and test without it; otherwise update both TLS "
                                   "libraries.")));
      hl_diag_add_event_frame (d, culprit);
      break;
    case HL_ALERT_DECRYPT_ERROR:
      d = hl_diag_add (ctx, "decrypt_error", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                       g_strdup_printf (_("The client could not verify the server's %s (frame %llu): "
                                          "its signature or Finished check failed (decrypt_error, frame "
                                          "%llu)."),
                                        culprit_label, HL_ULL (culprit ? culprit->frame : 0),
                                        HL_ULL (alert->frame)),
                       g_strdup (_("Check that the server's private key matches its certificate; a device "
                                   "that alters the handshake can also cause this.")));
      hl_diag_add_event_frame (d, culprit);
      break;
    case HL_ALERT_MISSING_EXTENSION:
      d = hl_diag_add (ctx, "missing_extension", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                       g_strdup_printf (_("The server's %s (frame %llu) lacks an extension "
                                          "the client requires (missing_extension, frame %llu)."),
                                        culprit_label, HL_ULL (culprit ? culprit->frame : 0),
                                        HL_ULL (alert->frame)),
                       g_strdup (_("Update the server's TLS library; the client expects an extension "
                                   "(for example extended_master_secret or renegotiation_info) it does "
                                   "not send.")));
      hl_diag_add_event_frame (d, culprit);
      break;
    default:
      break;
    }
  if (d == NULL)
    {
      d = hl_diag_add (ctx, "fatal_alert", HL_SEVERITY_ERROR, HL_BLAME_UNKNOWN,
                       g_strdup_printf (_("The client ended the connection with a fatal %s alert (frame "
                                          "%llu) after the server's %s (frame %llu)."),
                                        name, HL_ULL (alert->frame), culprit_label,
                                        HL_ULL (culprit ? culprit->frame : 0)),
                       g_strdup_printf (_("Look at the client's error message for why it sent %s."), name));
      hl_diag_add_event_frame (d, culprit);
    }
  hl_diag_add_event_frame (d, alert);
  return TRUE;
}

static gboolean
is_renegotiation_refusal (const HlEvent *e)
{
  return e->kind == HL_EVENT_TLS_ALERT && e->tls_type == HL_ALERT_NO_RENEGOTIATION;
}

static gboolean
is_renegotiation_request (const HlEvent *e)
{
  return e->kind == HL_EVENT_TLS_HANDSHAKE &&
         (e->tls_type == HL_HS_HELLO_REQUEST || e->tls_type == HL_HS_CLIENT_HELLO);
}

/* One side asked to renegotiate, the other declined with a warning-level
 * no_renegotiation, and the asking side then gave up with a fatal alert. */
static gboolean
renegotiation_failure (HlDiagContext *ctx, const HlEvent *alert)
{
  HlDirection refuser = alert->dir == HL_DIR_C2S ? HL_DIR_S2C : HL_DIR_C2S;
  const HlEvent *refusal = last_before (ctx, alert, refuser, is_renegotiation_refusal);
  const HlEvent *request;
  char abuf[32];
  const char *name = hl_diag_alert_name (alert->tls_type, abuf, sizeof abuf);
  HlDiagnosis *d;

  if (refusal == NULL)
    return FALSE;
  request = last_before (ctx, refusal, alert->dir, is_renegotiation_request);
  d = hl_diag_add (ctx, "renegotiation_refused", HL_SEVERITY_ERROR,
                   alert->dir == HL_DIR_C2S ? HL_BLAME_CLIENT : HL_BLAME_SERVER,
                   alert->dir == HL_DIR_C2S
                   ? g_strdup_printf (_("The client asked to renegotiate, the server declined with "
                                        "no_renegotiation (frame %llu), and the client then "
                                        "gave up with %s (frame %llu)."),
                                      HL_ULL (refusal->frame), name, HL_ULL (alert->frame))
                   : g_strdup_printf (_("The server asked to renegotiate, the client declined with "
                                        "no_renegotiation (frame %llu), and the server then "
                                        "gave up with %s (frame %llu)."),
                                      HL_ULL (refusal->frame), name, HL_ULL (alert->frame)),
                   alert->dir == HL_DIR_C2S
                   ? g_strdup (_("The server does not allow client-initiated renegotiation (OpenSSL 3 and "
                                 "most servers refuse it). Change the client so it does not renegotiate, or "
                                 "use TLS 1.3, which replaces renegotiation with KeyUpdate and "
                                 "post-handshake authentication."))
                   : g_strdup (_("The client refuses renegotiation: have the server request client "
                                 "certificates at the start of the connection instead of renegotiating.")));
  hl_diag_add_event_frame (d, request);
  hl_diag_add_event_frame (d, refusal);
  hl_diag_add_event_frame (d, alert);
  return TRUE;
}

gboolean
hl_diag_rule_alert (HlDiagContext *ctx)
{
  const HlEvent *alert = ctx->first_alert;

  if (alert == NULL || ctx->conn->tls == NULL)
    return FALSE;
  if (renegotiation_failure (ctx, alert))
    return TRUE;
  return alert->dir == HL_DIR_S2C ? server_alert (ctx, alert) : client_alert (ctx, alert);
}

/* ---- TLS 1.3 without keys -------------------------------------------------------- */

/* Bytes of AEAD overhead per TLS 1.3 record: inner content type + tag. */
static guint
record_overhead (guint16 suite)
{
  return suite == 0x1305 ? 1 + 8 : 1 + 16;   /* TLS_AES_128_CCM_8_SHA256 has an 8-byte tag */
}

gboolean
hl_diag_rule_hidden_tls13 (HlDiagContext *ctx)
{
  HlTlsInfo *tls = ctx->conn->tls;
  const HlEvent *sh = ctx->server_hello;
  const HlEvent *server_enc, *client_enc, *cclose, *sclose;
  HlDiagnosis *d;

  if (sh == NULL)
    return FALSE;
  server_enc = event_after (ctx, sh, HL_DIR_S2C, is_encrypted);
  if (server_enc == NULL)
    return FALSE;
  client_enc = event_after (ctx, sh, HL_DIR_C2S, is_encrypted);
  cclose = event_after (ctx, server_enc, HL_DIR_C2S, is_close);
  sclose = event_after (ctx, server_enc, HL_DIR_S2C, is_close);

  if (client_enc == NULL ||
      (hl_diag_alert_sized (client_enc) && event_after (ctx, client_enc, HL_DIR_C2S, is_encrypted) == NULL))
    {
      const HlEvent *evidence = client_enc ? client_enc : cclose;
      const HlEvent *flight_end;
      if (evidence == NULL)
        return FALSE;
      if (client_enc == NULL && sclose && sclose->frame < cclose->frame)
        return FALSE;
      if (client_enc && ctx->app_data)
        return FALSE;
      flight_end = last_before (ctx, evidence, HL_DIR_S2C, is_encrypted);
      d = hl_diag_add (ctx, "certificate_rejected", HL_SEVERITY_ERROR, HL_BLAME_UNKNOWN,
                       client_enc
                       ? g_strdup_printf (_("The client likely rejected the server's certificate: right "
                                            "after "
                                            "the server's encrypted handshake messages (frames "
                                            "%llu–%llu) it sent a short encrypted record of %zu bytes "
                                            "(frame %llu), the size of an "
                                            "alert, and no application data followed. TLS 1.3 encrypts the "
                                            "certificate and the alert, so the exact reason is hidden."),
                                          HL_ULL (server_enc->frame),
                                          HL_ULL (flight_end ? flight_end->frame : server_enc->frame),
                                          hl_diag_encrypted_size (client_enc), HL_ULL (client_enc->frame))
                       : g_strdup_printf (_("The client likely rejected the server's certificate: right "
                                            "after "
                                            "the server's encrypted handshake messages (frames "
                                            "%llu–%llu) it closed the connection (frame %llu) without "
                                            "finishing the handshake. TLS 1.3 "
                                            "encrypts the certificate, so the exact reason is hidden."),
                                          HL_ULL (server_enc->frame),
                                          HL_ULL (flight_end ? flight_end->frame : server_enc->frame),
                                          HL_ULL (cclose->frame)),
                       g_strdup (_("Open the capture with the client's key log (SSLKEYLOGFILE) or use probe "
                                   "mode to see the certificate and the alert. Meanwhile check the server's "
                                   "certificate: its dates, its names and that the full chain is sent.")));
      d->inferred = TRUE;
      hl_diag_add_event_frame (d, server_enc);
      hl_diag_add_event_frame (d, flight_end);
      hl_diag_add_event_frame (d, evidence);
      return TRUE;
    }

  /* The client finished; did the server refuse its final flight? */
  {
    const HlEvent *srec = event_after (ctx, client_enc, HL_DIR_S2C, is_encrypted);
    const HlEvent *after;
    gsize plain = 0, finished_len;
    guint overhead = record_overhead (tls->cipher_suite);

    if (srec == NULL || !hl_diag_alert_sized (srec) || ctx->app_data)
      return FALSE;
    after = event_after (ctx, srec, HL_DIR_S2C, is_encrypted);
    if (after && !hl_diag_alert_sized (after))
      return FALSE;
    for (guint i = 0; i < ctx->conn->events->len; i++)
      {
        const HlEvent *e = g_ptr_array_index (ctx->conn->events, i);
        if (e == srec)
          break;
        if (e->frame >= client_enc->frame && e->dir == HL_DIR_C2S && e->kind == HL_EVENT_TLS_ENCRYPTED)
          {
            gsize n = hl_diag_encrypted_size (e);
            plain += n > overhead ? n - overhead : 0;
          }
      }
    finished_len = 4 + (tls->cipher_suite == 0x1302 ? 48 : 32);
    if (plain >= finished_len + 8 && plain <= finished_len + 16)
      {
        d = hl_diag_add (ctx, "client_certificate_missing", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                         g_strdup_printf (_("The server likely asked for a client certificate and the client "
                                            "sent none: the client's final encrypted flight (frame "
                                            "%llu, %zu bytes of content) has room "
                                            "for an empty Certificate and Finished only, and the server "
                                            "answered with a short encrypted record, the size of an alert "
                                            "(frame %llu)."),
                                          HL_ULL (client_enc->frame), plain, HL_ULL (srec->frame)),
                         g_strdup (_("Give the client a certificate and key the server accepts, or load the "
                                     "key log to confirm with the decrypted alert.")));
      }
    else if (plain > finished_len + 100)
      {
        d = hl_diag_add (ctx, "client_certificate_rejected", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                         g_strdup_printf (_("The server likely rejected the client's certificate: the "
                                            "client's "
                                            "final encrypted flight (frame %llu, %zu bytes of content) "
                                            "carries a certificate, and the server "
                                            "answered with a short encrypted record, the size of an alert "
                                            "(frame %llu), instead of continuing."),
                                          HL_ULL (client_enc->frame), plain, HL_ULL (srec->frame)),
                         g_strdup (_("Check the client certificate (issuer trusted by the server, dates, "
                                     "clientAuth usage), and load the key log to see the server's alert.")));
      }
    else
      {
        d = hl_diag_add (ctx, "fatal_alert", HL_SEVERITY_ERROR, HL_BLAME_UNKNOWN,
                         g_strdup_printf (_("The server likely ended the handshake with an encrypted alert "
                                            "(frame %llu, %zu bytes) right "
                                            "after the client's Finished (frame %llu); which "
                                            "alert is hidden without a key log."),
                                          HL_ULL (srec->frame), hl_diag_encrypted_size (srec),
                                          HL_ULL (client_enc->frame)),
                         g_strdup (_("Open the capture with the client's key log (SSLKEYLOGFILE) or use "
                                     "probe "
                                     "mode to read the alert, and check the server's error log.")));
      }
    d->inferred = TRUE;
    hl_diag_add_event_frame (d, client_enc);
    hl_diag_add_event_frame (d, srec);
    return TRUE;
  }
}

/* ---- information ------------------------------------------------------------------- */

static const HlEvent *
handshake_end (HlDiagContext *ctx)
{
  const HlEvent *end = NULL;

  for (guint i = 0; i < ctx->conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (ctx->conn->events, i);
      if (e->kind == HL_EVENT_TLS_APP_DATA)
        break;
      if (e->dir == HL_DIR_C2S && is_handshake_phase (e) && e->frame >= ctx->client_hello->frame)
        end = e;
      if (e->kind == HL_EVENT_TLS_HANDSHAKE && e->tls_type == HL_HS_FINISHED && e->dir == HL_DIR_C2S)
        break;
    }
  return end;
}

static void
rule_handshake_ok (HlDiagContext *ctx, const HlEvent *end)
{
  HlTlsInfo *tls = ctx->conn->tls;
  const char *sni = sni_of (ctx);
  g_autofree char *version = version_text (ctx->version);
  g_autofree char *took = hl_diag_format_duration (end ? end->ts_ns - ctx->client_hello->ts_ns : 0);
  GString *s = g_string_new (NULL);
  HlDiagnosis *d;

  if (ctx->version == 0)
    {
      g_free (version);
      version = g_strdup ("TLS");
    }
  if (sni)
    g_string_append_printf (s, _("%s handshake with %s completed in %s"), version, sni, took);
  else
    g_string_append_printf (s, _("%s handshake completed in %s"), version, took);
  if (tls->has_cipher)
    {
      g_autofree char *c = cipher_text (tls->cipher_suite);
      g_string_append_printf (s, _(", cipher suite %s"), c);
    }
  if (tls->server_hello && tls->server_hello->key_share_group)
    {
      g_autofree char *g = group_text (tls->server_hello->key_share_group);
      g_string_append_printf (s, _(", key exchange %s"), g);
    }
  if (tls->server_hello && tls->server_hello->alpn)
    g_string_append_printf (s, _(", application protocol %s"), tls->server_hello->alpn);
  g_string_append (s, ".");
  d = hl_diag_add (ctx, "handshake_ok", HL_SEVERITY_INFO, HL_BLAME_UNKNOWN, g_string_free (s, FALSE),
                   g_strdup (_("Nothing to do.")));
  hl_diag_add_event_frame (d, ctx->client_hello);
  hl_diag_add_event_frame (d, end);
}

static void
rule_slow_handshake (HlDiagContext *ctx, const HlEvent *end)
{
  const HlEvent *ch = ctx->client_hello;
  const HlEvent *answer = ctx->server_hello ? ctx->server_hello : ctx->hrr ? ctx->hrr : ctx->first_server_tls;
  gint64 rtt = -1, think, total, start;
  g_autofree char *total_t = NULL, *think_t = NULL, *rtt_t = NULL;
  HlBlame blame;
  HlDiagnosis *d;

  if (answer == NULL || end == NULL || ch == NULL)
    return;
  if (ctx->last_syn && ctx->syn_ack && ctx->syn_ack->ts_ns >= ctx->last_syn->ts_ns)
    rtt = ctx->syn_ack->ts_ns - ctx->last_syn->ts_ns;
  if (rtt < 0 && ctx->first_syn && ctx->syn_ack && ctx->syn_ack->ts_ns >= ctx->first_syn->ts_ns)
    rtt = ctx->syn_ack->ts_ns - ctx->first_syn->ts_ns;
  start = ctx->first_syn ? ctx->first_syn->ts_ns : ch->ts_ns;
  think = answer->ts_ns - ch->ts_ns;
  total = end->ts_ns - start;
  if (total <= G_GINT64_CONSTANT (1000000000) && think <= G_GINT64_CONSTANT (500000000))
    return;

  total_t = hl_diag_format_duration (total);
  think_t = hl_diag_format_duration (think);
  blame = rtt >= 0 && think > 2 * rtt + G_GINT64_CONSTANT (200000000) ? HL_BLAME_SERVER : HL_BLAME_NETWORK;
  if (rtt >= 0)
    {
      rtt_t = hl_diag_format_duration (rtt);
      d = hl_diag_add (ctx, "slow_handshake",
                       total > G_GINT64_CONSTANT (3000000000) ? HL_SEVERITY_WARNING : HL_SEVERITY_INFO, blame,
                       g_strdup_printf (_("The connection took %s to set up. The network round trip (SYN to "
                                          "SYN-ACK, frames %llu–%llu) was %s; "
                                          "the server took %s to answer the ClientHello (frame %llu to "
                                          "frame %llu)."),
                                        total_t, HL_ULL (ctx->last_syn->frame),
                                        HL_ULL (ctx->syn_ack->frame), rtt_t, think_t,
                                        HL_ULL (ch->frame), HL_ULL (answer->frame)),
                       blame == HL_BLAME_SERVER
                       ? g_strdup (_("Most of the time went into the server's answer: check its load, slow "
                                     "key operations (large RSA keys, a remote HSM) or OCSP fetching."))
                       : g_strdup (_("Most of the time went into the network: a long or lossy path; "
                                     "consider a server closer to the users, TLS 1.3 and session "
                                     "resumption.")));
      hl_diag_add_event_frame (d, ctx->first_syn);
      hl_diag_add_event_frame (d, ctx->syn_ack);
    }
  else
    d = hl_diag_add (ctx, "slow_handshake",
                     total > G_GINT64_CONSTANT (3000000000) ? HL_SEVERITY_WARNING : HL_SEVERITY_INFO,
                     think > total / 2 ? HL_BLAME_SERVER : HL_BLAME_UNKNOWN,
                     g_strdup_printf (_("The handshake took %s; the server took %s to answer the ClientHello "
                                        "(frame %llu to frame %llu)."),
                                      total_t, think_t, HL_ULL (ch->frame), HL_ULL (answer->frame)),
                     g_strdup (_("Capture from the start of the connection to separate network delay from "
                                 "server time; check the server's load.")));
  hl_diag_add_event_frame (d, ch);
  hl_diag_add_event_frame (d, answer);
  hl_diag_add_event_frame (d, end);
}

static void
rule_warning_alerts (HlDiagContext *ctx)
{
  for (guint i = 0; i < ctx->conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (ctx->conn->events, i);
      HlDiagnosis *d;
      if (e->kind != HL_EVENT_TLS_ALERT || e->alert_level != 1)
        continue;
      if (e->tls_type == HL_ALERT_UNRECOGNIZED_NAME && !hl_diag_has (ctx, "sni_unrecognized_name"))
        {
          const char *sni = sni_of (ctx);
          d = hl_diag_add (ctx, "sni_unrecognized_name", HL_SEVERITY_WARNING, HL_BLAME_SERVER,
                           g_strdup_printf (_("%s sent a warning-level unrecognized_name alert (frame "
                                              "%llu): the server has no configuration for “%s” "
                                              "and went on with its default one."),
                                            e->dir == HL_DIR_S2C ? _("The server") : _("The client"),
                                            HL_ULL (e->frame), sni ? sni : _("(no name)")),
                           g_strdup (_("Add the name to the server's configuration, or have the client use "
                                       "the name the server is configured for.")));
          hl_diag_add_event_frame (d, e);
        }
      else if (e->tls_type == HL_ALERT_NO_RENEGOTIATION && !hl_diag_has (ctx, "renegotiation_refused"))
        {
          d = hl_diag_add (ctx, "renegotiation_refused", HL_SEVERITY_WARNING,
                           e->dir == HL_DIR_S2C ? HL_BLAME_CLIENT : HL_BLAME_SERVER,
                           g_strdup_printf (_("%s declined a renegotiation with a warning-level "
                                              "no_renegotiation alert (frame %llu); the "
                                              "connection went on with its first keys."),
                                            e->dir == HL_DIR_S2C ? _("The server") : _("The client"),
                                            HL_ULL (e->frame)),
                           g_strdup (_("Nothing broke, but whatever the renegotiation was for (often a "
                                       "client certificate) did not happen.")));
          hl_diag_add_event_frame (d, e);
        }
    }
}

void
hl_diag_rule_information (HlDiagContext *ctx)
{
  HlTlsInfo *tls = ctx->conn->tls;
  const HlClientHelloInfo *ch = tls->client_hello;
  const HlEvent *end = ctx->client_hello ? handshake_end (ctx) : NULL;
  gboolean failed = hl_diag_has_error (ctx) || !ctx->handshake_done;
  HlDiagnosis *d;

  rule_warning_alerts (ctx);

  if (ctx->handshake_done && !hl_diag_has_error (ctx) && ctx->client_hello)
    rule_handshake_ok (ctx, end);

  if (tls->keylog == HL_KEYLOG_MISMATCH)
    {
      d = hl_diag_add (ctx, "keylog_mismatch", HL_SEVERITY_WARNING, HL_BLAME_UNKNOWN,
                       g_strdup (_("The key log has an entry for this connection's client random, but the "
                                   "records do not decrypt with it: the key log belongs to another run of "
                                   "the client or was damaged.")),
                       g_strdup (_("Capture again with SSLKEYLOGFILE set for the same run of the client, and "
                                   "check that the key log file was written completely.")));
      hl_diag_add_event_frame (d, ctx->client_hello);
    }
  else if (ctx->version == 0x0304 && tls->encrypted_handshake && tls->keylog != HL_KEYLOG_MATCHED)
    {
      g_autofree char *random = NULL;
      if (ch)
        {
          random = g_malloc (9);
          g_snprintf (random, 9, "%02x%02x%02x%02x", ch->random[0], ch->random[1], ch->random[2], ch->random[3]);
        }
      d = hl_diag_add (ctx, "encrypted_handshake_no_keylog", failed ? HL_SEVERITY_WARNING : HL_SEVERITY_INFO,
                       HL_BLAME_UNKNOWN,
                       ctx->opts->keylog_given
                       ? g_strdup_printf (_("TLS 1.3 encrypts the certificate and any alert; the given key "
                                            "log has no key for this connection (client random %s…), so "
                                            "they stay hidden."), random ? random : "?")
                       : g_strdup (_("TLS 1.3 encrypts the certificate and any alert, and no key log was "
                                     "given, so they stay hidden.")),
                       g_strdup (_("Set SSLKEYLOGFILE for the client and capture again, then open the "
                                   "capture "
                                   "with --keylog; or use probe mode, which records the keys itself.")));
      hl_diag_add_event_frame (d, ctx->server_hello);
    }

  if (tls->resumed && ctx->handshake_done)
    {
      d = hl_diag_add (ctx, "session_resumed", HL_SEVERITY_INFO, HL_BLAME_UNKNOWN,
                       g_strdup (ctx->version == 0x0304
                                 ? _("The client resumed an earlier session with a pre-shared key (PSK): "
                                     "no certificate was sent this time.")
                                 : _("The client resumed an earlier session (abbreviated handshake): no "
                                     "certificate and no key exchange this time.")),
                       g_strdup (_("Nothing to do; resumption saves a round trip and CPU.")));
      hl_diag_add_event_frame (d, ctx->server_hello);
    }

  if (ctx->hrr)
    {
      g_autofree char *asked = group_text (tls->hello_retry ? tls->hello_retry->key_share_group : 0);
      g_autofree char *first = hl_diag_format_groups (ch ? ch->key_share_groups : NULL);
      const HlEvent *second = NULL;
      for (guint i = 0; i < ctx->conn->events->len; i++)
        {
          const HlEvent *e = g_ptr_array_index (ctx->conn->events, i);
          if (e->frame > ctx->hrr->frame && e->kind == HL_EVENT_TLS_HANDSHAKE &&
              e->tls_type == HL_HS_CLIENT_HELLO && e->dir == HL_DIR_C2S)
            {
              second = e;
              break;
            }
        }
      d = hl_diag_add (ctx, "hello_retry_request", HL_SEVERITY_INFO, HL_BLAME_UNKNOWN,
                       tls->hello_retry && tls->hello_retry->key_share_group
                       ? g_strdup_printf (_("The server asked the client to try again with a key share for "
                                            "%s (HelloRetryRequest, frame %llu); the first "
                                            "ClientHello had key shares for %s. This costs one extra round "
                                            "trip."),
                                          asked, HL_ULL (ctx->hrr->frame), first[0] ? first : _("no group"))
                       : g_strdup_printf (_("The server asked the client to send its ClientHello again "
                                            "(HelloRetryRequest, frame %llu), for example to "
                                            "check a cookie. This costs one extra round trip."),
                                          HL_ULL (ctx->hrr->frame)),
                       g_strdup (_("Let the client send a key share for a group the server prefers (x25519 "
                                   "is the common choice) to save the round trip.")));
      hl_diag_add_event_frame (d, ctx->client_hello);
      hl_diag_add_event_frame (d, ctx->hrr);
      hl_diag_add_event_frame (d, second);
    }

  if (tls->renegotiated)
    {
      const HlEvent *reneg = NULL;
      guint hellos = 0;
      for (guint i = 0; i < ctx->conn->events->len && reneg == NULL; i++)
        {
          const HlEvent *e = g_ptr_array_index (ctx->conn->events, i);
          if (e->kind != HL_EVENT_TLS_HANDSHAKE)
            continue;
          if (e->tls_type == HL_HS_HELLO_REQUEST)
            reneg = e;
          else if (e->tls_type == HL_HS_CLIENT_HELLO && ++hellos > 1 && !ctx->hrr)
            reneg = e;
        }
      d = hl_diag_add (ctx, "renegotiation", HL_SEVERITY_INFO, HL_BLAME_UNKNOWN,
                       reneg ? g_strdup_printf (_("The connection ran a second handshake inside the "
                                                  "encrypted "
                                                  "connection (renegotiation, frame %llu)."),
                                                HL_ULL (reneg->frame))
                             : g_strdup (_("The connection ran a second handshake inside the encrypted "
                                           "connection (renegotiation).")),
                       g_strdup (_("Renegotiation is legacy (removed in TLS 1.3); it is usually used to ask "
                                   "for a client certificate on some paths only.")));
      hl_diag_add_event_frame (d, reneg);
    }

  if (ctx->version && ctx->version < 0x0303 && (ctx->version >> 8) != 0x7f && ctx->server_hello)
    {
      g_autofree char *v = version_text (ctx->version);
      g_autofree char *offered = hl_diag_format_versions (ch);
      guint16 max = hl_diag_max_offered_version (ch);
      d = hl_diag_add (ctx, "legacy_protocol_version", HL_SEVERITY_WARNING,
                       max && max <= ctx->version ? HL_BLAME_CLIENT : HL_BLAME_SERVER,
                       g_strdup_printf (ctx->version < 0x0301
                                        ? _("The connection uses %s (frame %llu), a protocol version "
                                            "prohibited since 2015 (RFC 7568); the client offered %s.")
                                        : _("The connection uses %s (frame %llu), a deprecated protocol "
                                            "version (RFC 8996); the client offered %s."),
                                        v, HL_ULL (ctx->server_hello->frame), offered),
                       max && max <= ctx->version
                       ? g_strdup (_("Update the client or enable TLS 1.2 and TLS 1.3 in it."))
                       : g_strdup (_("Enable TLS 1.2 and TLS 1.3 on the server and disable older "
                                     "versions.")));
      hl_diag_add_event_frame (d, ctx->server_hello);
    }

  if (tls->has_cipher && hl_tls_cipher_suite_is_weak (tls->cipher_suite) && ctx->server_hello)
    {
      g_autofree char *c = cipher_text (tls->cipher_suite);
      gboolean client_only_weak = all_suites_weak (ch);
      d = hl_diag_add (ctx, "weak_cipher_suite", HL_SEVERITY_WARNING,
                       client_only_weak ? HL_BLAME_CLIENT : HL_BLAME_SERVER,
                       g_strdup_printf (_("The server selected %s (frame %llu), a weak cipher "
                                          "suite (export-grade, NULL, anonymous, RC4, DES, 3DES or MD5)."),
                                        c, HL_ULL (ctx->server_hello->frame)),
                       client_only_weak
                       ? g_strdup (_("The client offers only weak suites: update it or enable AES-GCM or "
                                     "ChaCha20-Poly1305 suites."))
                       : g_strdup (_("Remove weak suites from the server's configuration and prefer AES-GCM "
                                     "or ChaCha20-Poly1305 with ECDHE.")));
      hl_diag_add_event_frame (d, ctx->server_hello);
    }

  if (ctx->client_hello && ctx->handshake_done)
    rule_slow_handshake (ctx, end);
}
