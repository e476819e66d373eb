/* ip-defrag.c: bounded IP fragment reassembly.
 *
 * Fragment offsets are multiples of 8 in both IPv4 and IPv6, and every
 * fragment but the last carries a multiple of 8 bytes, so coverage is
 * tracked as a bitmap of 8-byte blocks.  A block is written once: the first
 * fragment to bring it wins, later overlapping copies are ignored.
 */
#include "ip-defrag.h"

#include <string.h>

#define N_BLOCKS ((HL_DEFRAG_MAX_DATAGRAM + 7) / 8)

typedef struct {
  HlDefragKey key;
  guint64     last_seen;
  guint8     *data;
  gsize       alloc;
  gsize       max_end;       /* highest byte received */
  gint32      total;         /* datagram length, -1 until the last fragment */
  gint        upper_proto;   /* -1 until the fragment at offset 0 */
  guint32     blocks_set;
  guint8      covered[(N_BLOCKS + 7) / 8];
} Entry;

struct _HlIpDefrag {
  GPtrArray    *entries;     /* Entry*, unordered */
  gsize         max_bytes, held_bytes;
  guint         max_entries;
  guint64       max_age;
  guint8       *done;        /* last completed datagram, freed on next add */
  HlDefragStats stats;
};

static gsize
entry_size (const Entry *e)
{
  return sizeof (Entry) + e->alloc;
}

static void
entry_remove (HlIpDefrag *d, guint index)
{
  Entry *e = g_ptr_array_index (d->entries, index);

  d->held_bytes -= entry_size (e);
  g_free (e->data);
  g_free (e);
  g_ptr_array_remove_index_fast (d->entries, index);
}

static gboolean
key_equal (const HlDefragKey *a, const HlDefragKey *b)
{
  return a->family == b->family && a->proto == b->proto && a->id == b->id &&
         memcmp (a->src, b->src, 16) == 0 && memcmp (a->dst, b->dst, 16) == 0;
}

HlIpDefrag *
hl_ip_defrag_new (gsize max_bytes, guint max_entries, guint64 max_age)
{
  HlIpDefrag *d = g_new0 (HlIpDefrag, 1);

  d->entries = g_ptr_array_new ();
  d->max_bytes = MAX (max_bytes, sizeof (Entry) + HL_DEFRAG_MAX_DATAGRAM);
  d->max_entries = MAX (max_entries, 1);
  d->max_age = max_age;
  return d;
}

void
hl_ip_defrag_free (HlIpDefrag *d)
{
  if (d == NULL)
    return;
  while (d->entries->len > 0)
    entry_remove (d, d->entries->len - 1);
  g_ptr_array_unref (d->entries);
  g_free (d->done);
  g_free (d);
}

static void
expire (HlIpDefrag *d, guint64 now)
{
  guint i = 0;

  while (i < d->entries->len)
    {
      Entry *e = g_ptr_array_index (d->entries, i);
      if (now - e->last_seen > d->max_age)
        {
          entry_remove (d, i);
          d->stats.expired++;
        }
      else
        i++;
    }
}

/* Drops the least recently seen datagram other than keep. */
static gboolean
evict_oldest (HlIpDefrag *d, const Entry *keep)
{
  guint i, oldest = G_MAXUINT;

  for (i = 0; i < d->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (d->entries, i);
      if (e != keep && (oldest == G_MAXUINT ||
                        e->last_seen < ((Entry *) g_ptr_array_index (d->entries, oldest))->last_seen))
        oldest = i;
    }
  if (oldest == G_MAXUINT)
    return FALSE;
  entry_remove (d, oldest);
  d->stats.evicted++;
  return TRUE;
}

static Entry *
lookup (HlIpDefrag *d, const HlDefragKey *key, guint *index)
{
  guint i;

  for (i = 0; i < d->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (d->entries, i);
      if (key_equal (&e->key, key))
        {
          *index = i;
          return e;
        }
    }
  return NULL;
}

static HlDefragResult
invalid (HlIpDefrag *d, const char **reason, const char *what)
{
  d->stats.invalid++;
  *reason = what;
  return HL_DEFRAG_INVALID;
}

HlDefragResult
hl_ip_defrag_add (HlIpDefrag *d, const HlDefragKey *key, guint64 now,
                  guint32 offset, gboolean more, guint8 upper_proto,
                  const guint8 *data, gsize len,
                  const guint8 **out, gsize *out_len,
                  guint8 *out_upper_proto, const char **reason)
{
  Entry *e;
  guint index = 0;
  gsize end = (gsize) offset + len, b, first, last;
  gboolean overlap = FALSE;

  g_clear_pointer (&d->done, g_free);
  d->stats.fragments++;
  expire (d, now);

  if ((offset & 7) != 0)
    return invalid (d, reason, "fragment offset not a multiple of 8");
  if (more && (len & 7) != 0)
    return invalid (d, reason, "fragment length not a multiple of 8");
  if (more && len == 0)
    return invalid (d, reason, "empty fragment");
  if (end > HL_DEFRAG_MAX_DATAGRAM)
    return invalid (d, reason, "reassembled datagram longer than 65535 bytes");

  e = lookup (d, key, &index);
  if (e != NULL)
    {
      if (!more && e->total >= 0 && (gsize) e->total != end)
        return invalid (d, reason, "two last fragments disagree on the datagram length");
      if (!more && e->max_end > end)
        return invalid (d, reason, "last fragment ends before data already received");
      if (e->total >= 0 && end > (gsize) e->total)
        return invalid (d, reason, "fragment beyond the end of the datagram");
    }
  else
    {
      while (d->entries->len >= d->max_entries ||
             d->held_bytes + sizeof (Entry) > d->max_bytes)
        if (!evict_oldest (d, NULL))
          break;
      e = g_new0 (Entry, 1);
      e->key = *key;
      e->total = -1;
      e->upper_proto = -1;
      g_ptr_array_add (d->entries, e);
      d->held_bytes += entry_size (e);
    }
  e->last_seen = now;

  if (end > e->alloc)
    {
      gsize want = MIN (MAX (end, e->alloc * 2), (gsize) HL_DEFRAG_MAX_DATAGRAM);
      while (d->held_bytes + (want - e->alloc) > d->max_bytes)
        if (!evict_oldest (d, e))
          break;
      d->held_bytes += want - e->alloc;
      e->data = g_realloc (e->data, want);
      e->alloc = want;
    }

  /* Copy each 8-byte block that no earlier fragment brought. */
  first = offset / 8;
  last = (end + 7) / 8;
  for (b = first; b < last; b++)
    {
      gsize from = b * 8, n = MIN ((gsize) 8, end - from);
      if (e->covered[b / 8] & (1u << (b % 8)))
        {
          overlap = TRUE;
          continue;
        }
      memcpy (e->data + from, data + (from - offset), n);
      e->covered[b / 8] |= (guint8) (1u << (b % 8));
      e->blocks_set++;
    }
  if (overlap)
    d->stats.overlaps++;
  if (end > e->max_end)
    e->max_end = end;
  if (!more)
    e->total = (gint32) end;
  if (offset == 0)
    e->upper_proto = upper_proto;

  if (e->total < 0 || e->blocks_set < ((gsize) e->total + 7) / 8)
    return HL_DEFRAG_HELD;

  /* Complete: hand the buffer out; it lives until the next call. */
  d->stats.completed++;
  *out_len = (gsize) e->total;
  *out_upper_proto = key->family == 4 ? key->proto : (guint8) e->upper_proto;
  d->done = g_steal_pointer (&e->data);
  *out = d->done;
  d->held_bytes -= e->alloc;
  e->alloc = 0;
  lookup (d, key, &index);   /* evictions may have moved it */
  entry_remove (d, index);
  return HL_DEFRAG_COMPLETE;
}

guint
hl_ip_defrag_pending (HlIpDefrag *d)
{
  return d->entries->len;
}

gsize
hl_ip_defrag_held_bytes (HlIpDefrag *d)
{
  return d->held_bytes;
}

const HlDefragStats *
hl_ip_defrag_stats (HlIpDefrag *d)
{
  return &d->stats;
}
