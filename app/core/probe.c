/* probe.c: connect, handshake, record; see probe.h. */
#include "config.h"
#include "probe.h"

#include <errno.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "capture-reader.h"
#include "hl-error.h"
#include "i18n.h"
#include "pcapng-writer.h"

#define MAX_RECORDED (4 * 1024 * 1024)
#define SEGMENT_MAX  16000
#define CLIENT_ISN   0x10000000u
#define SERVER_ISN   0x50000000u

typedef struct {
  gint64  ts_ns;
  GBytes *packet;   /* raw IP packet */
} ProbeFrame;

struct _HlProbeRecording {
  GPtrArray *frames;        /* ProbeFrame* */
  HlKeylog  *keylog;
  char      *tls_error;
  char      *peer;
  gint64     end_ts_ns;     /* when the probe gave up / finished */

  /* synthesis state */
  int        family;
  guint8     caddr[16], saddr[16];
  guint16    cport, sport;
  guint32    cseq, sseq;     /* next sequence number per side */
  gsize      recorded;
  GSocket   *socket;
  GCancellable *cancellable;
  gboolean   peer_closed, peer_reset;
};

static gint64
now_ns (void)
{
  return g_get_real_time () * 1000;
}

static void
probe_frame_free (ProbeFrame *f)
{
  g_bytes_unref (f->packet);
  g_free (f);
}

static guint16
ip_checksum (const guint8 *p, gsize len)
{
  guint32 sum = 0;
  for (gsize i = 0; i + 1 < len; i += 2)
    sum += (p[i] << 8) | p[i + 1];
  if (len & 1)
    sum += p[len - 1] << 8;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

/* Appends one synthesised TCP segment from the client (from_client) or the
 * server, advancing that side's sequence number. */
static void
add_segment (HlProbeRecording *rec, gboolean from_client, guint8 flags,
             const guint8 *payload, gsize len, gint64 ts_ns)
{
  guint8 *pkt;
  gsize ip_len = rec->family == 6 ? 40 : 20;
  gsize total = ip_len + 20 + len;
  guint8 *tcp;
  guint32 seq = from_client ? rec->cseq : rec->sseq;
  guint32 ack = from_client ? rec->sseq : rec->cseq;
  const guint8 *src = from_client ? rec->caddr : rec->saddr;
  const guint8 *dst = from_client ? rec->saddr : rec->caddr;
  ProbeFrame *f;

  pkt = g_malloc0 (total);
  if (rec->family == 6)
    {
      pkt[0] = 0x60;
      pkt[4] = (guint8) ((20 + len) >> 8);
      pkt[5] = (guint8) (20 + len);
      pkt[6] = 6;     /* TCP */
      pkt[7] = 64;
      memcpy (pkt + 8, src, 16);
      memcpy (pkt + 24, dst, 16);
    }
  else
    {
      pkt[0] = 0x45;
      pkt[2] = (guint8) (total >> 8);
      pkt[3] = (guint8) total;
      pkt[6] = 0x40;  /* DF */
      pkt[8] = 64;
      pkt[9] = 6;
      memcpy (pkt + 12, src, 4);
      memcpy (pkt + 16, dst, 4);
      {
        guint16 c = ip_checksum (pkt, 20);
        pkt[10] = c >> 8;
        pkt[11] = c & 0xff;
      }
    }
  tcp = pkt + ip_len;
  tcp[0] = (from_client ? rec->cport : rec->sport) >> 8;
  tcp[1] = (from_client ? rec->cport : rec->sport) & 0xff;
  tcp[2] = (from_client ? rec->sport : rec->cport) >> 8;
  tcp[3] = (from_client ? rec->sport : rec->cport) & 0xff;
  tcp[4] = seq >> 24; tcp[5] = seq >> 16; tcp[6] = seq >> 8; tcp[7] = seq;
  if (flags & 0x10)
    {
      tcp[8] = ack >> 24; tcp[9] = ack >> 16; tcp[10] = ack >> 8; tcp[11] = ack;
    }
  tcp[12] = 5 << 4;
  tcp[13] = flags;
  tcp[14] = 0xff; tcp[15] = 0xff;   /* window */
  if (len)
    memcpy (tcp + 20, payload, len);

  f = g_new0 (ProbeFrame, 1);
  f->ts_ns = ts_ns;
  f->packet = g_bytes_new_take (pkt, total);
  g_ptr_array_add (rec->frames, f);

  seq += len + ((flags & 0x03) ? 1 : 0);   /* SYN and FIN take one number */
  if (from_client)
    rec->cseq = seq;
  else
    rec->sseq = seq;
}

static void
add_data (HlProbeRecording *rec, gboolean from_client, const guint8 *data, gsize len)
{
  gint64 ts = now_ns ();
  if (rec->recorded + len > MAX_RECORDED)
    return;
  rec->recorded += len;
  while (len > 0)
    {
      gsize n = MIN (len, SEGMENT_MAX);
      add_segment (rec, from_client, 0x18 /* PSH ACK */, data, n, ts);
      data += n;
      len -= n;
    }
}

/* ---- GnuTLS transport and key log hooks -------------------------------- */

static ssize_t
push_func (gnutls_transport_ptr_t ptr, const void *data, size_t len)
{
  HlProbeRecording *rec = ptr;
  g_autoptr(GError) error = NULL;
  gssize n = g_socket_send (rec->socket, data, len, rec->cancellable, &error);

  if (n < 0)
    {
      gnutls_transport_set_errno (NULL, EPIPE);
      errno = EPIPE;
      return -1;
    }
  add_data (rec, TRUE, data, (gsize) n);
  return n;
}

static ssize_t
pull_func (gnutls_transport_ptr_t ptr, void *data, size_t len)
{
  HlProbeRecording *rec = ptr;
  g_autoptr(GError) error = NULL;
  gssize n;

  if (rec->peer_closed || rec->peer_reset)
    return 0;
  n = g_socket_receive (rec->socket, data, len, rec->cancellable, &error);
  if (n < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          errno = EAGAIN;
          return -1;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) ||
          strstr (error->message, "reset") != NULL)
        {
          rec->peer_reset = TRUE;
          add_segment (rec, FALSE, 0x14 /* RST ACK */, NULL, 0, now_ns ());
          return 0;
        }
      errno = EIO;
      return -1;
    }
  if (n == 0)
    {
      rec->peer_closed = TRUE;
      add_segment (rec, FALSE, 0x11 /* FIN ACK */, NULL, 0, now_ns ());
      return 0;
    }
  add_data (rec, FALSE, data, (gsize) n);
  return n;
}

static int
pull_timeout_func (gnutls_transport_ptr_t ptr, unsigned int ms)
{
  HlProbeRecording *rec = ptr;
  g_autoptr(GError) error = NULL;
  GIOCondition cond;

  if (rec->peer_closed || rec->peer_reset)
    return 1;   /* a read will return 0 at once */
  if (ms == GNUTLS_INDEFINITE_TIMEOUT)
    return 1;
  cond = g_socket_condition_timed_wait (rec->socket, G_IO_IN, (gint64) ms * 1000,
                                        rec->cancellable, &error) ? G_IO_IN : 0;
  return cond ? 1 : 0;
}

static int
keylog_func (gnutls_session_t session, const char *label, const gnutls_datum_t *secret)
{
  HlProbeRecording *rec = gnutls_session_get_ptr (session);
  gnutls_datum_t client_random, server_random;

  gnutls_session_get_random (session, &client_random, &server_random);
  if (client_random.size == 32)
    hl_keylog_add_secret (rec->keylog, label, client_random.data, secret->data, secret->size);
  return 0;
}

/* ---- the probe --------------------------------------------------------- */

gboolean
hl_probe_parse_target (const char *target, char **host, guint16 *port, GError **error)
{
  const char *colon;
  guint64 p = 443;

  *host = NULL;
  if (target == NULL || *target == '\0')
    goto bad;
  if (target[0] == '[')
    {
      const char *end = strchr (target, ']');
      if (end == NULL)
        goto bad;
      *host = g_strndup (target + 1, end - target - 1);
      if (end[1] == ':' && !g_ascii_string_to_unsigned (end + 2, 10, 1, 65535, &p, NULL))
        goto bad;
      else if (end[1] != ':' && end[1] != '\0')
        goto bad;
    }
  else if ((colon = strrchr (target, ':')) != NULL && strchr (target, ':') == colon)
    {
      *host = g_strndup (target, colon - target);
      if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &p, NULL))
        goto bad;
    }
  else
    *host = g_strdup (target);   /* a name, or a bare IPv6 address */
  if (**host == '\0')
    goto bad;
  *port = (guint16) p;
  return TRUE;

bad:
  g_clear_pointer (host, g_free);
  g_set_error (error, HL_ERROR, HL_ERROR_FAILED,
               _("“%s” is not a server address: use HOST, HOST:PORT or [IPv6]:PORT"),
               target ? target : "");
  return FALSE;
}

static void
fill_addr (GInetSocketAddress *sa, int *family, guint8 out[16], guint16 *port)
{
  GInetAddress *a = g_inet_socket_address_get_address (sa);
  gsize n = g_inet_address_get_native_size (a);
  memset (out, 0, 16);
  memcpy (out, g_inet_address_to_bytes (a), MIN (n, 16));
  *family = n == 16 ? 6 : 4;
  *port = g_inet_socket_address_get_port (sa);
}

static const char *
priority_for (int tls_version)
{
  switch (tls_version)
    {
    case 12: return "NORMAL:-VERS-ALL:+VERS-TLS1.2";
    case 13: return "NORMAL:-VERS-ALL:+VERS-TLS1.3";
    default: return "NORMAL";
    }
}

static void
run_tls (HlProbeRecording *rec, const HlProbeOptions *o, const char *sni)
{
  gnutls_certificate_credentials_t cred = NULL;
  gnutls_session_t session = NULL;
  int ret;

  gnutls_certificate_allocate_credentials (&cred);
  if (!o->no_verify)
    gnutls_certificate_set_x509_system_trust (cred);
  if (o->ca_file)
    gnutls_certificate_set_x509_trust_file (cred, o->ca_file, GNUTLS_X509_FMT_PEM);
  gnutls_init (&session, GNUTLS_CLIENT);
  gnutls_session_set_ptr (session, rec);
  gnutls_priority_set_direct (session, priority_for (o->tls_version), NULL);
  gnutls_credentials_set (session, GNUTLS_CRD_CERTIFICATE, cred);
  if (sni)
    gnutls_server_name_set (session, GNUTLS_NAME_DNS, sni, strlen (sni));
  if (o->alpn && *o->alpn)
    {
      g_auto(GStrv) protos = g_strsplit (o->alpn, ",", 8);
      gnutls_datum_t d[8];
      guint n = 0;
      for (; protos[n] && n < 8; n++)
        {
          d[n].data = (unsigned char *) protos[n];
          d[n].size = strlen (protos[n]);
        }
      gnutls_alpn_set_protocols (session, d, n, 0);
    }
  if (!o->no_verify)
    gnutls_session_set_verify_cert (session, sni, 0);
  gnutls_session_set_keylog_function (session, keylog_func);
  gnutls_transport_set_ptr (session, rec);
  gnutls_transport_set_push_function (session, push_func);
  gnutls_transport_set_pull_function (session, pull_func);
  gnutls_transport_set_pull_timeout_function (session, pull_timeout_func);
  gnutls_handshake_set_timeout (session, o->timeout_ms ? o->timeout_ms : 5000);

  do
    ret = gnutls_handshake (session);
  while (ret < 0 && !gnutls_error_is_fatal (ret));

  if (ret < 0)
    {
      if (ret == GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR)
        {
          gnutls_datum_t out = { 0 };
          unsigned status = gnutls_session_get_verify_cert_status (session);
          gnutls_certificate_verification_status_print (status, GNUTLS_CRT_X509, &out, 0);
          rec->tls_error = g_strdup ((const char *) out.data);
          gnutls_free (out.data);
        }
      else
        rec->tls_error = g_strdup (gnutls_strerror (ret));
      /* Tell the server, as a browser would; the alert is recorded. */
      if (!rec->peer_closed && !rec->peer_reset)
        gnutls_alert_send_appropriate (session, ret);
    }
  else
    {
      /* Post-handshake messages (TLS 1.3 tickets) arrive right after. */
      char buf[4096];
      gnutls_record_set_timeout (session, 300);
      while (!rec->peer_closed && !rec->peer_reset &&
             gnutls_record_recv (session, buf, sizeof buf) > 0)
        ;
      if (!rec->peer_closed && !rec->peer_reset)
        gnutls_bye (session, GNUTLS_SHUT_WR);
    }
  gnutls_deinit (session);
  gnutls_certificate_free_credentials (cred);
}

HlProbeRecording *
hl_probe_run (const HlProbeOptions *o, GCancellable *cancellable, GError **error)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GInetAddress) literal = NULL;
  GList *addrs = NULL;
  g_autoptr(GInetSocketAddress) remote = NULL;
  g_autoptr(GError) conn_error = NULL;
  HlProbeRecording *rec;
  guint timeout = o->timeout_ms ? o->timeout_ms : 5000;
  guint16 port = o->port ? o->port : 443;
  const char *sni;
  gint64 t0;

  literal = g_inet_address_new_from_string (o->host);
  if (literal)
    addrs = g_list_prepend (NULL, g_object_ref (literal));
  else
    {
      g_autoptr(GError) dns_error = NULL;
      addrs = g_resolver_lookup_by_name (resolver, o->host, cancellable, &dns_error);
      if (addrs == NULL)
        {
          g_set_error (error, HL_ERROR, HL_ERROR_NETWORK,
                       _("Could not find the server “%s”: %s. Check the name, or your DNS settings."),
                       o->host, dns_error->message);
          return NULL;
        }
    }
  remote = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (addrs->data, port));
  g_resolver_free_addresses (addrs);

  rec = g_new0 (HlProbeRecording, 1);
  rec->frames = g_ptr_array_new_with_free_func ((GDestroyNotify) probe_frame_free);
  rec->keylog = hl_keylog_new ();
  rec->cancellable = cancellable;
  rec->cseq = CLIENT_ISN;
  rec->sseq = SERVER_ISN;
  rec->peer = g_inet_address_to_string (g_inet_socket_address_get_address (remote));
  if (g_inet_address_get_family (g_inet_socket_address_get_address (remote)) == G_SOCKET_FAMILY_IPV6)
    {
      char *p = g_strdup_printf ("[%s]:%u", rec->peer, port);
      g_free (rec->peer);
      rec->peer = p;
    }
  else
    {
      char *p = g_strdup_printf ("%s:%u", rec->peer, port);
      g_free (rec->peer);
      rec->peer = p;
    }
  fill_addr (remote, &rec->family, rec->saddr, &rec->sport);

  rec->socket = g_socket_new (g_socket_address_get_family (G_SOCKET_ADDRESS (remote)),
                              G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (rec->socket == NULL)
    {
      hl_probe_recording_free (rec);
      return NULL;
    }
  g_socket_set_timeout (rec->socket, (timeout + 999) / 1000);
  g_socket_set_option (rec->socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);

  /* The client address is only known after connect; a SYN that fails has
   * none, so use the unspecified address's family twin. */
  t0 = now_ns ();
  if (!g_socket_connect (rec->socket, G_SOCKET_ADDRESS (remote), cancellable, &conn_error))
    {
      rec->cport = 49152 + g_random_int_range (0, 16000);
      memset (rec->caddr, 0, sizeof rec->caddr);
      add_segment (rec, TRUE, 0x02 /* SYN */, NULL, 0, t0);
      if (g_error_matches (conn_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
        {
          rec->cseq = CLIENT_ISN + 1;
          add_segment (rec, FALSE, 0x14 /* RST ACK */, NULL, 0, now_ns ());
          rec->tls_error = g_strdup (conn_error->message);
        }
      else
        rec->tls_error = g_strdup (conn_error->message);
      rec->end_ts_ns = now_ns ();
      g_clear_object (&rec->socket);
      return rec;
    }
  {
    g_autoptr(GSocketAddress) local = g_socket_get_local_address (rec->socket, NULL);
    int fam;
    if (local)
      fill_addr (G_INET_SOCKET_ADDRESS (local), &fam, rec->caddr, &rec->cport);
  }
  add_segment (rec, TRUE, 0x02 /* SYN */, NULL, 0, t0);
  add_segment (rec, FALSE, 0x12 /* SYN ACK */, NULL, 0, now_ns ());
  add_segment (rec, TRUE, 0x10 /* ACK */, NULL, 0, now_ns ());

  sni = o->sni;
  if (sni == NULL && literal == NULL)
    sni = o->host;
  run_tls (rec, o, sni);

  if (!rec->peer_reset)
    add_segment (rec, TRUE, 0x11 /* FIN ACK */, NULL, 0, now_ns ());
  g_socket_close (rec->socket, NULL);
  g_clear_object (&rec->socket);
  rec->end_ts_ns = now_ns ();
  return rec;
}

void
hl_probe_recording_feed (HlProbeRecording *rec, HlEngine *engine)
{
  g_autofree char *keys = hl_keylog_to_text (rec->keylog);

  hl_keylog_add_text (hl_engine_get_keylog (engine), keys, strlen (keys));
  for (guint i = 0; i < rec->frames->len; i++)
    {
      ProbeFrame *f = g_ptr_array_index (rec->frames, i);
      HlFrame frame = { 0 };
      gsize len;
      frame.number = i + 1;
      frame.ts_ns = f->ts_ns;
      frame.linktype = HL_LINKTYPE_RAW;
      frame.data = g_bytes_get_data (f->packet, &len);
      frame.caplen = frame.origlen = len;
      hl_engine_feed (engine, &frame);
    }
  hl_engine_note_time (engine, rec->end_ts_ns);
}

guint
hl_probe_recording_n_frames (HlProbeRecording *rec)
{
  return rec->frames->len;
}

const char *
hl_probe_recording_tls_error (HlProbeRecording *rec)
{
  return rec->tls_error;
}

const char *
hl_probe_recording_peer (HlProbeRecording *rec)
{
  return rec->peer;
}

HlKeylog *
hl_probe_recording_keylog (HlProbeRecording *rec)
{
  return rec->keylog;
}

gboolean
hl_probe_recording_save (HlProbeRecording *rec, const char *path, GError **error)
{
  g_autofree char *keys = hl_keylog_to_text (rec->keylog);
  HlPcapngWriter *w = hl_pcapng_writer_new_for_path (path, "Handshake Lens " PACKAGE_VERSION " (probe)", error);

  if (w == NULL)
    return FALSE;
  if (hl_pcapng_writer_add_interface (w, HL_LINKTYPE_RAW, 0, "probe", error) < 0 ||
      (*keys && !hl_pcapng_writer_write_tls_keylog (w, keys, -1, error)))
    {
      hl_pcapng_writer_free (w);
      return FALSE;
    }
  for (guint i = 0; i < rec->frames->len; i++)
    {
      ProbeFrame *f = g_ptr_array_index (rec->frames, i);
      gsize len;
      const guint8 *data = g_bytes_get_data (f->packet, &len);
      if (!hl_pcapng_writer_write_packet (w, 0, f->ts_ns, data, len, len, error))
        {
          hl_pcapng_writer_free (w);
          return FALSE;
        }
    }
  return hl_pcapng_writer_close (w, error);
}

void
hl_probe_recording_free (HlProbeRecording *rec)
{
  if (rec == NULL)
    return;
  g_ptr_array_unref (rec->frames);
  hl_keylog_unref (rec->keylog);
  g_clear_object (&rec->socket);
  g_free (rec->tls_error);
  g_free (rec->peer);
  g_free (rec);
}
