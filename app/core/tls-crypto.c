/* STUB */
#include "tls-crypto.h"
struct _HlTlsCrypto { int d; };
HlTlsCrypto *hl_tls_crypto_new (HlKeylog *k) { return g_new0 (HlTlsCrypto, 1); }
void hl_tls_crypto_free (HlTlsCrypto *c) { g_free (c); }
void hl_tls_crypto_add_handshake (HlTlsCrypto *c, const guint8 *m, gsize l) {}
void hl_tls_crypto_note_hrr (HlTlsCrypto *c, guint16 s) {}
gboolean hl_tls_crypto_set_params (HlTlsCrypto *c, guint16 v, guint16 s, const guint8 cr[32], const guint8 sr[32], gboolean etm, gboolean ems) { return FALSE; }
void hl_tls_crypto_set_encrypted_premaster (HlTlsCrypto *c, const guint8 *e, gsize l) {}
gboolean hl_tls_crypto_has_keys (HlTlsCrypto *c, HlDirection d) { return FALSE; }
gboolean hl_tls_crypto_is_active (HlTlsCrypto *c, HlDirection d) { return FALSE; }
void hl_tls_crypto_activate (HlTlsCrypto *c, HlDirection d) {}
void hl_tls_crypto_handshake_done (HlTlsCrypto *c, HlDirection d) {}
void hl_tls_crypto_key_update (HlTlsCrypto *c, HlDirection d) {}
HlDecryptResult hl_tls_crypto_decrypt (HlTlsCrypto *c, HlDirection d, guint8 ct, guint16 rv, const guint8 *data, gsize len, guint8 *it, GByteArray *out) { return HL_DECRYPT_NO_KEY; }
void hl_tls_crypto_skip_record (HlTlsCrypto *c, HlDirection d) {}
int hl_tls_crypto_verify_finished (HlTlsCrypto *c, HlDirection d, const guint8 *v, gsize l) { return -1; }
gboolean hl_tls_crypto_suite_supported (guint16 s) { return FALSE; }
