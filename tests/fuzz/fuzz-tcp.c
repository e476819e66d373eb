/* Fuzz target: TCP tracker and reassembly fed with arbitrary segments, with
 * the TLS session behind it (the engine's real callbacks). */
#include "fuzz-common.h"
#include "tcp-tracker.h"
#include "tls-session.h"

static void on_open (HlConnection *c, gpointer u) { c->engine_data = hl_tls_session_new (c, NULL); }
static void on_data (HlConnection *c, HlDirection d, const guint8 *p, gsize n, guint64 f, gint64 t, gpointer u)
{ fuzz_consume (p, n); hl_tls_session_feed (c->engine_data, d, p, n, f, t); }
static void on_gap (HlConnection *c, HlDirection d, guint64 b, guint64 f, gpointer u)
{ hl_tls_session_gap (c->engine_data, d, b, f); }
static void on_close (HlConnection *c, gpointer u)
{ hl_tls_session_finish (c->engine_data); hl_tls_session_free (c->engine_data); hl_connection_free (c); }

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const HlTcpTrackerCallbacks cb = { on_open, on_data, on_gap, on_close };
  HlTcpTracker *t = hl_tcp_tracker_new (&cb, NULL);
  HlReader r;
  guint64 frame = 0;

  hl_tcp_tracker_set_limits (t, 8, 4096);
  hl_reader_init (&r, data, size);
  /* Each segment: flags u8, endpoint selector u8 (2 hosts x 2 ports),
   * seq u32, ack u32, window u16, payload length u8, payload. */
  while (hl_reader_remaining (&r) >= 13)
    {
      HlSegment s = { 0 };
      guint8 sel;
      s.flags = hl_reader_u8 (&r);
      sel = hl_reader_u8 (&r);
      s.seq = hl_reader_u32 (&r);
      s.ack = hl_reader_u32 (&r);
      s.window = hl_reader_u16 (&r);
      s.payload_len = hl_reader_u8 (&r);
      if (s.payload_len > hl_reader_remaining (&r))
        s.payload_len = hl_reader_remaining (&r);
      s.payload = hl_reader_bytes (&r, s.payload_len);
      s.payload_wire_len = s.payload_len + ((sel & 0x10) ? 100 : 0);
      s.wscale = -1;
      s.src.family = s.dst.family = 4;
      s.src.addr[0] = 10; s.src.addr[3] = 1 + (sel & 1);
      s.dst.addr[0] = 10; s.dst.addr[3] = 2 - (sel & 1);
      s.src.port = (sel & 1) ? 443 : 50000 + ((sel >> 1) & 3);
      s.dst.port = (sel & 1) ? 50000 + ((sel >> 1) & 3) : 443;
      s.frame = ++frame;
      s.ts_ns = (gint64) frame * 1000000;
      hl_tcp_tracker_add (t, &s);
    }
  hl_tcp_tracker_flush (t);
  hl_tcp_tracker_free (t);
  return 0;
}
