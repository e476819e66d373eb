#include "event.h"
#include "i18n.h"
#include "tls-names.h"
#include <string.h>

void
hl_event_init (HlEvent *e, HlEventKind kind, HlDirection dir, guint64 frame, gint64 ts_ns)
{
  memset (e, 0, sizeof *e);
  e->kind = kind;
  e->dir = dir;
  e->frame = frame;
  e->first_frame = frame;
  e->last_frame = frame;
  e->ts_ns = ts_ns;
}

HlEvent *
hl_event_new (HlEventKind kind, HlDirection dir, guint64 frame, gint64 ts_ns)
{
  HlEvent *e = g_new (HlEvent, 1);
  hl_event_init (e, kind, dir, frame, ts_ns);
  return e;
}

void
hl_event_free (HlEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->text);
  g_clear_pointer (&event->bytes_data, g_bytes_unref);
  hl_field_free (event->fields);
  if (!event->in_connection)
    g_free (event);
}

const char *
hl_direction_to_string (HlDirection dir)
{
  return dir == HL_DIR_C2S ? "c2s" : "s2c";
}

static const char * const kind_names[] = {
  [HL_EVENT_TCP_SYN] = "syn",
  [HL_EVENT_TCP_SYN_ACK] = "syn_ack",
  [HL_EVENT_TCP_ACK] = "ack",
  [HL_EVENT_TCP_FIN] = "fin",
  [HL_EVENT_TCP_RST] = "rst",
  [HL_EVENT_TCP_RETRANSMISSION] = "retransmission",
  [HL_EVENT_TCP_ZERO_WINDOW] = "zero_window",
  [HL_EVENT_TCP_GAP] = "gap",
  [HL_EVENT_PLAINTEXT] = "plaintext",
  [HL_EVENT_TLS_HANDSHAKE] = "handshake",
  [HL_EVENT_TLS_CCS] = "change_cipher_spec",
  [HL_EVENT_TLS_ALERT] = "alert",
  [HL_EVENT_TLS_ENCRYPTED] = "encrypted",
  [HL_EVENT_TLS_APP_DATA] = "app_data",
  [HL_EVENT_TLS_HEARTBEAT] = "heartbeat",
  [HL_EVENT_TLS_SSL2] = "sslv2",
};

const char *
hl_event_kind_to_string (HlEventKind kind)
{
  if ((guint) kind < G_N_ELEMENTS (kind_names) && kind_names[kind])
    return kind_names[kind];
  return "unknown";
}

const char *
hl_event_message_name (const HlEvent *event, char *buf, gsize len)
{
  const char *name;

  if (event->hrr)
    return "hello_retry_request";
  name = hl_tls_handshake_type_name (event->tls_type);
  if (name)
    return name;
  g_snprintf (buf, len, "unknown_%u", event->tls_type);
  return buf;
}

static char *
format_size (guint64 bytes)
{
  return g_format_size (bytes);
}

char *
hl_event_label (const HlEvent *event)
{
  switch (event->kind)
    {
    case HL_EVENT_TCP_SYN:
      return g_strdup (_("SYN"));
    case HL_EVENT_TCP_SYN_ACK:
      return g_strdup (_("SYN, ACK"));
    case HL_EVENT_TCP_ACK:
      return g_strdup (_("ACK"));
    case HL_EVENT_TCP_FIN:
      return g_strdup (_("FIN"));
    case HL_EVENT_TCP_RST:
      return g_strdup (_("RST"));
    case HL_EVENT_TCP_RETRANSMISSION:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Retransmission", "%llu retransmissions",
                                           event->count), (unsigned long long) event->count);
    case HL_EVENT_TCP_ZERO_WINDOW:
      return g_strdup (_("Zero window"));
    case HL_EVENT_TCP_GAP:
      return g_strdup_printf (_("%llu bytes missing from the capture"), (unsigned long long) event->count);
    case HL_EVENT_PLAINTEXT:
      return g_strdup_printf ("“%s”", event->text ? event->text : "");
    case HL_EVENT_TLS_HANDSHAKE:
      {
        const char *title = event->hrr ? "HelloRetryRequest" : hl_tls_handshake_type_title (event->tls_type);
        if (title)
          return g_strdup (title);
        return g_strdup_printf (_("Handshake message %u"), event->tls_type);
      }
    case HL_EVENT_TLS_CCS:
      return g_strdup ("ChangeCipherSpec");
    case HL_EVENT_TLS_ALERT:
      {
        const char *name = hl_tls_alert_name (event->tls_type);
        g_autofree char *fallback = g_strdup_printf ("%u", event->tls_type);
        return g_strdup_printf (event->alert_level == 2 ? _("Alert (fatal): %s")
                                : event->alert_level == 1 ? _("Alert (warning): %s")
                                : _("Alert: %s"), name ? name : fallback);
      }
    case HL_EVENT_TLS_ENCRYPTED:
      if (event->tls_type == 21)
        return g_strdup (_("Encrypted alert"));
      return g_strdup (_("Encrypted handshake record"));
    case HL_EVENT_TLS_APP_DATA:
      {
        g_autofree char *up = format_size (event->app_bytes[HL_DIR_C2S]);
        g_autofree char *down = format_size (event->app_bytes[HL_DIR_S2C]);
        return g_strdup_printf (_("Application data: %llu records, %s up, %s down"),
                                (unsigned long long) event->count, up, down);
      }
    case HL_EVENT_TLS_HEARTBEAT:
      return g_strdup (_("Heartbeat"));
    case HL_EVENT_TLS_SSL2:
      return g_strdup (_("SSLv2 record"));
    }
  return g_strdup ("?");
}

gboolean
hl_event_is_failure (const HlEvent *event)
{
  return (event->kind == HL_EVENT_TLS_ALERT && event->alert_level == 2) ||
         event->kind == HL_EVENT_TCP_RST;
}
