/* STUB */
#include "tcp-tracker.h"
struct _HlTcpTracker { HlTcpTrackerStats stats; };
HlTcpTracker *hl_tcp_tracker_new (const HlTcpTrackerCallbacks *cb, gpointer u) { return g_new0 (HlTcpTracker, 1); }
void hl_tcp_tracker_free (HlTcpTracker *t) { g_free (t); }
void hl_tcp_tracker_set_limits (HlTcpTracker *t, guint m, gsize b) {}
void hl_tcp_tracker_add (HlTcpTracker *t, const HlSegment *s) {}
void hl_tcp_tracker_flush (HlTcpTracker *t) {}
const HlTcpTrackerStats *hl_tcp_tracker_stats (HlTcpTracker *t) { return &t->stats; }
