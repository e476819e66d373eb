/* tcp-tracker.c: flow table, TCP connection state and per-direction
 * reassembly.
 *
 * Each connection (Flow) has two halves, one per sending endpoint.  Half
 * state is keyed by endpoint, never by HlDirection: the direction of a half
 * is recomputed from conn->client whenever it is needed, because the TLS
 * layer may swap the roles in the middle of a callback.
 *
 * Sequence numbers are turned into 64-bit offsets relative to the half's
 * first byte (serial arithmetic against the next expected byte), so
 * wraparound at 2^32 needs no special case anywhere else.  In-order bytes go
 * straight from the segment to on_data; only out-of-order bytes are copied,
 * into a sorted, non-overlapping list of chunks.
 *
 * Open flows sit on an LRU queue (eviction at the connection cap); closed
 * flows move to a linger queue ordered by their last packet and are handed to
 * on_close CLOSE_LINGER after it, so late ACKs and retransmitted FIN/RST
 * still find them (at most MAX_LINGER of them at once).  When more may come
 * after that (a FIN never acknowledged
 * is retransmitted with backoff for a long time; a reset peer may not have
 * heard of it), a small tombstone remembers the tuple and where each side's
 * sequence numbers ended, for TOMBSTONE_NS, so those stragglers are ignored
 * too.  Tombstones live in their own table, looked up only for segments that
 * match no flow.
 */
#include "tcp-tracker.h"

#include <string.h>

#include "i18n.h"

#define DEFAULT_MAX_CONNECTIONS 65536
#define DEFAULT_MAX_BUFFER      (256 * 1024)
#define CLOSE_LINGER_NS         (G_GINT64_CONSTANT (2) * G_TIME_SPAN_SECOND * 1000)
/* Closed flows lingering at once.  A closed connection holds its whole
 * timeline (with TLS field trees, tens of KiB), and at thousands of
 * connections a second, 2 s of linger would hold thousands of them: past
 * this many the oldest is handed over early, leaving a tombstone for its
 * stragglers. */
#define MAX_LINGER              256
/* Chunks one direction may buffer besides the byte cap, so a flood of tiny
 * segments can neither hold much bookkeeping nor make insertion slow. */
#define MAX_CHUNKS(max_buffer)  ((max_buffer) / 256 + 16)
/* TCP events one connection may collect; later ones are only counted. */
#define MAX_TCP_EVENTS          4096
/* How long the tuple of a settled connection is remembered, so that its
 * stragglers (a FIN retransmitted with backoff to a vanished peer) do not
 * start bogus connections. */
#define TOMBSTONE_NS            (G_GINT64_CONSTANT (60) * G_TIME_SPAN_SECOND * 1000)
#define MAX_TOMBSTONES          8192
/* How far from the sequence numbers seen a late SYN, or a straggler after
 * the end, may be and still belong to the connection. */
#define SEQ_WINDOW              (1 << 20)

typedef struct {
  guint8  family;
  guint8  pad[3];
  guint16 port[2];
  guint8  addr[2][16];
} FlowKey;

/* A run of stream bytes: data for [start, data_end), known missing for
 * [data_end, end) (snapped packets). */
typedef struct {
  gint64        start, data_end, end;
  const guint8 *data;
  guint64       frame;
  gint64        ts_ns;
} Piece;

typedef struct _Chunk Chunk;
struct _Chunk {
  Chunk  *prev, *next;
  Piece   p;
  guint8  data[];
};

typedef struct {
  HlEndpoint ep;            /* the sender of this half */
  gboolean   seq_known;
  guint32    base;          /* sequence number of offset 0 */
  gint64     next;          /* offset of the next byte to deliver */
  gboolean   syn;
  guint32    isn;
  gboolean   fin;
  gint64     fin_off;       /* offset the FIN occupies */
  gboolean   fin_acked;     /* the peer acknowledged the FIN */
  gboolean   rst;
  gboolean   zero_window;   /* inside a run of zero-window segments */
  gboolean   had_payload;
  gboolean   after_gap;     /* nothing delivered since the last gap */
  Chunk     *head, *tail;   /* out-of-order bytes, sorted, no overlaps */
  guint      n_chunks;
  gsize      buffered;      /* buffered bytes */
} Half;

typedef struct {
  FlowKey       key;
  HlConnection *conn;
  Half          half[2];
  int           syn_half;     /* half that sent the client SYN, -1 */
  int           synack_half;  /* half that sent the SYN-ACK, -1 */
  guint32       synack_ack;
  gboolean      closed;
  gint64        close_ts;     /* time of the close or of a later packet */
  GList         link;         /* in lru (open) or linger (closed) */
  guint         n_events;
  gboolean      events_capped;
  gboolean      last_rst_valid;  /* the previous segment was this RST */
  int           last_rst_half;
  guint32       last_rst_seq, last_rst_ack;
  guint8        last_rst_flags;
  gboolean      released;     /* handed over before its end */
} Flow;

/* What is left of a settled connection. */
typedef struct {
  FlowKey  key;
  guint32  end_seq[2];     /* per key side: the sequence number after the end */
  gboolean known[2];
  gboolean detached;       /* released early: everything but a new SYN is
                              still this connection's */
  gint64   ts_ns;          /* last packet */
  GList    link;
} Tombstone;

struct _HlTcpTracker {
  HlTcpTrackerCallbacks cb;
  gpointer              user_data;
  GHashTable           *flows;     /* FlowKey* -> Flow* */
  GQueue                lru;       /* open flows, least recently active first */
  GQueue                linger;    /* closed flows, by last packet */
  GHashTable           *tombstones; /* FlowKey* -> Tombstone* */
  GQueue                dead;      /* tombstones, by last packet */
  guint                 max_connections;
  gsize                 max_buffer;
  guint64               next_id;
  gsize                 buffered_total;
  HlTcpTrackerStats     stats;
};

/* ------------------------------------------------------------ flow table */

/* Returns the side of the key `a` is on. */
static int
flow_key_init (FlowKey *k, const HlEndpoint *a, const HlEndpoint *b)
{
  gsize alen = a->family == 6 ? 16 : 4;
  int c = memcmp (a->addr, b->addr, alen);

  if (c == 0)
    c = (int) a->port - (int) b->port;
  if (c > 0)
    {
      const HlEndpoint *tmp = a;
      a = b;
      b = tmp;
    }
  memset (k, 0, sizeof *k);
  k->family = a->family;
  k->port[0] = a->port;
  k->port[1] = b->port;
  memcpy (k->addr[0], a->addr, alen);
  memcpy (k->addr[1], b->addr, alen);
  return c > 0;
}

/* Seeded once per process so crafted captures cannot aim at one bucket. */
static guint32 hash_seed;
static gsize hash_seed_init;

static guint
flow_key_hash (gconstpointer p)
{
  guint32 w[sizeof (FlowKey) / 4];
  guint32 h = hash_seed;

  G_STATIC_ASSERT (sizeof (FlowKey) % 4 == 0);
  memcpy (w, p, sizeof w);
  for (gsize i = 0; i < G_N_ELEMENTS (w); i++)
    {
      h ^= w[i] * 0xcc9e2d51u;
      h = (h << 13) | (h >> 19);
      h = h * 5 + 0xe6546b64u;
    }
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  return h;
}

static gboolean
flow_key_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, sizeof (FlowKey)) == 0;
}

static inline int
flow_half_of (const Flow *f, const HlEndpoint *src)
{
  return hl_endpoint_equal (src, &f->half[0].ep) ? 0 : 1;
}

static inline HlDirection
flow_dir (const Flow *f, int h)
{
  return hl_endpoint_equal (&f->half[h].ep, &f->conn->client) ? HL_DIR_C2S : HL_DIR_S2C;
}

/* Offset of `seq` in the half's stream, by serial arithmetic around the
 * next expected byte. */
static inline gint64
half_offset (const Half *H, guint32 seq)
{
  guint32 expected = H->base + (guint32) H->next;
  return H->next + (gint32) (seq - expected);
}

/* --------------------------------------------------------------- events */

static HlEvent *
flow_add_event (Flow *f, HlEventKind kind, HlDirection dir, guint64 frame, gint64 ts_ns)
{
  HlEvent *e;

  if (f->n_events >= MAX_TCP_EVENTS)
    {
      if (!f->events_capped)
        hl_connection_add_note (f->conn, _("more than %u TCP events; later ones are only counted"),
                                MAX_TCP_EVENTS);
      f->events_capped = TRUE;
      return NULL;
    }
  f->n_events++;
  e = hl_connection_new_event (f->conn, kind, dir, frame, ts_ns);
  hl_connection_add_event (f->conn, e);
  return e;
}

/* RETRANSMISSION and GAP: merged into the last event when it is the same
 * kind in the same direction (and `merge` allows it). */
static void
flow_add_counted_event (Flow *f, HlEventKind kind, HlDirection dir, guint64 frame,
                        gint64 ts_ns, guint64 count, gboolean merge)
{
  GPtrArray *events = f->conn->events;
  HlEvent *e;

  if (merge && events->len > 0)
    {
      e = g_ptr_array_index (events, events->len - 1);
      if (e->kind == kind && e->dir == dir)
        {
          e->count += count;
          e->last_frame = frame;
          return;
        }
    }
  e = flow_add_event (f, kind, dir, frame, ts_ns);
  if (e)
    e->count = count;
}

/* ----------------------------------------------------------- reassembly */

static void
emit_data (HlTcpTracker *t, Flow *f, int h, const guint8 *data, gsize len,
           guint64 frame, gint64 ts_ns)
{
  HlDirection dir = flow_dir (f, h);

  f->half[h].after_gap = FALSE;
  f->conn->payload_bytes[dir] += len;
  if (t->cb.on_data)
    t->cb.on_data (f->conn, dir, data, len, frame, ts_ns, t->user_data);
}

static void
emit_gap (HlTcpTracker *t, Flow *f, int h, guint64 bytes, guint64 frame, gint64 ts_ns)
{
  HlDirection dir = flow_dir (f, h);

  f->conn->gap_bytes += bytes;
  /* adjacent holes (e.g. a run of snapped packets) make one event */
  flow_add_counted_event (f, HL_EVENT_TCP_GAP, dir, frame, ts_ns, bytes, f->half[h].after_gap);
  f->half[h].after_gap = TRUE;
  if (t->cb.on_gap)
    t->cb.on_gap (f->conn, dir, bytes, frame, t->user_data);
}

/* Emit [from, to) of a piece: its bytes, then what the capture cut off. */
static void
emit_piece_range (HlTcpTracker *t, Flow *f, int h, const Piece *p, gint64 from, gint64 to)
{
  gint64 stop = MIN (to, p->data_end);

  if (stop > from)
    emit_data (t, f, h, p->data + (from - p->start), stop - from, p->frame, p->ts_ns);
  from = MAX (from, p->data_end);
  if (to > from)
    emit_gap (t, f, h, to - from, p->frame, p->ts_ns);
}

static void
chunk_free (HlTcpTracker *t, Half *H, Chunk *c)
{
  gsize len = c->p.data_end - c->p.start;

  if (c->prev)
    c->prev->next = c->next;
  else
    H->head = c->next;
  if (c->next)
    c->next->prev = c->prev;
  else
    H->tail = c->prev;
  H->n_chunks--;
  H->buffered -= len;
  t->buffered_total -= len;
  g_free (c);
}

/* Deliver buffered chunks that have become contiguous. */
static void
half_drain (HlTcpTracker *t, Flow *f, int h)
{
  Half *H = &f->half[h];
  Chunk *c;

  while ((c = H->head) != NULL && c->p.start <= H->next)
    {
      if (c->p.end > H->next)
        {
          gint64 from = H->next;
          H->next = c->p.end;
          emit_piece_range (t, f, h, &c->p, from, c->p.end);
        }
      chunk_free (t, H, c);
    }
}

/* Deliver a piece that starts at or before the next expected byte; bytes
 * already buffered win over the piece's copy.  Returns the new bytes. */
static gint64
half_deliver (HlTcpTracker *t, Flow *f, int h, const Piece *p)
{
  Half *H = &f->half[h];
  gint64 added = 0;

  half_drain (t, f, h);
  while (H->next < p->end)
    {
      gint64 from = H->next;
      gint64 stop = H->head ? MIN (H->head->p.start, p->end) : p->end;

      H->next = stop;
      added += stop - from;
      emit_piece_range (t, f, h, p, from, stop);
      half_drain (t, f, h);
    }
  return added;
}

/* Move the next expected byte to `limit`: buffered bytes are delivered, the
 * holes between them reported as gaps detected at `frame`. */
static void
half_skip_to (HlTcpTracker *t, Flow *f, int h, gint64 limit, guint64 frame, gint64 ts_ns)
{
  Half *H = &f->half[h];

  half_drain (t, f, h);
  while (H->next < limit)
    {
      gint64 from = H->next;
      gint64 stop = H->head ? MIN (H->head->p.start, limit) : limit;

      H->next = stop;
      emit_gap (t, f, h, stop - from, frame, ts_ns);
      half_drain (t, f, h);
    }
}

/* Nothing more will fill the holes: deliver everything known. */
static void
half_settle (HlTcpTracker *t, Flow *f, int h, guint64 frame, gint64 ts_ns)
{
  Half *H = &f->half[h];
  gint64 limit = H->tail ? H->tail->p.end : H->next;

  if (H->fin && H->fin_off > limit)
    limit = H->fin_off;
  half_skip_to (t, f, h, limit, frame, ts_ns);
}

static void
half_insert_chunk (HlTcpTracker *t, Half *H, Chunk *before, const Piece *p,
                   gint64 from, gint64 to)
{
  gint64 data_to = CLAMP (p->data_end, from, to);
  gsize len = data_to - from;
  Chunk *c = g_malloc (sizeof (Chunk) + len);

  c->p.start = from;
  c->p.data_end = data_to;
  c->p.end = to;
  c->p.data = c->data;
  c->p.frame = p->frame;
  c->p.ts_ns = p->ts_ns;
  if (len)
    memcpy (c->data, p->data + (from - p->start), len);

  c->next = before;
  c->prev = before ? before->prev : H->tail;
  if (c->prev)
    c->prev->next = c;
  else
    H->head = c;
  if (before)
    before->prev = c;
  else
    H->tail = c;

  H->n_chunks++;
  H->buffered += len;
  t->buffered_total += len;
  t->stats.buffered_bytes_peak = MAX (t->stats.buffered_bytes_peak, t->buffered_total);
}

/* Buffer the parts of an out-of-order piece not buffered yet.  Returns the
 * new bytes. */
static gint64
half_buffer (HlTcpTracker *t, Half *H, const Piece *p)
{
  Chunk *c = H->tail;
  gint64 cur = p->start, added = 0;

  /* Out-of-order segments usually extend the tail: search from there. */
  if (c && c->p.end > p->start)
    {
      while (c->prev && c->prev->p.end > p->start)
        c = c->prev;
    }
  else
    c = NULL;

  while (cur < p->end)
    {
      if (c == NULL || c->p.start > cur)
        {
          gint64 stop = c ? MIN (p->end, c->p.start) : p->end;

          /* keep data and missing bytes in separate chunks */
          if (cur < p->data_end && p->data_end < stop)
            {
              half_insert_chunk (t, H, c, p, cur, p->data_end);
              half_insert_chunk (t, H, c, p, p->data_end, stop);
            }
          else
            half_insert_chunk (t, H, c, p, cur, stop);
          added += stop - cur;
          cur = stop;
        }
      else
        {
          cur = MAX (cur, c->p.end);
          c = c->next;
        }
    }
  return added;
}

/* Take in a piece of payload; returns the bytes never seen before. */
static gint64
half_add_piece (HlTcpTracker *t, Flow *f, int h, const Piece *p)
{
  Half *H = &f->half[h];

  if (p->end <= H->next)
    return 0;
  if (p->start <= H->next)
    return half_deliver (t, f, h, p);
  if (H->buffered + (gsize) (p->data_end - p->start) <= t->max_buffer &&
      H->n_chunks + 2 <= MAX_CHUNKS (t->max_buffer))
    return half_buffer (t, H, p);

  /* Over the cap: the hole will not be filled in time; give up on it. */
  half_settle (t, f, h, p->frame, p->ts_ns);
  if (p->end <= H->next)
    return 0;
  if (p->start > H->next)
    half_skip_to (t, f, h, p->start, p->frame, p->ts_ns);
  return half_deliver (t, f, h, p);
}

static void
half_clear (HlTcpTracker *t, Half *H)
{
  while (H->head)
    chunk_free (t, H, H->head);
}

/* ------------------------------------------------------- flow lifecycle */

static void
tombstone_free (HlTcpTracker *t, Tombstone *ts)
{
  g_queue_unlink (&t->dead, &ts->link);
  g_hash_table_remove (t->tombstones, &ts->key);
  g_free (ts);
}

static void
tombstone_add (HlTcpTracker *t, const Flow *f)
{
  Tombstone *ts = g_new0 (Tombstone, 1);

  /* as many tombstones as flows at most, and a flat bound: at thousands
   * of connections a second a minute of them would be a lot */
  if (g_hash_table_size (t->tombstones) >= MIN (t->max_connections, MAX_TOMBSTONES) && t->dead.head)
    tombstone_free (t, t->dead.head->data);
  ts->key = f->key;
  ts->detached = f->released;
  ts->ts_ns = MAX (f->close_ts, f->conn->last_ts_ns);
  for (int h = 0; h < 2; h++)
    {
      const Half *H = &f->half[h];
      FlowKey unused;
      int side = flow_key_init (&unused, &H->ep, &f->half[!h].ep);
      gint64 end = H->fin ? MAX (H->next, H->fin_off + 1) : H->next;

      ts->known[side] = H->seq_known;
      ts->end_seq[side] = H->base + (guint32) end;
    }
  ts->link.data = ts;
  g_hash_table_insert (t->tombstones, &ts->key, ts);
  g_queue_push_tail_link (&t->dead, &ts->link);
}

/* Hand the connection to on_close and forget the flow; a closed flow that
 * lingered leaves a tombstone. */
static void
flow_free (HlTcpTracker *t, Flow *f, gboolean tombstone)
{
  HlConnection *conn = f->conn;

  for (int h = 0; h < 2; h++)
    half_settle (t, f, h, conn->last_frame, conn->last_ts_ns);
  for (int h = 0; h < 2; h++)
    half_clear (t, &f->half[h]);
  if (tombstone)
    tombstone_add (t, f);
  g_queue_unlink (f->closed ? &t->linger : &t->lru, &f->link);
  g_hash_table_remove (t->flows, &f->key);
  g_free (f);
  if (t->cb.on_close)
    t->cb.on_close (conn, t->user_data);
  else
    hl_connection_free (conn);
}

static void
flow_close (HlTcpTracker *t, Flow *f, gint64 ts_ns)
{
  if (f->closed)
    return;
  g_queue_unlink (&t->lru, &f->link);
  f->closed = TRUE;
  f->close_ts = ts_ns;
  g_queue_push_tail_link (&t->linger, &f->link);
}

static gboolean
has_aged (gint64 then, gint64 now, gint64 age)
{
  return now > then && (guint64) now - (guint64) then >= (guint64) age;
}

/* Can stragglers still come after the linger time? */
static gboolean
flow_expects_stragglers (const Flow *f)
{
  return f->half[0].rst || f->half[1].rst ||
         (f->half[0].fin && !f->half[0].fin_acked) ||
         (f->half[1].fin && !f->half[1].fin_acked);
}

static void
expire (HlTcpTracker *t, gint64 now)
{
  while (t->linger.head && has_aged (((Flow *) t->linger.head->data)->close_ts, now, CLOSE_LINGER_NS))
    {
      Flow *f = t->linger.head->data;
      flow_free (t, f, flow_expects_stragglers (f));
    }
  while (t->dead.head && has_aged (((Tombstone *) t->dead.head->data)->ts_ns, now, TOMBSTONE_NS))
    tombstone_free (t, t->dead.head->data);
}

/* Make room for one more flow: settled closed flows go first, then the
 * least recently active open one. */
static void
make_room (HlTcpTracker *t)
{
  while (g_hash_table_size (t->flows) >= t->max_connections)
    {
      if (t->linger.head)
        {
          Flow *f = t->linger.head->data;
          flow_free (t, f, flow_expects_stragglers (f));
        }
      else if (t->lru.head)
        {
          Flow *f = t->lru.head->data;
          hl_connection_add_note (f->conn, _("evicted after %u open connections"),
                                  t->max_connections);
          t->stats.evicted++;
          flow_free (t, f, FALSE);
        }
      else
        break;
    }
}

/* A segment on the tuple of a settled connection: a straggler of it (TRUE),
 * or the start of a new connection whose SYN was not seen? */
static gboolean
is_straggler (const Tombstone *ts, int side, const HlSegment *seg)
{
  gint32 d;

  if (ts->detached)
    return (seg->flags & (HL_TCP_SYN | HL_TCP_ACK | HL_TCP_RST)) != HL_TCP_SYN;
  if ((seg->flags & HL_TCP_SYN) || !ts->known[side])
    return FALSE;
  d = (gint32) (seg->seq - ts->end_seq[side]);
  return d >= -SEQ_WINDOW && d <= SEQ_WINDOW;
}

static gboolean
port_is_low (guint16 port)
{
  return port < 1024;
}

static Flow *
flow_new (HlTcpTracker *t, const FlowKey *key, const HlSegment *seg)
{
  Flow *f = g_new0 (Flow, 1);
  HlConnection *conn = hl_connection_new ();
  guint8 flags = seg->flags & (HL_TCP_SYN | HL_TCP_ACK | HL_TCP_RST);
  gboolean src_is_client;

  make_room (t);

  f->key = *key;
  f->conn = conn;
  f->syn_half = -1;
  f->synack_half = -1;
  f->half[0].ep = seg->src;
  f->half[1].ep = seg->dst;
  f->link.data = f;

  if (flags == HL_TCP_SYN)
    src_is_client = TRUE;
  else
    {
      conn->started_late = TRUE;
      if (flags == (HL_TCP_SYN | HL_TCP_ACK))
        src_is_client = FALSE;
      else if (port_is_low (seg->src.port) != port_is_low (seg->dst.port))
        src_is_client = !port_is_low (seg->src.port);
      else
        src_is_client = TRUE;
    }
  conn->client = src_is_client ? seg->src : seg->dst;
  conn->server = src_is_client ? seg->dst : seg->src;
  conn->id = ++t->next_id;
  conn->first_frame = conn->last_frame = seg->frame;
  conn->first_ts_ns = conn->last_ts_ns = seg->ts_ns;

  g_hash_table_insert (t->flows, &f->key, f);
  g_queue_push_tail_link (&t->lru, &f->link);
  t->stats.connections++;
  if (t->cb.on_open)
    t->cb.on_open (conn, t->user_data);
  return f;
}

/* Does this bare SYN belong to the existing flow (a retry, or a SYN that
 * arrives after the segments that followed it), or does it start a new
 * connection on the same tuple? */
static gboolean
syn_belongs_to_flow (const Flow *f, const HlSegment *seg)
{
  int h = flow_half_of (f, &seg->src);
  const Half *H = &f->half[h];

  if (f->syn_half >= 0)
    {
      if (h != f->syn_half || seg->seq != H->isn)
        return FALSE;
      if (!f->closed)
        return TRUE;
      /* the same ISN after close is a retry only if the connection never
       * carried anything (a SYN answered by RST and tried again) */
      return !f->half[0].had_payload && !f->half[1].had_payload &&
             !(f->half[0].fin && f->half[1].fin);
    }
  if (f->closed)
    return FALSE;
  if (f->synack_half >= 0)
    return h != f->synack_half && seg->seq + 1 == f->synack_ack;
  if (H->seq_known)
    {
      gint64 off = half_offset (H, seg->seq + 1);
      return off <= 0 && off >= -SEQ_WINDOW;
    }
  return FALSE;
}

/* -------------------------------------------------------------- segments */

static void
flow_add_segment (HlTcpTracker *t, Flow *f, const HlSegment *seg)
{
  HlConnection *conn = f->conn;
  int h = flow_half_of (f, &seg->src);
  Half *H = &f->half[h], *P = &f->half[!h];
  gboolean rst = (seg->flags & HL_TCP_RST) != 0;
  gboolean syn = (seg->flags & HL_TCP_SYN) && !rst;
  gboolean ack = (seg->flags & HL_TCP_ACK) != 0;
  gboolean fin = (seg->flags & HL_TCP_FIN) && !rst;
  guint32 plen = seg->payload ? seg->payload_len : 0;
  guint32 wlen = MAX (seg->payload_wire_len, plen);
  guint32 data_seq = seg->seq + (syn ? 1 : 0);
  gboolean retransmission = FALSE;
  HlDirection dir;

  if (seg->frame > conn->last_frame)
    conn->last_frame = seg->frame;
  if (seg->ts_ns > conn->last_ts_ns)
    conn->last_ts_ns = seg->ts_ns;
  if (!f->closed)
    {
      g_queue_unlink (&t->lru, &f->link);
      g_queue_push_tail_link (&t->lru, &f->link);
    }
  else if (seg->ts_ns > f->close_ts)
    {
      /* late packets keep coming (a FIN retransmitted to a vanished peer):
       * linger on, or they would start a bogus connection */
      f->close_ts = seg->ts_ns;
      g_queue_unlink (&t->linger, &f->link);
      g_queue_push_tail_link (&t->linger, &f->link);
    }
  if (!rst)
    f->last_rst_valid = FALSE;

  if (H->rst && !rst)
    {
      /* the endpoint reset the connection: nothing it sends later counts */
      t->stats.ignored_after_close++;
      return;
    }

  if (syn && !H->syn)
    {
      H->syn = TRUE;
      H->isn = seg->seq;
    }
  if (!H->seq_known)
    {
      H->seq_known = TRUE;
      H->base = data_seq;
      H->next = 0;
    }

  /* handshake */
  dir = flow_dir (f, h);
  if (syn && !ack)
    {
      if (f->syn_half < 0)
        {
          f->syn_half = h;
          if (dir != HL_DIR_C2S)
            {
              hl_connection_swap_roles (conn);
              dir = HL_DIR_C2S;
            }
        }
      if (h == f->syn_half)
        {
          conn->syn = TRUE;
          conn->syn_count++;
          flow_add_event (f, HL_EVENT_TCP_SYN, dir, seg->frame, seg->ts_ns);
        }
    }
  else if (syn)
    {
      if (f->synack_half < 0 && h != f->syn_half)
        {
          f->synack_half = h;
          f->synack_ack = seg->ack;
          if (dir != HL_DIR_S2C)
            {
              hl_connection_swap_roles (conn);
              dir = HL_DIR_S2C;
            }
          conn->syn_ack = TRUE;
          flow_add_event (f, HL_EVENT_TCP_SYN_ACK, dir, seg->frame, seg->ts_ns);
        }
      else if (h == f->synack_half)
        retransmission = TRUE;
    }
  else if (ack && !rst && !conn->ack && f->synack_half >= 0 && h != f->synack_half &&
           (gint32) (seg->ack - f->half[f->synack_half].isn) > 0)
    {
      /* usually ack == ISN + 1; more when the pure ACK was not captured and
       * the server had sent data (SMTP banner) */
      conn->ack = TRUE;
      flow_add_event (f, HL_EVENT_TCP_ACK, dir, seg->frame, seg->ts_ns);
    }

  if (!rst)
    {
      if (seg->window == 0)
        {
          if (!H->zero_window)
            {
              H->zero_window = TRUE;
              conn->zero_windows++;
              flow_add_event (f, HL_EVENT_TCP_ZERO_WINDOW, dir, seg->frame, seg->ts_ns);
            }
        }
      else
        H->zero_window = FALSE;
    }

  /* The peer acknowledges bytes we never saw: the capture dropped them. */
  if (ack && !rst && P->seq_known && !P->rst)
    {
      gint64 acked = half_offset (P, seg->ack);
      if (P->fin && acked > P->fin_off)
        {
          P->fin_acked = TRUE;
          acked = P->fin_off;
        }
      if (acked > P->next)
        half_skip_to (t, f, !h, acked, seg->frame, seg->ts_ns);
    }

  if (!rst && wlen > 0)
    {
      Piece p;
      gint64 added = 0;

      p.start = half_offset (H, data_seq);
      p.data_end = p.start + plen;
      p.end = p.start + wlen;
      p.data = seg->payload;
      p.frame = seg->frame;
      p.ts_ns = seg->ts_ns;
      if (H->fin && p.end > H->fin_off)
        {
          /* bytes after the FIN cannot be part of the stream */
          t->stats.ignored_after_close++;
          p.end = MAX (p.start, H->fin_off);
          p.data_end = MIN (p.data_end, p.end);
        }
      H->had_payload = TRUE;
      if (p.end > p.start)
        added = half_add_piece (t, f, h, &p);
      /* a keep-alive repeats the last byte on purpose; a SYN retry is
       * counted as a SYN */
      if (added == 0 && !syn && !(wlen <= 1 && p.start == H->next - 1 && !fin))
        retransmission = TRUE;
    }
  else if (fin && H->fin && wlen == 0 && half_offset (H, data_seq) == H->fin_off)
    retransmission = TRUE;

  if (retransmission)
    {
      conn->retransmissions++;
      flow_add_counted_event (f, HL_EVENT_TCP_RETRANSMISSION, flow_dir (f, h),
                              seg->frame, seg->ts_ns, 1, TRUE);
    }

  if (fin && !H->fin)
    {
      dir = flow_dir (f, h);
      H->fin = TRUE;
      H->fin_off = half_offset (H, data_seq) + wlen;
      conn->fin[dir] = TRUE;
      if (conn->fin_by_first < 0)
        conn->fin_by_first = dir;
      flow_add_event (f, HL_EVENT_TCP_FIN, dir, seg->frame, seg->ts_ns);
      if (P->fin)
        flow_close (t, f, seg->ts_ns);
    }

  if (rst)
    {
      gboolean duplicate = f->last_rst_valid && f->last_rst_half == h &&
                           f->last_rst_seq == seg->seq && f->last_rst_ack == seg->ack &&
                           f->last_rst_flags == seg->flags;

      if (!H->rst)
        {
          /* the sender will not retransmit anything: its holes are final */
          H->rst = TRUE;
          half_settle (t, f, h, seg->frame, seg->ts_ns);
        }
      if (!duplicate)
        {
          dir = flow_dir (f, h);
          if (conn->rst_by < 0)
            conn->rst_by = dir;
          flow_add_event (f, HL_EVENT_TCP_RST, dir, seg->frame, seg->ts_ns);
        }
      f->last_rst_valid = TRUE;
      f->last_rst_half = h;
      f->last_rst_seq = seg->seq;
      f->last_rst_ack = seg->ack;
      f->last_rst_flags = seg->flags;
      flow_close (t, f, seg->ts_ns);
    }
}

/* ------------------------------------------------------------------ API */

HlTcpTracker *
hl_tcp_tracker_new (const HlTcpTrackerCallbacks *callbacks, gpointer user_data)
{
  HlTcpTracker *t = g_new0 (HlTcpTracker, 1);

  if (callbacks)
    t->cb = *callbacks;
  t->user_data = user_data;
  if (g_once_init_enter (&hash_seed_init))
    {
      hash_seed = g_random_int ();
      g_once_init_leave (&hash_seed_init, 1);
    }
  t->flows = g_hash_table_new (flow_key_hash, flow_key_equal);
  t->tombstones = g_hash_table_new (flow_key_hash, flow_key_equal);
  g_queue_init (&t->lru);
  g_queue_init (&t->linger);
  g_queue_init (&t->dead);
  t->max_connections = DEFAULT_MAX_CONNECTIONS;
  t->max_buffer = DEFAULT_MAX_BUFFER;
  return t;
}

void
hl_tcp_tracker_free (HlTcpTracker *t)
{
  GHashTableIter iter;
  gpointer value;

  if (t == NULL)
    return;
  /* Without a flush the connections are still ours. */
  g_hash_table_iter_init (&iter, t->flows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Flow *f = value;
      for (int h = 0; h < 2; h++)
        half_clear (t, &f->half[h]);
      hl_connection_free (f->conn);
      g_free (f);
    }
  g_hash_table_unref (t->flows);
  while (t->dead.head)
    tombstone_free (t, t->dead.head->data);
  g_hash_table_unref (t->tombstones);
  g_free (t);
}

void
hl_tcp_tracker_set_limits (HlTcpTracker *t, guint max_connections, gsize max_buffer)
{
  t->max_connections = max_connections ? max_connections : DEFAULT_MAX_CONNECTIONS;
  t->max_buffer = max_buffer ? max_buffer : DEFAULT_MAX_BUFFER;
}

void
hl_tcp_tracker_add (HlTcpTracker *t, const HlSegment *seg)
{
  FlowKey key;
  Flow *f;
  Tombstone *ts;
  int side;

  t->stats.segments++;
  expire (t, seg->ts_ns);
  side = flow_key_init (&key, &seg->src, &seg->dst);
  f = g_hash_table_lookup (t->flows, &key);
  if (f == NULL && t->dead.head && (ts = g_hash_table_lookup (t->tombstones, &key)) != NULL)
    {
      if (is_straggler (ts, side, seg))
        {
          t->stats.ignored_after_close++;
          if (seg->ts_ns > ts->ts_ns)
            {
              ts->ts_ns = seg->ts_ns;
              g_queue_unlink (&t->dead, &ts->link);
              g_queue_push_tail_link (&t->dead, &ts->link);
            }
          return;
        }
      tombstone_free (t, ts);
    }
  else if (f && (seg->flags & (HL_TCP_SYN | HL_TCP_ACK | HL_TCP_RST)) == HL_TCP_SYN &&
           !syn_belongs_to_flow (f, seg))
    {
      /* port reuse: the old connection is over */
      flow_free (t, f, FALSE);
      f = NULL;
    }
  if (f == NULL)
    f = flow_new (t, &key, seg);
  flow_add_segment (t, f, seg);
  while (t->linger.length > MAX_LINGER)
    flow_free (t, t->linger.head->data, TRUE);
}

gboolean
hl_tcp_tracker_release (HlTcpTracker *t, HlConnection *conn)
{
  FlowKey key;
  Flow *f;

  g_return_val_if_fail (t != NULL && conn != NULL, FALSE);
  flow_key_init (&key, &conn->client, &conn->server);
  f = g_hash_table_lookup (t->flows, &key);
  if (f == NULL || f->conn != conn)
    return FALSE;
  t->stats.released++;
  if (f->closed)
    flow_free (t, f, flow_expects_stragglers (f));
  else
    {
      f->released = TRUE;
      flow_free (t, f, TRUE);
    }
  return TRUE;
}

static gint
compare_flow_id (gconstpointer a, gconstpointer b)
{
  const Flow *fa = *(Flow * const *) a, *fb = *(Flow * const *) b;
  return fa->conn->id < fb->conn->id ? -1 : fa->conn->id > fb->conn->id;
}

void
hl_tcp_tracker_flush (HlTcpTracker *t)
{
  g_autoptr(GPtrArray) flows = g_ptr_array_sized_new (g_hash_table_size (t->flows));
  GHashTableIter iter;
  gpointer value;

  while (t->dead.head)
    tombstone_free (t, t->dead.head->data);
  g_hash_table_iter_init (&iter, t->flows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (flows, value);
  g_ptr_array_sort (flows, compare_flow_id);
  for (guint i = 0; i < flows->len; i++)
    flow_free (t, g_ptr_array_index (flows, i), FALSE);
}

const HlTcpTrackerStats *
hl_tcp_tracker_stats (HlTcpTracker *t)
{
  return &t->stats;
}
