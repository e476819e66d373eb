#include "connection.h"
#include <arpa/inet.h>
#include <gio/gio.h>
#include <string.h>

char *
hl_endpoint_address_to_string (const HlEndpoint *ep, char *buf, gsize len)
{
  /* inet_ntop directly: the reports format two addresses per connection,
   * and a GInetAddress object for each was a tenth of the run time on
   * captures with many short connections.  Same text as GLib's. */
  if ((ep->family != 4 && ep->family != 6) ||
      inet_ntop (ep->family == 4 ? AF_INET : AF_INET6, ep->addr, buf, (socklen_t) len) == NULL)
    g_strlcpy (buf, "?", len);
  return buf;
}

gboolean
hl_endpoint_equal (const HlEndpoint *a, const HlEndpoint *b)
{
  return a->family == b->family && a->port == b->port &&
         memcmp (a->addr, b->addr, a->family == 4 ? 4 : 16) == 0;
}

HlConnection *
hl_connection_new (void)
{
  HlConnection *c = g_new0 (HlConnection, 1);
  c->rst_by = -1;
  c->fin_by_first = -1;
  /* room for a typical handshake's events without regrowing */
  c->events = g_ptr_array_new_full (16, (GDestroyNotify) hl_event_free);
  c->diagnoses = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_diagnosis_free);
  c->notes = g_ptr_array_new_with_free_func (g_free);
  return c;
}

void
hl_client_hello_info_free (HlClientHelloInfo *ch)
{
  /* the lists and strings live in the same block */
  g_free (ch);
}

void
hl_server_hello_info_free (HlServerHelloInfo *sh)
{
  if (sh == NULL)
    return;
  g_free (sh->alpn);
  g_free (sh);
}

static void
tls_info_free (HlTlsInfo *t)
{
  if (t == NULL)
    return;
  hl_client_hello_info_free (t->client_hello);
  hl_client_hello_info_free (t->client_hello2);
  hl_server_hello_info_free (t->server_hello);
  hl_server_hello_info_free (t->hello_retry);
  g_clear_pointer (&t->server_certificates, g_ptr_array_unref);
  g_clear_pointer (&t->client_certificates, g_ptr_array_unref);
  g_free (t->starttls);
  g_free (t);
}

void
hl_connection_free (HlConnection *conn)
{
  if (conn == NULL)
    return;
  g_ptr_array_unref (conn->events);
  g_ptr_array_unref (conn->diagnoses);
  g_ptr_array_unref (conn->notes);
  tls_info_free (conn->tls);
  g_free (conn);
}

HlTlsInfo *
hl_connection_ensure_tls (HlConnection *conn)
{
  if (conn->tls == NULL)
    {
      conn->tls = g_new0 (HlTlsInfo, 1);
      conn->tls->server_certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_certificate_unref);
      conn->tls->client_certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_certificate_unref);
    }
  return conn->tls;
}

void
hl_connection_add_event (HlConnection *conn, HlEvent *event)
{
  g_ptr_array_add (conn->events, event);
}

#define MAX_NOTES 64

void
hl_connection_add_note (HlConnection *conn, const char *fmt, ...)
{
  va_list ap;
  if (conn->notes->len >= MAX_NOTES)
    return;
  va_start (ap, fmt);
  g_ptr_array_add (conn->notes, g_strdup_vprintf (fmt, ap));
  va_end (ap);
}

void
hl_connection_add_diagnosis (HlConnection *conn, HlDiagnosis *d)
{
  g_ptr_array_add (conn->diagnoses, d);
}

HlDiagnosis *
hl_connection_primary_diagnosis (const HlConnection *conn)
{
  for (guint i = 0; i < conn->diagnoses->len; i++)
    {
      HlDiagnosis *d = g_ptr_array_index (conn->diagnoses, i);
      if (d->severity == HL_SEVERITY_ERROR)
        return d;
    }
  return NULL;
}

const HlEndpoint *
hl_connection_endpoint (const HlConnection *conn, HlDirection from)
{
  return from == HL_DIR_C2S ? &conn->client : &conn->server;
}

void
hl_connection_swap_roles (HlConnection *conn)
{
  HlEndpoint tmp = conn->client;
  gboolean f;
  guint64 b;

  conn->client = conn->server;
  conn->server = tmp;
  for (guint i = 0; i < conn->events->len; i++)
    {
      HlEvent *e = g_ptr_array_index (conn->events, i);
      guint64 r = e->app_records[0], y = e->app_bytes[0];
      e->dir = e->dir == HL_DIR_C2S ? HL_DIR_S2C : HL_DIR_C2S;
      e->app_records[0] = e->app_records[1]; e->app_records[1] = r;
      e->app_bytes[0] = e->app_bytes[1]; e->app_bytes[1] = y;
    }
  if (conn->rst_by >= 0)
    conn->rst_by = !conn->rst_by;
  if (conn->fin_by_first >= 0)
    conn->fin_by_first = !conn->fin_by_first;
  f = conn->fin[0]; conn->fin[0] = conn->fin[1]; conn->fin[1] = f;
  b = conn->payload_bytes[0]; conn->payload_bytes[0] = conn->payload_bytes[1]; conn->payload_bytes[1] = b;
}
