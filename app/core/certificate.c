/* STUB */
#include "certificate.h"
HlCertificate *hl_certificate_new_from_der (const guint8 *der, gsize len)
{ HlCertificate *c = g_new0 (HlCertificate, 1); c->der = g_bytes_new (der, len); c->parse_error = g_strdup ("stub"); c->dns_names = g_new0 (char *, 1); c->ip_addresses = g_new0 (char *, 1); return c; }
void hl_certificate_free (HlCertificate *c) { if (!c) return; g_bytes_unref (c->der); g_free (c->parse_error); g_strfreev (c->dns_names); g_strfreev (c->ip_addresses); g_free (c); }
gboolean hl_certificate_matches_host (const HlCertificate *c, const char *h) { return FALSE; }
