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
  if (ep->family == 4 && len >= 16)
    {
      /* dotted quad by hand: glibc's inet_ntop formats through printf,
       * and the JSON report writes two addresses per connection */
      char *p = buf;
      for (int i = 0; i < 4; i++)
        {
          guint v = ep->addr[i];
          if (i > 0)
            *p++ = '.';
          if (v >= 100)
            *p++ = (char) ('0' + v / 100);
          if (v >= 10)
            *p++ = (char) ('0' + v / 10 % 10);
          *p++ = (char) ('0' + v % 10);
        }
      *p = '\0';
      return buf;
    }
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

/* Events live in storage owned by their connection: the first ones in the
 * connection's own allocation, then blocks of EVENT_BLOCK.  A malloc and
 * a free per event were a fifth of the allocations on a capture of many
 * short TLS connections (about 17 events each).  Small blocks keep the
 * unused slots few: with 8 + 32, peak memory on such a capture rose by a
 * fifth; with 12 + 12 it is as before.  Events never move, so the HlEvent
 * pointers in `events` stay valid. */
#define INLINE_EVENTS 12
#define EVENT_BLOCK   12

typedef struct _EventBlock EventBlock;
struct _EventBlock {
  EventBlock *next;
  HlEvent     events[EVENT_BLOCK];
};

typedef struct {
  HlConnection conn;          /* first: an HlConnection* is a Storage* */
  guint        used;          /* slots handed out in the newest block (or inline) */
  EventBlock  *blocks;        /* newest first; NULL while the inline slots last */
  HlEvent      inline_events[INLINE_EVENTS];
  HlTlsInfo    tls;           /* conn.tls points here once the connection is TLS */
} Storage;

HlConnection *
hl_connection_new (void)
{
  Storage *storage = g_new0 (Storage, 1);
  HlConnection *c = &storage->conn;
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
  /* t is in the connection's allocation */
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
  {
    Storage *storage = (Storage *) conn;
    EventBlock *b = storage->blocks;
    while (b)
      {
        EventBlock *next = b->next;
        g_free (b);
        b = next;
      }
    g_free (storage);
  }
}

HlEvent *
hl_connection_new_event (HlConnection *conn, HlEventKind kind, HlDirection dir,
                         guint64 frame, gint64 ts_ns)
{
  Storage *storage = (Storage *) conn;
  HlEvent *e;

  if (storage->blocks == NULL && storage->used < INLINE_EVENTS)
    e = &storage->inline_events[storage->used++];
  else
    {
      if (storage->blocks == NULL || storage->used == EVENT_BLOCK)
        {
          EventBlock *b = g_new (EventBlock, 1);
          b->next = storage->blocks;
          storage->blocks = b;
          storage->used = 0;
        }
      e = &storage->blocks->events[storage->used++];
    }
  hl_event_init (e, kind, dir, frame, ts_ns);
  e->in_connection = TRUE;
  return e;
}

void
hl_connection_drop_event (HlConnection *conn, HlEvent *event)
{
  Storage *storage = (Storage *) conn;
  HlEvent *newest;

  if (!event->in_connection)
    {
      hl_event_free (event);
      return;
    }
  hl_event_free (event);   /* its members */
  newest = storage->blocks ? &storage->blocks->events[storage->used - 1]
                           : &storage->inline_events[storage->used - 1];
  /* the newest slot is handed out again: a connection that keeps making
   * events past its cap does not grow */
  if (event == newest)
    storage->used--;
}

HlTlsInfo *
hl_connection_ensure_tls (HlConnection *conn)
{
  if (conn->tls == NULL)
    {
      conn->tls = &((Storage *) conn)->tls;   /* zeroed with the connection */
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
