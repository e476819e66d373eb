/* tls-cipher.c: cipher suite table and record decryption (RFC 5246 6.2.3,
 * RFC 2246, RFC 6101, RFC 7366, RFC 7905, RFC 8446 5.2). */
#include "tls-cipher.h"

#include <string.h>

#define SHA256 GNUTLS_MAC_SHA256
#define SHA384 GNUTLS_MAC_SHA384

/* Fields: id, kind, cipher, key, iv, block, mac, mac_len, hash, tag, tls13 */
#define T13(id, c, k, tag, h) \
  { id, HL_CIPHER_AEAD, c, k, 12, 0, GNUTLS_MAC_NULL, 0, h, tag, TRUE }
#define GCM128(id) \
  { id, HL_CIPHER_AEAD, GNUTLS_CIPHER_AES_128_GCM, 16, 4, 0, GNUTLS_MAC_NULL, 0, SHA256, 16, FALSE }
#define GCM256(id) \
  { id, HL_CIPHER_AEAD, GNUTLS_CIPHER_AES_256_GCM, 32, 4, 0, GNUTLS_MAC_NULL, 0, SHA384, 16, FALSE }
#define CAMGCM128(id) \
  { id, HL_CIPHER_AEAD, GNUTLS_CIPHER_CAMELLIA_128_GCM, 16, 4, 0, GNUTLS_MAC_NULL, 0, SHA256, 16, FALSE }
#define CAMGCM256(id) \
  { id, HL_CIPHER_AEAD, GNUTLS_CIPHER_CAMELLIA_256_GCM, 32, 4, 0, GNUTLS_MAC_NULL, 0, SHA384, 16, FALSE }
#define CCM(id, c, k, tag) \
  { id, HL_CIPHER_AEAD, c, k, 4, 0, GNUTLS_MAC_NULL, 0, SHA256, tag, FALSE }
#define CHACHA(id) \
  { id, HL_CIPHER_AEAD_XOR, GNUTLS_CIPHER_CHACHA20_POLY1305, 32, 12, 0, GNUTLS_MAC_NULL, 0, SHA256, 16, FALSE }
#define CBC(id, c, k, b, m, ml, h) \
  { id, HL_CIPHER_CBC, c, k, b, b, m, ml, h, 0, FALSE }
#define AES128_SHA(id)    CBC (id, GNUTLS_CIPHER_AES_128_CBC, 16, 16, GNUTLS_MAC_SHA1, 20, SHA256)
#define AES256_SHA(id)    CBC (id, GNUTLS_CIPHER_AES_256_CBC, 32, 16, GNUTLS_MAC_SHA1, 20, SHA256)
#define AES128_SHA256(id) CBC (id, GNUTLS_CIPHER_AES_128_CBC, 16, 16, GNUTLS_MAC_SHA256, 32, SHA256)
#define AES256_SHA256(id) CBC (id, GNUTLS_CIPHER_AES_256_CBC, 32, 16, GNUTLS_MAC_SHA256, 32, SHA256)
#define AES256_SHA384(id) CBC (id, GNUTLS_CIPHER_AES_256_CBC, 32, 16, GNUTLS_MAC_SHA384, 48, SHA384)
#define CAM128_SHA(id)    CBC (id, GNUTLS_CIPHER_CAMELLIA_128_CBC, 16, 16, GNUTLS_MAC_SHA1, 20, SHA256)
#define CAM256_SHA(id)    CBC (id, GNUTLS_CIPHER_CAMELLIA_256_CBC, 32, 16, GNUTLS_MAC_SHA1, 20, SHA256)
#define CAM128_SHA256(id) CBC (id, GNUTLS_CIPHER_CAMELLIA_128_CBC, 16, 16, GNUTLS_MAC_SHA256, 32, SHA256)
#define CAM256_SHA256(id) CBC (id, GNUTLS_CIPHER_CAMELLIA_256_CBC, 32, 16, GNUTLS_MAC_SHA256, 32, SHA256)
#define CAM256_SHA384(id) CBC (id, GNUTLS_CIPHER_CAMELLIA_256_CBC, 32, 16, GNUTLS_MAC_SHA384, 48, SHA384)
#define DES3_SHA(id)      CBC (id, GNUTLS_CIPHER_3DES_CBC, 24, 8, GNUTLS_MAC_SHA1, 20, SHA256)
#define DES_SHA(id)       CBC (id, GNUTLS_CIPHER_DES_CBC, 8, 8, GNUTLS_MAC_SHA1, 20, SHA256)
#define RC4(id, m, ml) \
  { id, HL_CIPHER_STREAM, GNUTLS_CIPHER_ARCFOUR_128, 16, 0, 0, m, ml, SHA256, 0, FALSE }
#define NUL(id, m, ml, h) \
  { id, HL_CIPHER_NULL, GNUTLS_CIPHER_NULL, 0, 0, 0, m, ml, h, 0, FALSE }

/* Values from the IANA TLS Cipher Suites registry. */
static const HlCipherSuite suites[] = {
  /* TLS 1.3 (RFC 8446 B.4) */
  T13 (0x1301, GNUTLS_CIPHER_AES_128_GCM, 16, 16, SHA256),
  T13 (0x1302, GNUTLS_CIPHER_AES_256_GCM, 32, 16, SHA384),
  T13 (0x1303, GNUTLS_CIPHER_CHACHA20_POLY1305, 32, 16, SHA256),
  T13 (0x1304, GNUTLS_CIPHER_AES_128_CCM, 16, 16, SHA256),
  T13 (0x1305, GNUTLS_CIPHER_AES_128_CCM_8, 16, 8, SHA256),

  /* AES-GCM (RFC 5288, 5289, 5487, 8442) */
  GCM128 (0x009c), GCM256 (0x009d), GCM128 (0x009e), GCM256 (0x009f),
  GCM128 (0x00a0), GCM256 (0x00a1), GCM128 (0x00a2), GCM256 (0x00a3),
  GCM128 (0x00a4), GCM256 (0x00a5), GCM128 (0x00a6), GCM256 (0x00a7),
  GCM128 (0x00a8), GCM256 (0x00a9), GCM128 (0x00aa), GCM256 (0x00ab),
  GCM128 (0x00ac), GCM256 (0x00ad),
  GCM128 (0xc02b), GCM256 (0xc02c), GCM128 (0xc02d), GCM256 (0xc02e),
  GCM128 (0xc02f), GCM256 (0xc030), GCM128 (0xc031), GCM256 (0xc032),
  GCM128 (0xd001), GCM256 (0xd002),

  /* Camellia-GCM (RFC 6367) */
  CAMGCM128 (0xc07a), CAMGCM256 (0xc07b), CAMGCM128 (0xc07c), CAMGCM256 (0xc07d),
  CAMGCM128 (0xc080), CAMGCM256 (0xc081), CAMGCM128 (0xc084), CAMGCM256 (0xc085),
  CAMGCM128 (0xc086), CAMGCM256 (0xc087), CAMGCM128 (0xc08a), CAMGCM256 (0xc08b),
  CAMGCM128 (0xc08e), CAMGCM256 (0xc08f), CAMGCM128 (0xc090), CAMGCM256 (0xc091),
  CAMGCM128 (0xc092), CAMGCM256 (0xc093),

  /* AES-CCM (RFC 6655, 7251, 8442) */
  CCM (0xc09c, GNUTLS_CIPHER_AES_128_CCM, 16, 16), CCM (0xc09d, GNUTLS_CIPHER_AES_256_CCM, 32, 16),
  CCM (0xc09e, GNUTLS_CIPHER_AES_128_CCM, 16, 16), CCM (0xc09f, GNUTLS_CIPHER_AES_256_CCM, 32, 16),
  CCM (0xc0a0, GNUTLS_CIPHER_AES_128_CCM_8, 16, 8), CCM (0xc0a1, GNUTLS_CIPHER_AES_256_CCM_8, 32, 8),
  CCM (0xc0a2, GNUTLS_CIPHER_AES_128_CCM_8, 16, 8), CCM (0xc0a3, GNUTLS_CIPHER_AES_256_CCM_8, 32, 8),
  CCM (0xc0a4, GNUTLS_CIPHER_AES_128_CCM, 16, 16), CCM (0xc0a5, GNUTLS_CIPHER_AES_256_CCM, 32, 16),
  CCM (0xc0a6, GNUTLS_CIPHER_AES_128_CCM, 16, 16), CCM (0xc0a7, GNUTLS_CIPHER_AES_256_CCM, 32, 16),
  CCM (0xc0a8, GNUTLS_CIPHER_AES_128_CCM_8, 16, 8), CCM (0xc0a9, GNUTLS_CIPHER_AES_256_CCM_8, 32, 8),
  CCM (0xc0aa, GNUTLS_CIPHER_AES_128_CCM_8, 16, 8), CCM (0xc0ab, GNUTLS_CIPHER_AES_256_CCM_8, 32, 8),
  CCM (0xc0ac, GNUTLS_CIPHER_AES_128_CCM, 16, 16), CCM (0xc0ad, GNUTLS_CIPHER_AES_256_CCM, 32, 16),
  CCM (0xc0ae, GNUTLS_CIPHER_AES_128_CCM_8, 16, 8), CCM (0xc0af, GNUTLS_CIPHER_AES_256_CCM_8, 32, 8),
  CCM (0xd003, GNUTLS_CIPHER_AES_128_CCM_8, 16, 8), CCM (0xd005, GNUTLS_CIPHER_AES_128_CCM, 16, 16),

  /* ChaCha20-Poly1305 (RFC 7905) */
  CHACHA (0xcca8), CHACHA (0xcca9), CHACHA (0xccaa), CHACHA (0xccab),
  CHACHA (0xccac), CHACHA (0xccad), CHACHA (0xccae),

  /* AES-CBC with SHA-1 (also SRP, RFC 5054) */
  AES128_SHA (0x002f), AES128_SHA (0x0030), AES128_SHA (0x0031), AES128_SHA (0x0032),
  AES128_SHA (0x0033), AES128_SHA (0x0034), AES128_SHA (0x008c), AES128_SHA (0x0090),
  AES128_SHA (0x0094), AES128_SHA (0xc004), AES128_SHA (0xc009), AES128_SHA (0xc00e),
  AES128_SHA (0xc013), AES128_SHA (0xc018), AES128_SHA (0xc035), AES128_SHA (0xc01d),
  AES128_SHA (0xc01e), AES128_SHA (0xc01f),
  AES256_SHA (0x0035), AES256_SHA (0x0036), AES256_SHA (0x0037), AES256_SHA (0x0038),
  AES256_SHA (0x0039), AES256_SHA (0x003a), AES256_SHA (0x008d), AES256_SHA (0x0091),
  AES256_SHA (0x0095), AES256_SHA (0xc005), AES256_SHA (0xc00a), AES256_SHA (0xc00f),
  AES256_SHA (0xc014), AES256_SHA (0xc019), AES256_SHA (0xc036), AES256_SHA (0xc020),
  AES256_SHA (0xc021), AES256_SHA (0xc022),

  /* AES-CBC with SHA-256 / SHA-384 (TLS 1.2) */
  AES128_SHA256 (0x003c), AES128_SHA256 (0x003e), AES128_SHA256 (0x003f), AES128_SHA256 (0x0040),
  AES128_SHA256 (0x0067), AES128_SHA256 (0x006c), AES128_SHA256 (0x00ae), AES128_SHA256 (0x00b2),
  AES128_SHA256 (0x00b6), AES128_SHA256 (0xc023), AES128_SHA256 (0xc025), AES128_SHA256 (0xc027),
  AES128_SHA256 (0xc029), AES128_SHA256 (0xc037),
  AES256_SHA256 (0x003d), AES256_SHA256 (0x0068), AES256_SHA256 (0x0069), AES256_SHA256 (0x006a),
  AES256_SHA256 (0x006b), AES256_SHA256 (0x006d),
  AES256_SHA384 (0x00af), AES256_SHA384 (0x00b3), AES256_SHA384 (0x00b7), AES256_SHA384 (0xc024),
  AES256_SHA384 (0xc026), AES256_SHA384 (0xc028), AES256_SHA384 (0xc02a), AES256_SHA384 (0xc038),

  /* Camellia-CBC (RFC 5932, 6367) */
  CAM128_SHA (0x0041), CAM128_SHA (0x0044), CAM128_SHA (0x0045), CAM128_SHA (0x0046),
  CAM256_SHA (0x0084), CAM256_SHA (0x0087), CAM256_SHA (0x0088), CAM256_SHA (0x0089),
  CAM128_SHA256 (0x00ba), CAM128_SHA256 (0x00bd), CAM128_SHA256 (0x00be), CAM128_SHA256 (0x00bf),
  CAM256_SHA256 (0x00c0), CAM256_SHA256 (0x00c3), CAM256_SHA256 (0x00c4), CAM256_SHA256 (0x00c5),
  CAM128_SHA256 (0xc072), CAM256_SHA384 (0xc073), CAM128_SHA256 (0xc076), CAM256_SHA384 (0xc077),
  CAM128_SHA256 (0xc094), CAM256_SHA384 (0xc095), CAM128_SHA256 (0xc096), CAM256_SHA384 (0xc097),
  CAM128_SHA256 (0xc098), CAM256_SHA384 (0xc099), CAM128_SHA256 (0xc09a), CAM256_SHA384 (0xc09b),

  /* 3DES-EDE-CBC and DES-CBC with SHA-1 (also SRP) */
  DES3_SHA (0x000a), DES3_SHA (0x000d), DES3_SHA (0x0010), DES3_SHA (0x0013),
  DES3_SHA (0x0016), DES3_SHA (0x001b), DES3_SHA (0x008b), DES3_SHA (0x008f),
  DES3_SHA (0x0093), DES3_SHA (0xc003), DES3_SHA (0xc008), DES3_SHA (0xc00d),
  DES3_SHA (0xc012), DES3_SHA (0xc017), DES3_SHA (0xc034), DES3_SHA (0xc01a),
  DES3_SHA (0xc01b), DES3_SHA (0xc01c),
  DES_SHA (0x0009), DES_SHA (0x000c), DES_SHA (0x000f), DES_SHA (0x0012),
  DES_SHA (0x0015), DES_SHA (0x001a),

  /* RC4-128 */
  RC4 (0x0004, GNUTLS_MAC_MD5, 16), RC4 (0x0005, GNUTLS_MAC_SHA1, 20),
  RC4 (0x0018, GNUTLS_MAC_MD5, 16), RC4 (0x0066, GNUTLS_MAC_SHA1, 20),
  RC4 (0x008a, GNUTLS_MAC_SHA1, 20), RC4 (0x008e, GNUTLS_MAC_SHA1, 20),
  RC4 (0x0092, GNUTLS_MAC_SHA1, 20), RC4 (0xc002, GNUTLS_MAC_SHA1, 20),
  RC4 (0xc007, GNUTLS_MAC_SHA1, 20), RC4 (0xc00c, GNUTLS_MAC_SHA1, 20),
  RC4 (0xc011, GNUTLS_MAC_SHA1, 20), RC4 (0xc016, GNUTLS_MAC_SHA1, 20),
  RC4 (0xc033, GNUTLS_MAC_SHA1, 20),

  /* NULL encryption, MAC only */
  NUL (0x0001, GNUTLS_MAC_MD5, 16, SHA256), NUL (0x0002, GNUTLS_MAC_SHA1, 20, SHA256),
  NUL (0x002c, GNUTLS_MAC_SHA1, 20, SHA256), NUL (0x002d, GNUTLS_MAC_SHA1, 20, SHA256),
  NUL (0x002e, GNUTLS_MAC_SHA1, 20, SHA256), NUL (0x003b, GNUTLS_MAC_SHA256, 32, SHA256),
  NUL (0x00b0, GNUTLS_MAC_SHA256, 32, SHA256), NUL (0x00b1, GNUTLS_MAC_SHA384, 48, SHA384),
  NUL (0x00b4, GNUTLS_MAC_SHA256, 32, SHA256), NUL (0x00b5, GNUTLS_MAC_SHA384, 48, SHA384),
  NUL (0x00b8, GNUTLS_MAC_SHA256, 32, SHA256), NUL (0x00b9, GNUTLS_MAC_SHA384, 48, SHA384),
  NUL (0xc001, GNUTLS_MAC_SHA1, 20, SHA256), NUL (0xc006, GNUTLS_MAC_SHA1, 20, SHA256),
  NUL (0xc00b, GNUTLS_MAC_SHA1, 20, SHA256), NUL (0xc010, GNUTLS_MAC_SHA1, 20, SHA256),
  NUL (0xc015, GNUTLS_MAC_SHA1, 20, SHA256), NUL (0xc039, GNUTLS_MAC_SHA1, 20, SHA256),
  NUL (0xc03a, GNUTLS_MAC_SHA256, 32, SHA256), NUL (0xc03b, GNUTLS_MAC_SHA384, 48, SHA384),
};

const HlCipherSuite *
hl_cipher_suite_lookup (guint16 id)
{
  for (guint i = 0; i < G_N_ELEMENTS (suites); i++)
    if (suites[i].id == id)
      return &suites[i];
  return NULL;
}

guint
hl_cipher_suite_count (void)
{
  return G_N_ELEMENTS (suites);
}

const HlCipherSuite *
hl_cipher_suite_nth (guint i)
{
  return i < G_N_ELEMENTS (suites) ? &suites[i] : NULL;
}

/* ------------------------------------------------------------------ */

#define MAX_MAC 48
#define MAX_IV 16

struct _HlRecordCipher {
  const HlCipherSuite    *suite;
  gboolean                tls13;
  gboolean                ssl3;
  gboolean                explicit_iv;  /* TLS 1.1+ CBC */
  gboolean                etm;
  gboolean                desync;       /* stateful cipher missed a record */
  guint8                  mac_key[MAX_MAC];
  guint8                  iv[MAX_IV];   /* fixed IV, or the CBC chain */
  gnutls_aead_cipher_hd_t aead;
  gnutls_cipher_hd_t      cipher;
};

HlRecordCipher *
hl_record_cipher_new (const HlCipherSuite *suite, guint16 version, gboolean encrypt_then_mac,
                      const guint8 *mac_key, const guint8 *key, const guint8 *iv)
{
  HlRecordCipher *rc;
  gnutls_datum_t kd = { (unsigned char *) key, suite->key_len };

  if (suite->tls13 != (version >= 0x0304))
    return NULL;
  if (version < 0x0301 && (suite->kind == HL_CIPHER_AEAD || suite->kind == HL_CIPHER_AEAD_XOR))
    return NULL;
  if (suite->mac_len > MAX_MAC || suite->iv_len > MAX_IV)
    return NULL;

  rc = g_new0 (HlRecordCipher, 1);
  rc->suite = suite;
  rc->tls13 = version >= 0x0304;
  rc->ssl3 = version < 0x0301;
  rc->explicit_iv = version >= 0x0302;
  rc->etm = encrypt_then_mac && suite->kind == HL_CIPHER_CBC && !rc->ssl3;
  if (suite->mac_len)
    memcpy (rc->mac_key, mac_key, suite->mac_len);
  if (suite->iv_len)
    memcpy (rc->iv, iv, suite->iv_len);

  switch (suite->kind)
    {
    case HL_CIPHER_AEAD:
    case HL_CIPHER_AEAD_XOR:
      if (gnutls_aead_cipher_init (&rc->aead, suite->cipher, &kd) < 0)
        goto fail;
      break;
    case HL_CIPHER_CBC:
      {
        gnutls_datum_t ivd = { rc->iv, suite->block_len };
        if (gnutls_cipher_init (&rc->cipher, suite->cipher, &kd, &ivd) < 0)
          goto fail;
      }
      break;
    case HL_CIPHER_STREAM:
      if (gnutls_cipher_init (&rc->cipher, suite->cipher, &kd, NULL) < 0)
        goto fail;
      break;
    case HL_CIPHER_NULL:
    default:
      break;
    }
  return rc;

fail:
  g_free (rc);
  return NULL;
}

void
hl_record_cipher_free (HlRecordCipher *rc)
{
  if (rc == NULL)
    return;
  if (rc->aead)
    gnutls_aead_cipher_deinit (rc->aead);
  if (rc->cipher)
    gnutls_cipher_deinit (rc->cipher);
  memset (rc, 0, sizeof *rc);
  g_free (rc);
}

gboolean
hl_record_cipher_can_skip (HlRecordCipher *rc)
{
  if (rc->suite->kind == HL_CIPHER_STREAM)
    return FALSE;
  if (rc->suite->kind == HL_CIPHER_CBC && !rc->explicit_iv)
    return FALSE;
  return TRUE;
}

void
hl_record_cipher_skip (HlRecordCipher *rc)
{
  if (!hl_record_cipher_can_skip (rc))
    rc->desync = TRUE;
}

static void
put_u64 (guint8 *p, guint64 v)
{
  for (int i = 7; i >= 0; i--, v >>= 8)
    p[i] = v & 0xff;
}

static void
put_u16 (guint8 *p, guint16 v)
{
  p[0] = v >> 8;
  p[1] = v & 0xff;
}

static gnutls_digest_algorithm_t
mac_digest (gnutls_mac_algorithm_t mac)
{
  switch (mac)
    {
    case GNUTLS_MAC_MD5: return GNUTLS_DIG_MD5;
    case GNUTLS_MAC_SHA1: return GNUTLS_DIG_SHA1;
    case GNUTLS_MAC_SHA256: return GNUTLS_DIG_SHA256;
    case GNUTLS_MAC_SHA384: return GNUTLS_DIG_SHA384;
    default: return GNUTLS_DIG_UNKNOWN;
    }
}

/* The record MAC over seq, type, [version,] length and the fragment:
 * HMAC for TLS (RFC 5246 6.2.3.1), the pad1/pad2 construction for SSL 3.0
 * (RFC 6101 5.2.3.1). */
static gboolean
compute_mac (HlRecordCipher *rc, guint64 seq, guint8 type, guint16 version,
             const guint8 *frag, gsize frag_len, guint8 *out)
{
  const HlCipherSuite *s = rc->suite;
  guint8 hdr[13];

  put_u64 (hdr, seq);
  hdr[8] = type;
  if (!rc->ssl3)
    {
      gnutls_hmac_hd_t h;

      put_u16 (hdr + 9, version);
      put_u16 (hdr + 11, frag_len);
      if (gnutls_hmac_init (&h, s->mac, rc->mac_key, s->mac_len) < 0)
        return FALSE;
      gnutls_hmac (h, hdr, sizeof hdr);
      if (frag_len)
        gnutls_hmac (h, frag, frag_len);
      gnutls_hmac_deinit (h, out);
      return TRUE;
    }
  else
    {
      gnutls_digest_algorithm_t dig = mac_digest (s->mac);
      gsize pad_len = s->mac == GNUTLS_MAC_MD5 ? 48 : 40;
      guint8 pad1[48], pad2[48], inner[MAX_MAC];
      gnutls_hash_hd_t h;

      memset (pad1, 0x36, sizeof pad1);
      memset (pad2, 0x5c, sizeof pad2);
      put_u16 (hdr + 9, frag_len);
      if (dig == GNUTLS_DIG_UNKNOWN || gnutls_hash_init (&h, dig) < 0)
        return FALSE;
      gnutls_hash (h, rc->mac_key, s->mac_len);
      gnutls_hash (h, pad1, pad_len);
      gnutls_hash (h, hdr, 11);
      if (frag_len)
        gnutls_hash (h, frag, frag_len);
      gnutls_hash_deinit (h, inner);

      if (gnutls_hash_init (&h, dig) < 0)
        return FALSE;
      gnutls_hash (h, rc->mac_key, s->mac_len);
      gnutls_hash (h, pad2, pad_len);
      gnutls_hash (h, inner, s->mac_len);
      gnutls_hash_deinit (h, out);
      return TRUE;
    }
}

static gboolean
mac_ok (HlRecordCipher *rc, guint64 seq, guint8 type, guint16 version,
        const guint8 *frag, gsize frag_len, const guint8 *mac)
{
  guint8 expect[MAX_MAC];

  return compute_mac (rc, seq, type, version, frag, frag_len, expect)
         && memcmp (expect, mac, rc->suite->mac_len) == 0;
}

/* TLS 1.3 nonce (RFC 8446 5.3) and ChaCha20 in TLS 1.2 (RFC 7905 2):
 * the IV xor the sequence number padded on the left. */
static void
xor_nonce (const guint8 iv[12], guint64 seq, guint8 nonce[12])
{
  memcpy (nonce, iv, 12);
  for (int i = 11; i >= 4; i--, seq >>= 8)
    nonce[i] ^= seq & 0xff;
}

static HlDecryptResult
open_aead (HlRecordCipher *rc, guint64 seq, guint8 content_type, guint16 record_version,
           const guint8 *data, gsize len, guint8 *inner_type, GByteArray *out)
{
  const HlCipherSuite *s = rc->suite;
  guint8 nonce[12], aad[13];
  gsize aad_len, nonce_len = 12, plain_len;
  const guint8 *ct = data;
  gsize ct_len = len;
  guint old = out->len;

  if (rc->tls13)
    {
      /* AAD = the record header; at least the tag and the inner type. */
      if (len < (gsize) s->tag_len + 1)
        return HL_DECRYPT_MALFORMED;
      xor_nonce (rc->iv, seq, nonce);
      aad[0] = content_type;
      put_u16 (aad + 1, record_version);
      put_u16 (aad + 3, len);
      aad_len = 5;
    }
  else
    {
      if (s->kind == HL_CIPHER_AEAD)
        {
          /* GCM/CCM: 4-byte fixed IV + 8-byte explicit nonce (RFC 5288 3). */
          if (len < 8 + (gsize) s->tag_len)
            return HL_DECRYPT_MALFORMED;
          memcpy (nonce, rc->iv, 4);
          memcpy (nonce + 4, data, 8);
          ct = data + 8;
          ct_len = len - 8;
        }
      else
        {
          if (len < s->tag_len)
            return HL_DECRYPT_MALFORMED;
          xor_nonce (rc->iv, seq, nonce);
        }
      put_u64 (aad, seq);
      aad[8] = content_type;
      put_u16 (aad + 9, record_version);
      put_u16 (aad + 11, ct_len - s->tag_len);
      aad_len = 13;
    }

  plain_len = ct_len - s->tag_len;
  g_byte_array_set_size (out, old + plain_len + 1);
  {
    size_t got = plain_len + 1;
    if (gnutls_aead_cipher_decrypt (rc->aead, nonce, nonce_len, aad, aad_len, s->tag_len,
                                    ct, ct_len, out->data + old, &got) < 0
        || got != plain_len)
      {
        g_byte_array_set_size (out, old);
        return HL_DECRYPT_AUTH_FAILED;
      }
  }
  g_byte_array_set_size (out, old + plain_len);

  if (rc->tls13)
    {
      /* TLSInnerPlaintext: content, type, zero padding (RFC 8446 5.4). */
      while (plain_len > 0 && out->data[old + plain_len - 1] == 0)
        plain_len--;
      if (plain_len == 0)
        {
          g_byte_array_set_size (out, old);
          return HL_DECRYPT_MALFORMED;
        }
      *inner_type = out->data[old + plain_len - 1];
      g_byte_array_set_size (out, old + plain_len - 1);
    }
  else
    *inner_type = content_type;
  return HL_DECRYPT_OK;
}

static HlDecryptResult
open_cbc (HlRecordCipher *rc, guint64 seq, guint8 content_type, guint16 record_version,
          const guint8 *data, gsize len, guint8 *inner_type, GByteArray *out)
{
  const HlCipherSuite *s = rc->suite;
  gsize bs = s->block_len, ml = s->mac_len;
  const guint8 *iv, *ct;
  gsize ct_len, plain_len, pad;
  guint8 *pt;
  guint old = out->len;
  gboolean was_desync = rc->desync;
  HlDecryptResult res = HL_DECRYPT_OK;

  if (rc->explicit_iv)
    {
      if (len < bs)
        return HL_DECRYPT_MALFORMED;
      iv = data;
      ct = data + bs;
      ct_len = len - bs;
    }
  else
    {
      iv = rc->iv;
      ct = data;
      ct_len = len;
    }

  if (rc->etm)
    {
      /* RFC 7366: the MAC covers IV + ciphertext and comes last. */
      if (ct_len < ml)
        return HL_DECRYPT_MALFORMED;
      ct_len -= ml;
    }
  if (ct_len == 0 || ct_len % bs != 0 || (!rc->etm && ct_len < ml + 1))
    return HL_DECRYPT_MALFORMED;

  if (rc->etm && !mac_ok (rc, seq, content_type, record_version, data, len - ml, data + len - ml))
    res = HL_DECRYPT_AUTH_FAILED;

  g_byte_array_set_size (out, old + ct_len);
  pt = out->data + old;
  gnutls_cipher_set_iv (rc->cipher, (void *) iv, bs);
  if (gnutls_cipher_decrypt2 (rc->cipher, ct, ct_len, pt, ct_len) < 0)
    res = HL_DECRYPT_AUTH_FAILED;

  /* SSL 3.0 / TLS 1.0: the next record's IV is this one's last block. */
  if (!rc->explicit_iv)
    {
      memcpy (rc->iv, ct + ct_len - bs, bs);
      rc->desync = FALSE;
    }
  if (res != HL_DECRYPT_OK)
    goto fail;
  if (was_desync)
    {
      /* Its first block was decrypted with an unknown IV. */
      res = HL_DECRYPT_NO_KEY;
      goto fail;
    }

  pad = pt[ct_len - 1];
  if (pad + 1 + (rc->etm ? 0 : ml) > ct_len)
    {
      res = HL_DECRYPT_AUTH_FAILED;
      goto fail;
    }
  if (rc->ssl3)
    {
      /* SSL 3.0 padding bytes are arbitrary, its length below a block. */
      if (pad >= bs)
        {
          res = HL_DECRYPT_AUTH_FAILED;
          goto fail;
        }
    }
  else
    {
      for (gsize i = ct_len - 1 - pad; i < ct_len - 1; i++)
        if (pt[i] != pad)
          {
            res = HL_DECRYPT_AUTH_FAILED;
            goto fail;
          }
    }
  plain_len = ct_len - pad - 1 - (rc->etm ? 0 : ml);
  if (!rc->etm && !mac_ok (rc, seq, content_type, record_version, pt, plain_len, pt + plain_len))
    {
      res = HL_DECRYPT_AUTH_FAILED;
      goto fail;
    }
  g_byte_array_set_size (out, old + plain_len);
  *inner_type = content_type;
  return HL_DECRYPT_OK;

fail:
  g_byte_array_set_size (out, old);
  return res;
}

static HlDecryptResult
open_stream (HlRecordCipher *rc, guint64 seq, guint8 content_type, guint16 record_version,
             const guint8 *data, gsize len, guint8 *inner_type, GByteArray *out)
{
  gsize ml = rc->suite->mac_len;
  guint old = out->len;
  guint8 *pt;

  if (rc->desync)
    return HL_DECRYPT_NO_KEY;
  if (len < ml)
    {
      /* The keystream still moves on by the record's length. */
      if (rc->cipher && len)
        {
          guint8 scratch[MAX_MAC];
          gnutls_cipher_decrypt2 (rc->cipher, data, len, scratch, len);
        }
      return HL_DECRYPT_MALFORMED;
    }

  g_byte_array_set_size (out, old + len);
  pt = out->data + old;
  if (rc->cipher)
    {
      if (gnutls_cipher_decrypt2 (rc->cipher, data, len, pt, len) < 0)
        {
          g_byte_array_set_size (out, old);
          rc->desync = TRUE;
          return HL_DECRYPT_AUTH_FAILED;
        }
    }
  else
    memcpy (pt, data, len);

  if (!mac_ok (rc, seq, content_type, record_version, pt, len - ml, pt + len - ml))
    {
      g_byte_array_set_size (out, old);
      return HL_DECRYPT_AUTH_FAILED;
    }
  g_byte_array_set_size (out, old + len - ml);
  *inner_type = content_type;
  return HL_DECRYPT_OK;
}

HlDecryptResult
hl_record_cipher_decrypt (HlRecordCipher *rc, guint64 seq, guint8 content_type,
                          guint16 record_version, const guint8 *data, gsize len,
                          guint8 *inner_type, GByteArray *out)
{
  guint8 dummy;

  if (inner_type == NULL)
    inner_type = &dummy;
  if (data == NULL && len > 0)
    return HL_DECRYPT_MALFORMED;

  switch (rc->suite->kind)
    {
    case HL_CIPHER_AEAD:
    case HL_CIPHER_AEAD_XOR:
      return open_aead (rc, seq, content_type, record_version, data, len, inner_type, out);
    case HL_CIPHER_CBC:
      return open_cbc (rc, seq, content_type, record_version, data, len, inner_type, out);
    case HL_CIPHER_STREAM:
    case HL_CIPHER_NULL:
      return open_stream (rc, seq, content_type, record_version, data, len, inner_type, out);
    default:
      return HL_DECRYPT_UNSUPPORTED;
    }
}
