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
 *
 * Every segment looks its flow up and moves it to the tail of the LRU
 * queue, so both are ours and cheap: an open-addressing table (linear
 * probing, the hash kept beside the pointer, backward-shift deletion) and
 * intrusive lists.  Flows are recycled through a short free list, and
 * tombstones come in blocks (there are at most MAX_TOMBSTONES of them), so
 * a steady stream of connections allocates neither.
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

/* The unordered 4-tuple, lower endpoint first, as five words: family and
 * ports, then each address as two big-endian words (an IPv4 address in
 * the first, the second zero).  It compares and hashes as words; it is
 * built in registers and stored whole, so the hash reads it back without
 * waiting on narrow stores. */
typedef struct {
  guint64 w[5];
} FlowKey;

G_STATIC_ASSERT (sizeof (FlowKey) == 5 * sizeof (guint64));

/* An intrusive doubly linked list with a sentinel: unlinking and moving to
 * the tail are a few pointer stores, with no node to allocate or find. */
typedef struct _Link Link;
struct _Link {
  Link *prev, *next;
};

typedef struct {
  Link  head;     /* sentinel: head.next is the first, head.prev the last */
  guint length;
} List;

/* Open-addressing table of objects whose first member is their FlowKey. */
typedef struct {
  guint32  hash;
  gpointer item;  /* NULL: empty */
} Slot;

typedef struct {
  Slot  *slots;
  guint  mask;    /* capacity - 1 (a power of two), or 0 before the first insert */
  guint  size;
} Table;

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
  Link          link;         /* in lru (open) or linger (closed) */
  guint         n_events;
  gboolean      events_capped;
  gboolean      last_rst_valid;  /* the previous segment was this RST */
  int           last_rst_half;
  guint32       last_rst_seq, last_rst_ack;
  guint8        last_rst_flags;
  gboolean      released;     /* handed over before its end */
  int           half0_side;   /* the side of the key half[0] is on */
} Flow;

/* What is left of a settled connection. */
typedef struct {
  FlowKey  key;
  guint32  end_seq[2];     /* per key side: the sequence number after the end */
  gboolean known[2];
  gboolean detached;       /* released early: everything but a new SYN is
                              still this connection's */
  gint64   ts_ns;          /* last packet */
  Link     link;           /* in dead; in the free list once freed */
} Tombstone;

struct _HlTcpTracker {
  HlTcpTrackerCallbacks cb;
  gpointer              user_data;
  Table                 flows;     /* Flow, by key */
  List                  lru;       /* open flows, least recently active first */
  List                  linger;    /* closed flows, by last packet */
  Table                 tombstones; /* Tombstone, by key */
  List                  dead;      /* tombstones, by last packet */
  List                  spare_flows;       /* freed Flows kept for reuse */
  List                  spare_tombstones;  /* Tombstones not in use */
  GPtrArray            *tombstone_blocks;  /* what spare and dead tombstones live in */
  guint                 max_connections;
  gsize                 max_buffer;
  guint64               next_id;
  gsize                 buffered_total;
  HlTcpTrackerStats     stats;
};

/* ------------------------------------------------------------ flow table */

/* Sorting key of an address: its bytes read in network order, so the
 * comparison is the lexicographic one, without a memcmp call. */
static inline guint64
addr_word (const guint8 *addr, int i)
{
  guint64 w;

  memcpy (&w, addr + 8 * i, 8);
  return GUINT64_FROM_BE (w);
}

/* Fills the key of the unordered pair {a, b} (endpoints of one family,
 * bytes past an IPv4 address ignored).  Returns the side of the key `a` is
 * on. */
static inline int
flow_key_init (FlowKey *k, const HlEndpoint *a, const HlEndpoint *b)
{
  guint64 a0 = addr_word (a->addr, 0), b0 = addr_word (b->addr, 0), a1 = 0, b1 = 0;
  guint16 pa = a->port, pb = b->port;
  int c;

  if (a->family == 6)
    {
      a1 = addr_word (a->addr, 1);
      b1 = addr_word (b->addr, 1);
    }
  else
    {
      a0 >>= 32;
      b0 >>= 32;
    }
  if (a0 != b0)
    c = a0 < b0 ? -1 : 1;
  else if (a1 != b1)
    c = a1 < b1 ? -1 : 1;
  else
    c = (int) pa - (int) pb;
  if (c > 0)
    {
      guint64 t0 = a0, t1 = a1;
      guint16 tp = pa;
      a0 = b0;
      a1 = b1;
      pa = pb;
      b0 = t0;
      b1 = t1;
      pb = tp;
    }
  k->w[0] = (guint64) a->family | (guint64) pa << 16 | (guint64) pb << 32;
  k->w[1] = a0;
  k->w[2] = a1;
  k->w[3] = b0;
  k->w[4] = b1;
  return c > 0;
}

/* Seeded once per process so crafted captures cannot aim at one probe run. */
static guint64 hash_seed;
static gsize hash_seed_init;

static inline guint32
flow_key_hash (const FlowKey *k)
{
  guint64 h = hash_seed;

  for (gsize i = 0; i < G_N_ELEMENTS (k->w); i++)
    {
      h = (h ^ k->w[i]) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
    }
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  return (guint32) (h >> 32);
}

static inline gboolean
flow_key_equal (const FlowKey *a, const FlowKey *b)
{
  return ((a->w[0] ^ b->w[0]) | (a->w[1] ^ b->w[1]) | (a->w[2] ^ b->w[2]) | (a->w[3] ^ b->w[3]) |
          (a->w[4] ^ b->w[4])) == 0;
}

/* ------------------------------------------------------------ the table */

#define TABLE_MIN_CAPACITY 64

static void
table_clear (Table *tb)
{
  g_free (tb->slots);
  tb->slots = NULL;
  tb->mask = 0;
  tb->size = 0;
}

static gpointer
table_lookup (const Table *tb, const FlowKey *key, guint32 hash)
{
  guint i;

  if (tb->size == 0)
    return NULL;
  for (i = hash & tb->mask; tb->slots[i].item; i = (i + 1) & tb->mask)
    if (tb->slots[i].hash == hash && flow_key_equal (tb->slots[i].item, key))
      return tb->slots[i].item;
  return NULL;
}

static void
table_place (Table *tb, guint32 hash, gpointer item)
{
  guint i;

  for (i = hash & tb->mask; tb->slots[i].item; i = (i + 1) & tb->mask)
    ;
  tb->slots[i].hash = hash;
  tb->slots[i].item = item;
}

static void
table_resize (Table *tb, guint capacity)
{
  Slot *old = tb->slots;
  guint old_capacity = old ? tb->mask + 1 : 0;

  tb->slots = g_new0 (Slot, capacity);
  tb->mask = capacity - 1;
  for (guint i = 0; i < old_capacity; i++)
    if (old[i].item)
      table_place (tb, old[i].hash, old[i].item);
  g_free (old);
}

/* `item` (whose key is not in the table yet) goes in. */
static void
table_insert (Table *tb, guint32 hash, gpointer item)
{
  /* at most half full: probe runs stay short */
  if (tb->slots == NULL)
    table_resize (tb, TABLE_MIN_CAPACITY);
  else if ((tb->size + 1) * 2 > tb->mask + 1)
    table_resize (tb, (tb->mask + 1) * 2);
  table_place (tb, hash, item);
  tb->size++;
}

/* `item` (which is in the table) goes out.  The entries after it in its
 * probe run move back into the hole when their home slot allows, so the
 * table needs no deleted markers and lookups stop at the first empty slot. */
static void
table_remove (Table *tb, guint32 hash, gconstpointer item)
{
  guint i = hash & tb->mask, j;

  while (tb->slots[i].item != item)
    i = (i + 1) & tb->mask;
  for (j = (i + 1) & tb->mask; tb->slots[j].item; j = (j + 1) & tb->mask)
    {
      guint home = tb->slots[j].hash & tb->mask;

      /* j's entry may fill the hole at i unless its home is cyclically in
       * (i, j] (then the hole is before its home) */
      if (((j - home) & tb->mask) >= ((j - i) & tb->mask))
        {
          tb->slots[i] = tb->slots[j];
          i = j;
        }
    }
  tb->slots[i].item = NULL;
  tb->size--;
  /* give memory back after a burst of connections */
  if (tb->mask + 1 > TABLE_MIN_CAPACITY && tb->size * 8 < tb->mask + 1)
    table_resize (tb, (tb->mask + 1) / 2);
}

/* ------------------------------------------------------------ the lists */

#define FLOW_OF_LINK(l)      ((Flow *) ((char *) (l) - G_STRUCT_OFFSET (Flow, link)))
#define TOMBSTONE_OF_LINK(l) ((Tombstone *) ((char *) (l) - G_STRUCT_OFFSET (Tombstone, link)))

static inline void
list_init (List *l)
{
  l->head.prev = l->head.next = &l->head;
  l->length = 0;
}

static inline Link *
list_first (const List *l)
{
  return l->head.next == &l->head ? NULL : l->head.next;
}

static inline void
list_push_tail (List *l, Link *n)
{
  n->prev = l->head.prev;
  n->next = &l->head;
  l->head.prev->next = n;
  l->head.prev = n;
  l->length++;
}

static inline void
list_unlink (List *l, Link *n)
{
  n->prev->next = n->next;
  n->next->prev = n->prev;
  n->prev = n->next = NULL;
  l->length--;
}

static inline void
list_move_to_tail (List *l, Link *n)
{
  if (l->head.prev == n)
    return;
  n->prev->next = n->next;
  n->next->prev = n->prev;
  n->prev = l->head.prev;
  n->next = &l->head;
  l->head.prev->next = n;
  l->head.prev = n;
}

/* Freed Flows kept for the next ones: enough for a burst of closes, not
 * more (the rest goes back to the allocator). */
#define MAX_SPARE 1024
/* Tombstones allocated at once.  Never given back before the tracker is
 * freed: they number MAX_TOMBSTONES + TOMBSTONE_BLOCK - 1 at most. */
#define TOMBSTONE_BLOCK 128

/* ------------------------------------------------------------- helpers */

/* hl_endpoint_equal, inline and without a memcmp call: flow_dir asks it
 * for every chunk of payload and every event. */
static inline gboolean
endpoint_equal (const HlEndpoint *a, const HlEndpoint *b)
{
  if (a->family != b->family || a->port != b->port)
    return FALSE;
  if (a->family == 4)
    {
      guint32 x, y;

      memcpy (&x, a->addr, 4);
      memcpy (&y, b->addr, 4);
      return x == y;
    }
  else
    {
      guint64 x[2], y[2];

      memcpy (x, a->addr, 16);
      memcpy (y, b->addr, 16);
      return ((x[0] ^ y[0]) | (x[1] ^ y[1])) == 0;
    }
}

/* The half that `side` of the key (the sender's) is. */
static inline int
flow_half_of_side (const Flow *f, int side)
{
  return side ^ f->half0_side;
}

static inline HlDirection
flow_dir (const Flow *f, int h)
{
  return endpoint_equal (&f->half[h].ep, &f->conn->client) ? HL_DIR_C2S : HL_DIR_S2C;
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
  list_unlink (&t->dead, &ts->link);
  table_remove (&t->tombstones, flow_key_hash (&ts->key), ts);
  list_push_tail (&t->spare_tombstones, &ts->link);
}

static inline Tombstone *
first_tombstone (const HlTcpTracker *t)
{
  Link *l = list_first (&t->dead);
  return l ? TOMBSTONE_OF_LINK (l) : NULL;
}

static void
tombstone_add (HlTcpTracker *t, const Flow *f)
{
  Link *spare;
  Tombstone *ts;

  /* as many tombstones as flows at most, and a flat bound: at thousands
   * of connections a second a minute of them would be a lot */
  if (t->tombstones.size >= MIN (t->max_connections, MAX_TOMBSTONES) && list_first (&t->dead))
    tombstone_free (t, first_tombstone (t));
  if (list_first (&t->spare_tombstones) == NULL)
    {
      Tombstone *block = g_new (Tombstone, TOMBSTONE_BLOCK);

      g_ptr_array_add (t->tombstone_blocks, block);
      for (guint i = 0; i < TOMBSTONE_BLOCK; i++)
        list_push_tail (&t->spare_tombstones, &block[i].link);
    }
  spare = list_first (&t->spare_tombstones);
  list_unlink (&t->spare_tombstones, spare);
  ts = TOMBSTONE_OF_LINK (spare);
  memset (ts, 0, sizeof *ts);
  ts->key = f->key;
  ts->detached = f->released;
  ts->ts_ns = MAX (f->close_ts, f->conn->last_ts_ns);
  for (int h = 0; h < 2; h++)
    {
      const Half *H = &f->half[h];
      int side = h ^ f->half0_side;
      gint64 end = H->fin ? MAX (H->next, H->fin_off + 1) : H->next;

      ts->known[side] = H->seq_known;
      ts->end_seq[side] = H->base + (guint32) end;
    }
  table_insert (&t->tombstones, flow_key_hash (&ts->key), ts);
  list_push_tail (&t->dead, &ts->link);
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
  list_unlink (f->closed ? &t->linger : &t->lru, &f->link);
  table_remove (&t->flows, flow_key_hash (&f->key), f);
  if (t->spare_flows.length < MAX_SPARE)
    list_push_tail (&t->spare_flows, &f->link);
  else
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
  list_unlink (&t->lru, &f->link);
  f->closed = TRUE;
  f->close_ts = ts_ns;
  list_push_tail (&t->linger, &f->link);
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

static inline Flow *
first_flow (const List *l)
{
  Link *first = list_first (l);
  return first ? FLOW_OF_LINK (first) : NULL;
}

static inline void
expire (HlTcpTracker *t, gint64 now)
{
  Flow *f;
  Tombstone *ts;

  while ((f = first_flow (&t->linger)) != NULL && has_aged (f->close_ts, now, CLOSE_LINGER_NS))
    flow_free (t, f, flow_expects_stragglers (f));
  while ((ts = first_tombstone (t)) != NULL && has_aged (ts->ts_ns, now, TOMBSTONE_NS))
    tombstone_free (t, ts);
}

/* Make room for one more flow: settled closed flows go first, then the
 * least recently active open one. */
static void
make_room (HlTcpTracker *t)
{
  while (t->flows.size >= t->max_connections)
    {
      Flow *f;

      if ((f = first_flow (&t->linger)) != NULL)
        flow_free (t, f, flow_expects_stragglers (f));
      else if ((f = first_flow (&t->lru)) != NULL)
        {
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
flow_new (HlTcpTracker *t, const FlowKey *key, guint32 hash, int side, const HlSegment *seg)
{
  Flow *f;
  HlConnection *conn = hl_connection_new ();
  guint8 flags = seg->flags & (HL_TCP_SYN | HL_TCP_ACK | HL_TCP_RST);
  gboolean src_is_client;
  Link *spare;

  make_room (t);

  if ((spare = list_first (&t->spare_flows)) != NULL)
    {
      list_unlink (&t->spare_flows, spare);
      f = FLOW_OF_LINK (spare);
      memset (f, 0, sizeof *f);
    }
  else
    f = g_new0 (Flow, 1);
  f->key = *key;
  f->conn = conn;
  f->syn_half = -1;
  f->synack_half = -1;
  f->half[0].ep = seg->src;
  f->half[1].ep = seg->dst;
  f->half0_side = side;

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

  table_insert (&t->flows, hash, f);
  list_push_tail (&t->lru, &f->link);
  t->stats.connections++;
  if (t->cb.on_open)
    t->cb.on_open (conn, t->user_data);
  return f;
}

/* Does this bare SYN belong to the existing flow (a retry, or a SYN that
 * arrives after the segments that followed it), or does it start a new
 * connection on the same tuple? */
static gboolean
syn_belongs_to_flow (const Flow *f, int side, const HlSegment *seg)
{
  int h = flow_half_of_side (f, side);
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
flow_add_segment (HlTcpTracker *t, Flow *f, int side, const HlSegment *seg)
{
  HlConnection *conn = f->conn;
  int h = flow_half_of_side (f, side);
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
    list_move_to_tail (&t->lru, &f->link);
  else if (seg->ts_ns > f->close_ts)
    {
      /* late packets keep coming (a FIN retransmitted to a vanished peer):
       * linger on, or they would start a bogus connection */
      f->close_ts = seg->ts_ns;
      list_move_to_tail (&t->linger, &f->link);
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
      hash_seed = (guint64) g_random_int () << 32 | g_random_int ();
      g_once_init_leave (&hash_seed_init, 1);
    }
  list_init (&t->lru);
  list_init (&t->linger);
  list_init (&t->dead);
  list_init (&t->spare_flows);
  list_init (&t->spare_tombstones);
  t->tombstone_blocks = g_ptr_array_new_with_free_func (g_free);
  t->max_connections = DEFAULT_MAX_CONNECTIONS;
  t->max_buffer = DEFAULT_MAX_BUFFER;
  return t;
}

static void
free_spares (List *l)
{
  Link *n;

  while ((n = list_first (l)) != NULL)
    {
      list_unlink (l, n);
      g_free (FLOW_OF_LINK (n));
    }
}

void
hl_tcp_tracker_free (HlTcpTracker *t)
{
  if (t == NULL)
    return;
  /* Without a flush the connections are still ours. */
  for (guint i = 0; t->flows.slots && i <= t->flows.mask; i++)
    {
      Flow *f = t->flows.slots[i].item;

      if (f == NULL)
        continue;
      for (int h = 0; h < 2; h++)
        half_clear (t, &f->half[h]);
      hl_connection_free (f->conn);
      g_free (f);
    }
  table_clear (&t->flows);
  table_clear (&t->tombstones);
  g_ptr_array_unref (t->tombstone_blocks);
  free_spares (&t->spare_flows);
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
  guint32 hash;
  int side;

  t->stats.segments++;
  expire (t, seg->ts_ns);
  side = flow_key_init (&key, &seg->src, &seg->dst);
  hash = flow_key_hash (&key);
  f = table_lookup (&t->flows, &key, hash);
  if (f == NULL && t->tombstones.size > 0 &&
      (ts = table_lookup (&t->tombstones, &key, hash)) != NULL)
    {
      if (is_straggler (ts, side, seg))
        {
          t->stats.ignored_after_close++;
          if (seg->ts_ns > ts->ts_ns)
            {
              ts->ts_ns = seg->ts_ns;
              list_move_to_tail (&t->dead, &ts->link);
            }
          return;
        }
      tombstone_free (t, ts);
    }
  else if (f && (seg->flags & (HL_TCP_SYN | HL_TCP_ACK | HL_TCP_RST)) == HL_TCP_SYN &&
           !syn_belongs_to_flow (f, side, seg))
    {
      /* port reuse: the old connection is over */
      flow_free (t, f, FALSE);
      f = NULL;
    }
  if (f == NULL)
    f = flow_new (t, &key, hash, side, seg);
  flow_add_segment (t, f, side, seg);
  while (t->linger.length > MAX_LINGER)
    flow_free (t, first_flow (&t->linger), TRUE);
}

gboolean
hl_tcp_tracker_release (HlTcpTracker *t, HlConnection *conn)
{
  FlowKey key;
  Flow *f;

  g_return_val_if_fail (t != NULL && conn != NULL, FALSE);
  flow_key_init (&key, &conn->client, &conn->server);
  f = table_lookup (&t->flows, &key, flow_key_hash (&key));
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
  g_autoptr(GPtrArray) flows = g_ptr_array_sized_new (t->flows.size);
  Tombstone *ts;

  while ((ts = first_tombstone (t)) != NULL)
    tombstone_free (t, ts);
  for (guint i = 0; t->flows.slots && i <= t->flows.mask; i++)
    if (t->flows.slots[i].item)
      g_ptr_array_add (flows, t->flows.slots[i].item);
  g_ptr_array_sort (flows, compare_flow_id);
  for (guint i = 0; i < flows->len; i++)
    flow_free (t, g_ptr_array_index (flows, i), FALSE);
}

const HlTcpTrackerStats *
hl_tcp_tracker_stats (HlTcpTracker *t)
{
  return &t->stats;
}
