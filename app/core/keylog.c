/* STUB */
#include "keylog.h"
struct _HlKeylog { gint ref; HlKeylogStats stats; };
HlKeylog *hl_keylog_new (void) { HlKeylog *k = g_new0 (HlKeylog, 1); k->ref = 1; return k; }
HlKeylog *hl_keylog_ref (HlKeylog *k) { g_atomic_int_inc (&k->ref); return k; }
void hl_keylog_unref (HlKeylog *k) { if (k && g_atomic_int_dec_and_test (&k->ref)) g_free (k); }
gboolean hl_keylog_load_file (HlKeylog *k, const char *p, GError **e) { return TRUE; }
void hl_keylog_add_text (HlKeylog *k, const char *t, gsize l) {}
void hl_keylog_add_secret (HlKeylog *k, const char *l, const guint8 cr[32], const guint8 *s, gsize n) {}
const guint8 *hl_keylog_lookup (HlKeylog *k, const char *l, const guint8 cr[32], gsize *len) { return NULL; }
const guint8 *hl_keylog_lookup_rsa (HlKeylog *k, const guint8 p[8], gsize *len) { return NULL; }
gboolean hl_keylog_has_client_random (HlKeylog *k, const guint8 cr[32]) { return FALSE; }
const HlKeylogStats *hl_keylog_stats (HlKeylog *k) { return &k->stats; }
guint hl_keylog_size (HlKeylog *k) { return 0; }
char *hl_keylog_to_text (HlKeylog *k) { return g_strdup (""); }
