/* report.c: the JSON report contract (DESIGN.md), text and Markdown reports. */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "tls-names.h"

struct _HlReport {
  HlReportFormat format;
  FILE          *out;
  guint          n;
  GString       *buf;   /* reused for every connection */
};

/* ---- JSON helpers ------------------------------------------------------ */

/* Appends n bytes.  GLib 2.74's g_string_append_len is a call that checks
 * for overlap and moves bytes; writing a report is mostly appends of a
 * few bytes, so the common case (room left) is done here. */
static inline void
put_len (GString *s, const char *p, gsize n)
{
  if (G_LIKELY (s->len + n < s->allocated_len))
    {
      memcpy (s->str + s->len, p, n);
      s->len += n;
      s->str[s->len] = '\0';
    }
  else
    g_string_append_len (s, p, (gssize) n);
}

/* a literal's length is known when this compiles */
#define put(s, str) put_len ((s), (str), strlen (str))

static void
json_string (GString *s, const char *str)
{
  if (str == NULL)
    {
      put (s, "null");
      return;
    }
  g_string_append_c (s, '"');
  for (const guchar *p = (const guchar *) str; *p; )
    {
      const guchar *run = p;

      /* plain bytes go in one append: escaping byte by byte was the
       * largest single cost of writing a report */
      while (*p >= 0x20 && *p != '"' && *p != '\\')
        p++;
      if (p > run)
        put_len (s, (const char *) run, p - run);
      if (*p == 0)
        break;
      switch (*p)
        {
        case '"': put (s, "\\\""); break;
        case '\\': put (s, "\\\\"); break;
        case '\n': put (s, "\\n"); break;
        case '\r': put (s, "\\r"); break;
        case '\t': put (s, "\\t"); break;
        default: g_string_append_printf (s, "\\u%04x", *p); break;
        }
      p++;
    }
  g_string_append_c (s, '"');
}

/* Decimal without printf: the report formats several numbers per
 * connection, and on a capture of many short connections that adds up. */
static void
json_u64 (GString *s, guint64 v)
{
  char buf[24];
  char *p = buf + sizeof buf;

  do
    *--p = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  put_len (s, p, buf + sizeof buf - p);
}

static void
json_endpoint (GString *s, const HlEndpoint *ep)
{
  char buf[64];

  /* an address is never escaped: digits, hex, '.', ':' */
  put (s, "{\"ip\": \"");
  put (s, hl_endpoint_address_to_string (ep, buf, sizeof buf));
  put (s, "\", \"port\": ");
  json_u64 (s, ep->port);
  g_string_append_c (s, '}');
}

static const char *
bool_str (gboolean b)
{
  return b ? "true" : "false";
}

static const char *
role_str (int dir)
{
  return dir < 0 ? NULL : dir == HL_DIR_C2S ? "client" : "server";
}

static const char *
keylog_str (HlKeylogStatus k)
{
  switch (k)
    {
    case HL_KEYLOG_MATCHED: return "matched";
    case HL_KEYLOG_MISMATCH: return "mismatch";
    case HL_KEYLOG_MISSING: case HL_KEYLOG_NONE: default: return "missing";
    }
}

static void
json_tls (GString *s, const HlConnection *conn)
{
  const HlTlsInfo *t = conn->tls;
  gboolean first;
  char buf[32];

  put (s, "{\n      \"version\": ");
  json_string (s, t->version ? hl_tls_version_name (t->version) : NULL);
  if (t->has_cipher)
    {
      put (s, ",\n      \"cipher_suite_id\": ");
      json_u64 (s, t->cipher_suite);
      put (s, ",\n      \"cipher_suite\": ");
      json_string (s, hl_tls_cipher_suite_name (t->cipher_suite));
    }
  else
    put (s, ",\n      \"cipher_suite_id\": null,\n      \"cipher_suite\": null");
  put (s, ",\n      \"sni\": ");
  json_string (s, t->client_hello ? t->client_hello->sni : NULL);
  put (s, ",\n      \"alpn\": ");
  json_string (s, t->server_hello ? t->server_hello->alpn : NULL);

  put (s, ",\n      \"messages\": [");
  first = TRUE;
  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (conn->events, i);
      if (e->kind != HL_EVENT_TLS_HANDSHAKE)
        continue;
      put (s, first ? "\n        {\"dir\": \"" : ",\n        {\"dir\": \"");
      put (s, hl_direction_to_string (e->dir));
      put (s, "\", \"type\": \"");
      put (s, hl_event_message_name (e, buf, sizeof buf));
      put (s, "\", \"frame\": ");
      json_u64 (s, e->frame);
      g_string_append_c (s, '}');
      first = FALSE;
    }
  put (s, first ? "]" : "\n      ]");

  put (s, ",\n      \"change_cipher_spec\": [");
  first = TRUE;
  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (conn->events, i);
      if (e->kind != HL_EVENT_TLS_CCS)
        continue;
      put (s, first ? "{\"dir\": \"" : ", {\"dir\": \"");
      put (s, hl_direction_to_string (e->dir));
      put (s, "\", \"frame\": ");
      json_u64 (s, e->frame);
      g_string_append_c (s, '}');
      first = FALSE;
    }
  put (s, "]");

  put (s, ",\n      \"alerts\": [");
  first = TRUE;
  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (conn->events, i);
      const char *name;
      if (e->kind != HL_EVENT_TLS_ALERT)
        continue;
      name = hl_tls_alert_name (e->tls_type);
      if (name == NULL)
        {
          g_snprintf (buf, sizeof buf, "unknown_%u", e->tls_type);
          name = buf;
        }
      g_string_append_printf (s, "%s\n        {\"dir\": \"%s\", \"level\": \"%s\", \"description\": \"%s\", \"frame\": %" G_GUINT64_FORMAT "}",
                              first ? "" : ",", hl_direction_to_string (e->dir),
                              e->alert_level == 2 ? "fatal" : e->alert_level == 1 ? "warning" : "unknown",
                              name, e->frame);
      first = FALSE;
    }
  put (s, first ? "]" : "\n      ]");

  put (s, ",\n      \"certificates\": [");
  for (guint i = 0; i < t->server_certificates->len; i++)
    {
      const HlCertificate *c = g_ptr_array_index (t->server_certificates, i);
      put (s, i ? ",\n        {\"subject_cn\": " : "\n        {\"subject_cn\": ");
      json_string (s, c->subject_cn);
      put (s, ", \"issuer_cn\": ");
      json_string (s, c->issuer_cn);
      put (s, "}");
    }
  put (s, t->server_certificates->len ? "\n      ]" : "]");

  put (s, ",\n      \"decrypted\": ");
  put (s, bool_str (t->decrypted));
  put (s, ",\n      \"keylog\": \"");
  put (s, keylog_str (t->keylog));
  put (s, "\"");
  put (s, ",\n      \"resumed\": ");
  put (s, bool_str (t->resumed));
  if (t->starttls)
    {
      put (s, ",\n      \"starttls\": ");
      json_string (s, t->starttls);
    }
  put (s, "\n    }");
}

static void
json_connection (GString *s, const HlConnection *conn)
{
  put (s, "{\n    \"client\": ");
  json_endpoint (s, &conn->client);
  put (s, ",\n    \"server\": ");
  json_endpoint (s, &conn->server);
  put (s, ",\n    \"first_frame\": ");
  json_u64 (s, conn->first_frame);
  put (s, ",\n    \"tcp\": {\"syn\": ");
  put (s, bool_str (conn->syn));
  put (s, ", \"syn_ack\": ");
  put (s, bool_str (conn->syn_ack));
  put (s, ", \"ack\": ");
  put (s, bool_str (conn->ack));
  put (s, ", \"rst\": ");
  json_string (s, role_str (conn->rst_by));
  put (s, "},\n    \"tls\": ");
  if (conn->tls)
    json_tls (s, conn);
  else
    put (s, "null");
  put (s, ",\n    \"diagnoses\": [");
  for (guint i = 0; i < conn->diagnoses->len; i++)
    {
      const HlDiagnosis *d = g_ptr_array_index (conn->diagnoses, i);
      put (s, i ? ",\n      {\"id\": " : "\n      {\"id\": ");
      json_string (s, d->id);
      put (s, ", \"severity\": \"");
      put (s, hl_severity_to_string (d->severity));
      put (s, "\", \"blame\": \"");
      put (s, hl_blame_to_string (d->blame));
      put (s, "\", \"frames\": [");
      for (guint j = 0; j < d->frames->len; j++)
        {
          if (j)
            put (s, ", ");
          json_u64 (s, g_array_index (d->frames, guint64, j));
        }
      put (s, "],\n       \"summary\": ");
      json_string (s, d->summary);
      put (s, ",\n       \"remedy\": ");
      json_string (s, d->remedy);
      put (s, "}");
    }
  put (s, conn->diagnoses->len ? "\n    ]\n  }" : "]\n  }");
}

/* ---- text and Markdown ------------------------------------------------- */

static char *
connection_title (const HlConnection *conn)
{
  char c[64], sv[64];
  GString *s = g_string_new (NULL);

  hl_endpoint_address_to_string (&conn->client, c, sizeof c);
  hl_endpoint_address_to_string (&conn->server, sv, sizeof sv);
  g_string_append_printf (s, conn->client.family == 6 ? "[%s]:%u → [%s]:%u" : "%s:%u → %s:%u",
                          c, conn->client.port, sv, conn->server.port);
  if (conn->tls)
    {
      if (conn->tls->version)
        g_string_append_printf (s, "  %s", hl_tls_version_name (conn->tls->version));
      if (conn->tls->client_hello && conn->tls->client_hello->sni)
        g_string_append_printf (s, "  SNI %s", conn->tls->client_hello->sni);
    }
  else
    g_string_append_printf (s, "  %s", _("(not TLS)"));
  return g_string_free (s, FALSE);
}

static void
text_event_line (GString *s, const HlConnection *conn, const HlEvent *e, gboolean markdown)
{
  g_autofree char *label = hl_event_label (e);
  double ms = (e->ts_ns - conn->first_ts_ns) / 1e6;
  const char *arrow = e->dir == HL_DIR_C2S ? "──▶" : "◀──";
  const char *lock = e->decrypted ? " 🔓" : e->kind == HL_EVENT_TLS_ENCRYPTED ? " 🔒" : "";

  if (markdown)
    g_string_append_printf (s, "| %" G_GUINT64_FORMAT " | %.3f | %s | %s%s |\n",
                            e->frame, ms, e->dir == HL_DIR_C2S ? _("client → server") : _("server → client"),
                            label, lock);
  else
    g_string_append_printf (s, "  %6" G_GUINT64_FORMAT " %10.3f ms  %s %s  %s%s\n",
                            e->frame, ms, e->dir == HL_DIR_C2S ? _("client") : _("server"),
                            arrow, label, lock);
}

static void
text_connection (GString *s, const HlConnection *conn, gboolean markdown)
{
  g_autofree char *title = connection_title (conn);
  const HlDiagnosis *primary = hl_connection_primary_diagnosis (conn);

  if (markdown)
    {
      g_string_append_printf (s, "## %s %" G_GUINT64_FORMAT ": %s\n\n", _("Connection"), conn->id, title);
      if (conn->tls && conn->tls->has_cipher)
        g_string_append_printf (s, "- %s: `%s`\n", _("Cipher suite"),
                                hl_tls_cipher_suite_name (conn->tls->cipher_suite) ?: "?");
      g_string_append_printf (s, "- %s: %s\n\n", _("Outcome"),
                              primary ? primary->summary : _("no error found"));
      g_string_append_printf (s, "| %s | %s | %s | %s |\n|---:|---:|---|---|\n",
                              _("Frame"), _("Time (ms)"), _("Direction"), _("Event"));
    }
  else
    g_string_append_printf (s, "%s %" G_GUINT64_FORMAT ": %s\n", _("Connection"), conn->id, title);

  for (guint i = 0; i < conn->events->len; i++)
    text_event_line (s, conn, g_ptr_array_index (conn->events, i), markdown);

  if (markdown)
    g_string_append (s, "\n");
  for (guint i = 0; i < conn->diagnoses->len; i++)
    {
      const HlDiagnosis *d = g_ptr_array_index (conn->diagnoses, i);
      g_autoptr(GString) frames = g_string_new (NULL);
      for (guint j = 0; j < d->frames->len; j++)
        g_string_append_printf (frames, "%s%" G_GUINT64_FORMAT, j ? ", " : "", g_array_index (d->frames, guint64, j));
      if (markdown)
        g_string_append_printf (s, "- **%s** `%s` (%s: %s; %s: %s): %s  \n  %s: %s\n",
                                hl_severity_to_string (d->severity), d->id, _("blame"),
                                hl_blame_to_string (d->blame), _("frames"), frames->str,
                                d->summary ?: "", _("Fix"), d->remedy ?: "");
      else
        g_string_append_printf (s, "  [%s] %s (%s: %s; %s: %s)\n    %s\n    %s: %s\n",
                                hl_severity_to_string (d->severity), d->id, _("blame"),
                                hl_blame_to_string (d->blame), _("frames"), frames->str,
                                d->summary ?: "", _("Fix"), d->remedy ?: "");
    }
  for (guint i = 0; i < conn->notes->len; i++)
    g_string_append_printf (s, markdown ? "- _%s_\n" : "  %s: %s\n", _("note"),
                            (const char *) g_ptr_array_index (conn->notes, i));
  g_string_append (s, "\n");
}

/* ---- public ------------------------------------------------------------ */

HlReport *
hl_report_new (HlReportFormat format, FILE *out)
{
  HlReport *r = g_new0 (HlReport, 1);
  r->format = format;
  r->out = out;
  r->buf = g_string_sized_new (4096);
  if (format == HL_REPORT_JSON)
    fputs ("{\"connections\": [", out);
  else if (format == HL_REPORT_MARKDOWN)
    fprintf (out, "# %s\n\n", _("Handshake Lens report"));
  return r;
}

/* One connection in `format`, appended to s. */
static void
render_into (GString *s, HlReportFormat format, const HlConnection *conn)
{
  if (format == HL_REPORT_JSON)
    json_connection (s, conn);
  else
    text_connection (s, conn, format == HL_REPORT_MARKDOWN);
}

void
hl_report_add (HlReport *r, const HlConnection *conn)
{
  g_string_truncate (r->buf, 0);
  render_into (r->buf, r->format, conn);
  hl_report_write (r, r->buf->str);
}

static void
free_render_buffer (gpointer s)
{
  g_string_free (s, TRUE);
}

/* Each thread renders into its own buffer, kept between connections, and
 * hands out an exact-size copy: texts may wait (for an earlier connection
 * to close) and a buffer grown by doubling would hold a third more. */
static GPrivate render_buffer = G_PRIVATE_INIT (free_render_buffer);

char *
hl_report_render (HlReport *r, const HlConnection *conn)
{
  GString *s = g_private_get (&render_buffer);

  if (s == NULL)
    {
      s = g_string_sized_new (4096);
      g_private_set (&render_buffer, s);
    }
  g_string_truncate (s, 0);
  render_into (s, r->format, conn);
  return g_memdup2 (s->str, s->len + 1);
}

void
hl_report_write (HlReport *r, const char *text)
{
  if (r->format == HL_REPORT_JSON)
    fputs (r->n ? ",\n  " : "\n  ", r->out);
  fputs (text, r->out);
  r->n++;
}

void
hl_report_end (HlReport *r, const HlEngineStats *st, const GError *input_error)
{
  if (r->format == HL_REPORT_JSON)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_string_append (s, r->n ? "\n],\n" : "],\n");
      g_string_append_printf (s, "\"stats\": {\"frames\": %" G_GUINT64_FORMAT ", \"tcp_segments\": %" G_GUINT64_FORMAT
                              ", \"not_tcp\": %" G_GUINT64_FORMAT ", \"unknown_link\": %" G_GUINT64_FORMAT
                              ", \"malformed\": %" G_GUINT64_FORMAT ", \"connections\": %" G_GUINT64_FORMAT
                              ", \"evicted\": %" G_GUINT64_FORMAT ", \"released_early\": %" G_GUINT64_FORMAT "}",
                              st->frames, st->tcp_segments, st->not_tcp, st->unknown_link,
                              st->malformed, st->connections, st->evicted, st->released_early);
      g_string_append (s, ",\n\"input_error\": ");
      json_string (s, input_error ? input_error->message : NULL);
      g_string_append (s, "\n}\n");
      fwrite (s->str, 1, s->len, r->out);
    }
  else
    {
      fprintf (r->out, r->format == HL_REPORT_MARKDOWN ? "---\n" : "");
      g_autofree char *frames = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu frame", "%llu frames",
                                                              (gulong) st->frames),
                                                 (unsigned long long) st->frames);
      g_autofree char *conns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu TCP connection",
                                                             "%llu TCP connections",
                                                             (gulong) st->connections),
                                                (unsigned long long) st->connections);
      g_autofree char *tls = g_strdup_printf (_("%llu with TLS"), (unsigned long long) st->tls_connections);

      /* Translators: the summary line of a text report: "12 frames, 2 TCP
       * connections, 1 with TLS." */
      fprintf (r->out, _("%s, %s, %s.\n"), frames, conns, tls);
      if (st->malformed)
        fprintf (r->out, g_dngettext (GETTEXT_PACKAGE,
                                      "%llu malformed frame skipped (frame %llu, %s).\n",
                                      "%llu malformed frames skipped (first: frame %llu, %s).\n",
                                      (gulong) st->malformed),
                 (unsigned long long) st->malformed, (unsigned long long) st->first_malformed_frame,
                 st->first_malformed_reason ?: "?");
      if (st->unknown_link)
        fprintf (r->out, _("%llu frames with a link type this version does not decode.\n"),
                 (unsigned long long) st->unknown_link);
      if (input_error)
        fprintf (r->out, _("The input broke off: %s. Everything before that point is shown above.\n"),
                 input_error->message);
    }
}

void
hl_report_free (HlReport *r)
{
  if (r == NULL)
    return;
  g_string_free (r->buf, TRUE);
  g_free (r);
}

char *
hl_report_connection_to_string (HlReportFormat format, const HlConnection *conn)
{
  GString *s = g_string_new (NULL);
  render_into (s, format, conn);
  return g_string_free (s, FALSE);
}
