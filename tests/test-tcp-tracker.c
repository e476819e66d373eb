/* test-tcp-tracker.c: flow table, TCP state and reassembly, driven by
 * hand-made segments. */
#include <string.h>

#include "tcp-tracker.h"

#define MS (G_GINT64_CONSTANT (1000000))

/* ---------------------------------------------------------------- harness */

typedef struct {
  HlTcpTracker *t;
  GString      *log;      /* callbacks, "|"-separated */
  GPtrArray    *closed;   /* HlConnection*, owned */
  gboolean      swap_on_hello;  /* swap roles when "HELLO" arrives s2c */
} Rec;

static void
rec_log (Rec *r, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static void
rec_log (Rec *r, const char *fmt, ...)
{
  va_list ap;

  if (r->log->len)
    g_string_append_c (r->log, '|');
  va_start (ap, fmt);
  g_string_append_vprintf (r->log, fmt, ap);
  va_end (ap);
}

static void
on_open (HlConnection *conn, gpointer user_data)
{
  Rec *r = user_data;
  /* nothing of the first segment is processed yet */
  g_assert_cmpuint (conn->events->len, ==, 0);
  rec_log (r, "open %" G_GUINT64_FORMAT, conn->id);
}

static void
on_data (HlConnection *conn, HlDirection dir, const guint8 *data, gsize len,
         guint64 frame, gint64 ts_ns, gpointer user_data)
{
  Rec *r = user_data;

  g_assert_cmpint (ts_ns, ==, (gint64) frame * MS);
  rec_log (r, "%" G_GUINT64_FORMAT " %s %.*s f%" G_GUINT64_FORMAT, conn->id,
           hl_direction_to_string (dir), (int) len, (const char *) data, frame);
  if (r->swap_on_hello && dir == HL_DIR_S2C && len == 5 && memcmp (data, "HELLO", 5) == 0)
    hl_connection_swap_roles (conn);
}

static void
on_gap (HlConnection *conn, HlDirection dir, guint64 bytes, guint64 frame, gpointer user_data)
{
  Rec *r = user_data;
  rec_log (r, "%" G_GUINT64_FORMAT " %s gap %" G_GUINT64_FORMAT " f%" G_GUINT64_FORMAT,
           conn->id, hl_direction_to_string (dir), bytes, frame);
}

static void
on_close (HlConnection *conn, gpointer user_data)
{
  Rec *r = user_data;
  rec_log (r, "close %" G_GUINT64_FORMAT, conn->id);
  g_ptr_array_add (r->closed, conn);
}

static const HlTcpTrackerCallbacks callbacks = { on_open, on_data, on_gap, on_close };

static Rec *
rec_new (void)
{
  Rec *r = g_new0 (Rec, 1);
  r->t = hl_tcp_tracker_new (&callbacks, r);
  r->log = g_string_new (NULL);
  r->closed = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_connection_free);
  return r;
}

static void
rec_free (Rec *r)
{
  hl_tcp_tracker_free (r->t);
  g_string_free (r->log, TRUE);
  g_ptr_array_unref (r->closed);
  g_free (r);
}

/* Log since the last call. */
static char *
rec_take (Rec *r)
{
  char *s = g_strdup (r->log->str);
  g_string_truncate (r->log, 0);
  return s;
}

#define assert_log(r, expected) \
  G_STMT_START { g_autofree char *got_ = rec_take (r); g_assert_cmpstr (got_, ==, (expected)); } G_STMT_END

static HlConnection *
rec_closed (Rec *r, guint64 id)
{
  for (guint i = 0; i < r->closed->len; i++)
    {
      HlConnection *c = g_ptr_array_index (r->closed, i);
      if (c->id == id)
        return c;
    }
  g_assert_not_reached ();
  return NULL;
}

/* "syn c2s 1|syn_ack s2c 2|retransmission c2s 5x2-6" */
static char *
events_string (const HlConnection *conn)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < conn->events->len; i++)
    {
      const HlEvent *e = g_ptr_array_index (conn->events, i);
      if (i)
        g_string_append_c (s, '|');
      g_string_append_printf (s, "%s %s %" G_GUINT64_FORMAT, hl_event_kind_to_string (e->kind),
                              hl_direction_to_string (e->dir), e->frame);
      g_assert_cmpint (e->ts_ns, ==, (gint64) e->frame * MS);
      if (e->kind == HL_EVENT_TCP_RETRANSMISSION || e->kind == HL_EVENT_TCP_GAP)
        g_string_append_printf (s, "x%" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT, e->count, e->last_frame);
    }
  return g_string_free (s, FALSE);
}

#define assert_events(conn, expected) \
  G_STMT_START { g_autofree char *got_ = events_string (conn); g_assert_cmpstr (got_, ==, (expected)); } G_STMT_END

/* Endpoints: client 10.0.0.1:port, server 10.0.0.2:443 by default. */
typedef struct {
  guint16 cport, sport;
  guint8  family;
} Tuple;

static const Tuple T0 = { 50000, 443, 4 };

static HlEndpoint
endpoint (guint8 family, guint8 last, guint16 port)
{
  HlEndpoint ep = { 0 };

  ep.family = family;
  if (family == 4)
    {
      ep.addr[0] = 10;
      ep.addr[3] = last;
    }
  else
    {
      ep.addr[0] = 0x20;
      ep.addr[1] = 0x01;
      ep.addr[2] = 0x0d;
      ep.addr[3] = 0xb8;
      ep.addr[15] = last;
    }
  ep.port = port;
  return ep;
}

enum { C, S };   /* sender */

/* A segment of frame `frame` (at frame ms), from the client (C) or server
 * (S) of tuple `tu`. */
static HlSegment
mkseg (Tuple tu, guint64 frame, int from, guint32 seq, guint32 ack, guint8 flags, const char *data)
{
  HlSegment s = { 0 };
  HlEndpoint c = endpoint (tu.family, 1, tu.cport), sv = endpoint (tu.family, 2, tu.sport);

  s.frame = frame;
  s.ts_ns = (gint64) frame * MS;
  s.src = from == C ? c : sv;
  s.dst = from == C ? sv : c;
  s.seq = seq;
  s.ack = ack;
  s.flags = flags;
  s.window = 65535;
  s.wscale = -1;
  s.payload = (const guint8 *) data;
  s.payload_len = s.payload_wire_len = data ? strlen (data) : 0;
  return s;
}

static void
add (Rec *r, Tuple tu, guint64 frame, int from, guint32 seq, guint32 ack, guint8 flags, const char *data)
{
  HlSegment s = mkseg (tu, frame, from, seq, ack, flags, data);
  hl_tcp_tracker_add (r->t, &s);
}

#define SYN HL_TCP_SYN
#define ACK HL_TCP_ACK
#define FIN HL_TCP_FIN
#define RST HL_TCP_RST
#define PSH HL_TCP_PSH

/* Client ISN 1000, server ISN 5000: frames 1-3. */
static void
handshake (Rec *r, Tuple tu, guint64 first_frame)
{
  add (r, tu, first_frame, C, 1000, 0, SYN, NULL);
  add (r, tu, first_frame + 1, S, 5000, 1001, SYN | ACK, NULL);
  add (r, tu, first_frame + 2, C, 1001, 5001, ACK, NULL);
}

/* ------------------------------------------------------------------ tests */

static void
test_normal (void)
{
  Rec *r = rec_new ();
  HlConnection *c;
  const HlTcpTrackerStats *st;

  handshake (r, T0, 1);
  add (r, T0, 4, C, 1001, 5001, ACK | PSH, "hello");
  add (r, T0, 5, S, 5001, 1006, ACK | PSH, "world!");
  add (r, T0, 6, C, 1006, 5007, FIN | ACK, NULL);
  add (r, T0, 7, S, 5007, 1007, FIN | ACK, NULL);
  add (r, T0, 8, C, 1007, 5008, ACK, NULL);
  assert_log (r, "open 1|1 c2s hello f4|1 s2c world! f5");
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "close 1");

  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|fin c2s 6|fin s2c 7");
  g_assert_true (c->syn && c->syn_ack && c->ack);
  g_assert_false (c->started_late);
  g_assert_true (c->fin[HL_DIR_C2S] && c->fin[HL_DIR_S2C]);
  g_assert_cmpint (c->fin_by_first, ==, HL_DIR_C2S);
  g_assert_cmpint (c->rst_by, ==, -1);
  g_assert_cmpuint (c->syn_count, ==, 1);
  g_assert_cmpuint (c->retransmissions, ==, 0);
  g_assert_cmpuint (c->gap_bytes, ==, 0);
  g_assert_cmpuint (c->zero_windows, ==, 0);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_C2S], ==, 5);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_S2C], ==, 6);
  g_assert_cmpuint (c->first_frame, ==, 1);
  g_assert_cmpuint (c->last_frame, ==, 8);
  g_assert_cmpint (c->first_ts_ns, ==, 1 * MS);
  g_assert_cmpint (c->last_ts_ns, ==, 8 * MS);
  g_assert_cmpuint (c->client.port, ==, 50000);
  g_assert_cmpuint (c->server.port, ==, 443);
  g_assert_cmpuint (c->notes->len, ==, 0);

  st = hl_tcp_tracker_stats (r->t);
  g_assert_cmpuint (st->connections, ==, 1);
  g_assert_cmpuint (st->segments, ==, 8);
  g_assert_cmpuint (st->evicted, ==, 0);
  g_assert_cmpuint (st->buffered_bytes_peak, ==, 0);
  rec_free (r);
}

static void
test_out_of_order (void)
{
  Rec *r = rec_new ();
  HlConnection *c;

  handshake (r, T0, 1);
  add (r, T0, 4, C, 1001, 5001, ACK, "abc");
  add (r, T0, 5, C, 1010, 5001, ACK, "jkl");
  add (r, T0, 6, C, 1007, 5001, ACK, "ghi");
  add (r, T0, 7, C, 1004, 5001, ACK, "def");
  add (r, T0, 8, C, 1013, 5001, ACK, "mno");
  assert_log (r, "open 1|1 c2s abc f4|1 c2s def f7|1 c2s ghi f6|1 c2s jkl f5|1 c2s mno f8");
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->buffered_bytes_peak, ==, 6);
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "close 1");
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3");
  g_assert_cmpuint (c->retransmissions, ==, 0);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_C2S], ==, 15);
  rec_free (r);
}

static void
test_retransmission (void)
{
  Rec *r = rec_new ();
  HlConnection *c;

  handshake (r, T0, 1);
  add (r, T0, 4, C, 1001, 5001, ACK, "abc");
  add (r, T0, 5, C, 1001, 5001, ACK, "abc");
  add (r, T0, 6, C, 1001, 5001, ACK, "abc");
  add (r, T0, 7, C, 1004, 5001, ACK, "def");
  add (r, T0, 8, S, 5001, 1007, ACK, "xyz");
  add (r, T0, 9, S, 5001, 1007, ACK, "xyz");
  /* a retransmission of buffered (out-of-order) bytes */
  add (r, T0, 10, C, 1010, 5004, ACK, "jkl");
  add (r, T0, 11, C, 1010, 5004, ACK, "jkl");
  /* a keep-alive (seq = next - 1, one old byte) is not a retransmission */
  add (r, T0, 12, S, 5003, 1007, ACK, "z");
  add (r, T0, 13, C, 1007, 5004, ACK, "ghi");
  assert_log (r, "open 1|1 c2s abc f4|1 c2s def f7|1 s2c xyz f8|1 c2s ghi f13|1 c2s jkl f10");
  hl_tcp_tracker_flush (r->t);
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|retransmission c2s 5x2-6|"
                    "retransmission s2c 9x1-9|retransmission c2s 11x1-11");
  g_assert_cmpuint (c->retransmissions, ==, 4);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_C2S], ==, 12);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_S2C], ==, 3);
  rec_free (r);
}

static void
test_partial_overlap (void)
{
  Rec *r = rec_new ();
  HlConnection *c;

  handshake (r, T0, 1);
  add (r, T0, 4, C, 1001, 5001, ACK, "abcdef");
  add (r, T0, 5, C, 1004, 5001, ACK, "DEFghi");
  /* buffered copy wins over a later overlapping one */
  add (r, T0, 6, C, 1013, 5001, ACK, "mno");
  add (r, T0, 7, C, 1010, 5001, ACK, "jklMNOpq");
  add (r, T0, 8, C, 1011, 5001, ACK, "KLMNOPQrs");
  add (r, T0, 9, C, 1020, 5001, ACK, "t");
  assert_log (r, "open 1|1 c2s abcdef f4|1 c2s ghi f5|1 c2s jkl f7|1 c2s mno f6|"
                 "1 c2s pq f7|1 c2s rs f8|1 c2s t f9");
  hl_tcp_tracker_flush (r->t);
  c = rec_closed (r, 1);
  g_assert_cmpuint (c->retransmissions, ==, 0);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_C2S], ==, 20);
  rec_free (r);
}

static void
test_gap_acked (void)
{
  Rec *r = rec_new ();
  HlConnection *c;

  handshake (r, T0, 1);
  add (r, T0, 4, C, 1001, 5001, ACK, "abc");
  /* 1004..1006 never captured */
  add (r, T0, 5, C, 1007, 5001, ACK, "ghi");
  /* the server acknowledges all of it: the capture dropped a segment */
  add (r, T0, 6, S, 5001, 1010, ACK, NULL);
  /* it also acknowledges bytes that never show up at all */
  add (r, T0, 7, S, 5001, 1015, ACK, NULL);
  add (r, T0, 8, C, 1015, 5001, ACK, "pqr");
  assert_log (r, "open 1|1 c2s abc f4|1 c2s gap 3 f6|1 c2s ghi f5|1 c2s gap 5 f7|1 c2s pqr f8");
  /* the same acknowledgment again changes nothing */
  add (r, T0, 9, S, 5001, 1018, ACK, NULL);
  assert_log (r, "");
  hl_tcp_tracker_flush (r->t);
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|gap c2s 6x3-6|gap c2s 7x5-7");
  g_assert_cmpuint (c->gap_bytes, ==, 8);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_C2S], ==, 9);
  rec_free (r);
}

static void
test_gap_at_flush (void)
{
  Rec *r = rec_new ();
  HlConnection *c;

  handshake (r, T0, 1);
  add (r, T0, 4, C, 1001, 5001, ACK, "abc");
  add (r, T0, 5, C, 1007, 5001, ACK, "ghi");
  add (r, T0, 6, C, 1013, 5001, ACK, "mno");
  add (r, T0, 7, S, 5001, 1004, ACK, "srv");
  assert_log (r, "open 1|1 c2s abc f4|1 s2c srv f7");
  hl_tcp_tracker_flush (r->t);
  /* holes are found at the end: reported at the connection's last frame */
  assert_log (r, "1 c2s gap 3 f7|1 c2s ghi f5|1 c2s gap 3 f7|1 c2s mno f6|close 1");
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|gap c2s 7x3-7|gap c2s 7x3-7");
  g_assert_cmpuint (c->gap_bytes, ==, 6);
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->buffered_bytes_peak, ==, 6);
  rec_free (r);
}

/* Bytes missing between the last data and the FIN, found when the closed
 * connection is settled. */
static void
test_gap_before_fin (void)
{
  Rec *r = rec_new ();
  HlConnection *c;

  handshake (r, T0, 1);
  add (r, T0, 4, C, 1001, 5001, ACK, "abc");
  add (r, T0, 5, C, 1010, 5001, FIN | ACK, NULL);
  add (r, T0, 6, S, 5001, 1004, FIN | ACK, NULL);
  assert_log (r, "open 1|1 c2s abc f4");
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "1 c2s gap 6 f6|close 1");
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|fin c2s 5|fin s2c 6|gap c2s 6x6-6");
  rec_free (r);
}

static void
test_buffer_cap (void)
{
  Rec *r = rec_new ();
  HlConnection *c;
  char a[51], b[51], d[51], e[51];

  memset (a, 'a', 50);
  memset (b, 'b', 50);
  memset (d, 'd', 50);
  memset (e, 'e', 50);
  a[50] = b[50] = d[50] = e[50] = 0;
  hl_tcp_tracker_set_limits (r->t, 0, 100);
  handshake (r, T0, 1);
  add (r, T0, 4, C, 1001, 5001, ACK, a);
  /* 1051..1100 missing; 100 bytes fit the buffer */
  add (r, T0, 5, C, 1101, 5001, ACK, b);
  add (r, T0, 6, C, 1151, 5001, ACK, d);
  assert_log (r, "open 1|1 c2s aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa f4");
  /* 150 bytes do not: the hole is given up at frame 7 */
  add (r, T0, 7, C, 1201, 5001, ACK, e);
  assert_log (r, "1 c2s gap 50 f7|"
                 "1 c2s bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb f5|"
                 "1 c2s dddddddddddddddddddddddddddddddddddddddddddddddddd f6|"
                 "1 c2s eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee f7");
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->buffered_bytes_peak, ==, 100);
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "close 1");
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|gap c2s 7x50-7");
  g_assert_cmpuint (c->gap_bytes, ==, 50);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_C2S], ==, 200);
  rec_free (r);
}

static void
test_wraparound (void)
{
  Rec *r = rec_new ();
  HlConnection *c;
  const guint32 isn = 0xfffffff0u;

  add (r, T0, 1, C, isn, 0, SYN, NULL);
  add (r, T0, 2, S, 0xfffffffeu, isn + 1, SYN | ACK, NULL);
  add (r, T0, 3, C, isn + 1, 0xffffffffu, ACK, NULL);
  /* client bytes 0xfffffff1..0x00000004 */
  add (r, T0, 4, C, isn + 1, 0xffffffffu, ACK, "0123456789");
  add (r, T0, 5, C, isn + 21, 0xffffffffu, ACK, "klmno");      /* 0x5: out of order */
  add (r, T0, 6, C, isn + 11, 0xffffffffu, ACK, "abcdefghij");  /* crosses 2^32 */
  add (r, T0, 7, C, isn + 11, 0xffffffffu, ACK, "abcdefghij");  /* retransmitted */
  /* server bytes start at 0xffffffff and cross at once */
  add (r, T0, 8, S, 0xffffffffu, isn + 26, ACK, "WXYZ");
  add (r, T0, 9, C, isn + 26, 3, FIN | ACK, NULL);
  add (r, T0, 10, S, 3, isn + 27, FIN | ACK, NULL);
  add (r, T0, 11, C, isn + 27, 4, ACK, NULL);
  assert_log (r, "open 1|1 c2s 0123456789 f4|1 c2s abcdefghij f6|1 c2s klmno f5|1 s2c WXYZ f8");
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "close 1");
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|retransmission c2s 7x1-7|fin c2s 9|fin s2c 10");
  g_assert_cmpuint (c->gap_bytes, ==, 0);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_C2S], ==, 25);
  rec_free (r);
}

static void
test_syn_retries (void)
{
  Rec *r = rec_new ();
  HlConnection *c;

  add (r, T0, 1, C, 1000, 0, SYN, NULL);
  add (r, T0, 2, C, 1000, 0, SYN, NULL);
  add (r, T0, 3, C, 1000, 0, SYN, NULL);
  add (r, T0, 4, S, 5000, 1001, SYN | ACK, NULL);
  /* the SYN-ACK is retransmitted too */
  add (r, T0, 5, S, 5000, 1001, SYN | ACK, NULL);
  add (r, T0, 6, C, 1001, 5001, ACK, NULL);
  add (r, T0, 7, C, 1001, 5001, ACK, NULL);
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "open 1|close 1");
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn c2s 2|syn c2s 3|syn_ack s2c 4|retransmission s2c 5x1-5|ack c2s 6");
  g_assert_cmpuint (c->syn_count, ==, 3);
  g_assert_cmpuint (c->retransmissions, ==, 1);
  g_assert_true (c->syn && c->syn_ack && c->ack);
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->connections, ==, 1);
  rec_free (r);
}

/* SYN with data (TCP Fast Open) delivers the data. */
static void
test_syn_data (void)
{
  Rec *r = rec_new ();
  HlConnection *c;

  add (r, T0, 1, C, 1000, 0, SYN, "early");
  add (r, T0, 2, S, 5000, 1006, SYN | ACK, "srv");
  add (r, T0, 3, C, 1006, 5004, ACK, "more");
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "open 1|1 c2s early f1|1 s2c srv f2|1 c2s more f3|close 1");
  c = rec_closed (r, 1);
  /* the third step also acknowledges the SYN-ACK's data */
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3");
  g_assert_true (c->ack);
  rec_free (r);
}

static void
test_syn_rst (void)
{
  Rec *r = rec_new ();
  HlConnection *c;

  add (r, T0, 1, C, 1000, 0, SYN, NULL);
  add (r, T0, 2, S, 0, 1001, RST | ACK, NULL);
  /* the capture saw the same RST twice */
  add (r, T0, 3, S, 0, 1001, RST | ACK, NULL);
  /* the client retries with the same ISN and is refused again */
  add (r, T0, 500, C, 1000, 0, SYN, NULL);
  add (r, T0, 501, S, 0, 1001, RST | ACK, NULL);
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "open 1|close 1");
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|rst s2c 2|syn c2s 500|rst s2c 501");
  g_assert_cmpint (c->rst_by, ==, HL_DIR_S2C);
  g_assert_cmpuint (c->syn_count, ==, 2);
  g_assert_false (c->syn_ack);
  g_assert_false (c->ack);
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->connections, ==, 1);
  rec_free (r);
}

static void
test_port_reuse (void)
{
  Rec *r = rec_new ();
  HlConnection *c;

  /* 1: a full connection */
  handshake (r, T0, 1);
  add (r, T0, 4, C, 1001, 5001, ACK, "one");
  add (r, T0, 5, C, 1004, 5001, FIN | ACK, NULL);
  add (r, T0, 6, S, 5001, 1005, FIN | ACK, NULL);
  add (r, T0, 7, C, 1005, 5002, ACK, NULL);
  /* 2: the same tuple again, within the linger time, new ISN */
  add (r, T0, 100, C, 7000, 0, SYN, NULL);
  add (r, T0, 101, S, 9000, 7001, SYN | ACK, NULL);
  add (r, T0, 102, C, 7001, 9001, ACK, "two");
  assert_log (r, "open 1|1 c2s one f4|close 1|open 2|2 c2s two f102");
  /* 3: a SYN with yet another ISN while 2 is still open */
  add (r, T0, 200, C, 8000, 0, SYN, NULL);
  assert_log (r, "close 2|open 3");
  /* 4: the same ISN again after a connection that carried data is a new
   * one too */
  add (r, T0, 201, S, 3000, 8001, SYN | ACK, NULL);
  add (r, T0, 202, C, 8001, 3001, ACK, "x");
  add (r, T0, 203, S, 3001, 8002, RST, NULL);
  add (r, T0, 204, C, 8000, 0, SYN, NULL);
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "3 c2s x f202|close 3|open 4|close 4");

  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|fin c2s 5|fin s2c 6");
  g_assert_cmpuint (c->last_frame, ==, 7);
  c = rec_closed (r, 2);
  assert_events (c, "syn c2s 100|syn_ack s2c 101|ack c2s 102");
  g_assert_cmpuint (c->first_frame, ==, 100);
  c = rec_closed (r, 3);
  assert_events (c, "syn c2s 200|syn_ack s2c 201|ack c2s 202|rst s2c 203");
  c = rec_closed (r, 4);
  assert_events (c, "syn c2s 204");
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->connections, ==, 4);
  rec_free (r);
}

static void
test_late_packets (void)
{
  Rec *r = rec_new ();
  Tuple t1 = { 50001, 443, 4 };
  HlConnection *c;

  handshake (r, T0, 1);
  add (r, T0, 4, C, 1001, 5001, FIN | ACK, NULL);
  /* the client's FIN is never acknowledged */
  add (r, T0, 5, S, 5001, 1001, FIN | ACK, NULL);
  /* closed; late packets within the linger time stay with it */
  add (r, T0, 600, C, 1002, 5002, ACK, NULL);
  add (r, T0, 700, S, 5001, 1002, FIN | ACK, NULL);
  add (r, T0, 800, C, 1002, 5002, RST, NULL);
  add (r, T0, 900, C, 1002, 5002, ACK, "late");
  assert_log (r, "open 1");
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->connections, ==, 1);
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->ignored_after_close, ==, 1);
  /* two seconds after its last packet the capture has moved on */
  add (r, t1, 2899, C, 1, 0, SYN, NULL);
  assert_log (r, "open 2");
  add (r, t1, 2900, C, 1, 0, SYN, NULL);
  assert_log (r, "close 1");
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|fin c2s 4|fin s2c 5|"
                    "retransmission s2c 700x1-700|rst c2s 800");
  g_assert_cmpuint (c->last_frame, ==, 900);
  g_assert_cmpint (c->rst_by, ==, HL_DIR_C2S);
  g_assert_cmpint (c->fin_by_first, ==, HL_DIR_C2S);
  /* stragglers after that (the FIN retransmitted with backoff) are
   * ignored */
  add (r, T0, 5000, C, 1001, 5002, FIN | ACK, NULL);
  add (r, T0, 7000, C, 1001, 5002, FIN | ACK, NULL);
  add (r, T0, 9000, S, 5001, 1002, ACK, "junk");
  assert_log (r, "");
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->ignored_after_close, ==, 4);
  /* ... unless their sequence numbers say they are something else */
  add (r, T0, 9001, C, 800000000, 5002, ACK, "new");
  assert_log (r, "open 3|3 c2s new f9001");
  /* a minute after its last straggler a tuple is forgotten */
  add (r, t1, 9002, S, 0, 2, RST | ACK, NULL);
  add (r, T0, 12000, C, 800000003, 5002, ACK, NULL);
  assert_log (r, "close 2");
  add (r, t1, 12001, C, 2, 0, ACK, NULL);
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->ignored_after_close, ==, 5);
  add (r, t1, 72000, C, 2, 0, ACK, NULL);
  assert_log (r, "");
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->ignored_after_close, ==, 6);
  add (r, t1, 132000, C, 2, 0, ACK, NULL);
  assert_log (r, "open 4");
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "close 3|close 4");
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->connections, ==, 4);
  rec_free (r);
}

/* A tombstone is left only where stragglers are to be expected. */
static void
test_tombstones (void)
{
  Rec *r = rec_new ();
  Tuple t1 = { 50001, 443, 4 }, t2 = { 50002, 443, 4 };

  /* 1: the client's FIN is never acknowledged */
  handshake (r, T0, 1);
  add (r, T0, 4, C, 1001, 5001, FIN | ACK, NULL);
  add (r, T0, 5, S, 5001, 1001, FIN | ACK, NULL);
  add (r, T0, 6, C, 1002, 5002, ACK, NULL);
  /* 2: a clean close */
  handshake (r, t1, 10);
  add (r, t1, 13, C, 1001, 5001, FIN | ACK, NULL);
  add (r, t1, 14, S, 5001, 1002, FIN | ACK, NULL);
  add (r, t1, 15, C, 1002, 5002, ACK, NULL);
  add (r, t2, 3000, C, 1000, 0, SYN, NULL);
  assert_log (r, "open 1|open 2|close 1|close 2|open 3");
  add (r, T0, 5000, C, 1001, 5002, FIN | ACK, NULL);
  assert_log (r, "");
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->ignored_after_close, ==, 1);
  /* nothing remembered after a clean close: a straggler starts a
   * connection */
  add (r, t1, 5001, S, 5001, 1002, FIN | ACK, NULL);
  assert_log (r, "open 4");
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "close 3|close 4");
  g_assert_true (rec_closed (r, 4)->started_late);
  rec_free (r);
}

static void
test_started_late (void)
{
  Rec *r = rec_new ();
  Tuple high = { 40000, 8443, 4 }, synack = { 40001, 8443, 4 };
  HlConnection *c;

  /* the server (low port) speaks first: it is still the server */
  add (r, T0, 1, S, 5000, 1000, ACK, "srv");
  add (r, T0, 2, C, 1000, 5003, ACK, "cli");
  /* both ports high: the first sender is taken as the client */
  add (r, high, 3, S, 7000, 3000, ACK, "first");
  /* first seen: a SYN-ACK; its receiver is the client */
  add (r, synack, 4, S, 9000, 2001, SYN | ACK, NULL);
  add (r, synack, 5, C, 2001, 9001, ACK, NULL);
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "open 1|1 s2c srv f1|1 c2s cli f2|open 2|2 c2s first f3|open 3|"
                 "close 1|close 2|close 3");

  c = rec_closed (r, 1);
  g_assert_true (c->started_late);
  g_assert_false (c->syn || c->syn_ack || c->ack);
  g_assert_cmpuint (c->client.port, ==, 50000);
  g_assert_cmpuint (c->server.port, ==, 443);
  assert_events (c, "");

  c = rec_closed (r, 2);
  g_assert_true (c->started_late);
  g_assert_cmpuint (c->client.port, ==, 8443);
  g_assert_cmpuint (c->client.addr[3], ==, 2);

  c = rec_closed (r, 3);
  g_assert_true (c->started_late);
  g_assert_cmpuint (c->client.port, ==, 40001);
  g_assert_true (c->syn_ack && c->ack);
  g_assert_false (c->syn);
  assert_events (c, "syn_ack s2c 4|ack c2s 5");
  rec_free (r);
}

/* A SYN that shows up after the segments that follow it (a merged capture)
 * belongs to the connection and fixes the roles. */
static void
test_late_syn (void)
{
  Rec *r = rec_new ();
  Tuple high = { 40000, 8443, 4 };
  HlConnection *c;

  add (r, high, 1, S, 5001, 1001, ACK, "srv");   /* taken as client at first */
  add (r, high, 2, C, 1001, 5004, ACK, "cli");
  add (r, high, 3, C, 1000, 0, SYN, NULL);
  add (r, high, 4, S, 5004, 1004, ACK, "more");
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "open 1|1 c2s srv f1|1 s2c cli f2|1 s2c more f4|close 1");
  c = rec_closed (r, 1);
  g_assert_cmpuint (c->client.port, ==, 40000);
  g_assert_true (c->syn);
  g_assert_true (c->started_late);
  assert_events (c, "syn c2s 3");
  g_assert_cmpuint (c->payload_bytes[HL_DIR_C2S], ==, 3);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_S2C], ==, 7);
  rec_free (r);
}

static void
test_role_swap (void)
{
  Rec *r = rec_new ();
  Tuple high = { 40000, 9000, 4 };
  HlConnection *c;

  r->swap_on_hello = TRUE;
  /* the server (port 9000) is seen first: provisionally the client */
  add (r, high, 1, S, 5000, 1000, ACK, "srv1");
  /* the consumer recognises a ClientHello in "s2c" and swaps roles */
  add (r, high, 2, C, 1000, 5004, ACK, "HELLO");
  add (r, high, 3, S, 5004, 1005, ACK, "srv2");
  add (r, high, 4, C, 1005, 5008, ACK, "more");
  /* an out-of-order segment buffered before... */
  add (r, high, 5, S, 5012, 1009, ACK, "tail");
  add (r, high, 6, S, 5008, 1009, ACK, "srv3");
  add (r, high, 7, S, 5016, 1009, FIN | ACK, NULL);
  add (r, high, 8, C, 1009, 5008, ACK, NULL);
  add (r, high, 9, C, 1009, 5008, ACK, NULL);
  add (r, high, 10, C, 1005, 5008, ACK, "more");
  add (r, high, 11, C, 1005, 5008, ACK, "more");
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "open 1|1 c2s srv1 f1|1 s2c HELLO f2|1 s2c srv2 f3|1 c2s more f4|"
                 "1 s2c srv3 f6|1 s2c tail f5|close 1");
  c = rec_closed (r, 1);
  g_assert_cmpuint (c->client.port, ==, 40000);
  g_assert_cmpuint (c->server.port, ==, 9000);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_C2S], ==, 9);
  g_assert_cmpuint (c->payload_bytes[HL_DIR_S2C], ==, 16);
  g_assert_true (c->fin[HL_DIR_S2C]);
  g_assert_false (c->fin[HL_DIR_C2S]);
  g_assert_cmpint (c->fin_by_first, ==, HL_DIR_S2C);
  assert_events (c, "fin s2c 7|retransmission c2s 10x2-11");
  rec_free (r);
}

static void
test_eviction (void)
{
  Rec *r = rec_new ();
  Tuple tu[6];
  HlConnection *c;

  for (int i = 0; i < 6; i++)
    tu[i] = (Tuple) { 50000 + i, 443, 4 };
  hl_tcp_tracker_set_limits (r->t, 3, 0);
  add (r, tu[1], 1, C, 1000, 0, SYN, NULL);
  add (r, tu[2], 2, C, 1000, 0, SYN, NULL);
  add (r, tu[3], 3, C, 1000, 0, SYN, NULL);
  add (r, tu[1], 4, C, 1000, 0, SYN, NULL);   /* 1 active again */
  add (r, tu[4], 5, C, 1000, 0, SYN, NULL);   /* evicts 2 */
  assert_log (r, "open 1|open 2|open 3|close 2|open 4");
  c = rec_closed (r, 2);
  g_assert_cmpuint (c->notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (c->notes, 0), ==, "evicted after 3 open connections");
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->evicted, ==, 1);
  /* a closed (lingering) connection makes room before an open one */
  add (r, tu[3], 6, S, 0, 1001, RST | ACK, NULL);
  add (r, tu[5], 7, C, 1000, 0, SYN, NULL);
  assert_log (r, "close 3|open 5");
  g_assert_cmpuint (rec_closed (r, 3)->notes->len, ==, 0);
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->evicted, ==, 1);
  /* a packet of the evicted connection starts a new one */
  add (r, tu[2], 8, S, 0, 1001, RST | ACK, NULL);
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "close 1|open 6|close 4|close 5|close 6");
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->evicted, ==, 2);
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->connections, ==, 6);
  rec_free (r);
}

/* Ids follow creation; flush closes in id order whatever the hash order. */
static void
test_ids (void)
{
  Rec *r = rec_new ();
  GString *expected = g_string_new (NULL);
  Tuple v6 = { 50000, 443, 6 };

  for (guint i = 0; i < 200; i++)
    {
      Tuple tu = { 1024 + i * 7, 443, 4 };
      add (r, tu, i + 1, C, i, 0, SYN, NULL);
    }
  /* the same ports over IPv6 are another connection */
  add (r, v6, 201, C, 1, 0, SYN, NULL);
  add (r, T0, 202, C, 1, 0, SYN, NULL);
  add (r, v6, 203, S, 1, 2, SYN | ACK, NULL);
  hl_tcp_tracker_flush (r->t);
  for (guint i = 1; i <= 202; i++)
    g_string_append_printf (expected, "%sopen %u", i > 1 ? "|" : "", i);
  for (guint i = 1; i <= 202; i++)
    g_string_append_printf (expected, "|close %u", i);
  assert_log (r, expected->str);
  for (guint i = 1; i <= 202; i++)
    g_assert_cmpuint (rec_closed (r, i)->first_frame, ==, i);
  assert_events (rec_closed (r, 201), "syn c2s 201|syn_ack s2c 203");
  g_assert_cmpuint (rec_closed (r, 201)->client.family, ==, 6);
  g_string_free (expected, TRUE);
  rec_free (r);
}

static void
test_zero_window (void)
{
  Rec *r = rec_new ();
  HlConnection *c;
  HlSegment s;
  const guint16 windows[] = { 0, 0, 1000, 0 };

  handshake (r, T0, 1);
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      s = mkseg (T0, 4 + i, S, 5001, 1001, ACK, NULL);
      s.window = windows[i];
      hl_tcp_tracker_add (r->t, &s);
    }
  /* a RST with window 0 is no zero window */
  s = mkseg (T0, 8, C, 1001, 5001, RST, NULL);
  s.window = 0;
  hl_tcp_tracker_add (r->t, &s);
  hl_tcp_tracker_flush (r->t);
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|zero_window s2c 4|zero_window s2c 7|rst c2s 8");
  g_assert_cmpuint (c->zero_windows, ==, 2);
  g_assert_cmpint (c->rst_by, ==, HL_DIR_C2S);
  rec_free (r);
}

/* Payload cut by the snap length: the missing bytes are a gap. */
static void
test_snapped (void)
{
  Rec *r = rec_new ();
  HlConnection *c;
  HlSegment s;

  handshake (r, T0, 1);
  s = mkseg (T0, 4, C, 1001, 5001, ACK, "abc");
  s.payload_wire_len = 10;
  hl_tcp_tracker_add (r->t, &s);
  /* out of order and snapped: buffered as data + hole */
  s = mkseg (T0, 5, C, 1021, 5001, ACK, "uv");
  s.payload_wire_len = 5;
  hl_tcp_tracker_add (r->t, &s);
  s = mkseg (T0, 6, C, 1011, 5001, ACK, "klmnopqrst");
  hl_tcp_tracker_add (r->t, &s);
  add (r, T0, 7, C, 1026, 5001, ACK, "z");
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "open 1|1 c2s abc f4|1 c2s gap 7 f4|1 c2s klmnopqrst f6|1 c2s uv f5|"
                 "1 c2s gap 3 f5|1 c2s z f7|close 1");
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|gap c2s 4x7-4|gap c2s 5x3-5");
  g_assert_cmpuint (c->gap_bytes, ==, 10);
  g_assert_cmpuint (c->retransmissions, ==, 0);
  rec_free (r);
}

/* RST settles the sender's direction at once; later bytes from it are
 * ignored. */
static void
test_rst_settles (void)
{
  Rec *r = rec_new ();
  HlConnection *c;

  handshake (r, T0, 1);
  add (r, T0, 4, S, 5001, 1001, ACK, "abc");
  add (r, T0, 5, S, 5007, 1001, ACK, "ghi");
  add (r, T0, 6, S, 5010, 1001, RST | ACK, NULL);
  assert_log (r, "open 1|1 s2c abc f4|1 s2c gap 3 f6|1 s2c ghi f5");
  add (r, T0, 7, S, 5004, 1001, ACK, "def");
  /* the client's in-flight bytes still count */
  add (r, T0, 8, C, 1001, 5004, ACK, "cli");
  assert_log (r, "1 c2s cli f8");
  hl_tcp_tracker_flush (r->t);
  assert_log (r, "close 1");
  c = rec_closed (r, 1);
  assert_events (c, "syn c2s 1|syn_ack s2c 2|ack c2s 3|gap s2c 6x3-6|rst s2c 6");
  g_assert_cmpint (c->rst_by, ==, HL_DIR_S2C);
  g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->ignored_after_close, ==, 1);
  rec_free (r);
}

/* Many connections and segments, over the connection cap: every byte
 * delivered once, every connection closed once. */
typedef struct {
  guint64 opened, closed, bytes, gaps;
} Counts;

static void
count_open (HlConnection *conn, gpointer user_data)
{
  ((Counts *) user_data)->opened++;
}

static void
count_data (HlConnection *conn, HlDirection dir, const guint8 *data, gsize len,
            guint64 frame, gint64 ts_ns, gpointer user_data)
{
  ((Counts *) user_data)->bytes += len;
}

static void
count_gap (HlConnection *conn, HlDirection dir, guint64 bytes, guint64 frame, gpointer user_data)
{
  ((Counts *) user_data)->gaps += bytes;
}

static void
count_close (HlConnection *conn, gpointer user_data)
{
  ((Counts *) user_data)->closed++;
  hl_connection_free (conn);
}

static void
test_many (void)
{
  const HlTcpTrackerCallbacks cb = { count_open, count_data, count_gap, count_close };
  Counts counts = { 0 };
  HlTcpTracker *t;
  guint8 payload[1448];
  guint64 frame = 0;

  memset (payload, 'x', sizeof payload);
  t = hl_tcp_tracker_new (&cb, &counts);
  hl_tcp_tracker_set_limits (t, 1000, 4 * 1448);
  for (guint i = 0; i < 5000; i++)
    {
      Tuple tu = { 1024 + (i % 60000), 443, (i % 10) ? 4 : 6 };
      HlSegment s;

      s = mkseg (tu, ++frame, C, 1000, 0, SYN, NULL);
      hl_tcp_tracker_add (t, &s);
      s = mkseg (tu, ++frame, S, 5000, 1001, SYN | ACK, NULL);
      hl_tcp_tracker_add (t, &s);
      /* ten segments, pairs swapped */
      for (guint k = 0; k < 10; k++)
        {
          guint kk = k ^ 1;
          s = mkseg (tu, ++frame, S, 5001 + kk * 1448, 1001, ACK, NULL);
          s.payload = payload;
          s.payload_len = s.payload_wire_len = sizeof payload;
          hl_tcp_tracker_add (t, &s);
        }
    }
  g_assert_cmpuint (hl_tcp_tracker_stats (t)->connections, ==, 5000);
  g_assert_cmpuint (hl_tcp_tracker_stats (t)->evicted, ==, 4000);
  g_assert_cmpuint (hl_tcp_tracker_stats (t)->buffered_bytes_peak, ==, 1448);
  g_assert_cmpuint (counts.closed, ==, 4000);
  hl_tcp_tracker_flush (t);
  g_assert_cmpuint (counts.opened, ==, 5000);
  g_assert_cmpuint (counts.closed, ==, 5000);
  g_assert_cmpuint (counts.bytes, ==, 5000 * 10 * 1448);
  g_assert_cmpuint (counts.gaps, ==, 0);
  hl_tcp_tracker_free (t);
}

/* Random segmentation, reordering, duplication, overlap and loss of one
 * stream: every delivered byte must sit at its offset in the original, each
 * offset must be delivered or reported missing exactly once, in order. */
typedef struct {
  const guint8 *stream;
  gsize         len;
  guint64       pos;    /* offset of the next byte */
  guint64       gaps;
} Check;

static void
check_data (HlConnection *conn, HlDirection dir, const guint8 *data, gsize len,
            guint64 frame, gint64 ts_ns, gpointer user_data)
{
  Check *k = user_data;

  g_assert_cmpint (dir, ==, HL_DIR_C2S);
  g_assert_cmpuint (k->pos + len, <=, k->len);
  g_assert_cmpmem (data, len, k->stream + k->pos, len);
  k->pos += len;
}

static void
check_gap (HlConnection *conn, HlDirection dir, guint64 bytes, guint64 frame, gpointer user_data)
{
  Check *k = user_data;

  g_assert_cmpuint (bytes, >, 0);
  k->pos += bytes;
  k->gaps += bytes;
}

static void
check_close (HlConnection *conn, gpointer user_data)
{
  Check *k = user_data;

  g_assert_cmpuint (k->pos, ==, k->len);
  g_assert_cmpuint (conn->gap_bytes, ==, k->gaps);
  hl_connection_free (conn);
}

static void
run_random (guint32 isn, gsize max_buffer, gboolean lossy)
{
  const HlTcpTrackerCallbacks cb = { NULL, check_data, check_gap, check_close };
  enum { LEN = 20000 };
  g_autofree guint8 *stream = g_malloc (LEN);
  g_autoptr(GArray) segs = g_array_new (FALSE, FALSE, sizeof (HlSegment));
  Check k = { stream, LEN, 0, 0 };
  HlTcpTracker *t = hl_tcp_tracker_new (&cb, &k);
  g_autofree gboolean *covered = g_new0 (gboolean, LEN);
  guint64 missing = 0;
  HlSegment s;

  for (gsize i = 0; i < LEN; i++)
    stream[i] = g_test_rand_int_range (0, 256);
  hl_tcp_tracker_set_limits (t, 0, max_buffer);
  s = mkseg (T0, 1, C, isn, 0, SYN, NULL);
  hl_tcp_tracker_add (t, &s);
  for (gsize off = 0; off < LEN;)
    {
      gsize n = g_test_rand_int_range (1, 1500);
      gsize back = g_test_rand_int_range (1, 300);
      gsize start = off;
      int copies = g_test_rand_int_range (0, 10) == 0 ? 2 : 1;

      n = MIN (n, LEN - off);
      /* sometimes overlap the previous bytes */
      if (off > 0 && g_test_rand_int_range (0, 8) == 0)
        start = off - MIN (off, back);
      if (lossy && off > 0 && g_test_rand_int_range (0, 15) == 0)
        copies = 0;
      for (int c = 0; c < copies; c++)
        {
          s = mkseg (T0, 0, C, isn + 1 + start, 5001, ACK, NULL);
          s.payload = stream + start;
          s.payload_len = s.payload_wire_len = off + n - start;
          g_array_append_val (segs, s);
          for (gsize b = start; b < off + n; b++)
            covered[b] = TRUE;
        }
      off += n;
    }
  /* the FIN tells where the stream ends */
  s = mkseg (T0, 0, C, isn + 1 + LEN, 5001, FIN | ACK, NULL);
  g_array_append_val (segs, s);
  /* local reordering */
  for (guint i = 0; i + 1 < segs->len; i++)
    if (g_test_rand_int_range (0, 4) == 0)
      {
        guint j = i + g_test_rand_int_range (1, 6);
        j = MIN (j, segs->len - 1);
        HlSegment tmp = g_array_index (segs, HlSegment, i);
        g_array_index (segs, HlSegment, i) = g_array_index (segs, HlSegment, j);
        g_array_index (segs, HlSegment, j) = tmp;
      }
  for (guint i = 0; i < segs->len; i++)
    {
      HlSegment *sp = &g_array_index (segs, HlSegment, i);
      sp->frame = i + 2;
      sp->ts_ns = (gint64) sp->frame * MS;
      hl_tcp_tracker_add (t, sp);
    }
  hl_tcp_tracker_flush (t);
  g_assert_cmpuint (k.pos, ==, LEN);
  for (gsize b = 0; b < LEN; b++)
    missing += !covered[b];
  /* with room enough, exactly the lost bytes are missing */
  if (max_buffer >= LEN)
    g_assert_cmpuint (k.gaps, ==, missing);
  else
    g_assert_cmpuint (k.gaps, >=, missing);
  hl_tcp_tracker_free (t);
}

/* Thousands of flows over both families, every other one reset: the reset
 * ones settle (lingering, then tombstones) while the others must still be
 * found, through the flow table's growth, its deletions (entries shifted
 * back into the holes) and its shrinking once the tombstones expire. */
static void
test_table_churn (void)
{
  Rec *r = rec_new ();
  const guint n = 3000;
  guint64 frame = 0;
  g_autofree char *log = NULL;
  guint delivered = 0;

  for (guint i = 0; i < n; i++)
    {
      Tuple tu = { 1024 + i, 443, (i % 3) ? 4 : 6 };
      add (r, tu, ++frame, C, 1000, 0, SYN, NULL);
    }
  for (guint i = 0; i < n; i += 2)
    {
      Tuple tu = { 1024 + i, 443, (i % 3) ? 4 : 6 };
      add (r, tu, ++frame, S, 0, 1001, RST | ACK, NULL);
    }
  /* past MAX_LINGER (256) lingering, the oldest are handed over */
  g_assert_cmpuint (r->closed->len, ==, n / 2 - 256);
  for (int round = 0; round < 2; round++)
    {
      /* the second time, a minute and more later: the lingering flows
       * and the tombstones have expired, and the table shrinks */
      for (guint i = round; i < n; i += round + 1)
        {
          Tuple tu = { 1024 + i, 443, (i % 3) ? 4 : 6 };
          /* the reset ones: a straggler of theirs is ignored */
          add (r, tu, ++frame, C, 1001 + round, 0, ACK | PSH, "x");
        }
      g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->connections, ==, n);
      g_assert_cmpuint (hl_tcp_tracker_stats (r->t)->ignored_after_close, ==, n / 2);
      frame += 70000;
    }
  g_assert_cmpuint (r->closed->len, ==, n / 2);
  log = rec_take (r);
  for (const char *p = log; (p = strstr (p, " c2s x ")) != NULL; p++)
    delivered++;
  g_assert_cmpuint (delivered, ==, n);   /* n / 2 open flows, twice */
  hl_tcp_tracker_flush (r->t);
  g_assert_cmpuint (r->closed->len, ==, n);
  rec_free (r);
}

static void
test_random (void)
{
  for (int round = 0; round < 50; round++)
    {
      guint32 isn = round % 2 ? (guint32) g_test_rand_int () : 0xffffffffu - (guint32) g_test_rand_int_range (0, 10000);
      run_random (isn, 256 * 1024, FALSE);
      run_random (isn, 256 * 1024, TRUE);
      run_random (isn, 3000, FALSE);
      run_random (isn, 3000, TRUE);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tcp-tracker/normal", test_normal);
  g_test_add_func ("/tcp-tracker/out-of-order", test_out_of_order);
  g_test_add_func ("/tcp-tracker/retransmission", test_retransmission);
  g_test_add_func ("/tcp-tracker/partial-overlap", test_partial_overlap);
  g_test_add_func ("/tcp-tracker/gap-acked", test_gap_acked);
  g_test_add_func ("/tcp-tracker/gap-at-flush", test_gap_at_flush);
  g_test_add_func ("/tcp-tracker/gap-before-fin", test_gap_before_fin);
  g_test_add_func ("/tcp-tracker/buffer-cap", test_buffer_cap);
  g_test_add_func ("/tcp-tracker/wraparound", test_wraparound);
  g_test_add_func ("/tcp-tracker/syn-retries", test_syn_retries);
  g_test_add_func ("/tcp-tracker/syn-data", test_syn_data);
  g_test_add_func ("/tcp-tracker/syn-rst", test_syn_rst);
  g_test_add_func ("/tcp-tracker/port-reuse", test_port_reuse);
  g_test_add_func ("/tcp-tracker/late-packets", test_late_packets);
  g_test_add_func ("/tcp-tracker/tombstones", test_tombstones);
  g_test_add_func ("/tcp-tracker/started-late", test_started_late);
  g_test_add_func ("/tcp-tracker/late-syn", test_late_syn);
  g_test_add_func ("/tcp-tracker/role-swap", test_role_swap);
  g_test_add_func ("/tcp-tracker/eviction", test_eviction);
  g_test_add_func ("/tcp-tracker/ids", test_ids);
  g_test_add_func ("/tcp-tracker/zero-window", test_zero_window);
  g_test_add_func ("/tcp-tracker/snapped", test_snapped);
  g_test_add_func ("/tcp-tracker/rst-settles", test_rst_settles);
  g_test_add_func ("/tcp-tracker/many", test_many);
  g_test_add_func ("/tcp-tracker/table-churn", test_table_churn);
  g_test_add_func ("/tcp-tracker/random", test_random);
  return g_test_run ();
}
