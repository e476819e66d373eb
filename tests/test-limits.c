/* Limits: every cap that keeps hostile or huge input from taking unbounded
 * memory or time, each driven past its edge.  Captures are built in memory
 * (tests/pcap-builder.h). */
#include <sys/resource.h>
#include <unistd.h>

#include "capture-reader.h"
#include "certificate.h"
#include "engine.h"
#include "hl-error.h"
#include "ip-defrag.h"
#include "keylog.h"
#include "tcp-tracker.h"
#include "pcap-builder.h"

#define CLIENT PB_IP (192, 0, 2, 1)
#define SERVER PB_IP (198, 51, 100, 7)

/* Peak resident set of this process so far, in KiB. */
static glong
max_rss_kib (void)
{
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static HlEngine *
run_retained (PcapBuilder *b, GError **error)
{
  g_autofree char *path = pb_write_temp (b);
  HlEngine *e = hl_engine_new ();

  hl_engine_set_retain (e, TRUE);
  hl_engine_process_file (e, path, NULL, error);
  g_unlink (path);
  return e;
}

static HlConnection *
conn_nth (HlEngine *e, guint i)
{
  GPtrArray *conns = hl_engine_get_connections (e);
  g_assert_cmpuint (i, <, conns->len);
  return g_ptr_array_index (conns, i);
}

/* ---- connections ------------------------------------------------------ */

/* Past the cap of open connections the least recently active one goes. */
static void
test_connection_cap (void)
{
  PcapBuilder *b = pb_new ();
  PbConn c[4];
  g_autofree char *path = NULL;
  HlEngine *e = hl_engine_new ();
  HlConnection *evicted;

  for (int i = 0; i < 4; i++)
    c[i] = pb_conn (b, CLIENT, 40000 + i, SERVER, 443);
  pb_handshake (&c[0]);                                  /* 1-3 */
  pb_handshake (&c[1]);                                  /* 4-6 */
  pb_handshake (&c[2]);                                  /* 7-9 */
  pb_data (&c[0], TRUE, (const guint8 *) "ping", 4);     /* 10: the first is active again */
  pb_handshake (&c[3]);                                  /* 11: the second goes */
  path = pb_write_temp (b);
  hl_engine_set_retain (e, TRUE);
  hl_engine_set_limits (e, 3, 0);
  g_assert_true (hl_engine_process_file (e, path, NULL, NULL));
  g_unlink (path);

  g_assert_cmpuint (hl_engine_get_stats (e)->evicted, ==, 1);
  g_assert_cmpuint (hl_engine_get_stats (e)->connections, ==, 4);
  evicted = conn_nth (e, 1);
  g_assert_cmpuint (evicted->client.port, ==, 40001);
  g_assert_cmpuint (evicted->notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (evicted->notes, 0), ==, "evicted after 3 open connections");
  for (guint i = 0; i < conn_nth (e, 0)->notes->len; i++)
    g_assert_null (strstr (g_ptr_array_index (conn_nth (e, 0)->notes, i), "evicted"));
  g_assert_cmpuint (conn_nth (e, 0)->payload_bytes[HL_DIR_C2S], ==, 4);
  hl_engine_free (e);
  pb_free (b);
}

/* ---- reassembly ------------------------------------------------------- */

typedef struct {
  guint64 delivered, gaps;
} Counts;

static void
count_data (HlConnection *conn, HlDirection dir, const guint8 *data, gsize len,
            guint64 frame, gint64 ts_ns, gpointer user_data)
{
  ((Counts *) user_data)->delivered += len;
}

static void
count_gap (HlConnection *conn, HlDirection dir, guint64 bytes, guint64 frame, gpointer user_data)
{
  ((Counts *) user_data)->gaps += bytes;
}

static HlSegment
segment (guint64 frame, guint32 seq, guint8 flags, const guint8 *payload, guint32 len)
{
  HlSegment s = { 0 };

  s.frame = frame;
  s.ts_ns = (gint64) frame * 1000;
  s.src.family = s.dst.family = 4;
  s.src.addr[0] = 192; s.src.addr[3] = 1; s.src.port = 40000;
  s.dst.addr[0] = 198; s.dst.addr[3] = 7; s.dst.port = 443;
  s.seq = seq;
  s.flags = flags;
  s.window = 1000;
  s.wscale = -1;
  s.payload = payload;
  s.payload_len = s.payload_wire_len = len;
  return s;
}

/* A hole at the start of the stream and 4 MB behind it: the out-of-order
 * buffer never holds more than its cap; the hole is given up and reported. */
static void
test_reassembly_cap (void)
{
  static const HlTcpTrackerCallbacks cb = { NULL, count_data, count_gap, NULL };
  Counts n = { 0 };
  HlTcpTracker *t = hl_tcp_tracker_new (&cb, &n);
  g_autofree guint8 *data = g_malloc0 (1000);
  HlSegment s = segment (1, 1000, HL_TCP_SYN, NULL, 0);
  guint64 frame = 1;

  hl_tcp_tracker_add (t, &s);
  /* bytes 1001..1100 never come */
  for (guint i = 0; i < 4096; i++)
    {
      s = segment (++frame, 1101 + i * 1000, HL_TCP_ACK, data, 1000);
      hl_tcp_tracker_add (t, &s);
    }
  g_assert_cmpuint (hl_tcp_tracker_stats (t)->buffered_bytes_peak, <=, 256 * 1024);
  g_assert_cmpuint (hl_tcp_tracker_stats (t)->buffered_bytes_peak, >, 200 * 1024);
  g_assert_cmpuint (n.gaps, ==, 100);
  g_assert_cmpuint (n.delivered, ==, 4096 * 1000);

  /* many tiny, separate out-of-order pieces: the chunk count is capped too */
  n.gaps = n.delivered = 0;
  for (guint i = 0; i < 20000; i++)
    {
      s = segment (++frame, 1101 + 4096 * 1000 + 10 + i * 2, HL_TCP_ACK, data, 1);
      hl_tcp_tracker_add (t, &s);
    }
  g_assert_cmpuint (n.delivered, >, 18000);
  hl_tcp_tracker_flush (t);
  g_assert_cmpuint (n.delivered, ==, 20000);
  /* the first 10-byte hole and the 1-byte holes between the pieces */
  g_assert_cmpuint (n.gaps, ==, 10 + 19999);
  hl_tcp_tracker_free (t);
}

/* ---- events ----------------------------------------------------------- */

/* A connection that toggles its window to zero 5000 times: the timeline
 * keeps 4096 TCP events, the count keeps going, a note says so. */
static void
test_tcp_event_cap (void)
{
  PcapBuilder *b = pb_new ();
  PbConn c = pb_conn (b, CLIENT, 40000, SERVER, 443);
  HlEngine *e;
  HlConnection *conn;

  pb_handshake (&c);
  for (int i = 0; i < 5000; i++)
    {
      pb_add_tcp_full (b, SERVER, 443, CLIENT, 40000, c.sseq, c.cseq, PB_ACK, 0, NULL, 0);
      pb_add_tcp_full (b, SERVER, 443, CLIENT, 40000, c.sseq, c.cseq, PB_ACK, 100, NULL, 0);
    }
  e = run_retained (b, NULL);
  conn = conn_nth (e, 0);
  g_assert_cmpuint (conn->zero_windows, ==, 5000);
  g_assert_cmpuint (conn->events->len, ==, 4096);
  g_assert_cmpuint (conn->notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (conn->notes, 0), ==,
                   "more than 4096 TCP events; later ones are only counted");
  hl_engine_free (e);
  pb_free (b);
}

/* 200,000 warning alerts (close_notify, plaintext) on one connection: the
 * timeline keeps 2000 TLS events and says so.  Events past the cap are
 * made and given back: the connection's event storage hands the same slot
 * out again, so memory does not grow with the alerts that follow. */
static void
test_tls_event_cap (void)
{
  PcapBuilder *b = pb_new ();
  PbConn c = pb_conn (b, CLIENT, 40000, SERVER, 443);
  enum { PER_SEGMENT = 200, SEGMENTS = 1000 };
  guint8 seg[PER_SEGMENT * 7];
  HlEngine *e;
  HlConnection *conn;
  glong rss_before;
  guint alerts = 0;

  for (guint i = 0; i < PER_SEGMENT; i++)
    {
      guint8 *r = seg + i * 7;
      r[0] = 21; r[1] = 3; r[2] = 3; r[3] = 0; r[4] = 2;   /* alert record, 2 bytes */
      r[5] = 1; r[6] = 0;                                  /* warning, close_notify */
    }
  pb_handshake (&c);
  for (guint i = 0; i < SEGMENTS; i++)
    pb_data (&c, TRUE, seg, sizeof seg);
  pb_close (&c);
  rss_before = max_rss_kib ();
  e = run_retained (b, NULL);
  conn = conn_nth (e, 0);
  for (guint i = 0; i < conn->events->len; i++)
    if (((HlEvent *) g_ptr_array_index (conn->events, i))->kind == HL_EVENT_TLS_ALERT)
      alerts++;
  /* the cap counts the whole timeline: SYN, SYN-ACK, ACK and 1997 alerts;
   * the TCP layer's FINs come after it (it has its own cap) */
  g_assert_cmpuint (alerts, ==, 1997);
  g_assert_cmpuint (conn->events->len, ==, 2000 + 2);
  g_assert_cmpuint (conn->payload_bytes[HL_DIR_C2S], ==, (guint64) SEGMENTS * sizeof seg);
  g_assert_nonnull (strstr (g_ptr_array_index (conn->notes, 0),
                            "more than 2000 events on this connection; later ones are not recorded"));
  /* 198,000 events made past the cap would be over 25 MB if each kept its
   * slot.  (AddressSanitizer keeps freed memory in quarantine, so the
   * field trees made and freed for each alert count there.) */
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpint (max_rss_kib () - rss_before, <, 8 * 1024);
#else
  (void) rss_before;
#endif
  hl_engine_free (e);
  pb_free (b);
}

/* hl_connection_drop_event gives the newest slot back. */
static void
test_event_storage_reuse (void)
{
  HlConnection *conn = hl_connection_new ();
  HlEvent *kept[40];
  HlEvent *a, *b;

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      kept[i] = hl_connection_new_event (conn, HL_EVENT_TLS_ALERT, HL_DIR_C2S, i + 1, 0);
      hl_connection_add_event (conn, kept[i]);
    }
  a = hl_connection_new_event (conn, HL_EVENT_TLS_ALERT, HL_DIR_C2S, 99, 0);
  a->text = g_strdup ("freed with the slot's members");
  hl_connection_drop_event (conn, a);
  b = hl_connection_new_event (conn, HL_EVENT_TLS_CCS, HL_DIR_S2C, 100, 0);
  g_assert_true (a == b);
  g_assert_null (b->text);
  g_assert_cmpint (b->kind, ==, HL_EVENT_TLS_CCS);
  hl_connection_drop_event (conn, b);
  /* earlier events are untouched */
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_cmpuint (kept[i]->frame, ==, i + 1);
  hl_connection_free (conn);
}

/* ---- capture files ---------------------------------------------------- */

static GError *
read_all (const guint8 *bytes, gsize len, gsize *buffer_size, guint *frames)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) open_error = NULL;
  GError *error = NULL;
  HlCaptureReader *r;
  HlFrame f;
  int fd = g_file_open_tmp ("hl-limits-XXXXXX", &path, NULL);

  close (fd);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, len, NULL));
  r = hl_capture_reader_open (path, &open_error);
  g_assert_no_error (open_error);
  *frames = 0;
  while (hl_capture_reader_next (r, &f, &error))
    (*frames)++;
  *buffer_size = hl_capture_reader_buffer_size (r);
  hl_capture_reader_free (r);
  g_unlink (path);
  return error;
}

/* A pcap record header that claims 4 GB. */
static void
test_pcap_record_4gb (void)
{
  PcapBuilder *b = pb_new ();
  PbConn c = pb_conn (b, CLIENT, 40000, SERVER, 443);
  g_autoptr(GError) error = NULL;
  gsize buffer;
  guint frames;
  guint32 hdr[4] = { 1700000000, 0, 0xffffffffu, 0xffffffffu };

  pb_handshake (&c);
  g_byte_array_append (b->buf, (const guint8 *) hdr, sizeof hdr);
  g_byte_array_append (b->buf, (const guint8 *) "garbage", 7);
  error = read_all (b->buf->data, b->buf->len, &buffer, &frames);
  g_assert_error (error, HL_ERROR, HL_ERROR_CORRUPT);
  g_assert_cmpuint (frames, ==, 3);
  g_assert_cmpuint (buffer, <=, 1024 * 1024);
  pb_free (b);
}

/* pcapng blocks that claim 2 GB, and 15 MB (under the 16 MB block cap) in
 * a file of a few hundred bytes. */
static void
test_pcapng_block_sizes (void)
{
  static const guint32 sizes[] = { 0x80000000u, 15u * 1024 * 1024 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      PcapBuilder *b = pb_new_pcapng ();
      PbConn c = pb_conn (b, CLIENT, 40000, SERVER, 443);
      g_autoptr(GError) error = NULL;
      gsize buffer;
      guint frames;
      guint32 hdr[2] = { 6, sizes[i] };
      int code = i == 0 ? HL_ERROR_CORRUPT : HL_ERROR_TRUNCATED;

      pb_handshake (&c);
      g_byte_array_append (b->buf, (const guint8 *) hdr, sizeof hdr);
      g_byte_array_append (b->buf, (const guint8 *) "0123456789abcdef0123456789abcdef", 32);
      error = read_all (b->buf->data, b->buf->len, &buffer, &frames);
      g_assert_error (error, HL_ERROR, code);
      g_assert_cmpuint (frames, ==, 3);
      /* the window never grew past its first size: nothing to put in it */
      g_assert_cmpuint (buffer, <=, 1024 * 1024);
      pb_free (b);
    }
}

/* A real 3 MB block: the window grows to it (and no further). */
static void
test_pcapng_big_block (void)
{
  PcapBuilder *b = pb_new_pcapng ();
  g_autofree char *text = g_malloc (3 * 1024 * 1024 + 1);
  g_autoptr(GError) error = NULL;
  gsize buffer;
  guint frames;

  memset (text, '#', 3 * 1024 * 1024);
  text[3 * 1024 * 1024] = 0;
  pb_add_dsb (b, text);
  error = read_all (b->buf->data, b->buf->len, &buffer, &frames);
  g_assert_no_error (error);
  g_assert_cmpuint (frames, ==, 0);
  g_assert_cmpuint (buffer, >=, 3 * 1024 * 1024);
  g_assert_cmpuint (buffer, <=, 4 * 1024 * 1024);
  pb_free (b);
}

/* Frame times outside [0, 2^32 s] (a corrupt pcapng time near 2^63 ns)
 * are clamped, so no later difference of two times can overflow. */
static void
test_timestamp_clamp (void)
{
  PcapBuilder *b = pb_new_pcapng ();
  PbConn c = pb_conn (b, CLIENT, 40000, SERVER, 443);
  g_autofree char *path = NULL;
  g_autoptr(HlCaptureReader) r = NULL;
  HlFrame f;

  pb_handshake (&c);
  /* the second EPB (after SHB 28 + IDB 20 + first EPB): timestamp
   * 9.15e15 microseconds, 9.15e18 ns */
  {
    guint8 *epb = b->buf->data + 28 + 20 + 32 + ((14 + 20 + 20 + 3) & ~3u);
    guint64 ts = G_GUINT64_CONSTANT (9150000000000000);
    guint32 hi = ts >> 32, lo = (guint32) ts;

    g_assert_cmpuint (((guint32 *) epb)[0], ==, 6);
    memcpy (epb + 12, &hi, 4);
    memcpy (epb + 16, &lo, 4);
  }
  path = pb_write_temp (b);
  r = hl_capture_reader_open (path, NULL);
  g_unlink (path);
  g_assert_true (hl_capture_reader_next (r, &f, NULL));
  g_assert_cmpint (f.ts_ns, ==, G_GINT64_CONSTANT (1700000000) * 1000000000);
  g_assert_true (hl_capture_reader_next (r, &f, NULL));
  g_assert_cmpint (f.ts_ns, ==, G_GINT64_CONSTANT (4294967296) * 1000000000);
  pb_free (b);
}

/* ---- fragments -------------------------------------------------------- */

/* 2000 datagrams that never complete: at most 256 held, at most 4 MB. */
static void
test_fragment_caps (void)
{
  HlIpDefrag *d = hl_ip_defrag_new (4 * 1024 * 1024, 256, 20000);
  g_autofree guint8 *data = g_malloc0 (1400);
  const guint8 *out;
  gsize out_len;
  guint8 upper;
  const char *reason = NULL;
  HlDefragKey key = { 4, 6, 0, { 192, 0, 2, 1 }, { 198, 51, 100, 7 } };

  for (guint i = 0; i < 2000; i++)
    {
      key.id = i;
      g_assert_cmpint (hl_ip_defrag_add (d, &key, i, 0, TRUE, 6, data, 1400, &out, &out_len,
                                         &upper, &reason), ==, HL_DEFRAG_HELD);
      g_assert_cmpuint (hl_ip_defrag_pending (d), <=, 256);
      g_assert_cmpuint (hl_ip_defrag_held_bytes (d), <=, 4 * 1024 * 1024 + 65536);
    }
  g_assert_cmpuint (hl_ip_defrag_stats (d)->evicted, ==, 2000 - 256);
  /* a fragment that would end past 64 KiB */
  key.id = 5000;
  g_assert_cmpint (hl_ip_defrag_add (d, &key, 2000, 65528, FALSE, 6, data, 1400, &out, &out_len,
                                     &upper, &reason), ==, HL_DEFRAG_INVALID);
  g_assert_nonnull (reason);
  hl_ip_defrag_free (d);
}

/* ---- certificates ----------------------------------------------------- */

static void
test_certificate_size (void)
{
  g_autofree guint8 *der = g_malloc0 (100 * 1024);
  HlCertificate *c;

  /* a SEQUENCE header claiming the whole buffer */
  der[0] = 0x30;
  der[1] = 0x83;
  der[2] = 0x01;
  der[3] = 0x8f;
  der[4] = 0xfc;
  c = hl_certificate_new_from_der (der, 100 * 1024);
  g_assert_nonnull (c->parse_error);
  g_assert_nonnull (strstr (c->parse_error, "64 KiB limit"));
  g_assert_null (c->subject_cn);
  hl_certificate_unref (c);
}

/* ---- key logs --------------------------------------------------------- */

#define KEY_LINE(b) "CLIENT_RANDOM " b b b b b b b b b b b b b b b b b b b b b b b b b b b b b b b b \
  " 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f\n"

/* A key log of 100 MB: the first 64 MB count, the file is read in small
 * pieces (memory does not grow with it), the rest is counted as dropped. */
static void
test_keylog_100mb (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chunk = g_malloc (1024 * 1024);
  HlKeylog *k = hl_keylog_new ();
  FILE *f;
  int fd = g_file_open_tmp ("hl-limits-XXXXXX.keylog", &path, NULL);
  guint8 random[32];
  gsize len;
  glong rss_before;

  f = fdopen (fd, "wb");
  fputs (KEY_LINE ("01"), f);
  /* comment lines of 64 bytes: 100 MiB */
  for (guint i = 0; i < 1024 * 1024; i += 64)
    {
      memset (chunk + i, 'x', 63);
      chunk[i] = '#';
      chunk[i + 63] = '\n';
    }
  for (guint i = 0; i < 100; i++)
    fwrite (chunk, 1, 1024 * 1024, f);
  fputs (KEY_LINE ("02"), f);
  fclose (f);
  g_clear_pointer (&chunk, g_free);

  rss_before = max_rss_kib ();
  g_assert_true (hl_keylog_load_file (k, path, &error));
  g_assert_no_error (error);
  g_unlink (path);
  /* never the whole file (nor the 64 MB kept) in memory at once */
  g_assert_cmpint (max_rss_kib () - rss_before, <, 16 * 1024);

  memset (random, 1, sizeof random);
  g_assert_nonnull (hl_keylog_lookup (k, "CLIENT_RANDOM", random, &len));
  memset (random, 2, sizeof random);
  g_assert_null (hl_keylog_lookup (k, "CLIENT_RANDOM", random, &len));
  g_assert_cmpuint (hl_keylog_size (k), ==, 1);
  g_assert_cmpuint (hl_keylog_stats (k)->over_limit, >, 500000);
  g_assert_cmpuint (hl_keylog_stats (k)->comments + hl_keylog_stats (k)->over_limit, ==, 100 * 16384 + 1);
  hl_keylog_unref (k);
}

/* A line without an end, longer than any real one, between two keys. */
static void
test_keylog_long_line (void)
{
  g_autofree char *path = NULL;
  HlKeylog *k = hl_keylog_new ();
  FILE *f;
  int fd = g_file_open_tmp ("hl-limits-XXXXXX.keylog", &path, NULL);
  guint8 random[32];
  gsize len;

  f = fdopen (fd, "wb");
  fputs (KEY_LINE ("01"), f);
  for (guint i = 0; i < 1000000; i++)
    fputc ('z', f);
  fputc ('\n', f);
  fputs (KEY_LINE ("02"), f);
  fclose (f);
  g_assert_true (hl_keylog_load_file (k, path, NULL));
  g_unlink (path);
  g_assert_cmpuint (hl_keylog_size (k), ==, 2);
  g_assert_cmpuint (hl_keylog_stats (k)->junk, ==, 1);
  g_assert_cmpuint (hl_keylog_stats (k)->first_junk_line, ==, 2);
  g_assert_cmpuint (hl_keylog_stats (k)->lines, ==, 3);
  memset (random, 2, sizeof random);
  g_assert_nonnull (hl_keylog_lookup (k, "CLIENT_RANDOM", random, &len));
  hl_keylog_unref (k);
}

/* ---- TLS -------------------------------------------------------------- */

/* A handshake message header that claims 16 MB, followed by 2 MB of
 * records: the connection is reported and memory does not follow the
 * claim. */
static void
test_tls_handshake_16mb (void)
{
  PcapBuilder *b = pb_new ();
  PbConn c = pb_conn (b, CLIENT, 40000, SERVER, 443);
  g_autofree guint8 *rec = g_malloc0 (5 + 16384);
  HlEngine *e;
  glong rss_before;

  pb_handshake (&c);
  for (guint i = 0; i < 128; i++)
    {
      rec[0] = 22;
      rec[1] = 3;
      rec[2] = 1;
      rec[3] = 0x40;
      rec[4] = 0x00;
      if (i == 0)
        {
          rec[5] = 1;        /* ClientHello */
          rec[6] = 0xff;     /* length 0xfffff0 */
          rec[7] = 0xff;
          rec[8] = 0xf0;
        }
      else
        rec[5] = rec[6] = rec[7] = rec[8] = 0x41;
      for (guint off = 0; off < 5 + 16384; off += 1400)
        pb_data (&c, TRUE, rec + off, MIN (1400, 5 + 16384 - off));
    }
  pb_close (&c);
  rss_before = max_rss_kib ();
  e = run_retained (b, NULL);
  g_assert_cmpuint (hl_engine_get_connections (e)->len, ==, 1);
  g_assert_cmpuint (conn_nth (e, 0)->payload_bytes[HL_DIR_C2S], ==, 128 * (5 + 16384));
  /* the parser may hold the 2 MB that came, not the 16 MB claimed */
  g_assert_cmpint (max_rss_kib () - rss_before, <, 12 * 1024);
  hl_engine_free (e);
  pb_free (b);
}

/* A Certificate message with 20 certificates: the chain kept is capped
 * (HL_TLS_MAX_CERTIFICATES in the TLS parser), the rest is noted. */
static void
append_u24 (GByteArray *b, guint32 v)
{
  guint8 p[3] = { v >> 16, v >> 8, v };
  g_byte_array_append (b, p, 3);
}

static void
append_record (GByteArray *out, const GByteArray *msg)
{
  for (guint off = 0; off < msg->len; off += 16384)
    {
      guint n = MIN (16384, msg->len - off);
      guint8 h[5] = { 22, 3, 3, n >> 8, n & 0xff };
      g_byte_array_append (out, h, 5);
      g_byte_array_append (out, msg->data + off, n);
    }
}

static void
test_certificate_chain_cap (void)
{
  PcapBuilder *b = pb_new ();
  PbConn c = pb_conn (b, CLIENT, 40000, SERVER, 443);
  g_autofree char *path = NULL;
  g_autofree char *der = NULL;
  gsize der_len;
  g_autoptr(GByteArray) ch = g_byte_array_new ();
  g_autoptr(GByteArray) sh = g_byte_array_new ();
  g_autoptr(GByteArray) cert = g_byte_array_new ();
  g_autoptr(GByteArray) wire = g_byte_array_new ();
  static const guint8 ch_body[] = {
    0x03, 0x03, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
    0x00, 0x00, 0x02, 0xc0, 0x2f, 0x01, 0x00,
  };
  static const guint8 sh_body[] = {
    0x03, 0x03, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
    9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
    0x00, 0xc0, 0x2f, 0x00,
  };
  HlEngine *e;
  HlConnection *conn;

  path = g_build_filename (g_getenv ("HL_TEST_DATA"), "certs", "leaf.der", NULL);
  g_assert_true (g_file_get_contents (path, &der, &der_len, NULL));

  g_byte_array_append (ch, (const guint8 *) "\x01", 1);
  append_u24 (ch, sizeof ch_body);
  g_byte_array_append (ch, ch_body, sizeof ch_body);
  g_byte_array_append (sh, (const guint8 *) "\x02", 1);
  append_u24 (sh, sizeof sh_body);
  g_byte_array_append (sh, sh_body, sizeof sh_body);
  g_byte_array_append (cert, (const guint8 *) "\x0b", 1);
  append_u24 (cert, 3 + 20 * (3 + der_len));
  append_u24 (cert, 20 * (3 + der_len));
  for (int i = 0; i < 20; i++)
    {
      append_u24 (cert, der_len);
      g_byte_array_append (cert, (const guint8 *) der, der_len);
    }

  pb_handshake (&c);
  append_record (wire, ch);
  pb_data (&c, TRUE, wire->data, wire->len);
  g_byte_array_set_size (wire, 0);
  append_record (wire, sh);
  append_record (wire, cert);
  for (guint off = 0; off < wire->len; off += 1400)
    pb_data (&c, FALSE, wire->data + off, MIN (1400, wire->len - off));
  pb_close (&c);

  e = run_retained (b, NULL);
  conn = conn_nth (e, 0);
  g_assert_nonnull (conn->tls);
  g_assert_cmpuint (conn->tls->server_certificates->len, ==, 16);
  g_assert_cmpstr (((HlCertificate *) g_ptr_array_index (conn->tls->server_certificates, 15))->subject_cn,
                   ==, "www.example.test");
  {
    gboolean noted = FALSE;
    for (guint i = 0; i < conn->notes->len; i++)
      noted |= strstr (g_ptr_array_index (conn->notes, i), "has 20 certificates; only the first 16") != NULL;
    g_assert_true (noted);
  }
  hl_engine_free (e);
  pb_free (b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/limits/connections", test_connection_cap);
  g_test_add_func ("/limits/reassembly", test_reassembly_cap);
  g_test_add_func ("/limits/tcp-events", test_tcp_event_cap);
  g_test_add_func ("/limits/tls-events", test_tls_event_cap);
  g_test_add_func ("/limits/event-storage", test_event_storage_reuse);
  g_test_add_func ("/limits/pcap-record-4gb", test_pcap_record_4gb);
  g_test_add_func ("/limits/pcapng-block-sizes", test_pcapng_block_sizes);
  g_test_add_func ("/limits/pcapng-big-block", test_pcapng_big_block);
  g_test_add_func ("/limits/timestamps", test_timestamp_clamp);
  g_test_add_func ("/limits/fragments", test_fragment_caps);
  g_test_add_func ("/limits/certificate-size", test_certificate_size);
  g_test_add_func ("/limits/keylog-100mb", test_keylog_100mb);
  g_test_add_func ("/limits/keylog-long-line", test_keylog_long_line);
  g_test_add_func ("/limits/tls-handshake-16mb", test_tls_handshake_16mb);
  g_test_add_func ("/limits/certificate-chain", test_certificate_chain_cap);
  return g_test_run ();
}
