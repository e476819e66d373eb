/* STUB */
#include "tls-names.h"
const char *hl_tls_version_name (guint16 v) { return "?"; }
const char *hl_tls_cipher_suite_name (guint16 id) { return NULL; }
const char *hl_tls_handshake_type_name (guint8 t) { return NULL; }
const char *hl_tls_handshake_type_title (guint8 t) { return NULL; }
const char *hl_tls_alert_name (guint8 d) { return NULL; }
const char *hl_tls_extension_name (guint16 t) { return NULL; }
const char *hl_tls_group_name (guint16 g) { return NULL; }
const char *hl_tls_sigalg_name (guint16 s) { return NULL; }
const char *hl_tls_content_type_name (guint8 t) { return NULL; }
gboolean hl_tls_is_grease (guint16 v) { return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff); }
gboolean hl_tls_cipher_suite_is_weak (guint16 id) { return FALSE; }
