/* tcp-tracker.h: flow table and per-direction TCP reassembly.
 *
 * Segments go in; connections, TCP timeline events and in-order payload come
 * out through callbacks.  Connections are keyed by the unordered 4-tuple; the
 * client is the SYN sender.  A SYN on a tuple whose connection has closed (or
 * whose ISN differs) starts a new connection (port reuse).  Per-direction
 * state is keyed by endpoint, not by HlDirection, so hl_connection_swap_roles()
 * during the connection is safe.
 *
 * Reassembly: out-of-order segments are buffered (capped per direction),
 * retransmitted and overlapping bytes are delivered once (first copy wins),
 * SYN data is delivered; missing bytes are never guessed: when the window
 * moves past a hole (or at flush) on_gap reports its size and delivery
 * continues after it.
 */
#pragma once
#include <glib.h>
#include "packet-decoder.h"
#include "connection.h"

G_BEGIN_DECLS

typedef struct {
  /* a new connection was created (conn->id assigned by the tracker, 1-based,
   * increasing): the consumer may set conn->engine_data */
  void (*on_open)  (HlConnection *conn, gpointer user_data);
  /* in-order payload bytes of one direction; `frame` is the frame that
   * carried these bytes (a chunk never spans frames) */
  void (*on_data)  (HlConnection *conn, HlDirection dir, const guint8 *data, gsize len,
                    guint64 frame, gint64 ts_ns, gpointer user_data);
  /* `bytes` bytes are missing in this direction before the next on_data */
  void (*on_gap)   (HlConnection *conn, HlDirection dir, guint64 bytes,
                    guint64 frame, gpointer user_data);
  /* the tracker is done with the connection (closed and settled, replaced by
   * port reuse, evicted, or flushed at the end); ownership passes to the
   * consumer */
  void (*on_close) (HlConnection *conn, gpointer user_data);
} HlTcpTrackerCallbacks;

typedef struct {
  guint64 connections, evicted, segments, ignored_after_close, buffered_bytes_peak;
  guint64 released;   /* open connections handed over early (hl_tcp_tracker_release) */
} HlTcpTrackerStats;

typedef struct _HlTcpTracker HlTcpTracker;

HlTcpTracker *hl_tcp_tracker_new        (const HlTcpTrackerCallbacks *callbacks, gpointer user_data);
void          hl_tcp_tracker_free       (HlTcpTracker *t);
/* Limits (defaults: 65536 open connections, 256 KiB out-of-order buffer per
 * direction; 0 keeps the default).  Past max_connections the least recently
 * active one is evicted (closed early; conn gets a note). */
void          hl_tcp_tracker_set_limits (HlTcpTracker *t, guint max_connections, gsize max_buffer);
void          hl_tcp_tracker_add        (HlTcpTracker *t, const HlSegment *seg);
/* Hands a connection that is still tracked to on_close now, before its end
 * (the engine does so to bound the finished connections waiting behind it
 * for output order).  Its later segments are only counted
 * (ignored_after_close) until a SYN starts a new connection on the tuple or
 * the tuple has been silent for a minute of capture time.  Not to be called
 * from inside a callback.  FALSE if the tracker does not hold conn. */
gboolean      hl_tcp_tracker_release    (HlTcpTracker *t, HlConnection *conn);
/* End of input: deliver what can be delivered (reporting holes), close all. */
void          hl_tcp_tracker_flush      (HlTcpTracker *t);
const HlTcpTrackerStats *hl_tcp_tracker_stats (HlTcpTracker *t);

G_END_DECLS
