/* diagnoser.c: rules over a finished connection's timeline -> diagnoses.
 *
 * The outcome comes from the wire (an alert, a reset, a close, a silence);
 * the cause from the evidence (certificates checked at the capture's own
 * time, SNI, offered vs. selected parameters).  One pass collects the facts
 * (HlDiagContext), then the failure rules run in order until one explains
 * the end of the connection with an error; secondary rules add warnings and
 * information.  This file holds the flow, TCP, "not TLS" and stall rules;
 * diagnoser-rules.c holds alerts, certificates and information.
 */
#include "diagnoser-private.h"

#include <string.h>
#include "i18n.h"
#include "tls-names.h"

/* More retransmitted segments than this is worth a warning. */
#define RETRANSMISSION_WARN_THRESHOLD 2
/* Ports where a silent close after plaintext means "that was a TLS port". */
static const guint16 tls_ports[] = { 443, 465, 563, 636, 853, 989, 990, 992, 993, 994, 995,
                                     5061, 5223, 6697, 8443, 9443 };

/* ---- helpers shared with diagnoser-rules.c ------------------------------ */

HlDiagnosis *
hl_diag_add (HlDiagContext *ctx, const char *id, HlSeverity severity, HlBlame blame,
             char *summary, char *remedy)
{
  HlDiagnosis *d = hl_diagnosis_new (id, severity, blame);
  d->summary = summary;
  d->remedy = remedy;
  hl_connection_add_diagnosis (ctx->conn, d);
  return d;
}

gboolean
hl_diag_has (HlDiagContext *ctx, const char *id)
{
  for (guint i = 0; i < ctx->conn->diagnoses->len; i++)
    {
      HlDiagnosis *d = g_ptr_array_index (ctx->conn->diagnoses, i);
      if (g_str_equal (d->id, id))
        return TRUE;
    }
  return FALSE;
}

gboolean
hl_diag_has_error (HlDiagContext *ctx)
{
  return hl_connection_primary_diagnosis (ctx->conn) != NULL;
}

void
hl_diag_add_event_frame (HlDiagnosis *d, const HlEvent *e)
{
  if (e != NULL && e->frame > 0)
    hl_diagnosis_add_frame (d, e->frame);
}

char *
hl_diag_format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);
  if (dt == NULL)
    return g_strdup ("?");
  /* TRANSLATORS: a certificate date, g_date_time_format() syntax: "1 Mar 2026".
   * xgettext:no-c-format */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

char *
hl_diag_format_duration (gint64 ns)
{
  if (ns < 0)
    ns = 0;
  if (ns < 1000000)
    /* TRANSLATORS: a duration in microseconds */
    return g_strdup_printf (_("%u µs"), (guint) (ns / 1000));
  if (ns < G_GINT64_CONSTANT (1000000000))
    /* TRANSLATORS: a duration in milliseconds */
    return g_strdup_printf (_("%u ms"), (guint) (ns / 1000000));
  if (ns < G_GINT64_CONSTANT (60000000000))
    /* TRANSLATORS: a duration in seconds with one decimal */
    return g_strdup_printf (_("%.1f s"), ns / 1e9);
  if (ns < G_GINT64_CONSTANT (3600000000000))
    /* TRANSLATORS: a duration in minutes and seconds */
    return g_strdup_printf (_("%u min %u s"), (guint) (ns / G_GINT64_CONSTANT (60000000000)),
                            (guint) ((ns / 1000000000) % 60));
  /* TRANSLATORS: a duration in hours with one decimal */
  return g_strdup_printf (_("%.1f h"), ns / 3.6e12);
}

char *
hl_diag_format_days (gint64 seconds)
{
  gint64 days = ABS (seconds) / 86400;

  if (days == 0)
    {
      guint hours = (guint) (ABS (seconds) / 3600);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", hours), hours);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld day",
                                       "%lld days", (gulong) days),
                          HL_LL (days));
}

static const char *
version_name (guint16 v, char *buf, gsize len)
{
  const char *name = hl_tls_version_name (v);
  if (name == NULL || g_str_equal (name, "?"))
    {
      g_snprintf (buf, len, "0x%04x", v);
      return buf;
    }
  return name;
}

char *
hl_diag_format_versions (const HlClientHelloInfo *ch)
{
  GString *s = g_string_new (NULL);
  char buf[16];

  if (ch == NULL)
    return g_string_free (s, FALSE);
  if (ch->supported_versions->len > 0)
    {
      for (guint i = 0; i < ch->supported_versions->len; i++)
        {
          guint16 v = ch->supported_versions->data[i];
          if (hl_tls_is_grease (v))
            continue;
          if (s->len)
            g_string_append (s, ", ");
          g_string_append (s, version_name (v, buf, sizeof buf));
        }
    }
  else
    {
      /* Without supported_versions the client offers legacy_version and,
       * implicitly, everything below it down to its minimum. */
      g_string_append_printf (s, _("up to %s"), version_name (ch->legacy_version, buf, sizeof buf));
    }
  return g_string_free (s, FALSE);
}

guint16
hl_diag_max_offered_version (const HlClientHelloInfo *ch)
{
  guint16 max = 0;

  if (ch == NULL)
    return 0;
  if (ch->supported_versions->len == 0)
    return ch->legacy_version;
  for (guint i = 0; i < ch->supported_versions->len; i++)
    {
      guint16 v = ch->supported_versions->data[i];
      /* Drafts of TLS 1.3 (0x7fxx) count as 1.3. */
      if ((v >> 8) == 0x7f)
        v = 0x0304;
      if (!hl_tls_is_grease (v) && v > max && v <= 0x0304)
        max = v;
    }
  return max;
}

gboolean
hl_diag_offered_version (const HlClientHelloInfo *ch, guint16 version)
{
  if (ch == NULL)
    return FALSE;
  if (ch->supported_versions->len == 0)
    return version <= ch->legacy_version && version >= 0x0300;
  for (guint i = 0; i < ch->supported_versions->len; i++)
    if (ch->supported_versions->data[i] == version)
      return TRUE;
  return FALSE;
}

char *
hl_diag_format_ciphers (const HlClientHelloInfo *ch, guint max)
{
  GString *s = g_string_new (NULL);
  guint shown = 0, total = 0;

  if (ch == NULL)
    return g_string_free (s, FALSE);
  for (guint i = 0; i < ch->cipher_suites->len; i++)
    {
      guint16 id = ch->cipher_suites->data[i];
      const char *name;
      if (hl_tls_is_grease (id) || id == 0x00ff || id == 0x5600)   /* SCSVs */
        continue;
      total++;
      if (shown >= max)
        continue;
      name = hl_tls_cipher_suite_name (id);
      if (s->len)
        g_string_append (s, ", ");
      if (name)
        g_string_append (s, name);
      else
        g_string_append_printf (s, "0x%04x", id);
      shown++;
    }
  if (total > shown)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                            total - shown), total - shown);
  return g_string_free (s, FALSE);
}

char *
hl_diag_format_groups (const HlU16List *groups)
{
  GString *s = g_string_new (NULL);

  if (groups == NULL)
    return g_string_free (s, FALSE);
  for (guint i = 0; i < groups->len; i++)
    {
      guint16 g = groups->data[i];
      const char *name;
      if (hl_tls_is_grease (g))
        continue;
      name = hl_tls_group_name (g);
      if (s->len)
        g_string_append (s, ", ");
      if (name)
        g_string_append (s, name);
      else
        g_string_append_printf (s, "0x%04x", g);
    }
  return g_string_free (s, FALSE);
}

char *
hl_diag_format_alpn (const HlClientHelloInfo *ch)
{
  GString *s = g_string_new (NULL);

  if (ch == NULL)
    return g_string_free (s, FALSE);
  for (guint i = 0; i < ch->alpn->len; i++)
    {
      if (s->len)
        g_string_append (s, ", ");
      g_string_append (s, ch->alpn->data[i]);
    }
  return g_string_free (s, FALSE);
}

char *
hl_diag_format_cert_names (const HlCertificate *cert)
{
  GString *s = g_string_new (NULL);

  if (cert == NULL)
    return g_string_free (s, FALSE);
  for (guint i = 0; cert->dns_names && cert->dns_names[i]; i++)
    {
      if (s->len)
        g_string_append (s, ", ");
      g_string_append (s, cert->dns_names[i]);
    }
  for (guint i = 0; cert->ip_addresses && cert->ip_addresses[i]; i++)
    {
      if (s->len)
        g_string_append (s, ", ");
      g_string_append (s, cert->ip_addresses[i]);
    }
  if (s->len == 0 && cert->subject_cn)
    g_string_append_printf (s, "CN=%s", cert->subject_cn);
  return g_string_free (s, FALSE);
}

const char *
hl_diag_alert_name (guint8 description, char *buf, gsize len)
{
  const char *name = hl_tls_alert_name (description);
  if (name)
    return name;
  g_snprintf (buf, len, "alert %u", description);
  return buf;
}

const char *
hl_diag_side (HlDirection dir)
{
  return dir == HL_DIR_C2S ? _("the client") : _("the server");
}

/* Size of an undecryptable record: the engine sets `bytes` to the record
 * payload length; fall back on the stored bytes. */
gsize
hl_diag_encrypted_size (const HlEvent *e)
{
  if (e->bytes)
    return e->bytes;
  if (e->bytes_data)
    return g_bytes_get_size (e->bytes_data);
  return 0;
}

/* ---- facts -------------------------------------------------------------- */

static gboolean
is_tls_event (const HlEvent *e)
{
  switch (e->kind)
    {
    case HL_EVENT_TLS_HANDSHAKE:
    case HL_EVENT_TLS_CCS:
    case HL_EVENT_TLS_ALERT:
    case HL_EVENT_TLS_ENCRYPTED:
    case HL_EVENT_TLS_APP_DATA:
    case HL_EVENT_TLS_HEARTBEAT:
    case HL_EVENT_TLS_SSL2:
      return TRUE;
    default:
      return FALSE;
    }
}

/* An alert that ends things: fatal level, or an error description sent at
 * an unknown level.  close_notify, user_canceled and the warning-level
 * no_renegotiation / unrecognized_name are not failures by themselves. */
static gboolean
alert_is_failure (const HlEvent *e)
{
  if (e->alert_level == 2)
    return e->tls_type != HL_ALERT_CLOSE_NOTIFY && e->tls_type != HL_ALERT_USER_CANCELED;
  if (e->alert_level == 1)
    return FALSE;
  switch (e->tls_type)
    {
    case HL_ALERT_CLOSE_NOTIFY:
    case HL_ALERT_USER_CANCELED:
    case HL_ALERT_NO_RENEGOTIATION:
    case HL_ALERT_UNRECOGNIZED_NAME:
      return FALSE;
    default:
      return TRUE;
    }
}

gboolean
hl_diag_alert_sized (const HlEvent *e)
{
  gsize n = hl_diag_encrypted_size (e);
  /* 2-byte alert + inner type + 16-byte tag = 19, plus some room for padding */
  return n > 0 && n <= 40;
}

/* TLS 1.3 without readable records.  The handshake is done when the server
 * sends something bigger than an alert after the client's first encrypted
 * record, or when the client went on with no answer from the server; a
 * lone alert-sized client record, or a server record after the client's
 * flight that is only alert-sized, means it failed. */
static gboolean
tls13_hidden_done (HlDiagContext *ctx)
{
  const HlEvent *first = NULL;
  guint n_client = 0;
  gboolean server_after = FALSE;

  if (ctx->server_hello == NULL)
    return FALSE;
  for (guint i = 0; i < ctx->conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (ctx->conn->events, i);
      if (e->frame < ctx->server_hello->frame || e->kind != HL_EVENT_TLS_ENCRYPTED)
        continue;
      if (e->dir == HL_DIR_C2S)
        {
          if (first == NULL)
            first = e;
          n_client++;
        }
      else if (first)
        {
          if (!hl_diag_alert_sized (e))
            return TRUE;
          server_after = TRUE;
        }
    }
  if (first == NULL || server_after || (n_client == 1 && hl_diag_alert_sized (first)))
    return FALSE;
  return TRUE;
}

static gboolean
compute_handshake_done (HlDiagContext *ctx)
{
  HlTlsInfo *tls = ctx->conn->tls;
  gboolean ccs[2] = { FALSE, FALSE }, enc_after_ccs[2] = { FALSE, FALSE };

  if (tls == NULL || ctx->client_hello == NULL)
    return FALSE;
  if (tls->client_finished && tls->server_finished)
    return TRUE;
  /* Application data from the client proves the handshake finished; from
   * the server alone it does not in TLS 1.3, where a server may send data
   * (tickets, 0.5-RTT) right after its Finished, before the client has
   * judged its certificate. */
  if (ctx->app_data && ctx->app_data->app_records[HL_DIR_C2S] > 0)
    return TRUE;
  if (ctx->version == 0x0304)
    return !tls->decrypted && tls13_hidden_done (ctx);
  if (ctx->app_data && (ctx->app_data->app_records[HL_DIR_S2C] > 0 || ctx->app_data->count))
    return TRUE;
  /* TLS <= 1.2 without keys: both sides switched to the new keys and sent
   * an encrypted handshake record (their Finished). */
  for (guint i = 0; i < ctx->conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (ctx->conn->events, i);
      if (e->kind == HL_EVENT_TLS_CCS)
        ccs[e->dir] = TRUE;
      else if (ccs[e->dir] && ((e->kind == HL_EVENT_TLS_ENCRYPTED && e->tls_type == HL_TLS_CT_HANDSHAKE) ||
                               (e->kind == HL_EVENT_TLS_HANDSHAKE && e->tls_type == HL_HS_FINISHED)))
        enc_after_ccs[e->dir] = TRUE;
    }
  return enc_after_ccs[0] && enc_after_ccs[1] && (ctx->first_alert == NULL);
}

static void
context_init (HlDiagContext *ctx, HlConnection *conn, const HlDiagnoseOptions *opts)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->conn = conn;
  ctx->opts = opts;

  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (conn->events, i);

      if (e->dir == HL_DIR_S2C && is_tls_event (e) && ctx->first_server_tls == NULL)
        ctx->first_server_tls = e;

      switch (e->kind)
        {
        case HL_EVENT_TCP_SYN:
          if (e->dir == HL_DIR_C2S)
            {
              if (ctx->first_syn == NULL)
                ctx->first_syn = e;
              ctx->last_syn = e;
            }
          break;
        case HL_EVENT_TCP_SYN_ACK:
          if (ctx->syn_ack == NULL)
            ctx->syn_ack = e;
          break;
        case HL_EVENT_TCP_RST:
          if (ctx->first_rst == NULL)
            ctx->first_rst = e;
          break;
        case HL_EVENT_TCP_FIN:
          if (ctx->first_fin[e->dir] == NULL)
            ctx->first_fin[e->dir] = e;
          break;
        case HL_EVENT_TCP_RETRANSMISSION:
          if (e->dir == HL_DIR_C2S && ctx->client_hello && ctx->first_server_tls == NULL)
            ctx->n_retrans_after_ch += MAX (e->count, 1);
          break;
        case HL_EVENT_PLAINTEXT:
          if (ctx->plaintext[e->dir] == NULL)
            ctx->plaintext[e->dir] = e;
          break;
        case HL_EVENT_TLS_HANDSHAKE:
          if (e->tls_type == HL_HS_CLIENT_HELLO && e->dir == HL_DIR_C2S)
            {
              if (ctx->client_hello == NULL)
                ctx->client_hello = e;
            }
          else if (e->tls_type == HL_HS_SERVER_HELLO && e->dir == HL_DIR_S2C)
            {
              if (e->hrr)
                {
                  if (ctx->hrr == NULL)
                    ctx->hrr = e;
                }
              else if (ctx->server_hello == NULL)
                ctx->server_hello = e;
            }
          else if (e->tls_type == HL_HS_CERTIFICATE)
            {
              if (e->dir == HL_DIR_S2C && ctx->server_certificate == NULL)
                ctx->server_certificate = e;
              else if (e->dir == HL_DIR_C2S && ctx->client_certificate == NULL)
                ctx->client_certificate = e;
            }
          else if (e->tls_type == HL_HS_CERTIFICATE_REQUEST && e->dir == HL_DIR_S2C &&
                   ctx->certificate_request == NULL)
            ctx->certificate_request = e;
          break;
        case HL_EVENT_TLS_ALERT:
          if (ctx->first_alert == NULL && alert_is_failure (e))
            ctx->first_alert = e;
          break;
        case HL_EVENT_TLS_APP_DATA:
          if (ctx->app_data == NULL)
            ctx->app_data = e;
          break;
        default:
          break;
        }
    }

  if (conn->tls)
    {
      HlTlsInfo *tls = conn->tls;
      ctx->version = tls->version;
      if (ctx->version == 0 && tls->server_hello)
        ctx->version = tls->server_hello->selected_version ? tls->server_hello->selected_version
                                                           : tls->server_hello->legacy_version;
      ctx->encrypted_hidden = tls->encrypted_handshake && tls->keylog != HL_KEYLOG_MATCHED;
    }
  ctx->handshake_done = compute_handshake_done (ctx);
  ctx->cert_check_ts = (ctx->server_certificate ? ctx->server_certificate->ts_ns
                                                : conn->first_ts_ns) / G_GINT64_CONSTANT (1000000000);
  ctx->end_ts_ns = MAX (conn->last_ts_ns, opts->capture_end_ts_ns);
}

/* The first event of `kind` from `dir` at or after frame `after` (0: any). */
static const HlEvent *
find_after (HlDiagContext *ctx, HlEventKind kind, int dir, const HlEvent *after)
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
      if (e->kind == kind && (dir < 0 || (int) e->dir == dir))
        return e;
    }
  return NULL;
}

static const HlEvent *
earliest (const HlEvent *a, const HlEvent *b)
{
  if (a == NULL)
    return b;
  if (b == NULL)
    return a;
  return b->frame < a->frame ? b : a;
}

static char *
endpoint_address (const HlEndpoint *ep)
{
  char buf[64];
  return g_strdup (hl_endpoint_address_to_string (ep, buf, sizeof buf));
}

static gboolean
is_tls_port (guint16 port)
{
  for (guint i = 0; i < G_N_ELEMENTS (tls_ports); i++)
    if (tls_ports[i] == port)
      return TRUE;
  return FALSE;
}

/* The first line of a PLAINTEXT event, shortened for a summary. */
static char *
plaintext_excerpt (const HlEvent *e)
{
  const char *text = e->text ? e->text : "";
  gsize n = strcspn (text, "\r\n");
  g_autofree char *line = NULL;

  /* The engine escapes control characters as "\r\n" text: cut there too. */
  {
    const char *esc = strstr (text, "\\r");
    const char *esc2 = strstr (text, "\\n");
    if (esc && (gsize) (esc - text) < n)
      n = esc - text;
    if (esc2 && (gsize) (esc2 - text) < n)
      n = esc2 - text;
  }
  if (n > 72)
    {
      const char *end = g_utf8_find_prev_char (text, text + 72);
      n = end ? (gsize) (end - text) : 72;
      line = g_strndup (text, n);
      return g_strconcat (line, "…", NULL);
    }
  return g_strndup (text, n);
}

/* ---- TCP setup ---------------------------------------------------------- */

static gboolean
rule_tcp_setup (HlDiagContext *ctx)
{
  HlConnection *conn = ctx->conn;
  g_autofree char *addr = NULL;
  HlDiagnosis *d;

  if (ctx->first_syn == NULL || conn->syn_ack || ctx->syn_ack)
    return FALSE;
  if (conn->payload_bytes[0] + conn->payload_bytes[1] > 0 || conn->tls)
    return FALSE;   /* the SYN-ACK was just not captured */

  addr = endpoint_address (&conn->server);
  if (ctx->first_rst && ctx->first_rst->dir == HL_DIR_S2C)
    {
      d = hl_diag_add (ctx, "connection_refused", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                       g_strdup_printf (_("Nothing listens on port %u at %s: the server answered "
                                          "the client's SYN (frame %llu) with a "
                                          "reset (RST, frame %llu) instead of a SYN-ACK."),
                                        conn->server.port, addr, HL_ULL (ctx->last_syn->frame),
                                        HL_ULL (ctx->first_rst->frame)),
                       g_strdup_printf (_("Check that the service is running and listening on port %u "
                                          "of %s (for example with “ss -ltn”), that the client uses the "
                                          "right address and port, and that no firewall rule rejects "
                                          "the connection."), conn->server.port, addr));
      for (guint i = 0; i < conn->events->len; i++)
        {
          const HlEvent *e = g_ptr_array_index (conn->events, i);
          if (e->kind == HL_EVENT_TCP_SYN && e->dir == HL_DIR_C2S)
            hl_diag_add_event_frame (d, e);
        }
      hl_diag_add_event_frame (d, ctx->first_rst);
      return TRUE;
    }

  if (ctx->first_rst == NULL)
    {
      guint n = 0;
      g_autofree char *spread = NULL, *waited = NULL;
      gint64 waited_ns = ctx->end_ts_ns - ctx->first_syn->ts_ns;

      d = hl_diagnosis_new ("tcp_connect_timeout", HL_SEVERITY_ERROR, HL_BLAME_NETWORK);
      for (guint i = 0; i < conn->events->len; i++)
        {
          const HlEvent *e = g_ptr_array_index (conn->events, i);
          if (e->kind == HL_EVENT_TCP_SYN && e->dir == HL_DIR_C2S)
            {
              n++;
              hl_diag_add_event_frame (d, e);
            }
        }
      n = MAX (n, conn->syn_count);
      spread = hl_diag_format_duration (ctx->last_syn->ts_ns - ctx->first_syn->ts_ns);
      waited = hl_diag_format_duration (waited_ns);
      if (n > 1)
        d->summary = g_strdup_printf (_("%u SYNs over %s, no answer: the client tried to connect to "
                                        "%s port %u and nothing came back (no SYN-ACK, no reset) "
                                        "in %s."), n, spread, addr, conn->server.port, waited);
      else
        d->summary = g_strdup_printf (_("1 SYN, no answer: the client tried to connect to %s port %u "
                                        "and nothing came back (no SYN-ACK, no reset) in %s."),
                                      addr, conn->server.port, waited);
      d->remedy = g_strdup_printf (_("The SYNs are lost on the way or silently dropped: check that "
                                     "%s is the right address and is up, and look for a firewall or "
                                     "security group that drops traffic to port %u (a closed port "
                                     "would answer with a reset)."), addr, conn->server.port);
      hl_connection_add_diagnosis (conn, d);
      return TRUE;
    }
  return FALSE;
}

/* ---- not TLS ------------------------------------------------------------ */

/* Error pages that TLS servers send back in plain HTTP when they get plain
 * HTTP (nginx, Apache httpd, and similar wordings). */
static gboolean
server_says_tls_expected (const char *text)
{
  static const char * const phrases[] = {
    "plain HTTP request was sent to HTTPS port", "speaking plain HTTP to an SSL-enabled",
    "Client sent an HTTP request to an HTTPS server", "This combination of host and port requires TLS",
  };
  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    if (strstr (text, phrases[i]))
      return TRUE;
  return FALSE;
}

static gboolean
rule_not_tls (HlDiagContext *ctx)
{
  HlConnection *conn = ctx->conn;
  const HlEvent *ch = ctx->client_hello;
  const HlEvent *spt = ctx->plaintext[HL_DIR_S2C];
  const HlEvent *cpt = ctx->plaintext[HL_DIR_C2S];
  HlDiagnosis *d;

  /* The client spoke TLS, the server answered something else. */
  if (ch && spt && spt->frame >= ch->frame &&
      (ctx->first_server_tls == NULL || spt->frame <= ctx->first_server_tls->frame))
    {
      g_autofree char *text = plaintext_excerpt (spt);
      gboolean http = g_str_has_prefix (text, "HTTP/");

      d = hl_diag_add (ctx, "server_not_tls", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                       http ? g_strdup_printf (_("Port %u speaks plain HTTP, not TLS: the client sent a "
                                                 "ClientHello (frame %llu) and the "
                                                 "server answered “%s” (frame %llu)."),
                                               conn->server.port, HL_ULL (ch->frame), text,
                                               HL_ULL (spt->frame))
                            : g_strdup_printf (_("The server on port %u does not speak TLS: the client "
                                                 "sent a ClientHello (frame %llu) and "
                                                 "the server answered with non-TLS data “%s” (frame %llu)."),
                                               conn->server.port, HL_ULL (ch->frame), text,
                                               HL_ULL (spt->frame)),
                       http ? g_strdup_printf (_("Use http:// (not https://) for this port, or connect to "
                                                 "the port where the server offers TLS, or enable TLS on "
                                                 "port %u in the server's configuration."),
                                               conn->server.port)
                            : g_strdup_printf (_("Check the port: %u is served by another protocol. Connect "
                                                 "to the server's TLS port, use the protocol's STARTTLS "
                                                 "command if it has one, or enable TLS on the server."),
                                               conn->server.port));
      hl_diag_add_event_frame (d, ch);
      hl_diag_add_event_frame (d, spt);
      return TRUE;
    }

  /* The client spoke something else to a server that expects TLS. */
  if (cpt && (ch == NULL || cpt->frame < ch->frame) && !(conn->tls && conn->tls->starttls))
    {
      const HlEvent *answer = NULL, *close = NULL;
      g_autofree char *text = plaintext_excerpt (cpt);
      gboolean tls_server = FALSE;

      if (ctx->first_server_tls && ctx->first_server_tls->frame >= cpt->frame)
        {
          answer = ctx->first_server_tls;
          tls_server = TRUE;
        }
      else if (spt && spt->frame >= cpt->frame && server_says_tls_expected (spt->text))
        {
          answer = spt;
          tls_server = TRUE;
        }
      else if (spt == NULL && ctx->first_server_tls == NULL && is_tls_port (conn->server.port))
        {
          close = earliest (ctx->first_fin[HL_DIR_S2C],
                            ctx->first_rst && ctx->first_rst->dir == HL_DIR_S2C ? ctx->first_rst : NULL);
          tls_server = close != NULL;
          answer = close;
        }
      if (!tls_server)
        return FALSE;

      d = hl_diag_add (ctx, "client_not_tls", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                       g_strdup_printf (_("The client sent non-TLS data “%s” (frame %llu) to port %u, "
                                          "where the server expects a TLS ClientHello; "
                                          "the server %s (frame %llu)."),
                                        text, HL_ULL (cpt->frame), conn->server.port,
                                        close ? _("closed the connection") :
                                        answer->kind == HL_EVENT_TLS_ALERT ? _("answered with a TLS alert") :
                                        answer->kind == HL_EVENT_PLAINTEXT ? _("complained that TLS was "
                                                                               "expected") :
                                        _("answered with TLS"),
                                        HL_ULL (answer->frame)),
                       g_strdup_printf (_("Make the client use TLS on port %u (for example https:// "
                                          "instead of http://, or the client's TLS/SSL option), or "
                                          "connect to the server's plaintext port instead."),
                                        conn->server.port));
      hl_diag_add_event_frame (d, cpt);
      hl_diag_add_event_frame (d, answer);
      return TRUE;
    }
  return FALSE;
}

/* ---- the server never answered the ClientHello --------------------------- */

static gboolean
has_events_from (HlDiagContext *ctx, HlDirection dir)
{
  for (guint i = 0; i < ctx->conn->events->len; i++)
    if (((const HlEvent *) g_ptr_array_index (ctx->conn->events, i))->dir == dir)
      return TRUE;
  return FALSE;
}

static gboolean
rule_no_server_answer (HlDiagContext *ctx)
{
  HlConnection *conn = ctx->conn;
  const HlEvent *ch = ctx->client_hello;
  const HlEvent *srst, *sfin, *cfin, *crst, *cclose, *first;
  const char *sni = conn->tls && conn->tls->client_hello && conn->tls->client_hello->sni
                    ? conn->tls->client_hello->sni : NULL;
  g_autofree char *addr = endpoint_address (&conn->server);
  HlDiagnosis *d;

  srst = find_after (ctx, HL_EVENT_TCP_RST, HL_DIR_S2C, ch);
  sfin = find_after (ctx, HL_EVENT_TCP_FIN, HL_DIR_S2C, ch);
  crst = find_after (ctx, HL_EVENT_TCP_RST, HL_DIR_C2S, ch);
  cfin = find_after (ctx, HL_EVENT_TCP_FIN, HL_DIR_C2S, ch);
  cclose = earliest (crst, cfin);
  first = earliest (earliest (srst, sfin), cclose);

  if (first && first == srst)
    {
      g_autofree char *after = hl_diag_format_duration (srst->ts_ns - ch->ts_ns);
      d = hl_diag_add (ctx, "server_reset_after_clienthello", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                       sni ? g_strdup_printf (_("The server reset the connection (RST, frame %llu) %s "
                                                "after the ClientHello (frame %llu) for “%s”, without a "
                                                "TLS alert."),
                                              HL_ULL (srst->frame), after, HL_ULL (ch->frame), sni)
                           : g_strdup_printf (_("The server reset the connection (RST, frame %llu) %s "
                                                "after the ClientHello (frame %llu), which carried no "
                                                "server name (SNI), without a TLS alert."),
                                              HL_ULL (srst->frame), after, HL_ULL (ch->frame)),
                       sni ? g_strdup_printf (_("A reset right after the ClientHello is often a firewall or "
                                                "filter that blocks the server name “%s” (SNI filtering), "
                                                "or a server that cannot handle this ClientHello. Try the "
                                                "same server with another name or from another network, "
                                                "and check the server's error log."), sni)
                           : g_strdup (_("Some servers and filters drop clients that send no server name: "
                                         "connect by host name rather than IP address so the client "
                                         "sends SNI, and check the server's error log.")));
      hl_diag_add_event_frame (d, ch);
      hl_diag_add_event_frame (d, srst);
      return TRUE;
    }
  if (first && first == sfin)
    {
      g_autofree char *after = hl_diag_format_duration (sfin->ts_ns - ch->ts_ns);
      d = hl_diag_add (ctx, "server_closed_without_alert", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                       g_strdup_printf (_("The server closed the connection (FIN, frame %llu) %s after "
                                          "the ClientHello (frame %llu) without sending anything, not "
                                          "even a TLS alert."),
                                        HL_ULL (sfin->frame), after, HL_ULL (ch->frame)),
                       g_strdup (_("The server gave up on this ClientHello without saying why: look in "
                                   "the server's error log. Common causes are a TLS library that cannot "
                                   "parse the ClientHello, no common protocol version or cipher suite "
                                   "with an old server, or a proxy in front of it that closes unknown "
                                   "server names.")));
      hl_diag_add_event_frame (d, ch);
      hl_diag_add_event_frame (d, sfin);
      return TRUE;
    }
  if (ctx->n_retrans_after_ch > 0)
    {
      gsize size = ch->bytes_data ? g_bytes_get_size (ch->bytes_data) : ch->bytes;
      g_autofree char *where = size ? g_strdup_printf (_("frame %llu, %zu bytes"),
                                                       HL_ULL (ch->frame), size)
                                    : g_strdup_printf (_("frame %llu"), HL_ULL (ch->frame));
      d = hl_diagnosis_new ("clienthello_blackholed", HL_SEVERITY_ERROR, HL_BLAME_NETWORK);
      d->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The ClientHello (%s) was retransmitted %u time and never "
                                                 "acknowledged: the TCP connection to %s works but something "
                                                 "on the path drops this packet.",
                                                 "The ClientHello (%s) was retransmitted %u times and never "
                                                 "acknowledged: the TCP connection to %s works but something "
                                                 "on the path drops this packet.", ctx->n_retrans_after_ch),
                                    where, ctx->n_retrans_after_ch, addr);
      d->remedy = g_strdup (_("Small packets pass but the ClientHello does not: suspect an MTU problem "
                              "(a large ClientHello, e.g. with post-quantum key shares, on a path that "
                              "blocks ICMP “fragmentation needed”; try lowering the MTU or enabling MSS "
                              "clamping) or a DPI firewall that drops TLS to this server name."));
      hl_diag_add_event_frame (d, ch);
      for (guint i = 0; i < conn->events->len; i++)
        {
          const HlEvent *e = g_ptr_array_index (conn->events, i);
          if (e->kind == HL_EVENT_TCP_RETRANSMISSION && e->dir == HL_DIR_C2S && e->frame >= ch->frame)
            {
              hl_diag_add_event_frame (d, e);
              if (e->last_frame > e->frame)
                hl_diagnosis_add_frame (d, e->last_frame);
            }
        }
      hl_connection_add_diagnosis (conn, d);
      return TRUE;
    }

  {
    gint64 until = cclose ? cclose->ts_ns : ctx->end_ts_ns;
    g_autofree char *waited = hl_diag_format_duration (until - ch->ts_ns);

    gboolean one_sided = !ctx->syn_ack && !has_events_from (ctx, HL_DIR_S2C);

    d = hl_diag_add (ctx, "server_no_response_handshake_timeout", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                     cclose ? g_strdup_printf (_("The server accepted the TCP connection but never answered "
                                                 "the ClientHello (frame %llu): the "
                                                 "client waited %s and gave up (frame %llu)."),
                                               HL_ULL (ch->frame), waited, HL_ULL (cclose->frame))
                            : g_strdup_printf (_("The server accepted the TCP connection but never answered "
                                                 "the ClientHello (frame %llu): nothing "
                                                 "came back in the %s until the end of the capture."),
                                               HL_ULL (ch->frame), waited),
                     g_strdup_printf (_("The server at %s port %u is stuck or does not speak TLS first on "
                                        "this port (some protocols wait for the client to send plaintext, "
                                        "others need STARTTLS). Check the server's load and logs, and that "
                                        "the port expects TLS right away."), addr, conn->server.port));
    hl_diag_add_event_frame (d, ch);
    hl_diag_add_event_frame (d, cclose);
    if (one_sided)
      {
        /* Not a single packet from the server: the capture may see only
         * one direction (asymmetric routing, a filter). */
        char *more = g_strconcat (d->summary, " ", _("This capture has no packet at all from the server "
                                                      "on this connection; if it records only one "
                                                      "direction, the silence may not be real."), NULL);
        g_free (d->summary);
        d->summary = more;
        d->inferred = TRUE;
      }
  }
  return TRUE;
}

/* ---- the handshake stopped after the server answered -------------------- */

/* The client's way of closing during the handshake: FIN, RST, or a closure
 * alert (close_notify / user_canceled). */
static const HlEvent *
client_close_after (HlDiagContext *ctx, const HlEvent *after)
{
  const HlEvent *c = earliest (find_after (ctx, HL_EVENT_TCP_FIN, HL_DIR_C2S, after),
                               find_after (ctx, HL_EVENT_TCP_RST, HL_DIR_C2S, after));
  const HlEvent *a = find_after (ctx, HL_EVENT_TLS_ALERT, HL_DIR_C2S, after);

  if (a && !alert_is_failure (a) &&
      (a->tls_type == HL_ALERT_CLOSE_NOTIFY || a->tls_type == HL_ALERT_USER_CANCELED))
    c = earliest (c, a);
  return c;
}

/* The last event sent by `dir` before `before`. */
static const HlEvent *
last_from_before (HlDiagContext *ctx, HlDirection dir, const HlEvent *before, gboolean tls_only)
{
  const HlEvent *last = NULL;

  for (guint i = 0; i < ctx->conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (ctx->conn->events, i);
      if (e == before)
        break;
      if (e->dir == dir && (!tls_only || is_tls_event (e)))
        last = e;
    }
  return last;
}

static gboolean
rule_incomplete_handshake (HlDiagContext *ctx)
{
  const HlEvent *start = ctx->first_server_tls;
  const HlEvent *srst = find_after (ctx, HL_EVENT_TCP_RST, HL_DIR_S2C, start);
  const HlEvent *sfin = find_after (ctx, HL_EVENT_TCP_FIN, HL_DIR_S2C, start);
  const HlEvent *sclose = earliest (srst, sfin);
  const HlEvent *cclose = client_close_after (ctx, start);
  HlDiagnosis *d;

  if (cclose && (sclose == NULL || cclose->frame <= sclose->frame))
    {
      const HlEvent *last_server = last_from_before (ctx, HL_DIR_S2C, cclose, TRUE);
      g_autofree char *label = last_server ? hl_event_label (last_server) : g_strdup ("?");

      if (hl_diag_rule_client_silent_rejection (ctx, cclose))
        return TRUE;
      d = hl_diag_add (ctx, "client_closed_without_alert", HL_SEVERITY_ERROR, HL_BLAME_CLIENT,
                       g_strdup_printf (_("The client ended the handshake (%s, frame %llu) without a "
                                          "TLS alert, right after the server's %s (frame %llu)."),
                                        cclose->kind == HL_EVENT_TCP_RST ? "RST" :
                                        cclose->kind == HL_EVENT_TCP_FIN ? "FIN" : _("closure alert"),
                                        HL_ULL (cclose->frame), label,
                                        HL_ULL (last_server ? last_server->frame : 0)),
                       g_strdup (_("The client gave up without saying why: look at the client's own error "
                                   "message or log. It often means the client disliked something in the "
                                   "server's answer (certificate, parameters) or hit a timeout.")));
      hl_diag_add_event_frame (d, last_server);
      hl_diag_add_event_frame (d, cclose);
      return TRUE;
    }
  if (sclose)
    {
      const HlEvent *last_client = last_from_before (ctx, HL_DIR_C2S, sclose, TRUE);
      g_autofree char *label = last_client ? hl_event_label (last_client) : g_strdup ("?");

      if (sclose == sfin)
        d = hl_diag_add (ctx, "server_closed_without_alert", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                         g_strdup_printf (_("The server closed the connection (FIN, frame %llu) in the "
                                            "middle of the handshake without a TLS alert; the "
                                            "client's last message was its %s (frame %llu)."),
                                          HL_ULL (sfin->frame), label,
                                          HL_ULL (last_client ? last_client->frame : 0)),
                         g_strdup (_("The server gave up without saying why: look in the server's error "
                                     "log for the reason it rejected the client's messages.")));
      else
        d = hl_diag_add (ctx, "connection_reset", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                         g_strdup_printf (_("The server reset the connection (RST, frame %llu) in the "
                                            "middle of the handshake; the client's last message "
                                            "was its %s (frame %llu)."),
                                          HL_ULL (srst->frame), label,
                                          HL_ULL (last_client ? last_client->frame : 0)),
                         g_strdup (_("The server (or a device in front of it) aborted the handshake: "
                                     "look in the server's error log, and check for a load balancer or "
                                     "firewall that resets TLS connections.")));
      hl_diag_add_event_frame (d, last_client);
      hl_diag_add_event_frame (d, sclose);
      return TRUE;
    }

  /* Nobody closed: who is waiting for whom at the end of the capture? */
  {
    const HlEvent *last = last_from_before (ctx, HL_DIR_C2S, NULL, TRUE);
    const HlEvent *last_s = last_from_before (ctx, HL_DIR_S2C, NULL, TRUE);
    if (last && last_s && last->frame > last_s->frame)
      {
        g_autofree char *label = hl_event_label (last);
        g_autofree char *waited = hl_diag_format_duration (ctx->end_ts_ns - last->ts_ns);
        d = hl_diag_add (ctx, "server_no_response_handshake_timeout", HL_SEVERITY_ERROR, HL_BLAME_SERVER,
                         g_strdup_printf (_("The handshake stalled: the server did not answer the client's "
                                            "%s (frame %llu) in the %s until the end of "
                                            "the capture."), label, HL_ULL (last->frame), waited),
                         g_strdup (_("The server stopped answering in the middle of the handshake: check "
                                     "its load and error log, and whether a device on the path drops the "
                                     "client's larger packets.")));
        hl_diag_add_event_frame (d, last);
        return TRUE;
      }
  }
  return FALSE;
}

static gboolean
rule_tls_failure (HlDiagContext *ctx)
{
  if (ctx->first_server_tls == NULL && ctx->plaintext[HL_DIR_S2C] == NULL &&
      (ctx->first_alert == NULL || ctx->first_alert->dir == HL_DIR_C2S))
    return rule_no_server_answer (ctx);
  if (ctx->first_alert)
    {
      /* An alert sent after the other side had already closed is only a
       * complaint about the close (OpenSSL answers an EOF with decode_error):
       * the close is the event to explain. */
      const HlEvent *a = ctx->first_alert;
      HlDirection peer = a->dir == HL_DIR_C2S ? HL_DIR_S2C : HL_DIR_C2S;
      const HlEvent *peer_close = earliest (ctx->first_fin[peer],
                                            ctx->first_rst && ctx->first_rst->dir == peer ? ctx->first_rst : NULL);
      gboolean reaction = peer_close && peer_close->frame < a->frame && !ctx->handshake_done;
      if (!reaction && hl_diag_rule_alert (ctx))
        return TRUE;
    }
  if (ctx->handshake_done)
    return FALSE;
  if (ctx->version == 0x0304 && ctx->encrypted_hidden && hl_diag_rule_hidden_tls13 (ctx))
    return TRUE;
  return rule_incomplete_handshake (ctx);
}

/* ---- resets nobody explained yet ------------------------------------------ */

static void
rule_reset (HlDiagContext *ctx)
{
  HlConnection *conn = ctx->conn;
  const HlEvent *rst = ctx->first_rst;
  const HlEvent *before;
  HlDiagnosis *d;
  gboolean data_both, after_handshake;
  HlSeverity severity;
  g_autofree char *when = NULL, *label = NULL;

  if (rst == NULL)
    return;
  before = last_from_before (ctx, rst->dir == HL_DIR_C2S ? HL_DIR_S2C : HL_DIR_C2S, rst, FALSE);
  after_handshake = ctx->handshake_done;
  data_both = conn->payload_bytes[0] > 0 && conn->payload_bytes[1] > 0;
  when = hl_diag_format_duration (rst->ts_ns - conn->first_ts_ns);

  if (after_handshake || (conn->tls == NULL && data_both))
    severity = data_both ? HL_SEVERITY_WARNING : HL_SEVERITY_ERROR;
  else
    severity = HL_SEVERITY_ERROR;
  /* A reset that answers the other side's FIN ends a connection that was
   * closing anyway (the application closed with unread data, or had
   * already gone): worth knowing, not a failure. */
  if (ctx->first_fin[rst->dir == HL_DIR_C2S ? HL_DIR_S2C : HL_DIR_C2S] &&
      ctx->first_fin[rst->dir == HL_DIR_C2S ? HL_DIR_S2C : HL_DIR_C2S]->frame < rst->frame)
    severity = HL_SEVERITY_WARNING;

  label = before ? hl_event_label (before) : NULL;
  d = hl_diag_add (ctx, "connection_reset", severity,
                   rst->dir == HL_DIR_C2S ? HL_BLAME_CLIENT : HL_BLAME_SERVER,
                   after_handshake
                   ? g_strdup_printf (_("%s reset the connection (RST, frame %llu) %s "
                                        "after it opened, after the TLS handshake had completed."),
                                      rst->dir == HL_DIR_C2S ? _("The client") : _("The server"),
                                      HL_ULL (rst->frame), when)
                   : label
                   ? g_strdup_printf (_("%s reset the connection (RST, frame %llu) %s "
                                        "after it opened; the other side's last message was its %s "
                                        "(frame %llu)."),
                                      rst->dir == HL_DIR_C2S ? _("The client") : _("The server"),
                                      HL_ULL (rst->frame), when, label, HL_ULL (before->frame))
                   : g_strdup_printf (_("%s reset the connection (RST, frame %llu) %s "
                                        "after it opened, before any data was exchanged."),
                                      rst->dir == HL_DIR_C2S ? _("The client") : _("The server"),
                                      HL_ULL (rst->frame), when),
                   severity == HL_SEVERITY_WARNING
                   ? g_strdup (_("Many programs end a finished connection with a reset instead of a "
                                 "clean close; if the application saw an error, look at the logs of the "
                                 "side that sent the reset."))
                   : g_strdup_printf (_("Look at the logs of %s to learn why it aborted the connection; "
                                        "a firewall or load balancer in between can also send resets."),
                                      hl_diag_side (rst->dir)));
  hl_diag_add_event_frame (d, before);
  hl_diag_add_event_frame (d, rst);
}

/* ---- TCP quality ---------------------------------------------------------- */

static void
rule_tcp_quality (HlDiagContext *ctx)
{
  HlConnection *conn = ctx->conn;
  guint64 retrans[2] = { 0, 0 }, zero[2] = { 0, 0 }, gap[2] = { 0, 0 };
  const HlEvent *first_retrans = NULL, *first_zero[2] = { NULL, NULL }, *first_gap = NULL;
  HlDiagnosis *d;

  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (conn->events, i);
      switch (e->kind)
        {
        case HL_EVENT_TCP_RETRANSMISSION:
          retrans[e->dir] += MAX (e->count, 1);
          if (first_retrans == NULL)
            first_retrans = e;
          break;
        case HL_EVENT_TCP_ZERO_WINDOW:
          zero[e->dir]++;
          if (first_zero[e->dir] == NULL)
            first_zero[e->dir] = e;
          break;
        case HL_EVENT_TCP_GAP:
          gap[e->dir] += e->count;
          if (first_gap == NULL)
            first_gap = e;
          break;
        default:
          break;
        }
    }

  if (retrans[0] + retrans[1] > RETRANSMISSION_WARN_THRESHOLD &&
      !hl_diag_has (ctx, "clienthello_blackholed"))
    {
      guint n = 0;
      d = hl_diag_add (ctx, "retransmissions", HL_SEVERITY_WARNING, HL_BLAME_NETWORK,
                       g_strdup_printf (_("%llu segments were sent again (client to "
                                          "server: %llu, server to client: %llu), the first in frame "
                                          "%llu: packets were lost or delayed on the way."),
                                        HL_ULL (retrans[0] + retrans[1]), HL_ULL (retrans[0]),
                                        HL_ULL (retrans[1]),
                                        HL_ULL (first_retrans->frame)),
                       g_strdup (_("Packet loss slows every connection down. Check the link quality "
                                   "(Wi-Fi signal, a congested or faulty link, a duplex mismatch) "
                                   "between the two hosts.")));
      for (guint i = 0; i < conn->events->len && n < 16; i++)
        {
          const HlEvent *e = g_ptr_array_index (conn->events, i);
          if (e->kind == HL_EVENT_TCP_RETRANSMISSION)
            {
              hl_diag_add_event_frame (d, e);
              n++;
            }
        }
    }

  for (int dir = 0; dir < 2; dir++)
    {
      if (zero[dir] == 0)
        continue;
      d = hl_diag_add (ctx, "zero_window", HL_SEVERITY_WARNING,
                       dir == HL_DIR_C2S ? HL_BLAME_CLIENT : HL_BLAME_SERVER,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s advertised a zero receive window %llu time "
                                                     "(first in frame %llu): it "
                                                     "could not read fast enough, so the other side had "
                                                     "to stop sending.",
                                                     "%s advertised a zero receive window %llu times "
                                                     "(first in frame %llu): it "
                                                     "could not read fast enough, so the other side had "
                                                     "to stop sending.", (gulong) zero[dir]),
                                        dir == HL_DIR_C2S ? _("The client") : _("The server"),
                                        HL_ULL (zero[dir]), HL_ULL (first_zero[dir]->frame)),
                       g_strdup_printf (_("The application on %s is not reading its data in time: it is "
                                          "overloaded, blocked, or its receive buffer is too small."),
                                        dir == HL_DIR_C2S ? _("the client") : _("the server")));
      hl_diag_add_event_frame (d, first_zero[dir]);
    }

  if (gap[0] + gap[1] > 0 || conn->gap_bytes > 0)
    {
      guint64 total = MAX (gap[0] + gap[1], conn->gap_bytes);
      d = hl_diag_add (ctx, "capture_gap", HL_SEVERITY_WARNING, HL_BLAME_UNKNOWN,
                       first_gap
                       ? g_strdup_printf (_("%llu bytes are missing from the capture "
                                            "(client to server: %llu, server to client: %llu; first gap "
                                            "before frame %llu); conclusions about this connection may "
                                            "be incomplete."),
                                          HL_ULL (total), HL_ULL (gap[0]), HL_ULL (gap[1]),
                                          HL_ULL (first_gap->frame))
                       : g_strdup_printf (_("%llu bytes are missing from the capture; "
                                            "conclusions about this connection may be incomplete."),
                                         HL_ULL (total)),
                       g_strdup (_("The capture dropped packets (the sender did get them through, or "
                                   "TCP would have resent them). Capture again with a bigger buffer "
                                   "(tcpdump -B 8192), full packets (-s 0) and a filter for just this "
                                   "traffic.")));
      for (guint i = 0; i < conn->events->len; i++)
        {
          const HlEvent *e = g_ptr_array_index (conn->events, i);
          if (e->kind == HL_EVENT_TCP_GAP)
            hl_diag_add_event_frame (d, e);
        }
    }

  if (conn->started_late)
    {
      gboolean handshake_seen = ctx->client_hello != NULL;
      d = hl_diag_add (ctx, "capture_started_late",
                       handshake_seen || (conn->payload_bytes[0] + conn->payload_bytes[1] == 0)
                       ? HL_SEVERITY_INFO : HL_SEVERITY_WARNING, HL_BLAME_UNKNOWN,
                       handshake_seen
                       ? g_strdup_printf (_("The capture started after this connection was opened (no "
                                            "SYN; first frame %llu); the TCP set-up is "
                                            "missing but the TLS handshake was recorded.%s"),
                                          HL_ULL (conn->first_frame),
                                          conn->client_inferred ? _(" The client was recognised by its "
                                                                    "ClientHello.") : "")
                       : g_strdup_printf (_("The capture started after this connection was opened (no "
                                            "SYN; first frame %llu), so its handshake "
                                            "is missing and little can be said about it."),
                                          HL_ULL (conn->first_frame)),
                       g_strdup (_("Start the capture before the connection is opened (for example, start "
                                   "capturing, then reload the page or rerun the client).")));
      hl_diagnosis_add_frame (d, conn->first_frame);
    }
}

/* A fatal alert with no ClientHello before it: typically a capture that
 * started mid-connection.  The outcome is on the wire, the cause is not:
 * the diagnosis says so (inferred). */
static gboolean
rule_alert_without_hello (HlDiagContext *ctx)
{
  const HlEvent *a = ctx->first_alert;
  char abuf[32];
  const char *who, *why;
  HlDiagnosis *d;

  if (a == NULL || a->kind != HL_EVENT_TLS_ALERT || a->alert_level != 2 || ctx->client_hello != NULL)
    return FALSE;
  who = a->dir == HL_DIR_C2S ? _("The client") : _("The server");
  why = ctx->conn->started_late
        ? _("The handshake before it is not in the capture (the capture started after the "
            "connection was opened).")
        : _("No ClientHello was seen before it.");
  if (a->tls_type == 70)   /* protocol_version */
    d = hl_diag_add (ctx, "protocol_version_mismatch", HL_SEVERITY_ERROR, HL_BLAME_UNKNOWN,
                     g_strdup_printf (_("%s ended the connection with a fatal protocol_version alert "
                                        "(frame %llu): it does not accept the TLS version the other "
                                        "side asked for. %s Which versions each side supports "
                                        "cannot be seen."),
                                      who, HL_ULL (a->frame), why),
                     g_strdup (_("Capture again from the start of the connection to see the versions "
                                 "offered. Usually one side allows only old versions (TLS 1.0 or "
                                 "1.1) or only TLS 1.3: enable TLS 1.2 and 1.3 on both.")));
  else
    d = hl_diag_add (ctx, "fatal_alert", HL_SEVERITY_ERROR, HL_BLAME_UNKNOWN,
                     g_strdup_printf (_("%s ended the connection with a fatal %s alert (frame %llu). "
                                        "%s What led to it cannot be seen."),
                                      who, hl_diag_alert_name (a->tls_type, abuf, sizeof abuf),
                                      HL_ULL (a->frame), why),
                     g_strdup (_("Capture again from the start of the connection (start capturing, "
                                 "then reconnect) to see what the alert answers.")));
  d->inferred = TRUE;
  hl_diag_add_event_frame (d, a);
  return TRUE;
}

/* ---- entry ---------------------------------------------------------------- */

static gint
compare_severity (gconstpointer a, gconstpointer b)
{
  const HlDiagnosis *da = *(const HlDiagnosis * const *) a;
  const HlDiagnosis *db = *(const HlDiagnosis * const *) b;
  return (int) db->severity - (int) da->severity;
}

void
hl_diagnose (HlConnection *conn, const HlDiagnoseOptions *options)
{
  static const HlDiagnoseOptions defaults = { 0, NULL, TRUE, FALSE };
  HlDiagContext ctx;
  gboolean explained;

  g_return_if_fail (conn != NULL);

  g_ptr_array_set_size (conn->diagnoses, 0);
  context_init (&ctx, conn, options ? options : &defaults);

  explained = rule_tcp_setup (&ctx);
  if (!explained)
    explained = rule_not_tls (&ctx);
  if (!explained && ctx.client_hello)
    explained = rule_tls_failure (&ctx);
  if (!explained)
    explained = rule_alert_without_hello (&ctx);
  if (!explained)
    rule_reset (&ctx);
  if (conn->tls)
    {
      hl_diag_rule_certificate_warnings (&ctx);
      hl_diag_rule_information (&ctx);
    }
  rule_tcp_quality (&ctx);

  /* Stable: within a severity, the order the rules found them. */
  g_ptr_array_sort (conn->diagnoses, compare_severity);
}
