/* Builds small synthetic captures in memory for the engine tests: pcap
 * (Ethernet / IPv4 / TCP or UDP) and pcapng with Decryption Secrets Blocks.
 * Checksums are left zero (the decoder does not check them). */
#pragma once
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#define PB_SYN 0x02
#define PB_FIN 0x01
#define PB_RST 0x04
#define PB_PSH 0x08
#define PB_ACK 0x10

typedef struct {
  GByteArray *buf;
  gint64      ts_us;     /* timestamp of the next frame; advanced by step_us */
  gint64      step_us;
  guint       frames;
  gboolean    pcapng;
} PcapBuilder;

static inline void
pb_put32 (GByteArray *b, guint32 v)
{
  g_byte_array_append (b, (const guint8 *) &v, 4);   /* little-endian host */
}

static inline void
pb_put16 (GByteArray *b, guint16 v)
{
  g_byte_array_append (b, (const guint8 *) &v, 2);
}

static inline void
pb_put16be (guint8 *p, guint16 v)
{
  p[0] = v >> 8;
  p[1] = v & 0xff;
}

static inline void
pb_put32be (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static inline PcapBuilder *
pb_new (void)
{
  PcapBuilder *b = g_new0 (PcapBuilder, 1);

  b->buf = g_byte_array_new ();
  b->ts_us = G_GINT64_CONSTANT (1700000000) * 1000000;
  b->step_us = 1000;
  pb_put32 (b->buf, 0xa1b2c3d4);
  pb_put16 (b->buf, 2);
  pb_put16 (b->buf, 4);
  pb_put32 (b->buf, 0);
  pb_put32 (b->buf, 0);
  pb_put32 (b->buf, 262144);
  pb_put32 (b->buf, 1);   /* Ethernet */
  return b;
}

static inline void
pb_pad4 (GByteArray *b)
{
  static const guint8 zero[4] = { 0 };
  if (b->len % 4)
    g_byte_array_append (b, zero, 4 - b->len % 4);
}

/* pcapng: SHB and one Ethernet IDB (microsecond timestamps). */
static inline PcapBuilder *
pb_new_pcapng (void)
{
  PcapBuilder *b = g_new0 (PcapBuilder, 1);

  b->buf = g_byte_array_new ();
  b->ts_us = G_GINT64_CONSTANT (1700000000) * 1000000;
  b->step_us = 1000;
  b->pcapng = TRUE;
  pb_put32 (b->buf, 0x0a0d0d0a);
  pb_put32 (b->buf, 28);
  pb_put32 (b->buf, 0x1a2b3c4d);
  pb_put16 (b->buf, 1);
  pb_put16 (b->buf, 0);
  pb_put32 (b->buf, 0xffffffff);
  pb_put32 (b->buf, 0xffffffff);
  pb_put32 (b->buf, 28);
  pb_put32 (b->buf, 1);
  pb_put32 (b->buf, 20);
  pb_put16 (b->buf, 1);   /* Ethernet */
  pb_put16 (b->buf, 0);
  pb_put32 (b->buf, 262144);
  pb_put32 (b->buf, 20);
  return b;
}

/* pcapng Decryption Secrets Block with TLS key log text. */
static inline void
pb_add_dsb (PcapBuilder *b, const char *keylog_text)
{
  gsize n = strlen (keylog_text);
  guint32 total = 20 + ((n + 3) & ~3u);

  g_assert_true (b->pcapng);
  pb_put32 (b->buf, 0x0a);
  pb_put32 (b->buf, total);
  pb_put32 (b->buf, 0x544c534b);
  pb_put32 (b->buf, n);
  g_byte_array_append (b->buf, (const guint8 *) keylog_text, n);
  pb_pad4 (b->buf);
  pb_put32 (b->buf, total);
}

/* One frame of raw link-layer bytes. */
static inline void
pb_add_frame (PcapBuilder *b, const guint8 *data, gsize len)
{
  gint64 ts = b->ts_us;

  b->ts_us += b->step_us;
  b->frames++;
  if (b->pcapng)
    {
      guint32 total = 32 + ((len + 3) & ~(gsize) 3);
      pb_put32 (b->buf, 6);
      pb_put32 (b->buf, total);
      pb_put32 (b->buf, 0);
      pb_put32 (b->buf, (guint32) ((guint64) ts >> 32));
      pb_put32 (b->buf, (guint32) ts);
      pb_put32 (b->buf, len);
      pb_put32 (b->buf, len);
      g_byte_array_append (b->buf, data, len);
      pb_pad4 (b->buf);
      pb_put32 (b->buf, total);
    }
  else
    {
      pb_put32 (b->buf, (guint32) (ts / 1000000));
      pb_put32 (b->buf, (guint32) (ts % 1000000));
      pb_put32 (b->buf, len);
      pb_put32 (b->buf, len);
      g_byte_array_append (b->buf, data, len);
    }
}

/* Ethernet + IPv4 (no options) + `proto` header bytes + payload. */
static inline void
pb_add_ip (PcapBuilder *b, guint8 proto, guint32 src, guint32 dst,
           const guint8 *l4, gsize l4_len)
{
  g_autofree guint8 *f = g_malloc0 (14 + 20 + l4_len);
  guint8 *ip = f + 14;

  f[12] = 0x08;                   /* IPv4 */
  ip[0] = 0x45;
  pb_put16be (ip + 2, 20 + l4_len);
  ip[6] = 0x40;                   /* DF */
  ip[8] = 64;
  ip[9] = proto;
  pb_put32be (ip + 12, src);
  pb_put32be (ip + 16, dst);
  memcpy (ip + 20, l4, l4_len);
  pb_add_frame (b, f, 14 + 20 + l4_len);
}

static inline void
pb_add_tcp_full (PcapBuilder *b, guint32 src, guint16 sport, guint32 dst, guint16 dport,
                 guint32 seq, guint32 ack, guint8 flags, guint16 window,
                 const guint8 *payload, gsize len)
{
  g_autofree guint8 *t = g_malloc0 (20 + len);

  pb_put16be (t, sport);
  pb_put16be (t + 2, dport);
  pb_put32be (t + 4, seq);
  pb_put32be (t + 8, ack);
  t[12] = 5 << 4;
  t[13] = flags;
  pb_put16be (t + 14, window);
  if (len)
    memcpy (t + 20, payload, len);
  pb_add_ip (b, 6, src, dst, t, 20 + len);
}

static inline void
pb_add_tcp (PcapBuilder *b, guint32 src, guint16 sport, guint32 dst, guint16 dport,
            guint32 seq, guint32 ack, guint8 flags, const char *payload)
{
  pb_add_tcp_full (b, src, sport, dst, dport, seq, ack, flags, 65535,
                   (const guint8 *) payload, payload ? strlen (payload) : 0);
}

/* A client/server pair; sequence numbers are tracked by the helpers below. */
typedef struct {
  PcapBuilder *b;
  guint32 cip, sip;
  guint16 cport, sport;
  guint32 cseq, sseq;   /* next sequence number of each side */
} PbConn;

static inline PbConn
pb_conn (PcapBuilder *b, guint32 cip, guint16 cport, guint32 sip, guint16 sport)
{
  PbConn c = { b, cip, sip, cport, sport, 1000, 5000 };
  return c;
}

static inline void
pb_handshake (PbConn *c)
{
  pb_add_tcp (c->b, c->cip, c->cport, c->sip, c->sport, c->cseq, 0, PB_SYN, NULL);
  pb_add_tcp (c->b, c->sip, c->sport, c->cip, c->cport, c->sseq, c->cseq + 1, PB_SYN | PB_ACK, NULL);
  c->cseq++;
  c->sseq++;
  pb_add_tcp (c->b, c->cip, c->cport, c->sip, c->sport, c->cseq, c->sseq, PB_ACK, NULL);
}

/* from_client: payload bytes from one side. */
static inline void
pb_data (PbConn *c, gboolean from_client, const guint8 *data, gsize len)
{
  if (from_client)
    {
      pb_add_tcp_full (c->b, c->cip, c->cport, c->sip, c->sport, c->cseq, c->sseq,
                       PB_ACK | PB_PSH, 65535, data, len);
      c->cseq += len;
    }
  else
    {
      pb_add_tcp_full (c->b, c->sip, c->sport, c->cip, c->cport, c->sseq, c->cseq,
                       PB_ACK | PB_PSH, 65535, data, len);
      c->sseq += len;
    }
}

/* FIN from the client, FIN-ACK from the server, final ACK. */
static inline void
pb_close (PbConn *c)
{
  pb_add_tcp (c->b, c->cip, c->cport, c->sip, c->sport, c->cseq, c->sseq, PB_FIN | PB_ACK, NULL);
  c->cseq++;
  pb_add_tcp (c->b, c->sip, c->sport, c->cip, c->cport, c->sseq, c->cseq, PB_FIN | PB_ACK, NULL);
  c->sseq++;
  pb_add_tcp (c->b, c->cip, c->cport, c->sip, c->sport, c->cseq, c->sseq, PB_ACK, NULL);
}

/* Writes the capture to a new temporary file; returns its path. */
static inline char *
pb_write_temp (PcapBuilder *b)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp (b->pcapng ? "hl-test-XXXXXX.pcapng" : "hl-test-XXXXXX.pcap",
                            &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, (const char *) b->buf->data, b->buf->len, NULL));
  return path;
}

static inline void
pb_free (PcapBuilder *b)
{
  g_byte_array_unref (b->buf);
  g_free (b);
}

#define PB_IP(a, b, c, d) (((guint32) (a) << 24) | ((b) << 16) | ((c) << 8) | (d))
