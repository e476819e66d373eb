/* tls-names.c: IANA / RFC names for TLS code points.
 *
 * Every registry is a static table sorted by value and searched with
 * bsearch().  Names follow the IANA registries (cipher suites exactly as
 * IANA and tshark spell them); a few widely deployed code points that IANA
 * never assigned (old drafts, vendor suites) are kept too and marked
 * "not IANA".  GREASE values (RFC 8701) have no name: callers ask
 * hl_tls_is_grease().  tests/test-tls-names.c checks that every table is
 * sorted and has no duplicate keys.
 */
#include "tls-names.h"

#include <stdlib.h>

typedef struct {
  guint16     value;
  const char *name;
} NameEntry;

typedef struct {
  guint16     value;
  const char *name;
  guint16     weakness;   /* HlTlsWeakness bits */
} CipherEntry;

typedef struct {
  guint16     value;
  const char *name;
  const char *title;
} HandshakeEntry;

/* Every entry type starts with its guint16 key. */
static int
compare_key (const void *key, const void *entry)
{
  guint16 a = *(const guint16 *) key;
  guint16 b = *(const guint16 *) entry;

  return (a > b) - (a < b);
}

static const void *
lookup (const void *table, gsize n_entries, gsize entry_size, guint16 value)
{
  return bsearch (&value, table, n_entries, entry_size, compare_key);
}

#define LOOKUP(table, value) \
  ((const __typeof__ (table[0]) *) lookup (table, G_N_ELEMENTS (table), sizeof table[0], value))

/* ---- Protocol versions ------------------------------------------------ */

static const NameEntry versions[] = {
  { 0x0002, "SSL 2.0" },
  { 0x0300, "SSL 3.0" },
  { 0x0301, "TLS 1.0" },
  { 0x0302, "TLS 1.1" },
  { 0x0303, "TLS 1.2" },
  { 0x0304, "TLS 1.3" },
  { 0xfefc, "DTLS 1.3" },
  { 0xfefd, "DTLS 1.2" },
  { 0xfeff, "DTLS 1.0" },
};

/* ---- Cipher suites (IANA "TLS Cipher Suites") --------------------------- */

static const CipherEntry cipher_suites[] = {
  { 0x0000, "TLS_NULL_WITH_NULL_NULL",                         HL_TLS_WEAK_NULL },
  { 0x0001, "TLS_RSA_WITH_NULL_MD5",                           HL_TLS_WEAK_NULL | HL_TLS_WEAK_MD5 },
  { 0x0002, "TLS_RSA_WITH_NULL_SHA",                           HL_TLS_WEAK_NULL },
  { 0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5",                  HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC4 | HL_TLS_WEAK_MD5 },
  { 0x0004, "TLS_RSA_WITH_RC4_128_MD5",                        HL_TLS_WEAK_RC4 | HL_TLS_WEAK_MD5 },
  { 0x0005, "TLS_RSA_WITH_RC4_128_SHA",                        HL_TLS_WEAK_RC4 },
  { 0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5",              HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC2 | HL_TLS_WEAK_MD5 },
  { 0x0007, "TLS_RSA_WITH_IDEA_CBC_SHA",                       HL_TLS_WEAK_IDEA },
  { 0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA",               HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES },
  { 0x0009, "TLS_RSA_WITH_DES_CBC_SHA",                        HL_TLS_WEAK_DES },
  { 0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA",                   HL_TLS_WEAK_3DES },
  { 0x000b, "TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA",            HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES },
  { 0x000c, "TLS_DH_DSS_WITH_DES_CBC_SHA",                     HL_TLS_WEAK_DES },
  { 0x000d, "TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA",                HL_TLS_WEAK_3DES },
  { 0x000e, "TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA",            HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES },
  { 0x000f, "TLS_DH_RSA_WITH_DES_CBC_SHA",                     HL_TLS_WEAK_DES },
  { 0x0010, "TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA",                HL_TLS_WEAK_3DES },
  { 0x0011, "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA",           HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES },
  { 0x0012, "TLS_DHE_DSS_WITH_DES_CBC_SHA",                    HL_TLS_WEAK_DES },
  { 0x0013, "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA",               HL_TLS_WEAK_3DES },
  { 0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA",           HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES },
  { 0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA",                    HL_TLS_WEAK_DES },
  { 0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",               HL_TLS_WEAK_3DES },
  { 0x0017, "TLS_DH_anon_EXPORT_WITH_RC4_40_MD5",              HL_TLS_WEAK_ANON | HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC4 | HL_TLS_WEAK_MD5 },
  { 0x0018, "TLS_DH_anon_WITH_RC4_128_MD5",                    HL_TLS_WEAK_ANON | HL_TLS_WEAK_RC4 | HL_TLS_WEAK_MD5 },
  { 0x0019, "TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA",           HL_TLS_WEAK_ANON | HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES },
  { 0x001a, "TLS_DH_anon_WITH_DES_CBC_SHA",                    HL_TLS_WEAK_ANON | HL_TLS_WEAK_DES },
  { 0x001b, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA",               HL_TLS_WEAK_ANON | HL_TLS_WEAK_3DES },
  { 0x001c, "SSL_FORTEZZA_KEA_WITH_NULL_SHA",                  HL_TLS_WEAK_NULL },  /* not IANA */
  { 0x001d, "SSL_FORTEZZA_KEA_WITH_FORTEZZA_CBC_SHA",          0 },  /* not IANA */
  { 0x001e, "TLS_KRB5_WITH_DES_CBC_SHA",                       HL_TLS_WEAK_DES },
  { 0x001f, "TLS_KRB5_WITH_3DES_EDE_CBC_SHA",                  HL_TLS_WEAK_3DES },
  { 0x0020, "TLS_KRB5_WITH_RC4_128_SHA",                       HL_TLS_WEAK_RC4 },
  { 0x0021, "TLS_KRB5_WITH_IDEA_CBC_SHA",                      HL_TLS_WEAK_IDEA },
  { 0x0022, "TLS_KRB5_WITH_DES_CBC_MD5",                       HL_TLS_WEAK_DES | HL_TLS_WEAK_MD5 },
  { 0x0023, "TLS_KRB5_WITH_3DES_EDE_CBC_MD5",                  HL_TLS_WEAK_3DES | HL_TLS_WEAK_MD5 },
  { 0x0024, "TLS_KRB5_WITH_RC4_128_MD5",                       HL_TLS_WEAK_RC4 | HL_TLS_WEAK_MD5 },
  { 0x0025, "TLS_KRB5_WITH_IDEA_CBC_MD5",                      HL_TLS_WEAK_IDEA | HL_TLS_WEAK_MD5 },
  { 0x0026, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_SHA",             HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES },
  { 0x0027, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_SHA",             HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC2 },
  { 0x0028, "TLS_KRB5_EXPORT_WITH_RC4_40_SHA",                 HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC4 },
  { 0x0029, "TLS_KRB5_EXPORT_WITH_DES_CBC_40_MD5",             HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES | HL_TLS_WEAK_MD5 },
  { 0x002a, "TLS_KRB5_EXPORT_WITH_RC2_CBC_40_MD5",             HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC2 | HL_TLS_WEAK_MD5 },
  { 0x002b, "TLS_KRB5_EXPORT_WITH_RC4_40_MD5",                 HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC4 | HL_TLS_WEAK_MD5 },
  { 0x002c, "TLS_PSK_WITH_NULL_SHA",                           HL_TLS_WEAK_NULL },
  { 0x002d, "TLS_DHE_PSK_WITH_NULL_SHA",                       HL_TLS_WEAK_NULL },
  { 0x002e, "TLS_RSA_PSK_WITH_NULL_SHA",                       HL_TLS_WEAK_NULL },
  { 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA",                    0 },
  { 0x0030, "TLS_DH_DSS_WITH_AES_128_CBC_SHA",                 0 },
  { 0x0031, "TLS_DH_RSA_WITH_AES_128_CBC_SHA",                 0 },
  { 0x0032, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA",                0 },
  { 0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",                0 },
  { 0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA",                HL_TLS_WEAK_ANON },
  { 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA",                    0 },
  { 0x0036, "TLS_DH_DSS_WITH_AES_256_CBC_SHA",                 0 },
  { 0x0037, "TLS_DH_RSA_WITH_AES_256_CBC_SHA",                 0 },
  { 0x0038, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA",                0 },
  { 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",                0 },
  { 0x003a, "TLS_DH_anon_WITH_AES_256_CBC_SHA",                HL_TLS_WEAK_ANON },
  { 0x003b, "TLS_RSA_WITH_NULL_SHA256",                        HL_TLS_WEAK_NULL },
  { 0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256",                 0 },
  { 0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256",                 0 },
  { 0x003e, "TLS_DH_DSS_WITH_AES_128_CBC_SHA256",              0 },
  { 0x003f, "TLS_DH_RSA_WITH_AES_128_CBC_SHA256",              0 },
  { 0x0040, "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256",             0 },
  { 0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",               0 },
  { 0x0042, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA",            0 },
  { 0x0043, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA",            0 },
  { 0x0044, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA",           0 },
  { 0x0045, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA",           0 },
  { 0x0046, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA",           HL_TLS_WEAK_ANON },
  { 0x0060, "TLS_RSA_EXPORT1024_WITH_RC4_56_MD5",              HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC4 | HL_TLS_WEAK_MD5 },  /* not IANA */
  { 0x0061, "TLS_RSA_EXPORT1024_WITH_RC2_CBC_56_MD5",          HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC2 | HL_TLS_WEAK_MD5 },  /* not IANA */
  { 0x0062, "TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA",             HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES },  /* not IANA */
  { 0x0063, "TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA",         HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_DES },  /* not IANA */
  { 0x0064, "TLS_RSA_EXPORT1024_WITH_RC4_56_SHA",              HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC4 },  /* not IANA */
  { 0x0065, "TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA",          HL_TLS_WEAK_EXPORT | HL_TLS_WEAK_RC4 },  /* not IANA */
  { 0x0066, "TLS_DHE_DSS_WITH_RC4_128_SHA",                    HL_TLS_WEAK_RC4 },  /* not IANA */
  { 0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",             0 },
  { 0x0068, "TLS_DH_DSS_WITH_AES_256_CBC_SHA256",              0 },
  { 0x0069, "TLS_DH_RSA_WITH_AES_256_CBC_SHA256",              0 },
  { 0x006a, "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256",             0 },
  { 0x006b, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",             0 },
  { 0x006c, "TLS_DH_anon_WITH_AES_128_CBC_SHA256",             HL_TLS_WEAK_ANON },
  { 0x006d, "TLS_DH_anon_WITH_AES_256_CBC_SHA256",             HL_TLS_WEAK_ANON },
  { 0x0080, "TLS_GOSTR341094_WITH_28147_CNT_IMIT",             0 },  /* not IANA */
  { 0x0081, "TLS_GOSTR341001_WITH_28147_CNT_IMIT",             0 },  /* not IANA */
  { 0x0082, "TLS_GOSTR341094_WITH_NULL_GOSTR3411",             HL_TLS_WEAK_NULL },  /* not IANA */
  { 0x0083, "TLS_GOSTR341001_WITH_NULL_GOSTR3411",             HL_TLS_WEAK_NULL },  /* not IANA */
  { 0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA",               0 },
  { 0x0085, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA",            0 },
  { 0x0086, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA",            0 },
  { 0x0087, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA",           0 },
  { 0x0088, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA",           0 },
  { 0x0089, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA",           HL_TLS_WEAK_ANON },
  { 0x008a, "TLS_PSK_WITH_RC4_128_SHA",                        HL_TLS_WEAK_RC4 },
  { 0x008b, "TLS_PSK_WITH_3DES_EDE_CBC_SHA",                   HL_TLS_WEAK_3DES },
  { 0x008c, "TLS_PSK_WITH_AES_128_CBC_SHA",                    0 },
  { 0x008d, "TLS_PSK_WITH_AES_256_CBC_SHA",                    0 },
  { 0x008e, "TLS_DHE_PSK_WITH_RC4_128_SHA",                    HL_TLS_WEAK_RC4 },
  { 0x008f, "TLS_DHE_PSK_WITH_3DES_EDE_CBC_SHA",               HL_TLS_WEAK_3DES },
  { 0x0090, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA",                0 },
  { 0x0091, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA",                0 },
  { 0x0092, "TLS_RSA_PSK_WITH_RC4_128_SHA",                    HL_TLS_WEAK_RC4 },
  { 0x0093, "TLS_RSA_PSK_WITH_3DES_EDE_CBC_SHA",               HL_TLS_WEAK_3DES },
  { 0x0094, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA",                0 },
  { 0x0095, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA",                0 },
  { 0x0096, "TLS_RSA_WITH_SEED_CBC_SHA",                       0 },
  { 0x0097, "TLS_DH_DSS_WITH_SEED_CBC_SHA",                    0 },
  { 0x0098, "TLS_DH_RSA_WITH_SEED_CBC_SHA",                    0 },
  { 0x0099, "TLS_DHE_DSS_WITH_SEED_CBC_SHA",                   0 },
  { 0x009a, "TLS_DHE_RSA_WITH_SEED_CBC_SHA",                   0 },
  { 0x009b, "TLS_DH_anon_WITH_SEED_CBC_SHA",                   HL_TLS_WEAK_ANON },
  { 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256",                 0 },
  { 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384",                 0 },
  { 0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",             0 },
  { 0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",             0 },
  { 0x00a0, "TLS_DH_RSA_WITH_AES_128_GCM_SHA256",              0 },
  { 0x00a1, "TLS_DH_RSA_WITH_AES_256_GCM_SHA384",              0 },
  { 0x00a2, "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256",             0 },
  { 0x00a3, "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384",             0 },
  { 0x00a4, "TLS_DH_DSS_WITH_AES_128_GCM_SHA256",              0 },
  { 0x00a5, "TLS_DH_DSS_WITH_AES_256_GCM_SHA384",              0 },
  { 0x00a6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256",             HL_TLS_WEAK_ANON },
  { 0x00a7, "TLS_DH_anon_WITH_AES_256_GCM_SHA384",             HL_TLS_WEAK_ANON },
  { 0x00a8, "TLS_PSK_WITH_AES_128_GCM_SHA256",                 0 },
  { 0x00a9, "TLS_PSK_WITH_AES_256_GCM_SHA384",                 0 },
  { 0x00aa, "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256",             0 },
  { 0x00ab, "TLS_DHE_PSK_WITH_AES_256_GCM_SHA384",             0 },
  { 0x00ac, "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256",             0 },
  { 0x00ad, "TLS_RSA_PSK_WITH_AES_256_GCM_SHA384",             0 },
  { 0x00ae, "TLS_PSK_WITH_AES_128_CBC_SHA256",                 0 },
  { 0x00af, "TLS_PSK_WITH_AES_256_CBC_SHA384",                 0 },
  { 0x00b0, "TLS_PSK_WITH_NULL_SHA256",                        HL_TLS_WEAK_NULL },
  { 0x00b1, "TLS_PSK_WITH_NULL_SHA384",                        HL_TLS_WEAK_NULL },
  { 0x00b2, "TLS_DHE_PSK_WITH_AES_128_CBC_SHA256",             0 },
  { 0x00b3, "TLS_DHE_PSK_WITH_AES_256_CBC_SHA384",             0 },
  { 0x00b4, "TLS_DHE_PSK_WITH_NULL_SHA256",                    HL_TLS_WEAK_NULL },
  { 0x00b5, "TLS_DHE_PSK_WITH_NULL_SHA384",                    HL_TLS_WEAK_NULL },
  { 0x00b6, "TLS_RSA_PSK_WITH_AES_128_CBC_SHA256",             0 },
  { 0x00b7, "TLS_RSA_PSK_WITH_AES_256_CBC_SHA384",             0 },
  { 0x00b8, "TLS_RSA_PSK_WITH_NULL_SHA256",                    HL_TLS_WEAK_NULL },
  { 0x00b9, "TLS_RSA_PSK_WITH_NULL_SHA384",                    HL_TLS_WEAK_NULL },
  { 0x00ba, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256",            0 },
  { 0x00bb, "TLS_DH_DSS_WITH_CAMELLIA_128_CBC_SHA256",         0 },
  { 0x00bc, "TLS_DH_RSA_WITH_CAMELLIA_128_CBC_SHA256",         0 },
  { 0x00bd, "TLS_DHE_DSS_WITH_CAMELLIA_128_CBC_SHA256",        0 },
  { 0x00be, "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA256",        0 },
  { 0x00bf, "TLS_DH_anon_WITH_CAMELLIA_128_CBC_SHA256",        HL_TLS_WEAK_ANON },
  { 0x00c0, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA256",            0 },
  { 0x00c1, "TLS_DH_DSS_WITH_CAMELLIA_256_CBC_SHA256",         0 },
  { 0x00c2, "TLS_DH_RSA_WITH_CAMELLIA_256_CBC_SHA256",         0 },
  { 0x00c3, "TLS_DHE_DSS_WITH_CAMELLIA_256_CBC_SHA256",        0 },
  { 0x00c4, "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA256",        0 },
  { 0x00c5, "TLS_DH_anon_WITH_CAMELLIA_256_CBC_SHA256",        HL_TLS_WEAK_ANON },
  { 0x00c6, "TLS_SM4_GCM_SM3",                                 0 },
  { 0x00c7, "TLS_SM4_CCM_SM3",                                 0 },
  { 0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",               0 },
  { 0x1301, "TLS_AES_128_GCM_SHA256",                          0 },
  { 0x1302, "TLS_AES_256_GCM_SHA384",                          0 },
  { 0x1303, "TLS_CHACHA20_POLY1305_SHA256",                    0 },
  { 0x1304, "TLS_AES_128_CCM_SHA256",                          0 },
  { 0x1305, "TLS_AES_128_CCM_8_SHA256",                        0 },
  { 0x1306, "TLS_AEGIS_256_SHA512",                            0 },
  { 0x1307, "TLS_AEGIS_128L_SHA256",                           0 },
  { 0x5600, "TLS_FALLBACK_SCSV",                               0 },
  { 0xc001, "TLS_ECDH_ECDSA_WITH_NULL_SHA",                    HL_TLS_WEAK_NULL },
  { 0xc002, "TLS_ECDH_ECDSA_WITH_RC4_128_SHA",                 HL_TLS_WEAK_RC4 },
  { 0xc003, "TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA",            HL_TLS_WEAK_3DES },
  { 0xc004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA",             0 },
  { 0xc005, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA",             0 },
  { 0xc006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA",                   HL_TLS_WEAK_NULL },
  { 0xc007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",                HL_TLS_WEAK_RC4 },
  { 0xc008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA",           HL_TLS_WEAK_3DES },
  { 0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",            0 },
  { 0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",            0 },
  { 0xc00b, "TLS_ECDH_RSA_WITH_NULL_SHA",                      HL_TLS_WEAK_NULL },
  { 0xc00c, "TLS_ECDH_RSA_WITH_RC4_128_SHA",                   HL_TLS_WEAK_RC4 },
  { 0xc00d, "TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA",              HL_TLS_WEAK_3DES },
  { 0xc00e, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA",               0 },
  { 0xc00f, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA",               0 },
  { 0xc010, "TLS_ECDHE_RSA_WITH_NULL_SHA",                     HL_TLS_WEAK_NULL },
  { 0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA",                  HL_TLS_WEAK_RC4 },
  { 0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",             HL_TLS_WEAK_3DES },
  { 0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",              0 },
  { 0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",              0 },
  { 0xc015, "TLS_ECDH_anon_WITH_NULL_SHA",                     HL_TLS_WEAK_NULL | HL_TLS_WEAK_ANON },
  { 0xc016, "TLS_ECDH_anon_WITH_RC4_128_SHA",                  HL_TLS_WEAK_ANON | HL_TLS_WEAK_RC4 },
  { 0xc017, "TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA",             HL_TLS_WEAK_ANON | HL_TLS_WEAK_3DES },
  { 0xc018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",              HL_TLS_WEAK_ANON },
  { 0xc019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA",              HL_TLS_WEAK_ANON },
  { 0xc01a, "TLS_SRP_SHA_WITH_3DES_EDE_CBC_SHA",               HL_TLS_WEAK_3DES },
  { 0xc01b, "TLS_SRP_SHA_RSA_WITH_3DES_EDE_CBC_SHA",           HL_TLS_WEAK_3DES },
  { 0xc01c, "TLS_SRP_SHA_DSS_WITH_3DES_EDE_CBC_SHA",           HL_TLS_WEAK_3DES },
  { 0xc01d, "TLS_SRP_SHA_WITH_AES_128_CBC_SHA",                0 },
  { 0xc01e, "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA",            0 },
  { 0xc01f, "TLS_SRP_SHA_DSS_WITH_AES_128_CBC_SHA",            0 },
  { 0xc020, "TLS_SRP_SHA_WITH_AES_256_CBC_SHA",                0 },
  { 0xc021, "TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA",            0 },
  { 0xc022, "TLS_SRP_SHA_DSS_WITH_AES_256_CBC_SHA",            0 },
  { 0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",         0 },
  { 0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",         0 },
  { 0xc025, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA256",          0 },
  { 0xc026, "TLS_ECDH_ECDSA_WITH_AES_256_CBC_SHA384",          0 },
  { 0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",           0 },
  { 0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",           0 },
  { 0xc029, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA256",            0 },
  { 0xc02a, "TLS_ECDH_RSA_WITH_AES_256_CBC_SHA384",            0 },
  { 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",         0 },
  { 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",         0 },
  { 0xc02d, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256",          0 },
  { 0xc02e, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384",          0 },
  { 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",           0 },
  { 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",           0 },
  { 0xc031, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256",            0 },
  { 0xc032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384",            0 },
  { 0xc033, "TLS_ECDHE_PSK_WITH_RC4_128_SHA",                  HL_TLS_WEAK_RC4 },
  { 0xc034, "TLS_ECDHE_PSK_WITH_3DES_EDE_CBC_SHA",             HL_TLS_WEAK_3DES },
  { 0xc035, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA",              0 },
  { 0xc036, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA",              0 },
  { 0xc037, "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",           0 },
  { 0xc038, "TLS_ECDHE_PSK_WITH_AES_256_CBC_SHA384",           0 },
  { 0xc039, "TLS_ECDHE_PSK_WITH_NULL_SHA",                     HL_TLS_WEAK_NULL },
  { 0xc03a, "TLS_ECDHE_PSK_WITH_NULL_SHA256",                  HL_TLS_WEAK_NULL },
  { 0xc03b, "TLS_ECDHE_PSK_WITH_NULL_SHA384",                  HL_TLS_WEAK_NULL },
  { 0xc03c, "TLS_RSA_WITH_ARIA_128_CBC_SHA256",                0 },
  { 0xc03d, "TLS_RSA_WITH_ARIA_256_CBC_SHA384",                0 },
  { 0xc03e, "TLS_DH_DSS_WITH_ARIA_128_CBC_SHA256",             0 },
  { 0xc03f, "TLS_DH_DSS_WITH_ARIA_256_CBC_SHA384",             0 },
  { 0xc040, "TLS_DH_RSA_WITH_ARIA_128_CBC_SHA256",             0 },
  { 0xc041, "TLS_DH_RSA_WITH_ARIA_256_CBC_SHA384",             0 },
  { 0xc042, "TLS_DHE_DSS_WITH_ARIA_128_CBC_SHA256",            0 },
  { 0xc043, "TLS_DHE_DSS_WITH_ARIA_256_CBC_SHA384",            0 },
  { 0xc044, "TLS_DHE_RSA_WITH_ARIA_128_CBC_SHA256",            0 },
  { 0xc045, "TLS_DHE_RSA_WITH_ARIA_256_CBC_SHA384",            0 },
  { 0xc046, "TLS_DH_anon_WITH_ARIA_128_CBC_SHA256",            HL_TLS_WEAK_ANON },
  { 0xc047, "TLS_DH_anon_WITH_ARIA_256_CBC_SHA384",            HL_TLS_WEAK_ANON },
  { 0xc048, "TLS_ECDHE_ECDSA_WITH_ARIA_128_CBC_SHA256",        0 },
  { 0xc049, "TLS_ECDHE_ECDSA_WITH_ARIA_256_CBC_SHA384",        0 },
  { 0xc04a, "TLS_ECDH_ECDSA_WITH_ARIA_128_CBC_SHA256",         0 },
  { 0xc04b, "TLS_ECDH_ECDSA_WITH_ARIA_256_CBC_SHA384",         0 },
  { 0xc04c, "TLS_ECDHE_RSA_WITH_ARIA_128_CBC_SHA256",          0 },
  { 0xc04d, "TLS_ECDHE_RSA_WITH_ARIA_256_CBC_SHA384",          0 },
  { 0xc04e, "TLS_ECDH_RSA_WITH_ARIA_128_CBC_SHA256",           0 },
  { 0xc04f, "TLS_ECDH_RSA_WITH_ARIA_256_CBC_SHA384",           0 },
  { 0xc050, "TLS_RSA_WITH_ARIA_128_GCM_SHA256",                0 },
  { 0xc051, "TLS_RSA_WITH_ARIA_256_GCM_SHA384",                0 },
  { 0xc052, "TLS_DHE_RSA_WITH_ARIA_128_GCM_SHA256",            0 },
  { 0xc053, "TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384",            0 },
  { 0xc054, "TLS_DH_RSA_WITH_ARIA_128_GCM_SHA256",             0 },
  { 0xc055, "TLS_DH_RSA_WITH_ARIA_256_GCM_SHA384",             0 },
  { 0xc056, "TLS_DHE_DSS_WITH_ARIA_128_GCM_SHA256",            0 },
  { 0xc057, "TLS_DHE_DSS_WITH_ARIA_256_GCM_SHA384",            0 },
  { 0xc058, "TLS_DH_DSS_WITH_ARIA_128_GCM_SHA256",             0 },
  { 0xc059, "TLS_DH_DSS_WITH_ARIA_256_GCM_SHA384",             0 },
  { 0xc05a, "TLS_DH_anon_WITH_ARIA_128_GCM_SHA256",            HL_TLS_WEAK_ANON },
  { 0xc05b, "TLS_DH_anon_WITH_ARIA_256_GCM_SHA384",            HL_TLS_WEAK_ANON },
  { 0xc05c, "TLS_ECDHE_ECDSA_WITH_ARIA_128_GCM_SHA256",        0 },
  { 0xc05d, "TLS_ECDHE_ECDSA_WITH_ARIA_256_GCM_SHA384",        0 },
  { 0xc05e, "TLS_ECDH_ECDSA_WITH_ARIA_128_GCM_SHA256",         0 },
  { 0xc05f, "TLS_ECDH_ECDSA_WITH_ARIA_256_GCM_SHA384",         0 },
  { 0xc060, "TLS_ECDHE_RSA_WITH_ARIA_128_GCM_SHA256",          0 },
  { 0xc061, "TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384",          0 },
  { 0xc062, "TLS_ECDH_RSA_WITH_ARIA_128_GCM_SHA256",           0 },
  { 0xc063, "TLS_ECDH_RSA_WITH_ARIA_256_GCM_SHA384",           0 },
  { 0xc064, "TLS_PSK_WITH_ARIA_128_CBC_SHA256",                0 },
  { 0xc065, "TLS_PSK_WITH_ARIA_256_CBC_SHA384",                0 },
  { 0xc066, "TLS_DHE_PSK_WITH_ARIA_128_CBC_SHA256",            0 },
  { 0xc067, "TLS_DHE_PSK_WITH_ARIA_256_CBC_SHA384",            0 },
  { 0xc068, "TLS_RSA_PSK_WITH_ARIA_128_CBC_SHA256",            0 },
  { 0xc069, "TLS_RSA_PSK_WITH_ARIA_256_CBC_SHA384",            0 },
  { 0xc06a, "TLS_PSK_WITH_ARIA_128_GCM_SHA256",                0 },
  { 0xc06b, "TLS_PSK_WITH_ARIA_256_GCM_SHA384",                0 },
  { 0xc06c, "TLS_DHE_PSK_WITH_ARIA_128_GCM_SHA256",            0 },
  { 0xc06d, "TLS_DHE_PSK_WITH_ARIA_256_GCM_SHA384",            0 },
  { 0xc06e, "TLS_RSA_PSK_WITH_ARIA_128_GCM_SHA256",            0 },
  { 0xc06f, "TLS_RSA_PSK_WITH_ARIA_256_GCM_SHA384",            0 },
  { 0xc070, "TLS_ECDHE_PSK_WITH_ARIA_128_CBC_SHA256",          0 },
  { 0xc071, "TLS_ECDHE_PSK_WITH_ARIA_256_CBC_SHA384",          0 },
  { 0xc072, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_CBC_SHA256",    0 },
  { 0xc073, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_CBC_SHA384",    0 },
  { 0xc074, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_CBC_SHA256",     0 },
  { 0xc075, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_CBC_SHA384",     0 },
  { 0xc076, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_CBC_SHA256",      0 },
  { 0xc077, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_CBC_SHA384",      0 },
  { 0xc078, "TLS_ECDH_RSA_WITH_CAMELLIA_128_CBC_SHA256",       0 },
  { 0xc079, "TLS_ECDH_RSA_WITH_CAMELLIA_256_CBC_SHA384",       0 },
  { 0xc07a, "TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256",            0 },
  { 0xc07b, "TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384",            0 },
  { 0xc07c, "TLS_DHE_RSA_WITH_CAMELLIA_128_GCM_SHA256",        0 },
  { 0xc07d, "TLS_DHE_RSA_WITH_CAMELLIA_256_GCM_SHA384",        0 },
  { 0xc07e, "TLS_DH_RSA_WITH_CAMELLIA_128_GCM_SHA256",         0 },
  { 0xc07f, "TLS_DH_RSA_WITH_CAMELLIA_256_GCM_SHA384",         0 },
  { 0xc080, "TLS_DHE_DSS_WITH_CAMELLIA_128_GCM_SHA256",        0 },
  { 0xc081, "TLS_DHE_DSS_WITH_CAMELLIA_256_GCM_SHA384",        0 },
  { 0xc082, "TLS_DH_DSS_WITH_CAMELLIA_128_GCM_SHA256",         0 },
  { 0xc083, "TLS_DH_DSS_WITH_CAMELLIA_256_GCM_SHA384",         0 },
  { 0xc084, "TLS_DH_anon_WITH_CAMELLIA_128_GCM_SHA256",        HL_TLS_WEAK_ANON },
  { 0xc085, "TLS_DH_anon_WITH_CAMELLIA_256_GCM_SHA384",        HL_TLS_WEAK_ANON },
  { 0xc086, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_128_GCM_SHA256",    0 },
  { 0xc087, "TLS_ECDHE_ECDSA_WITH_CAMELLIA_256_GCM_SHA384",    0 },
  { 0xc088, "TLS_ECDH_ECDSA_WITH_CAMELLIA_128_GCM_SHA256",     0 },
  { 0xc089, "TLS_ECDH_ECDSA_WITH_CAMELLIA_256_GCM_SHA384",     0 },
  { 0xc08a, "TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256",      0 },
  { 0xc08b, "TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384",      0 },
  { 0xc08c, "TLS_ECDH_RSA_WITH_CAMELLIA_128_GCM_SHA256",       0 },
  { 0xc08d, "TLS_ECDH_RSA_WITH_CAMELLIA_256_GCM_SHA384",       0 },
  { 0xc08e, "TLS_PSK_WITH_CAMELLIA_128_GCM_SHA256",            0 },
  { 0xc08f, "TLS_PSK_WITH_CAMELLIA_256_GCM_SHA384",            0 },
  { 0xc090, "TLS_DHE_PSK_WITH_CAMELLIA_128_GCM_SHA256",        0 },
  { 0xc091, "TLS_DHE_PSK_WITH_CAMELLIA_256_GCM_SHA384",        0 },
  { 0xc092, "TLS_RSA_PSK_WITH_CAMELLIA_128_GCM_SHA256",        0 },
  { 0xc093, "TLS_RSA_PSK_WITH_CAMELLIA_256_GCM_SHA384",        0 },
  { 0xc094, "TLS_PSK_WITH_CAMELLIA_128_CBC_SHA256",            0 },
  { 0xc095, "TLS_PSK_WITH_CAMELLIA_256_CBC_SHA384",            0 },
  { 0xc096, "TLS_DHE_PSK_WITH_CAMELLIA_128_CBC_SHA256",        0 },
  { 0xc097, "TLS_DHE_PSK_WITH_CAMELLIA_256_CBC_SHA384",        0 },
  { 0xc098, "TLS_RSA_PSK_WITH_CAMELLIA_128_CBC_SHA256",        0 },
  { 0xc099, "TLS_RSA_PSK_WITH_CAMELLIA_256_CBC_SHA384",        0 },
  { 0xc09a, "TLS_ECDHE_PSK_WITH_CAMELLIA_128_CBC_SHA256",      0 },
  { 0xc09b, "TLS_ECDHE_PSK_WITH_CAMELLIA_256_CBC_SHA384",      0 },
  { 0xc09c, "TLS_RSA_WITH_AES_128_CCM",                        0 },
  { 0xc09d, "TLS_RSA_WITH_AES_256_CCM",                        0 },
  { 0xc09e, "TLS_DHE_RSA_WITH_AES_128_CCM",                    0 },
  { 0xc09f, "TLS_DHE_RSA_WITH_AES_256_CCM",                    0 },
  { 0xc0a0, "TLS_RSA_WITH_AES_128_CCM_8",                      0 },
  { 0xc0a1, "TLS_RSA_WITH_AES_256_CCM_8",                      0 },
  { 0xc0a2, "TLS_DHE_RSA_WITH_AES_128_CCM_8",                  0 },
  { 0xc0a3, "TLS_DHE_RSA_WITH_AES_256_CCM_8",                  0 },
  { 0xc0a4, "TLS_PSK_WITH_AES_128_CCM",                        0 },
  { 0xc0a5, "TLS_PSK_WITH_AES_256_CCM",                        0 },
  { 0xc0a6, "TLS_DHE_PSK_WITH_AES_128_CCM",                    0 },
  { 0xc0a7, "TLS_DHE_PSK_WITH_AES_256_CCM",                    0 },
  { 0xc0a8, "TLS_PSK_WITH_AES_128_CCM_8",                      0 },
  { 0xc0a9, "TLS_PSK_WITH_AES_256_CCM_8",                      0 },
  { 0xc0aa, "TLS_PSK_DHE_WITH_AES_128_CCM_8",                  0 },
  { 0xc0ab, "TLS_PSK_DHE_WITH_AES_256_CCM_8",                  0 },
  { 0xc0ac, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM",                0 },
  { 0xc0ad, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM",                0 },
  { 0xc0ae, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8",              0 },
  { 0xc0af, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8",              0 },
  { 0xc0b0, "TLS_ECCPWD_WITH_AES_128_GCM_SHA256",              0 },
  { 0xc0b1, "TLS_ECCPWD_WITH_AES_256_GCM_SHA384",              0 },
  { 0xc0b2, "TLS_ECCPWD_WITH_AES_128_CCM_SHA256",              0 },
  { 0xc0b3, "TLS_ECCPWD_WITH_AES_256_CCM_SHA384",              0 },
  { 0xc0b4, "TLS_SHA256_SHA256",                               HL_TLS_WEAK_NULL },
  { 0xc0b5, "TLS_SHA384_SHA384",                               HL_TLS_WEAK_NULL },
  { 0xc0ff, "TLS_ECJPAKE_WITH_AES_128_CCM_8",                  0 },  /* not IANA */
  { 0xc100, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_CTR_OMAC",    0 },
  { 0xc101, "TLS_GOSTR341112_256_WITH_MAGMA_CTR_OMAC",         0 },
  { 0xc102, "TLS_GOSTR341112_256_WITH_28147_CNT_IMIT",         0 },
  { 0xc103, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_L",       0 },
  { 0xc104, "TLS_GOSTR341112_256_WITH_MAGMA_MGM_L",            0 },
  { 0xc105, "TLS_GOSTR341112_256_WITH_KUZNYECHIK_MGM_S",       0 },
  { 0xc106, "TLS_GOSTR341112_256_WITH_MAGMA_MGM_S",            0 },
  { 0xcc13, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",     0 },  /* not IANA */
  { 0xcc14, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",   0 },  /* not IANA */
  { 0xcc15, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",       0 },  /* not IANA */
  { 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",     0 },
  { 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",   0 },
  { 0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",       0 },
  { 0xccab, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256",           0 },
  { 0xccac, "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",     0 },
  { 0xccad, "TLS_DHE_PSK_WITH_CHACHA20_POLY1305_SHA256",       0 },
  { 0xccae, "TLS_RSA_PSK_WITH_CHACHA20_POLY1305_SHA256",       0 },
  { 0xd001, "TLS_ECDHE_PSK_WITH_AES_128_GCM_SHA256",           0 },
  { 0xd002, "TLS_ECDHE_PSK_WITH_AES_256_GCM_SHA384",           0 },
  { 0xd003, "TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256",         0 },
  { 0xd005, "TLS_ECDHE_PSK_WITH_AES_128_CCM_SHA256",           0 },
  { 0xe001, "ECDHE_SM1_SM3",                                   0 },  /* not IANA */
  { 0xe003, "ECC_SM1_SM3",                                     0 },  /* not IANA */
  { 0xe005, "IBSDH_SM1_SM3",                                   0 },  /* not IANA */
  { 0xe007, "IBC_SM1_SM3",                                     0 },  /* not IANA */
  { 0xe009, "RSA_SM1_SM3",                                     0 },  /* not IANA */
  { 0xe00a, "RSA_SM1_SHA1",                                    0 },  /* not IANA */
  { 0xe011, "ECDHE_SM4_CBC_SM3",                               0 },  /* not IANA */
  { 0xe013, "ECC_SM4_CBC_SM3",                                 0 },  /* not IANA */
  { 0xe015, "IBSDH_SM4_CBC_SM3",                               0 },  /* not IANA */
  { 0xe017, "IBC_SM4_CBC_SM3",                                 0 },  /* not IANA */
  { 0xe019, "RSA_SM4_CBC_SM3",                                 0 },  /* not IANA */
  { 0xe01a, "RSA_SM4_CBC_SHA1",                                0 },  /* not IANA */
  { 0xe01c, "RSA_SM4_CBC_SHA256",                              0 },  /* not IANA */
  { 0xe051, "ECDHE_SM4_GCM_SM3",                               0 },  /* not IANA */
  { 0xe053, "ECC_SM4_GCM_SM3",                                 0 },  /* not IANA */
  { 0xe055, "IBSDH_SM4_GCM_SM3",                               0 },  /* not IANA */
  { 0xe057, "IBC_SM4_GCM_SM3",                                 0 },  /* not IANA */
  { 0xe059, "RSA_SM4_GCM_SM3",                                 0 },  /* not IANA */
  { 0xe05a, "RSA_SM4_GCM_SHA256",                              0 },  /* not IANA */
  { 0xe410, "TLS_RSA_WITH_ESTREAM_SALSA20_SHA1",               0 },  /* not IANA */
  { 0xe411, "TLS_RSA_WITH_SALSA20_SHA1",                       0 },  /* not IANA */
  { 0xe412, "TLS_ECDHE_RSA_WITH_ESTREAM_SALSA20_SHA1",         0 },  /* not IANA */
  { 0xe413, "TLS_ECDHE_RSA_WITH_SALSA20_SHA1",                 0 },  /* not IANA */
  { 0xe414, "TLS_ECDHE_ECDSA_WITH_ESTREAM_SALSA20_SHA1",       0 },  /* not IANA */
  { 0xe415, "TLS_ECDHE_ECDSA_WITH_SALSA20_SHA1",               0 },  /* not IANA */
  { 0xe416, "TLS_PSK_WITH_ESTREAM_SALSA20_SHA1",               0 },  /* not IANA */
  { 0xe417, "TLS_PSK_WITH_SALSA20_SHA1",                       0 },  /* not IANA */
  { 0xe418, "TLS_ECDHE_PSK_WITH_ESTREAM_SALSA20_SHA1",         0 },  /* not IANA */
  { 0xe419, "TLS_ECDHE_PSK_WITH_SALSA20_SHA1",                 0 },  /* not IANA */
  { 0xe41a, "TLS_RSA_PSK_WITH_ESTREAM_SALSA20_SHA1",           0 },  /* not IANA */
  { 0xe41b, "TLS_RSA_PSK_WITH_SALSA20_SHA1",                   0 },  /* not IANA */
  { 0xe41c, "TLS_DHE_PSK_WITH_ESTREAM_SALSA20_SHA1",           0 },  /* not IANA */
  { 0xe41d, "TLS_DHE_PSK_WITH_SALSA20_SHA1",                   0 },  /* not IANA */
  { 0xe41e, "TLS_DHE_RSA_WITH_ESTREAM_SALSA20_SHA1",           0 },  /* not IANA */
  { 0xe41f, "TLS_DHE_RSA_WITH_SALSA20_SHA1",                   0 },  /* not IANA */
  { 0xfefe, "SSL_RSA_FIPS_WITH_DES_CBC_SHA",                   HL_TLS_WEAK_DES },  /* not IANA */
  { 0xfeff, "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA",              HL_TLS_WEAK_3DES },  /* not IANA */
  { 0xffe0, "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA",              HL_TLS_WEAK_3DES },  /* not IANA */
  { 0xffe1, "SSL_RSA_FIPS_WITH_DES_CBC_SHA",                   HL_TLS_WEAK_DES },  /* not IANA */
};

/* ---- Handshake types (IANA "TLS HandshakeType") ------------------------- */

static const HandshakeEntry handshake_types[] = {
  {   0, "hello_request",              "HelloRequest" },
  {   1, "client_hello",               "ClientHello" },
  {   2, "server_hello",               "ServerHello" },
  {   3, "hello_verify_request",       "HelloVerifyRequest" },
  {   4, "new_session_ticket",         "NewSessionTicket" },
  {   5, "end_of_early_data",          "EndOfEarlyData" },
  {   6, "hello_retry_request",        "HelloRetryRequest" },
  {   8, "encrypted_extensions",       "EncryptedExtensions" },
  {   9, "request_connection_id",      "RequestConnectionId" },
  {  10, "new_connection_id",          "NewConnectionId" },
  {  11, "certificate",                "Certificate" },
  {  12, "server_key_exchange",        "ServerKeyExchange" },
  {  13, "certificate_request",        "CertificateRequest" },
  {  14, "server_hello_done",          "ServerHelloDone" },
  {  15, "certificate_verify",         "CertificateVerify" },
  {  16, "client_key_exchange",        "ClientKeyExchange" },
  {  17, "client_certificate_request", "ClientCertificateRequest" },
  {  20, "finished",                   "Finished" },
  {  21, "certificate_url",            "CertificateURL" },
  {  22, "certificate_status",         "CertificateStatus" },
  {  23, "supplemental_data",          "SupplementalData" },
  {  24, "key_update",                 "KeyUpdate" },
  {  25, "compressed_certificate",     "CompressedCertificate" },
  {  26, "ekt_key",                    "EKTKey" },
  {  67, "next_protocol",              "NextProtocol" },   /* not IANA: NPN draft */
  { 254, "message_hash",               "MessageHash" },
};

/* ---- Alert descriptions (IANA "TLS Alerts") ----------------------------- */

static const NameEntry alerts[] = {
  {   0, "close_notify" },
  {  10, "unexpected_message" },
  {  20, "bad_record_mac" },
  {  21, "decryption_failed" },
  {  22, "record_overflow" },
  {  30, "decompression_failure" },
  {  40, "handshake_failure" },
  {  41, "no_certificate" },
  {  42, "bad_certificate" },
  {  43, "unsupported_certificate" },
  {  44, "certificate_revoked" },
  {  45, "certificate_expired" },
  {  46, "certificate_unknown" },
  {  47, "illegal_parameter" },
  {  48, "unknown_ca" },
  {  49, "access_denied" },
  {  50, "decode_error" },
  {  51, "decrypt_error" },
  {  60, "export_restriction" },
  {  70, "protocol_version" },
  {  71, "insufficient_security" },
  {  80, "internal_error" },
  {  86, "inappropriate_fallback" },
  {  90, "user_canceled" },
  { 100, "no_renegotiation" },
  { 109, "missing_extension" },
  { 110, "unsupported_extension" },
  { 111, "certificate_unobtainable" },
  { 112, "unrecognized_name" },
  { 113, "bad_certificate_status_response" },
  { 114, "bad_certificate_hash_value" },
  { 115, "unknown_psk_identity" },
  { 116, "certificate_required" },
  { 117, "general_error" },
  { 120, "no_application_protocol" },
  { 121, "ech_required" },
};

/* ---- Extensions (IANA "TLS ExtensionType Values") ----------------------- */

static const NameEntry extensions[] = {
  { 0x0000, "server_name" },
  { 0x0001, "max_fragment_length" },
  { 0x0002, "client_certificate_url" },
  { 0x0003, "trusted_ca_keys" },
  { 0x0004, "truncated_hmac" },
  { 0x0005, "status_request" },
  { 0x0006, "user_mapping" },
  { 0x0007, "client_authz" },
  { 0x0008, "server_authz" },
  { 0x0009, "cert_type" },
  { 0x000a, "supported_groups" },
  { 0x000b, "ec_point_formats" },
  { 0x000c, "srp" },
  { 0x000d, "signature_algorithms" },
  { 0x000e, "use_srtp" },
  { 0x000f, "heartbeat" },
  { 0x0010, "application_layer_protocol_negotiation" },
  { 0x0011, "status_request_v2" },
  { 0x0012, "signed_certificate_timestamp" },
  { 0x0013, "client_certificate_type" },
  { 0x0014, "server_certificate_type" },
  { 0x0015, "padding" },
  { 0x0016, "encrypt_then_mac" },
  { 0x0017, "extended_master_secret" },
  { 0x0018, "token_binding" },
  { 0x0019, "cached_info" },
  { 0x001a, "tls_lts" },
  { 0x001b, "compress_certificate" },
  { 0x001c, "record_size_limit" },
  { 0x001d, "pwd_protect" },
  { 0x001e, "pwd_clear" },
  { 0x001f, "password_salt" },
  { 0x0020, "ticket_pinning" },
  { 0x0021, "tls_cert_with_extern_psk" },
  { 0x0022, "delegated_credential" },
  { 0x0023, "session_ticket" },
  { 0x0024, "TLMSP" },
  { 0x0025, "TLMSP_proxying" },
  { 0x0026, "TLMSP_delegate" },
  { 0x0027, "supported_ekt_ciphers" },
  { 0x0029, "pre_shared_key" },
  { 0x002a, "early_data" },
  { 0x002b, "supported_versions" },
  { 0x002c, "cookie" },
  { 0x002d, "psk_key_exchange_modes" },
  { 0x002f, "certificate_authorities" },
  { 0x0030, "oid_filters" },
  { 0x0031, "post_handshake_auth" },
  { 0x0032, "signature_algorithms_cert" },
  { 0x0033, "key_share" },
  { 0x0034, "transparency_info" },
  { 0x0035, "connection_id_deprecated" },
  { 0x0036, "connection_id" },
  { 0x0037, "external_id_hash" },
  { 0x0038, "external_session_id" },
  { 0x0039, "quic_transport_parameters" },
  { 0x003a, "ticket_request" },
  { 0x003b, "dnssec_chain" },
  { 0x003c, "sequence_number_encryption_algorithms" },
  { 0x003d, "rrc" },
  { 0x003e, "tls_flags" },
  { 0x3374, "next_protocol_negotiation" },          /* not IANA: NPN draft */
  { 0x4469, "application_settings" },               /* not IANA: ALPS draft */
  { 0x44cd, "application_settings" },               /* not IANA: ALPS, new code point */
  { 0x754f, "channel_id_old" },                     /* not IANA */
  { 0x7550, "channel_id" },                         /* not IANA */
  { 0xfd00, "ech_outer_extensions" },
  { 0xfe0d, "encrypted_client_hello" },
  { 0xff01, "renegotiation_info" },
  { 0xffa5, "quic_transport_parameters_draft" },    /* not IANA: QUIC drafts */
  { 0xffce, "encrypted_server_name" },              /* not IANA: ESNI draft */
};

/* ---- Supported groups (IANA "TLS Supported Groups") --------------------- */

static const NameEntry groups[] = {
  { 0x0001, "sect163k1" },
  { 0x0002, "sect163r1" },
  { 0x0003, "sect163r2" },
  { 0x0004, "sect193r1" },
  { 0x0005, "sect193r2" },
  { 0x0006, "sect233k1" },
  { 0x0007, "sect233r1" },
  { 0x0008, "sect239k1" },
  { 0x0009, "sect283k1" },
  { 0x000a, "sect283r1" },
  { 0x000b, "sect409k1" },
  { 0x000c, "sect409r1" },
  { 0x000d, "sect571k1" },
  { 0x000e, "sect571r1" },
  { 0x000f, "secp160k1" },
  { 0x0010, "secp160r1" },
  { 0x0011, "secp160r2" },
  { 0x0012, "secp192k1" },
  { 0x0013, "secp192r1" },
  { 0x0014, "secp224k1" },
  { 0x0015, "secp224r1" },
  { 0x0016, "secp256k1" },
  { 0x0017, "secp256r1" },
  { 0x0018, "secp384r1" },
  { 0x0019, "secp521r1" },
  { 0x001a, "brainpoolP256r1" },
  { 0x001b, "brainpoolP384r1" },
  { 0x001c, "brainpoolP512r1" },
  { 0x001d, "x25519" },
  { 0x001e, "x448" },
  { 0x001f, "brainpoolP256r1tls13" },
  { 0x0020, "brainpoolP384r1tls13" },
  { 0x0021, "brainpoolP512r1tls13" },
  { 0x0022, "GC256A" },
  { 0x0023, "GC256B" },
  { 0x0024, "GC256C" },
  { 0x0025, "GC256D" },
  { 0x0026, "GC512A" },
  { 0x0027, "GC512B" },
  { 0x0028, "GC512C" },
  { 0x0029, "curveSM2" },
  { 0x0100, "ffdhe2048" },
  { 0x0101, "ffdhe3072" },
  { 0x0102, "ffdhe4096" },
  { 0x0103, "ffdhe6144" },
  { 0x0104, "ffdhe8192" },
  { 0x0200, "MLKEM512" },
  { 0x0201, "MLKEM768" },
  { 0x0202, "MLKEM1024" },
  { 0x11eb, "SecP256r1MLKEM768" },
  { 0x11ec, "X25519MLKEM768" },
  { 0x11ed, "SecP384r1MLKEM1024" },
  { 0x6399, "X25519Kyber768Draft00" },
  { 0x639a, "SecP256r1Kyber768Draft00" },
  { 0xff01, "arbitrary_explicit_prime_curves" },
  { 0xff02, "arbitrary_explicit_char2_curves" },
};

/* ---- Signature schemes (IANA "TLS SignatureScheme"; TLS 1.2 hash/sig
 *      pairs that IANA keeps as "reserved for backward compatibility" are
 *      named <sig>_<hash> as OpenSSL does) ----------------------------- */

static const NameEntry sigalgs[] = {
  { 0x0101, "rsa_pkcs1_md5" },        /* TLS 1.2 pair */
  { 0x0102, "dsa_md5" },              /* TLS 1.2 pair */
  { 0x0103, "ecdsa_md5" },            /* TLS 1.2 pair */
  { 0x0201, "rsa_pkcs1_sha1" },
  { 0x0202, "dsa_sha1" },             /* TLS 1.2 pair */
  { 0x0203, "ecdsa_sha1" },
  { 0x0301, "rsa_pkcs1_sha224" },     /* TLS 1.2 pair */
  { 0x0302, "dsa_sha224" },           /* TLS 1.2 pair */
  { 0x0303, "ecdsa_sha224" },         /* TLS 1.2 pair */
  { 0x0401, "rsa_pkcs1_sha256" },
  { 0x0402, "dsa_sha256" },           /* TLS 1.2 pair */
  { 0x0403, "ecdsa_secp256r1_sha256" },
  { 0x0420, "rsa_pkcs1_sha256_legacy" },
  { 0x0501, "rsa_pkcs1_sha384" },
  { 0x0502, "dsa_sha384" },           /* TLS 1.2 pair */
  { 0x0503, "ecdsa_secp384r1_sha384" },
  { 0x0520, "rsa_pkcs1_sha384_legacy" },
  { 0x0601, "rsa_pkcs1_sha512" },
  { 0x0602, "dsa_sha512" },           /* TLS 1.2 pair */
  { 0x0603, "ecdsa_secp521r1_sha512" },
  { 0x0620, "rsa_pkcs1_sha512_legacy" },
  { 0x0704, "eccsi_sha256" },
  { 0x0705, "iso_ibs1" },
  { 0x0706, "iso_ibs2" },
  { 0x0707, "iso_chinese_ibs" },
  { 0x0708, "sm2sig_sm3" },
  { 0x0709, "gostr34102012_256a" },
  { 0x070a, "gostr34102012_256b" },
  { 0x070b, "gostr34102012_256c" },
  { 0x070c, "gostr34102012_256d" },
  { 0x070d, "gostr34102012_512a" },
  { 0x070e, "gostr34102012_512b" },
  { 0x070f, "gostr34102012_512c" },
  { 0x0804, "rsa_pss_rsae_sha256" },
  { 0x0805, "rsa_pss_rsae_sha384" },
  { 0x0806, "rsa_pss_rsae_sha512" },
  { 0x0807, "ed25519" },
  { 0x0808, "ed448" },
  { 0x0809, "rsa_pss_pss_sha256" },
  { 0x080a, "rsa_pss_pss_sha384" },
  { 0x080b, "rsa_pss_pss_sha512" },
  { 0x081a, "ecdsa_brainpoolP256r1tls13_sha256" },
  { 0x081b, "ecdsa_brainpoolP384r1tls13_sha384" },
  { 0x081c, "ecdsa_brainpoolP512r1tls13_sha512" },
  { 0x0904, "mldsa44" },
  { 0x0905, "mldsa65" },
  { 0x0906, "mldsa87" },
};

/* ---- Record content types (IANA "TLS ContentType") ---------------------- */

static const NameEntry content_types[] = {
  { 20, "change_cipher_spec" },
  { 21, "alert" },
  { 22, "handshake" },
  { 23, "application_data" },
  { 24, "heartbeat" },
  { 25, "tls12_cid" },
  { 26, "ack" },
};

/* ---- Lookups ------------------------------------------------------------ */

const char *
hl_tls_version_name (guint16 version)
{
  const NameEntry *e = LOOKUP (versions, version);
  char buf[8];

  if (e)
    return e->name;
  /* TLS 1.3 drafts (0x7fXX), GREASE and unknown values: lowercase hex.  The
   * interned string lives for the whole process; there are at most 65536. */
  g_snprintf (buf, sizeof buf, "0x%04x", version);
  return g_intern_string (buf);
}

const char *
hl_tls_cipher_suite_name (guint16 id)
{
  const CipherEntry *e = LOOKUP (cipher_suites, id);

  return e ? e->name : NULL;
}

const char *
hl_tls_handshake_type_name (guint8 type)
{
  const HandshakeEntry *e = LOOKUP (handshake_types, type);

  return e ? e->name : NULL;
}

const char *
hl_tls_handshake_type_title (guint8 type)
{
  const HandshakeEntry *e = LOOKUP (handshake_types, type);

  return e ? e->title : NULL;
}

const char *
hl_tls_alert_name (guint8 description)
{
  const NameEntry *e = LOOKUP (alerts, description);

  return e ? e->name : NULL;
}

const char *
hl_tls_extension_name (guint16 type)
{
  const NameEntry *e = LOOKUP (extensions, type);

  return e ? e->name : NULL;
}

const char *
hl_tls_group_name (guint16 group)
{
  const NameEntry *e = LOOKUP (groups, group);

  return e ? e->name : NULL;
}

const char *
hl_tls_sigalg_name (guint16 scheme)
{
  const NameEntry *e = LOOKUP (sigalgs, scheme);

  return e ? e->name : NULL;
}

const char *
hl_tls_content_type_name (guint8 type)
{
  const NameEntry *e = LOOKUP (content_types, type);

  return e ? e->name : NULL;
}

gboolean
hl_tls_is_grease (guint16 value)
{
  /* RFC 8701: 0x0a0a, 0x1a1a, ..., 0xfafa: both bytes equal, low nibble 0xa. */
  return (value >> 8) == (value & 0xff) && (value & 0x0f) == 0x0a;
}

guint
hl_tls_cipher_suite_weakness (guint16 id)
{
  const CipherEntry *e = LOOKUP (cipher_suites, id);

  return e ? e->weakness : 0;
}

gboolean
hl_tls_cipher_suite_is_weak (guint16 id)
{
  return hl_tls_cipher_suite_weakness (id) != 0;
}

/* ---- Introspection (tests, UI lists) ------------------------------------ */

const char *
hl_tls_table_entry (HlTlsTable table, gsize index, guint16 *value)
{
#define ENTRY(t) \
  G_STMT_START { \
    if (index >= G_N_ELEMENTS (t)) \
      return NULL; \
    if (value) \
      *value = t[index].value; \
    return t[index].name; \
  } G_STMT_END

  switch (table)
    {
    case HL_TLS_TABLE_VERSION:         ENTRY (versions);
    case HL_TLS_TABLE_CIPHER_SUITE:    ENTRY (cipher_suites);
    case HL_TLS_TABLE_HANDSHAKE_TYPE:  ENTRY (handshake_types);
    case HL_TLS_TABLE_ALERT:           ENTRY (alerts);
    case HL_TLS_TABLE_EXTENSION:       ENTRY (extensions);
    case HL_TLS_TABLE_GROUP:           ENTRY (groups);
    case HL_TLS_TABLE_SIGALG:          ENTRY (sigalgs);
    case HL_TLS_TABLE_CONTENT_TYPE:    ENTRY (content_types);
    default:
      return NULL;
    }
#undef ENTRY
}
