/* End-to-end engine tests on small synthetic captures built in memory:
 * output order, retain mode, the done-callback contract, stats, key logs
 * from Decryption Secrets Blocks, a capture that breaks off, and the bound
 * on connections waiting for output order. */
#include <arpa/inet.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "hl-error.h"
#include "pcap-builder.h"
#include "report.h"

#define CLIENT_A PB_IP (192, 0, 2, 1)
#define CLIENT_B PB_IP (192, 0, 2, 2)
#define SERVER   PB_IP (198, 51, 100, 7)

typedef struct {
  GArray     *ids;          /* guint64, in callback order */
  GArray     *first_frames; /* guint64 */
  GArray     *at_frame;     /* guint64: frames fed when the callback ran */
  GHashTable *seen;         /* id -> count */
  HlEngine   *engine;
} Done;

static void
on_done (HlConnection *conn, gpointer user_data)
{
  Done *d = user_data;
  guint64 at = hl_engine_get_stats (d->engine)->frames;
  gpointer key = GSIZE_TO_POINTER ((gsize) conn->id);

  g_array_append_val (d->ids, conn->id);
  g_array_append_val (d->first_frames, conn->first_frame);
  g_array_append_val (d->at_frame, at);
  g_hash_table_insert (d->seen, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (d->seen, key)) + 1));
}

static Done *
done_new (HlEngine *e)
{
  Done *d = g_new0 (Done, 1);
  d->ids = g_array_new (FALSE, FALSE, sizeof (guint64));
  d->first_frames = g_array_new (FALSE, FALSE, sizeof (guint64));
  d->at_frame = g_array_new (FALSE, FALSE, sizeof (guint64));
  d->seen = g_hash_table_new (NULL, NULL);
  d->engine = e;
  hl_engine_set_done_func (e, on_done, d);
  return d;
}

static void
done_free (Done *d)
{
  g_array_unref (d->ids);
  g_array_unref (d->first_frames);
  g_array_unref (d->at_frame);
  g_hash_table_unref (d->seen);
  g_free (d);
}

#define ID(d, i) g_array_index ((d)->ids, guint64, i)
#define FIRST(d, i) g_array_index ((d)->first_frames, guint64, i)
#define AT(d, i) g_array_index ((d)->at_frame, guint64, i)

static gboolean
run (HlEngine *e, PcapBuilder *b, GError **error)
{
  g_autofree char *path = pb_write_temp (b);
  gboolean ok = hl_engine_process_file (e, path, NULL, error);
  g_unlink (path);
  return ok;
}

/* A (frames 1-3) opens first, B (frames 4-6) opens and closes (7-9) while A
 * is still open; A closes last (10-12). */
static PcapBuilder *
capture_two_overlapping (void)
{
  PcapBuilder *b = pb_new ();
  PbConn a = pb_conn (b, CLIENT_A, 40001, SERVER, 443);
  PbConn c = pb_conn (b, CLIENT_B, 40002, SERVER, 443);

  pb_handshake (&a);
  pb_handshake (&c);
  pb_close (&c);
  pb_close (&a);
  return b;
}

/* B finishes first but is reported after A. */
static void
test_first_frame_order (void)
{
  PcapBuilder *b = pb_new ();
  PbConn a = pb_conn (b, CLIENT_A, 40001, SERVER, 443);
  PbConn c = pb_conn (b, CLIENT_B, 40002, SERVER, 443);
  HlEngine *e = hl_engine_new ();
  Done *d = done_new (e);
  g_autofree char *path = NULL;
  g_autoptr(HlCaptureReader) r = NULL;
  HlFrame f;

  /* half a second between frames: a closed connection is finished 2 s
   * after its last packet */
  b->step_us = 500000;
  pb_handshake (&a);                                  /* 1-3 */
  pb_handshake (&c);                                  /* 4-6 */
  pb_close (&c);                                      /* 7-9 */
  for (int i = 0; i < 5; i++)
    pb_data (&a, TRUE, (const guint8 *) "x", 1);      /* 10-14 */
  pb_close (&a);                                      /* 15-17 */

  path = pb_write_temp (b);
  r = hl_capture_reader_open (path, NULL);
  g_unlink (path);
  while (hl_capture_reader_next (r, &f, NULL))
    {
      hl_engine_feed (e, &f);
      /* B is finished at frame 13 but waits for A */
      g_assert_cmpuint (d->ids->len, ==, 0);
    }
  hl_engine_finish (e);
  g_assert_cmpuint (d->ids->len, ==, 2);
  g_assert_cmpuint (ID (d, 0), ==, 1);
  g_assert_cmpuint (FIRST (d, 0), ==, 1);
  g_assert_cmpuint (ID (d, 1), ==, 2);
  g_assert_cmpuint (FIRST (d, 1), ==, 4);
  g_assert_cmpuint (AT (d, 0), ==, 17);
  g_assert_cmpuint (AT (d, 1), ==, 17);
  hl_engine_free (e);
  done_free (d);
  pb_free (b);
}

static void
test_retain (void)
{
  PcapBuilder *b = capture_two_overlapping ();
  HlEngine *e = hl_engine_new ();
  Done *d = done_new (e);
  GPtrArray *conns;
  HlConnection *a, *c;

  hl_engine_set_retain (e, TRUE);
  g_assert_true (run (e, b, NULL));
  conns = hl_engine_get_connections (e);
  g_assert_cmpuint (conns->len, ==, 2);
  a = g_ptr_array_index (conns, 0);
  c = g_ptr_array_index (conns, 1);
  g_assert_cmpuint (a->id, ==, 1);
  g_assert_cmpuint (a->first_frame, ==, 1);
  g_assert_cmpuint (a->last_frame, ==, 12);
  g_assert_cmpuint (c->id, ==, 2);
  g_assert_cmpuint (c->first_frame, ==, 4);
  g_assert_cmpuint (c->last_frame, ==, 9);
  g_assert_true (a->syn && a->syn_ack && a->ack);
  g_assert_true (a->fin[HL_DIR_C2S] && a->fin[HL_DIR_S2C]);
  g_assert_cmpint (a->fin_by_first, ==, HL_DIR_C2S);
  /* SYN, SYN-ACK, ACK, FIN, FIN */
  g_assert_cmpuint (a->events->len, ==, 5);
  /* the callback still ran, once each, in order */
  g_assert_cmpuint (d->ids->len, ==, 2);
  g_assert_cmpuint (ID (d, 0), ==, 1);
  g_assert_cmpuint (ID (d, 1), ==, 2);
  hl_engine_free (e);
  done_free (d);
  pb_free (b);
}

/* Port reuse, an evicted connection, a reset, and connections still open
 * at the end: every connection reaches the callback exactly once. */
static void
test_done_once (void)
{
  PcapBuilder *b = pb_new ();
  HlEngine *e = hl_engine_new ();
  Done *d = done_new (e);
  PbConn c[6];
  GHashTableIter iter;
  gpointer key, value;

  for (int i = 0; i < 6; i++)
    c[i] = pb_conn (b, CLIENT_A, 41000 + i, SERVER, 443);
  pb_handshake (&c[0]);
  pb_close (&c[0]);
  /* port reuse: a new SYN with another ISN on the same tuple */
  c[0].cseq = 90000;
  c[0].sseq = 70000;
  pb_handshake (&c[0]);
  pb_handshake (&c[1]);
  pb_add_tcp (b, SERVER, 443, CLIENT_A, 41001, c[1].sseq, c[1].cseq, PB_RST | PB_ACK, NULL);
  for (int i = 2; i < 6; i++)
    pb_handshake (&c[i]);

  hl_engine_set_limits (e, 3, 0);   /* evicts the least recently active */
  g_assert_true (run (e, b, NULL));
  g_assert_cmpuint (d->ids->len, ==, 7);
  g_assert_cmpuint (g_hash_table_size (d->seen), ==, 7);
  g_hash_table_iter_init (&iter, d->seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_assert_cmpuint (GPOINTER_TO_SIZE (key), >=, 1);
      g_assert_cmpuint (GPOINTER_TO_SIZE (key), <=, 7);
      g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, 1);
    }
  for (guint i = 0; i < 7; i++)
    g_assert_cmpuint (ID (d, i), ==, i + 1);
  g_assert_cmpuint (hl_engine_get_stats (e)->connections, ==, 7);
  g_assert_cmpuint (hl_engine_get_stats (e)->evicted, >=, 1);
  /* a second finish changes nothing */
  hl_engine_finish (e);
  g_assert_cmpuint (d->ids->len, ==, 7);
  hl_engine_free (e);
  done_free (d);
  pb_free (b);
}

static void
test_stats (void)
{
  PcapBuilder *b = pb_new ();
  HlEngine *e = hl_engine_new ();
  PbConn a = pb_conn (b, CLIENT_A, 40001, SERVER, 443);
  const HlEngineStats *st;
  static const guint8 udp[12] = { 0x13, 0x88, 0x00, 0x35, 0x00, 0x0c, 0, 0, 'h', 'e', 'y', '!' };
  guint8 bad[14 + 12] = { 0 };

  pb_handshake (&a);                                     /* frames 1-3 */
  pb_add_ip (b, 17, CLIENT_A, SERVER, udp, sizeof udp);  /* 4: UDP */
  bad[12] = 0x08;                                        /* 5: IPv4, header cut */
  bad[14] = 0x45;
  pb_add_frame (b, bad, sizeof bad);
  pb_data (&a, TRUE, (const guint8 *) "hello", 5);       /* 6 */
  pb_close (&a);                                         /* 7-9 */

  g_assert_true (run (e, b, NULL));
  st = hl_engine_get_stats (e);
  g_assert_cmpuint (st->frames, ==, 9);
  g_assert_cmpuint (st->tcp_segments, ==, 7);
  g_assert_cmpuint (st->not_tcp, ==, 1);
  g_assert_cmpuint (st->malformed, ==, 1);
  g_assert_cmpuint (st->first_malformed_frame, ==, 5);
  g_assert_nonnull (st->first_malformed_reason);
  g_assert_cmpuint (st->connections, ==, 1);
  g_assert_cmpuint (st->evicted, ==, 0);
  g_assert_cmpuint (st->released_early, ==, 0);
  g_assert_cmpuint (st->dsb_count, ==, 0);
  g_assert_cmpint (st->first_ts_ns, ==, G_GINT64_CONSTANT (1700000000) * 1000000000);
  g_assert_cmpint (st->last_ts_ns - st->first_ts_ns, ==, 8 * 1000000);
  hl_engine_free (e);
  pb_free (b);
}

static void
test_dsb_keys (void)
{
  PcapBuilder *b = pb_new_pcapng ();
  HlEngine *e = hl_engine_new ();
  PbConn a = pb_conn (b, CLIENT_A, 40001, SERVER, 443);
  guint8 random[32];
  const guint8 *secret;
  gsize len;

  pb_handshake (&a);
  pb_add_dsb (b, "CLIENT_RANDOM "
                 "0101010101010101010101010101010101010101010101010101010101010101 "
                 "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                 "202122232425262728292a2b2c2d2e2f\n");
  pb_close (&a);

  g_assert_true (run (e, b, NULL));
  g_assert_cmpuint (hl_engine_get_stats (e)->dsb_count, ==, 1);
  g_assert_cmpuint (hl_engine_get_stats (e)->frames, ==, 6);
  g_assert_cmpuint (hl_keylog_size (hl_engine_get_keylog (e)), ==, 1);
  memset (random, 1, sizeof random);
  secret = hl_keylog_lookup (hl_engine_get_keylog (e), "CLIENT_RANDOM", random, &len);
  g_assert_nonnull (secret);
  g_assert_cmpuint (len, ==, 48);
  g_assert_cmpuint (secret[0], ==, 0x00);
  g_assert_cmpuint (secret[47], ==, 0x2f);
  hl_engine_free (e);
  pb_free (b);
}

/* The file ends inside a record: connections before the break are still
 * reported, with the error. */
static void
test_broken_off (void)
{
  PcapBuilder *b = pb_new ();
  HlEngine *e = hl_engine_new ();
  Done *d = done_new (e);
  PbConn a = pb_conn (b, CLIENT_A, 40001, SERVER, 443);
  PbConn c = pb_conn (b, CLIENT_B, 40002, SERVER, 443);
  g_autoptr(GError) error = NULL;
  guint full;

  pb_handshake (&a);
  pb_close (&a);
  pb_handshake (&c);
  full = b->buf->len;
  pb_data (&c, TRUE, (const guint8 *) "GET / HTTP/1.1\r\n", 16);
  g_byte_array_set_size (b->buf, full + 16 + 20);   /* the record is cut */

  g_assert_false (run (e, b, &error));
  g_assert_error (error, HL_ERROR, HL_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "after frame 9"));
  g_assert_cmpuint (d->ids->len, ==, 2);
  g_assert_cmpuint (FIRST (d, 0), ==, 1);
  g_assert_cmpuint (FIRST (d, 1), ==, 7);
  g_assert_cmpuint (hl_engine_get_stats (e)->frames, ==, 9);
  hl_engine_free (e);
  done_free (d);
  pb_free (b);
}

/* A long-lived first connection and many short ones after it: with a cap
 * of 3 waiting connections, the first is reported early and its later
 * packets are only counted. */
static void
test_output_bound (void)
{
  PcapBuilder *b = pb_new ();
  HlEngine *e = hl_engine_new ();
  Done *d = done_new (e);
  PbConn a = pb_conn (b, CLIENT_A, 40000, SERVER, 443);
  HlConnection *first = NULL;
  GPtrArray *conns;

  /* half a second between frames: a closed connection lingers 2 s (late
   * ACKs) before it is finished, so each short one is finished 4 frames
   * after its close, while the next one runs */
  b->step_us = 500000;
  pb_handshake (&a);                        /* frames 1-3 */
  for (int i = 0; i < 6; i++)
    {
      PbConn c = pb_conn (b, CLIENT_B, 41000 + i, SERVER, 443);
      pb_handshake (&c);
      pb_close (&c);
    }                                        /* frames 4-39 */
  pb_data (&a, TRUE, (const guint8 *) "late", 4);   /* 40 */
  pb_close (&a);                                    /* 41-43 */

  pb_add_tcp (b, CLIENT_B, 50000, SERVER, 80, 1, 0, PB_SYN, NULL);   /* 44 */

  hl_engine_set_output_limits (e, 3, 0);
  g_assert_true (run (e, b, NULL));
  g_assert_cmpuint (hl_engine_get_stats (e)->released_early, ==, 1);
  /* 1 + 6 + the last SYN: the late packets of the first did not start one */
  g_assert_cmpuint (hl_engine_get_stats (e)->connections, ==, 8);
  g_assert_cmpuint (d->ids->len, ==, 8);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpuint (ID (d, i), ==, i + 1);
  /* short connection i sends its last ACK at frame 9 + 6i and is finished
   * 2 s later, at 13 + 6i: the 4th to wait (frame 31) is one too many */
  g_assert_cmpuint (AT (d, 0), ==, 31);
  g_assert_cmpuint (AT (d, 1), ==, 31);
  g_assert_cmpuint (AT (d, 4), ==, 31);
  g_assert_cmpuint (AT (d, 5), ==, 37);
  hl_engine_free (e);
  done_free (d);

  /* retain mode keeps everything anyway: no early release */
  e = hl_engine_new ();
  hl_engine_set_retain (e, TRUE);
  hl_engine_set_output_limits (e, 3, 0);
  g_assert_true (run (e, b, NULL));
  g_assert_cmpuint (hl_engine_get_stats (e)->released_early, ==, 0);
  conns = hl_engine_get_connections (e);
  g_assert_cmpuint (conns->len, ==, 8);
  first = g_ptr_array_index (conns, 0);
  g_assert_cmpuint (first->last_frame, ==, 43);
  g_assert_true (first->fin[HL_DIR_C2S] && first->fin[HL_DIR_S2C]);
  g_assert_cmpuint (first->payload_bytes[HL_DIR_C2S], ==, 4);
  hl_engine_free (e);
  pb_free (b);
}

/* The released connection itself: reported as it was, with a note. */
typedef struct {
  guint64  id, payload_c2s, last_frame;
  gboolean fin_c2s;
  char    *note;
} Snapshot;

static void
on_done_snapshot (HlConnection *conn, gpointer user_data)
{
  GArray *snaps = user_data;
  Snapshot s = { conn->id, conn->payload_bytes[HL_DIR_C2S], conn->last_frame,
                 conn->fin[HL_DIR_C2S],
                 conn->notes->len ? g_strdup (g_ptr_array_index (conn->notes, 0)) : NULL };
  g_array_append_val (snaps, s);
}

static void
test_released_connection (void)
{
  PcapBuilder *b = pb_new ();
  HlEngine *e = hl_engine_new ();
  PbConn a = pb_conn (b, CLIENT_A, 40000, SERVER, 443);
  g_autoptr(GArray) snaps = g_array_new (FALSE, FALSE, sizeof (Snapshot));
  Snapshot *first;

  b->step_us = 500000;
  pb_handshake (&a);                             /* 1-3 */
  for (int i = 0; i < 3; i++)
    {
      PbConn c = pb_conn (b, CLIENT_B, 41000 + i, SERVER, 443);
      pb_handshake (&c);
      pb_close (&c);
    }                                             /* 4-21 */
  pb_data (&a, TRUE, (const guint8 *) "late", 4);  /* 22 */
  pb_close (&a);                                   /* 23-25 */

  hl_engine_set_output_limits (e, 1, 0);
  hl_engine_set_done_func (e, on_done_snapshot, snaps);
  g_assert_true (run (e, b, NULL));
  g_assert_cmpuint (snaps->len, ==, 4);
  first = &g_array_index (snaps, Snapshot, 0);
  g_assert_cmpuint (first->id, ==, 1);
  /* released when the second short connection was finished (frame 19):
   * two waited, more than the cap of one */
  g_assert_cmpuint (first->last_frame, ==, 3);
  g_assert_cmpuint (first->payload_c2s, ==, 0);
  g_assert_false (first->fin_c2s);
  g_assert_nonnull (first->note);
  g_assert_nonnull (strstr (first->note, "reported before its end, at frame 19: 2 later"));
  for (guint i = 0; i < snaps->len; i++)
    {
      g_assert_cmpuint (g_array_index (snaps, Snapshot, i).id, ==, i + 1);
      g_free (g_array_index (snaps, Snapshot, i).note);
    }
  hl_engine_free (e);
  pb_free (b);
}

/* Live sources: hl_engine_flush_idle hands over silent connections that are
 * done with their handshake (A: data exchanged; B: closed) and keeps the
 * ones that may still be starting (C: a SYN only; D: no data yet). */
static void
test_flush_idle (void)
{
  PcapBuilder *b = pb_new ();
  PbConn a = pb_conn (b, CLIENT_A, 40001, SERVER, 443);
  PbConn c = pb_conn (b, CLIENT_B, 40002, SERVER, 80);
  PbConn s = pb_conn (b, CLIENT_B, 40003, SERVER, 8443);
  PbConn h = pb_conn (b, CLIENT_B, 40004, SERVER, 8080);
  HlEngine *e = hl_engine_new ();
  Done *d = done_new (e);
  g_autofree char *path = NULL;
  g_autoptr(HlCaptureReader) r = NULL;
  gint64 last_ns;
  HlFrame f;

  pb_handshake (&a);                                  /* 1-3 */
  pb_data (&a, TRUE, (const guint8 *) "GET", 3);      /* 4-5 */
  pb_handshake (&c);
  pb_close (&c);
  pb_add_tcp (b, CLIENT_B, 40003, SERVER, 8443, s.cseq, 0, PB_SYN, NULL);
  pb_handshake (&h);
  path = pb_write_temp (b);
  r = hl_capture_reader_open (path, NULL);
  g_unlink (path);
  while (hl_capture_reader_next (r, &f, NULL))
    hl_engine_feed (e, &f);
  last_ns = hl_engine_get_stats (e)->last_ts_ns;
  g_assert_cmpuint (d->ids->len, ==, 0);
  /* Not silent long enough yet. */
  g_assert_cmpuint (hl_engine_flush_idle (e, last_ns + G_GINT64_CONSTANT (1000000000),
                                          G_GINT64_CONSTANT (2000000000)), ==, 0);
  g_assert_cmpuint (d->ids->len, ==, 0);
  g_assert_cmpuint (hl_engine_flush_idle (e, last_ns + G_GINT64_CONSTANT (3000000000),
                                          G_GINT64_CONSTANT (2000000000)), ==, 2);
  g_assert_cmpuint (d->ids->len, ==, 2);
  g_assert_cmpuint (ID (d, 0), ==, 1);
  g_assert_cmpuint (ID (d, 1), ==, 2);
  hl_engine_finish (e);
  g_assert_cmpuint (d->ids->len, ==, 4);
  g_assert_cmpuint (ID (d, 2), ==, 3);
  g_assert_cmpuint (ID (d, 3), ==, 4);
  g_assert_cmpuint (hl_engine_flush_idle (e, last_ns + G_GINT64_CONSTANT (9000000000), 1), ==, 0);
  hl_engine_free (e);
  done_free (d);
  pb_free (b);
}

/* Past half the byte budget, connections that wait are compacted (no
 * field trees, no message bytes) instead of the blocker being released. */
static const guint8 client_hello[] = {
  0x16, 0x03, 0x01, 0x00, 0x2f,
  0x01, 0x00, 0x00, 0x2b, 0x03, 0x03,
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32,
  0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00, 0x00, 0x00,
};

static void
on_done_fields (HlConnection *conn, gpointer user_data)
{
  GArray *with_fields = user_data;
  gboolean any = FALSE;

  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *ev = g_ptr_array_index (conn->events, i);
      any |= ev->fields != NULL || ev->bytes_data != NULL;
    }
  g_array_append_val (with_fields, any);
}

static void
test_output_compaction (void)
{
  PcapBuilder *b = pb_new ();
  HlEngine *e = hl_engine_new ();
  PbConn a = pb_conn (b, CLIENT_A, 40000, SERVER, 443);
  g_autoptr(GArray) with_fields = g_array_new (FALSE, FALSE, sizeof (gboolean));

  b->step_us = 500000;
  pb_handshake (&a);
  for (int i = 0; i < 100; i++)
    {
      PbConn c = pb_conn (b, CLIENT_B, 41000 + i, SERVER, 443);
      pb_handshake (&c);
      pb_data (&c, TRUE, client_hello, sizeof client_hello);
      pb_close (&c);
    }
  /* 3 s more: every short one is finished while the first is open */
  for (int i = 0; i < 6; i++)
    pb_data (&a, TRUE, (const guint8 *) "z", 1);
  pb_close (&a);

  hl_engine_set_output_limits (e, 0, 768 * 1024);
  hl_engine_set_done_func (e, on_done_fields, with_fields);
  g_assert_true (run (e, b, NULL));
  g_assert_cmpuint (hl_engine_get_stats (e)->released_early, ==, 0);
  g_assert_cmpuint (with_fields->len, ==, 101);
  /* when the TLS parser keeps message bytes, the first waiting ones keep
   * them and the last do not */
  if (g_array_index (with_fields, gboolean, 1))
    g_assert_false (g_array_index (with_fields, gboolean, 100));
  hl_engine_free (e);
  pb_free (b);
}

/* The output worker (hl_engine_set_output_thread) gives the same
 * connections, in the same order, with the same diagnoses, as the
 * engine without it; done_func runs on the worker. */
typedef struct {
  GString *log;
  GThread *thread;
  gboolean other_thread;
} Trace;

/* The connection's line (id, first frame, diagnoses) into out. */
static void
trace_line (Trace *t, GString *out, HlConnection *conn)
{
  if (g_thread_self () != t->thread)
    t->other_thread = TRUE;
  g_string_append_printf (out, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT ":",
                          conn->id, conn->first_frame);
  for (guint i = 0; i < conn->diagnoses->len; i++)
    {
      const HlDiagnosis *dg = g_ptr_array_index (conn->diagnoses, i);
      g_string_append_printf (out, " %s [%s]", dg->id, dg->summary);
    }
  g_string_append_c (out, '\n');
}

static void
on_trace (HlConnection *conn, gpointer user_data)
{
  Trace *t = user_data;
  trace_line (t, t->log, conn);
}

/* Render mode: the same line, rendered on the worker at close, written in
 * order; "early" marks a connection released for the output limits. */
static char *
render_trace (HlConnection *conn, gpointer user_data)
{
  Trace *t = user_data;
  GString *line = g_string_new (NULL);

  trace_line (t, line, conn);
  for (guint i = 0; i < conn->notes->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (conn->notes, i), "reported before its end"))
      g_string_prepend (line, "early ");
  return g_string_free (line, FALSE);
}

static void
write_trace (const char *text, gpointer user_data)
{
  Trace *t = user_data;
  g_string_append (t->log, text);
}

typedef enum { PLAIN, THREADED, RENDERED } OutputMode;

static char *
trace_run_full (const char *path, OutputMode mode, gboolean finish, guint max_waiting,
                gboolean *other_thread)
{
  g_autoptr(HlCaptureReader) r = hl_capture_reader_open (path, NULL);
  HlEngine *e = hl_engine_new ();
  Trace t = { g_string_new (NULL), g_thread_self (), FALSE };
  HlFrame f;

  hl_engine_set_keep_fields (e, FALSE);
  hl_engine_set_done_func (e, on_trace, &t);
  hl_engine_set_output_thread (e, mode != PLAIN);
  if (mode == RENDERED)
    hl_engine_set_render_func (e, render_trace, write_trace, &t);
  if (max_waiting)
    hl_engine_set_output_limits (e, max_waiting, 0);
  while (hl_capture_reader_next (r, &f, NULL))
    hl_engine_feed (e, &f);
  if (finish)
    hl_engine_finish (e);
  hl_engine_free (e);
  *other_thread = t.other_thread;
  return g_string_free (t.log, FALSE);
}

static char *
trace_run (const char *path, gboolean threaded, gboolean finish, gboolean *other_thread)
{
  return trace_run_full (path, threaded ? THREADED : PLAIN, finish, 0, other_thread);
}

static void
test_output_thread (void)
{
  PcapBuilder *b = pb_new ();
  g_autofree char *path = NULL;
  g_autofree char *plain = NULL, *threaded = NULL, *unfinished = NULL;
  gboolean other = FALSE;
  PbConn conns[400];

  /* 400 connections, opened in waves and closed out of order, some never
   * answered, so the order queue and the worker's batches both work */
  b->step_us = 1000;
  for (guint i = 0; i < G_N_ELEMENTS (conns); i++)
    {
      conns[i] = pb_conn (b, CLIENT_A + i / 200, (guint16) (20000 + i), SERVER, 443);
      if (i % 7 == 3)   /* a SYN nobody answers */
        pb_add_tcp (b, conns[i].cip, conns[i].cport, SERVER, 443, 1000, 0, PB_SYN, NULL);
      else
        {
          pb_handshake (&conns[i]);
          if (i % 5 == 0)
            pb_data (&conns[i], TRUE, (const guint8 *) "GET / HTTP/1.0\r\n\r\n", 18);
        }
      if (i >= 10 && (i - 10) % 7 != 3)
        pb_close (&conns[i - 10]);
    }
  path = pb_write_temp (b);

  plain = trace_run (path, FALSE, TRUE, &other);
  g_assert_false (other);
  threaded = trace_run (path, TRUE, TRUE, &other);
  g_assert_true (other);
  g_assert_cmpuint (strlen (plain), >, 400 * 8);
  g_assert_cmpstr (threaded, ==, plain);
  /* freed without finish: what the worker had is delivered, nothing leaks
   * (the ASan build checks), the rest is dropped */
  unfinished = trace_run (path, TRUE, FALSE, &other);
  g_assert_true (g_str_has_prefix (plain, unfinished));

  /* render mode: rendered on the worker as each closes, written in order */
  {
    g_autofree char *rendered = trace_run_full (path, RENDERED, TRUE, 0, &other);
    g_autofree char *rendered_unfinished = trace_run_full (path, RENDERED, FALSE, 0, &other);

    g_assert_true (other);
    g_assert_cmpstr (rendered, ==, plain);
    /* freed without finish: texts still waiting for an open connection
     * are dropped with it */
    g_assert_true (g_str_has_prefix (plain, rendered_unfinished));
  }
  g_unlink (path);
  pb_free (b);
}

/* Render mode keeps the output limits: a connection that stays open
 * while more than max_waiting texts wait behind it is released early
 * (with its note), and every connection still comes out once, in order. */
static void
test_render_limits (void)
{
  PcapBuilder *b = pb_new ();
  g_autofree char *path = NULL, *limited = NULL, *unlimited = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean other = FALSE;
  PbConn blocker, conns[300];
  guint64 expect = 1;
  guint early = 0;

  /* 100 ms a packet: closed connections leave the tracker's linger (2 s)
   * while the capture is still being read */
  b->step_us = 100000;
  blocker = pb_conn (b, CLIENT_A, 19999, SERVER, 443);
  pb_add_tcp (b, blocker.cip, blocker.cport, SERVER, 443, 1000, 0, PB_SYN, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (conns); i++)
    {
      conns[i] = pb_conn (b, CLIENT_A, (guint16) (20000 + i), SERVER, 443);
      pb_handshake (&conns[i]);
      pb_close (&conns[i]);
    }
  path = pb_write_temp (b);

  limited = trace_run_full (path, RENDERED, TRUE, 3, &other);
  lines = g_strsplit (limited, "\n", -1);
  for (guint i = 0; lines[i] && *lines[i]; i++)
    {
      const char *line = lines[i];
      if (g_str_has_prefix (line, "early "))
        {
          early++;
          line += 6;
        }
      g_assert_cmpuint (g_ascii_strtoull (line, NULL, 10), ==, expect);
      expect++;
    }
  g_assert_cmpuint (expect - 1, ==, 301);
  g_assert_cmpuint (early, ==, 1);
  g_assert_true (g_str_has_prefix (limited, "early 1 "));
  /* without the limit nothing is released */
  unlimited = trace_run_full (path, RENDERED, TRUE, 0, &other);
  g_assert_null (strstr (unlimited, "early"));
  g_unlink (path);
  pb_free (b);
}

/* Render mode counts the ids closed behind an open one (a set that
 * grows): 20,000 connections finish behind one that stays open until the
 * end, and all of them come out once, in order, none released early. */
static void
test_render_many_waiting (void)
{
  PcapBuilder *b = pb_new ();
  g_autofree char *path = NULL, *out = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean other = FALSE;
  PbConn blocker;
  guint n = 0;

  b->step_us = 100000;
  blocker = pb_conn (b, CLIENT_A, 1000, SERVER, 443);
  pb_handshake (&blocker);
  for (guint i = 0; i < 20000; i++)
    {
      PbConn c = pb_conn (b, CLIENT_A + 1 + i / 60000, (guint16) (2000 + i % 60000), SERVER, 443);
      pb_handshake (&c);
      pb_close (&c);
    }
  pb_close (&blocker);
  path = pb_write_temp (b);
  out = trace_run_full (path, RENDERED, TRUE, 30000, &other);
  lines = g_strsplit (out, "\n", -1);
  for (; lines[n] && *lines[n]; n++)
    g_assert_cmpuint (g_ascii_strtoull (lines[n], NULL, 10), ==, n + 1);
  g_assert_cmpuint (n, ==, 20001);
  g_assert_null (strstr (out, "early"));
  g_unlink (path);
  pb_free (b);
}

/* JSON strings: quotes, backslashes and control bytes escaped; other
 * bytes (UTF-8, DEL) copied as they are, also around escapes. */
static void
test_json_escaping (void)
{
  HlConnection *conn = hl_connection_new ();
  HlDiagnosis *d = hl_diagnosis_new ("handshake_ok", HL_SEVERITY_INFO, HL_BLAME_UNKNOWN);
  g_autofree char *json = NULL;

  d->summary = g_strdup ("say \"hi\"\\n\x01\x1f\x7f caf\xc3\xa9\ttab\r\n");
  d->remedy = g_strdup ("\\");
  hl_connection_add_diagnosis (conn, d);
  json = hl_report_connection_to_string (HL_REPORT_JSON, conn);
  g_assert_nonnull (strstr (json, "\"summary\": \"say \\\"hi\\\"\\\\n\\u0001\\u001f\x7f caf\xc3\xa9\\ttab\\r\\n\""));
  g_assert_nonnull (strstr (json, "\"remedy\": \"\\\\\""));
  hl_connection_free (conn);
}

/* Endpoint addresses as reports write them, checked against inet_ntop. */
static void
test_address_text (void)
{
  static const guint8 v4[][4] = {
    { 0, 0, 0, 0 }, { 255, 255, 255, 255 }, { 10, 0, 100, 9 }, { 1, 20, 3, 199 }, { 192, 0, 2, 10 },
  };
  HlEndpoint ep = { 0 };
  char buf[64], expect[64];

  ep.family = 4;
  for (guint i = 0; i < G_N_ELEMENTS (v4); i++)
    {
      memcpy (ep.addr, v4[i], 4);
      g_assert_nonnull (inet_ntop (AF_INET, v4[i], expect, sizeof expect));
      g_assert_cmpstr (hl_endpoint_address_to_string (&ep, buf, sizeof buf), ==, expect);
    }
  g_assert_cmpstr (hl_endpoint_address_to_string (&ep, buf, 8), ==, "?");   /* too small */
  ep.family = 6;
  memset (ep.addr, 0, 16);
  ep.addr[0] = 0x20; ep.addr[1] = 0x01; ep.addr[2] = 0x0d; ep.addr[3] = 0xb8; ep.addr[15] = 1;
  g_assert_cmpstr (hl_endpoint_address_to_string (&ep, buf, sizeof buf), ==, "2001:db8::1");
  ep.family = 0;
  g_assert_cmpstr (hl_endpoint_address_to_string (&ep, buf, sizeof buf), ==, "?");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/first-frame-order", test_first_frame_order);
  g_test_add_func ("/engine/retain", test_retain);
  g_test_add_func ("/engine/done-once", test_done_once);
  g_test_add_func ("/engine/stats", test_stats);
  g_test_add_func ("/engine/dsb-keys", test_dsb_keys);
  g_test_add_func ("/engine/broken-off", test_broken_off);
  g_test_add_func ("/engine/output-bound", test_output_bound);
  g_test_add_func ("/engine/released-connection", test_released_connection);
  g_test_add_func ("/engine/flush-idle", test_flush_idle);
  g_test_add_func ("/engine/output-compaction", test_output_compaction);
  g_test_add_func ("/engine/output-thread", test_output_thread);
  g_test_add_func ("/engine/render-limits", test_render_limits);
  g_test_add_func ("/engine/render-many-waiting", test_render_many_waiting);
  g_test_add_func ("/engine/json-escaping", test_json_escaping);
  g_test_add_func ("/engine/address-text", test_address_text);
  return g_test_run ();
}
