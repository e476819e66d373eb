/* catalog.c: lookup, placeholder values and rendering for the explanation
 * catalog; the texts themselves live in catalog-data.c. */
#include "catalog-private.h"

#include <string.h>
#include "i18n.h"
#include "tls-names.h"

/* Names that reach the catalog under another spelling. */
static const struct { HlCatalogKind kind; const char *alias, *key; } aliases[] = {
  { HL_CATALOG_EXTENSION, "alpn", "application_layer_protocol_negotiation" },
  { HL_CATALOG_EXTENSION, "elliptic_curves", "supported_groups" },
  { HL_CATALOG_EXTENSION, "SessionTicket", "session_ticket" },
  { HL_CATALOG_EXTENSION, "session_ticket_tls", "session_ticket" },
  { HL_CATALOG_EXTENSION, "ech", "encrypted_client_hello" },
  { HL_CATALOG_MESSAGE, "ccs", "change_cipher_spec" },
  { HL_CATALOG_MESSAGE, "hrr", "hello_retry_request" },
  { HL_CATALOG_ALERT, "decryption_failed_RESERVED", "decryption_failed" },
};

static const HlCatalogEntry *
find (HlCatalogKind kind, const char *key)
{
  for (guint i = 0; i < hl_catalog_data_len; i++)
    if (hl_catalog_data[i].kind == kind && strcmp (hl_catalog_data[i].key, key) == 0)
      return &hl_catalog_data[i];
  return NULL;
}

const HlCatalogEntry *
hl_catalog_lookup (HlCatalogKind kind, const char *key)
{
  const HlCatalogEntry *e;

  if (key == NULL)
    return NULL;
  if ((e = find (kind, key)) != NULL)
    return e;
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (aliases[i].kind == kind && strcmp (aliases[i].alias, key) == 0)
      return find (kind, aliases[i].key);
  /* IANA marks retired code points "name_RESERVED". */
  if (g_str_has_suffix (key, "_RESERVED"))
    {
      g_autofree char *base = g_strndup (key, strlen (key) - strlen ("_RESERVED"));
      return find (kind, base);
    }
  return NULL;
}

const HlCatalogEntry *
hl_catalog_entries (guint *n_entries)
{
  if (n_entries)
    *n_entries = hl_catalog_data_len;
  return hl_catalog_data;
}

const char *
hl_catalog_title (const HlCatalogEntry *entry)
{
  if (entry == NULL)
    return "";
  return g_dgettext (GETTEXT_PACKAGE, entry->title);
}

char *
hl_catalog_render (const HlCatalogEntry *entry, HlRegister reg, GHashTable *values, gboolean *missing)
{
  const char *msgid, *text, *p;
  GString *out;

  if (missing)
    *missing = FALSE;
  if (entry == NULL)
    return g_strdup ("");
  msgid = reg == HL_REGISTER_EXPERT ? entry->expert : entry->beginner;
  if (msgid == NULL || *msgid == '\0')
    return g_strdup ("");
  text = g_dgettext (GETTEXT_PACKAGE, msgid);
  out = g_string_sized_new (strlen (text) + 64);

  for (p = text; *p; )
    {
      const char *close;
      gsize n;

      if (*p != '{')
        {
          const char *next = strchr (p, '{');
          n = next ? (gsize) (next - p) : strlen (p);
          g_string_append_len (out, p, n);
          p += n;
          continue;
        }
      /* A placeholder is "{" [a-z0-9_]+ "}"; anything else is literal. */
      close = p + 1;
      while (*close && (g_ascii_islower (*close) || g_ascii_isdigit (*close) || *close == '_'))
        close++;
      if (*close != '}' || close == p + 1)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      {
        g_autofree char *key = g_strndup (p + 1, close - p - 1);
        const char *value = values ? g_hash_table_lookup (values, key) : NULL;
        if (value)
          g_string_append (out, value);
        else
          {
            g_string_append_c (out, '?');
            if (missing)
              *missing = TRUE;
          }
      }
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

/* ---- values -------------------------------------------------------------- */

static void
set (GHashTable *v, const char *key, char *value)
{
  g_hash_table_replace (v, g_strdup (key), value);
}

static char *
format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);
  if (dt == NULL || unix_seconds == 0)
    return g_strdup (_("unknown"));
  /* TRANSLATORS: a certificate date, g_date_time_format() syntax: "1 Mar 2026".
   * xgettext:no-c-format */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

static char *
endpoint_text (const HlEndpoint *ep)
{
  char buf[64];
  hl_endpoint_address_to_string (ep, buf, sizeof buf);
  return g_strdup_printf (ep->family == 6 ? "[%s]:%u" : "%s:%u", buf, ep->port);
}

static char *
version_text (guint16 v)
{
  const char *name = hl_tls_version_name (v);
  if (v == 0)
    return g_strdup (_("not negotiated"));
  if (name == NULL || g_str_equal (name, "?"))
    return g_strdup_printf ("0x%04x", v);
  return g_strdup (name);
}

static char *
join_u16 (const HlU16List *a, const char *(*name_of) (guint16), guint max)
{
  GString *s = g_string_new (NULL);
  guint shown = 0, total = 0;

  for (guint i = 0; a && i < a->len; i++)
    {
      guint16 v = a->data[i];
      const char *name;
      if (hl_tls_is_grease (v))
        continue;
      total++;
      if (shown >= max)
        continue;
      name = name_of ? name_of (v) : NULL;
      if (s->len)
        g_string_append (s, ", ");
      if (name)
        g_string_append (s, name);
      else
        g_string_append_printf (s, "0x%04x", v);
      shown++;
    }
  if (total > shown)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                            total - shown), total - shown);
  if (s->len == 0)
    g_string_append (s, _("none"));
  return g_string_free (s, FALSE);
}

static const char *
version_name_or_null (guint16 v)
{
  const char *name = hl_tls_version_name (v);
  return name && !g_str_equal (name, "?") ? name : NULL;
}

static char *
offered_versions (const HlClientHelloInfo *ch)
{
  if (ch == NULL)
    return g_strdup (_("unknown"));
  if (ch->supported_versions->len)
    return join_u16 (ch->supported_versions, version_name_or_null, 16);
  {
    g_autofree char *v = version_text (ch->legacy_version);
    return g_strdup_printf (_("up to %s"), v);
  }
}

static char *
cert_names (const HlCertificate *c)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; c->dns_names && c->dns_names[i]; i++)
    g_string_append_printf (s, "%s%s", s->len ? ", " : "", c->dns_names[i]);
  for (guint i = 0; c->ip_addresses && c->ip_addresses[i]; i++)
    g_string_append_printf (s, "%s%s", s->len ? ", " : "", c->ip_addresses[i]);
  if (s->len == 0 && c->subject_cn)
    g_string_append (s, c->subject_cn);
  if (s->len == 0)
    g_string_append (s, _("none"));
  return g_string_free (s, FALSE);
}

static const HlEvent *
first_alert (const HlConnection *conn)
{
  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (conn->events, i);
      if (e->kind == HL_EVENT_TLS_ALERT)
        return e;
    }
  return NULL;
}

static void
fill_alert (GHashTable *v, const HlEvent *alert)
{
  const char *name = alert ? hl_tls_alert_name (alert->tls_type) : NULL;

  if (alert == NULL)
    {
      set (v, "alert", g_strdup (_("none")));
      set (v, "alert_code", g_strdup (_("none")));
      set (v, "alert_level", g_strdup (_("none")));
      return;
    }
  set (v, "alert", name ? g_strdup (name) : g_strdup_printf ("%u", alert->tls_type));
  set (v, "alert_code", g_strdup_printf ("%u", alert->tls_type));
  set (v, "alert_level", g_strdup (alert->alert_level == 2 ? _("fatal")
                                   : alert->alert_level == 1 ? _("warning") : _("unknown level")));
}

static void
fill_certificate (GHashTable *v, GPtrArray *certs)
{
  const HlCertificate *c = certs && certs->len ? g_ptr_array_index (certs, 0) : NULL;

  set (v, "chain_length", g_strdup_printf ("%u", certs ? certs->len : 0));
  if (c == NULL || c->parse_error)
    {
      set (v, "subject", g_strdup (_("not visible")));
      set (v, "issuer", g_strdup (_("not visible")));
      set (v, "not_before", g_strdup (_("unknown")));
      set (v, "not_after", g_strdup (_("unknown")));
      set (v, "names", g_strdup (_("not visible")));
      return;
    }
  set (v, "subject", g_strdup (c->subject_cn ? c->subject_cn : c->subject_dn ? c->subject_dn : _("no name")));
  set (v, "issuer", g_strdup (c->issuer_cn ? c->issuer_cn : c->issuer_dn ? c->issuer_dn : _("no name")));
  set (v, "not_before", format_date (c->not_before));
  set (v, "not_after", format_date (c->not_after));
  set (v, "names", cert_names (c));
}

GHashTable *
hl_catalog_values_for (const HlConnection *conn, const HlEvent *event)
{
  GHashTable *v = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const HlTlsInfo *tls = conn ? conn->tls : NULL;
  const HlClientHelloInfo *ch = tls ? tls->client_hello : NULL;
  const HlServerHelloInfo *sh = tls ? tls->server_hello : NULL;
  char buf[64];

  /* Endpoints */
  if (conn)
    {
      set (v, "client", endpoint_text (&conn->client));
      set (v, "server", endpoint_text (&conn->server));
      set (v, "client_ip", g_strdup (hl_endpoint_address_to_string (&conn->client, buf, sizeof buf)));
      set (v, "server_ip", g_strdup (hl_endpoint_address_to_string (&conn->server, buf, sizeof buf)));
      set (v, "client_port", g_strdup_printf ("%u", conn->client.port));
      set (v, "server_port", g_strdup_printf ("%u", conn->server.port));
    }
  else
    {
      set (v, "client", g_strdup (_("the client")));
      set (v, "server", g_strdup (_("the server")));
      set (v, "client_ip", g_strdup (_("unknown")));
      set (v, "server_ip", g_strdup (_("unknown")));
      set (v, "client_port", g_strdup (_("unknown")));
      set (v, "server_port", g_strdup (_("unknown")));
    }

  /* Negotiation */
  set (v, "sni", g_strdup (ch && ch->sni ? ch->sni : _("no name sent")));
  set (v, "version", version_text (tls ? tls->version : 0));
  set (v, "versions_offered", offered_versions (ch));
  if (tls && tls->has_cipher)
    {
      const char *name = hl_tls_cipher_suite_name (tls->cipher_suite);
      set (v, "cipher", name ? g_strdup (name) : g_strdup_printf ("0x%04x", tls->cipher_suite));
    }
  else
    set (v, "cipher", g_strdup (_("not negotiated")));
  set (v, "ciphers_offered", join_u16 (ch ? ch->cipher_suites : NULL, hl_tls_cipher_suite_name, 6));
  set (v, "cipher_count", g_strdup_printf ("%u", ch ? ch->cipher_suites->len : 0));
  set (v, "extension_count", g_strdup_printf ("%u", ch ? ch->extensions->len : 0));
  {
    guint16 group = sh && sh->key_share_group ? sh->key_share_group
                    : tls && tls->hello_retry ? tls->hello_retry->key_share_group : 0;
    const char *name = group ? hl_tls_group_name (group) : NULL;
    set (v, "group", group == 0 ? g_strdup (_("none")) : name ? g_strdup (name) : g_strdup_printf ("0x%04x", group));
  }
  set (v, "groups_offered", join_u16 (ch ? ch->supported_groups : NULL, hl_tls_group_name, 8));
  set (v, "alpn", g_strdup (sh && sh->alpn ? sh->alpn : _("none")));
  {
    GString *s = g_string_new (NULL);
    for (guint i = 0; ch && i < ch->alpn->len; i++)
      g_string_append_printf (s, "%s%s", i ? ", " : "", ch->alpn->data[i]);
    if (s->len == 0)
      g_string_append (s, _("none"));
    set (v, "alpn_offered", g_string_free (s, FALSE));
  }

  /* Certificates: the sender's when the event is a Certificate, else the server's. */
  fill_certificate (v, tls ? (event && event->dir == HL_DIR_C2S && event->kind == HL_EVENT_TLS_HANDSHAKE
                              ? tls->client_certificates : tls->server_certificates) : NULL);

  /* The event */
  if (event)
    {
      g_autofree char *label = hl_event_label (event);
      double t = conn ? (event->ts_ns - conn->first_ts_ns) / 1e9 : 0;
      set (v, "frame", g_strdup_printf ("%" G_GUINT64_FORMAT, event->frame));
      set (v, "time", g_strdup_printf (_("%.3f s"), t));
      set (v, "sender", g_strdup (event->dir == HL_DIR_C2S ? _("the client") : _("the server")));
      set (v, "receiver", g_strdup (event->dir == HL_DIR_C2S ? _("the server") : _("the client")));
      set (v, "count", g_strdup_printf ("%" G_GUINT64_FORMAT, event->count));
      set (v, "bytes", g_strdup_printf ("%" G_GUINT64_FORMAT,
                                        event->bytes ? event->bytes
                                        : event->bytes_data ? g_bytes_get_size (event->bytes_data) : 0));
      set (v, "text", g_strdup (event->text ? event->text : ""));
      set (v, "message", g_strdup (label));
      set (v, "record_version", version_text (event->record_version));
      {
        const char *ct = event->kind == HL_EVENT_TLS_ENCRYPTED ? hl_tls_content_type_name (event->tls_type) : NULL;
        set (v, "content_type", ct ? g_strdup (ct) : g_strdup_printf ("%u", event->tls_type));
      }
      fill_alert (v, event->kind == HL_EVENT_TLS_ALERT ? event : conn ? first_alert (conn) : NULL);
    }
  else
    {
      set (v, "frame", g_strdup_printf ("%" G_GUINT64_FORMAT, conn ? conn->first_frame : 0));
      set (v, "time", g_strdup (_("0.000 s")));
      set (v, "sender", g_strdup (_("one side")));
      set (v, "receiver", g_strdup (_("the other side")));
      set (v, "count", g_strdup ("0"));
      set (v, "bytes", g_strdup_printf ("%" G_GUINT64_FORMAT,
                                        conn ? conn->payload_bytes[0] + conn->payload_bytes[1] : 0));
      set (v, "text", g_strdup (""));
      set (v, "message", g_strdup (_("the connection")));
      set (v, "record_version", g_strdup (_("unknown")));
      set (v, "content_type", g_strdup (_("unknown")));
      fill_alert (v, conn ? first_alert (conn) : NULL);
    }
  return v;
}

const HlCatalogEntry *
hl_catalog_entry_for_event (const HlConnection *conn, const HlEvent *event)
{
  const HlCatalogEntry *e = NULL;
  char buf[32];

  if (event == NULL)
    return NULL;
  switch (event->kind)
    {
    case HL_EVENT_TLS_HANDSHAKE:
      e = hl_catalog_lookup (HL_CATALOG_MESSAGE, hl_event_message_name (event, buf, sizeof buf));
      break;
    case HL_EVENT_TLS_CCS:
      e = hl_catalog_lookup (HL_CATALOG_MESSAGE, "change_cipher_spec");
      break;
    case HL_EVENT_TLS_ALERT:
      e = hl_catalog_lookup (HL_CATALOG_ALERT, hl_tls_alert_name (event->tls_type));
      break;
    case HL_EVENT_TCP_SYN:
      /* A SYN after an earlier SYN of the same connection is a retry. */
      for (guint i = 0; conn && i < conn->events->len; i++)
        {
          const HlEvent *other = g_ptr_array_index (conn->events, i);
          if (other == event)
            break;
          if (other->kind == HL_EVENT_TCP_SYN)
            {
              e = hl_catalog_lookup (HL_CATALOG_EVENT, "syn_retry");
              break;
            }
        }
      break;
    default:
      break;
    }
  if (e == NULL)
    e = hl_catalog_lookup (HL_CATALOG_EVENT, hl_event_kind_to_string (event->kind));
  return e;
}

char *
hl_catalog_explain_event (const HlConnection *conn, const HlEvent *event, HlRegister reg)
{
  const HlCatalogEntry *entry = hl_catalog_entry_for_event (conn, event);
  g_autoptr(GHashTable) values = NULL;

  if (entry == NULL)
    return g_strdup ("");
  values = hl_catalog_values_for (conn, event);
  return hl_catalog_render (entry, reg, values, NULL);
}
