/* STUB */
#include "tls-session.h"
struct _HlTlsSession { HlConnection *conn; };
HlTlsSession *hl_tls_session_new (HlConnection *c, HlKeylog *k) { HlTlsSession *s = g_new0 (HlTlsSession, 1); s->conn = c; return s; }
void hl_tls_session_free (HlTlsSession *s) { g_free (s); }
void hl_tls_session_feed (HlTlsSession *s, HlDirection d, const guint8 *data, gsize len, guint64 f, gint64 ts) {}
void hl_tls_session_gap (HlTlsSession *s, HlDirection d, guint64 b, guint64 f) {}
void hl_tls_session_finish (HlTlsSession *s) {}
