/* ip-defrag.h: IPv4 and IPv6 fragment reassembly (private to the packet
 * decoder).
 *
 * Datagrams are keyed by (family, source, destination, identification,
 * protocol).  Overlapping fragments: the bytes that arrived first win, per
 * 8-byte fragment block (the overlap is counted).  Memory is bounded: at
 * most max_entries datagrams and max_bytes held; the oldest datagram is
 * dropped to make room, and datagrams not completed within max_age packets
 * expire.
 */
#pragma once
#include <glib.h>

G_BEGIN_DECLS

#define HL_DEFRAG_MAX_DATAGRAM 65535u

typedef struct {
  guint8  family;     /* 4 or 6 */
  guint8  proto;      /* IPv4 protocol; 0 for IPv6 (see upper_proto) */
  guint32 id;
  guint8  src[16];
  guint8  dst[16];
} HlDefragKey;

typedef enum {
  HL_DEFRAG_HELD,       /* stored; the datagram is not complete yet */
  HL_DEFRAG_COMPLETE,   /* *out holds the whole reassembled payload */
  HL_DEFRAG_INVALID,    /* the fragment contradicts the others; *reason set */
} HlDefragResult;

typedef struct {
  guint64 fragments, completed, expired, evicted, overlaps, invalid;
} HlDefragStats;

typedef struct _HlIpDefrag HlIpDefrag;

HlIpDefrag          *hl_ip_defrag_new     (gsize max_bytes, guint max_entries, guint64 max_age);
void                 hl_ip_defrag_free    (HlIpDefrag *d);
/* now: a packet counter (for expiry).  offset/len in bytes of the fragment's
 * payload; more = more-fragments flag.  upper_proto (IPv6: the fragment
 * header's next header) is recorded from the fragment at offset 0 and
 * returned in *out_upper_proto on completion (IPv4: key->proto).
 * On HL_DEFRAG_COMPLETE, *out stays valid until the next add or free. */
HlDefragResult       hl_ip_defrag_add     (HlIpDefrag *d, const HlDefragKey *key, guint64 now,
                                           guint32 offset, gboolean more, guint8 upper_proto,
                                           const guint8 *data, gsize len,
                                           const guint8 **out, gsize *out_len,
                                           guint8 *out_upper_proto, const char **reason);
guint                hl_ip_defrag_pending (HlIpDefrag *d);   /* datagrams held */
gsize                hl_ip_defrag_held_bytes (HlIpDefrag *d);
const HlDefragStats *hl_ip_defrag_stats   (HlIpDefrag *d);

G_END_DECLS
