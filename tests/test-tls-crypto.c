/* test-tls-crypto.c: record decryption, key schedule and Finished checks.
 *
 * Records are sealed here with GnuTLS directly (the test's own framing,
 * written from the RFCs) and opened by HlTlsCrypto; the RFC 8448 traces are
 * replayed through the whole API; and when HL_CORPUS exists, the TLS streams
 * of the corpus captures (extracted with tshark) are replayed with their key
 * logs. */
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>

#include "keylog.h"
#include "reader.h"
#include "tls-cipher.h"
#include "tls-crypto.h"
#include "tls-prf.h"
#include "tls-test-vectors.h"

static void
pattern (guint8 *p, gsize n, guint8 seed)
{
  for (gsize i = 0; i < n; i++)
    p[i] = seed + i * 7;
}

static void
put_u64 (guint8 *p, guint64 v)
{
  for (int i = 7; i >= 0; i--, v >>= 8)
    p[i] = v & 0xff;
}

static void
keylog_add_hex (HlKeylog *k, const char *label, const char *cr_hex, const char *secret_hex)
{
  g_autoptr (GBytes) cr = hl_test_unhex (cr_hex);
  g_autoptr (GBytes) secret = hl_test_unhex (secret_hex);

  g_assert_cmpuint (g_bytes_get_size (cr), ==, 32);
  hl_keylog_add_secret (k, label, g_bytes_get_data (cr, NULL), g_bytes_get_data (secret, NULL),
                        g_bytes_get_size (secret));
}

/* ======================================================================
 * TLS <= 1.2: the test's own record sealing
 * ====================================================================== */

typedef enum { K_AEAD, K_XOR, K_CBC, K_STREAM, K_NULL } Kind;

typedef struct {
  const char               *name;
  guint16                   suite;
  guint16                   version;
  gboolean                  etm;
  Kind                      kind;
  gnutls_cipher_algorithm_t cipher;
  guint                     key_len, iv_len, block;
  gnutls_mac_algorithm_t    mac;
  guint                     mac_len;
  HlPrfKind                 prf;
  guint                     tag;
} Case;

#define NOMAC GNUTLS_MAC_NULL

static const Case cases[] = {
  { "tls12-ecdhe-aes128-gcm", 0xc02f, 0x0303, FALSE, K_AEAD, GNUTLS_CIPHER_AES_128_GCM, 16, 4, 0, NOMAC, 0, HL_PRF_SHA256, 16 },
  { "tls12-ecdhe-aes256-gcm-sha384", 0xc030, 0x0303, FALSE, K_AEAD, GNUTLS_CIPHER_AES_256_GCM, 32, 4, 0, NOMAC, 0, HL_PRF_SHA384, 16 },
  { "tls12-rsa-aes128-gcm", 0x009c, 0x0303, FALSE, K_AEAD, GNUTLS_CIPHER_AES_128_GCM, 16, 4, 0, NOMAC, 0, HL_PRF_SHA256, 16 },
  { "tls12-dhe-aes256-gcm", 0x009f, 0x0303, FALSE, K_AEAD, GNUTLS_CIPHER_AES_256_GCM, 32, 4, 0, NOMAC, 0, HL_PRF_SHA384, 16 },
  { "tls12-aes128-ccm", 0xc09c, 0x0303, FALSE, K_AEAD, GNUTLS_CIPHER_AES_128_CCM, 16, 4, 0, NOMAC, 0, HL_PRF_SHA256, 16 },
  { "tls12-aes256-ccm", 0xc0ad, 0x0303, FALSE, K_AEAD, GNUTLS_CIPHER_AES_256_CCM, 32, 4, 0, NOMAC, 0, HL_PRF_SHA256, 16 },
  { "tls12-aes128-ccm8", 0xc0a0, 0x0303, FALSE, K_AEAD, GNUTLS_CIPHER_AES_128_CCM_8, 16, 4, 0, NOMAC, 0, HL_PRF_SHA256, 8 },
  { "tls12-aes256-ccm8", 0xc0af, 0x0303, FALSE, K_AEAD, GNUTLS_CIPHER_AES_256_CCM_8, 32, 4, 0, NOMAC, 0, HL_PRF_SHA256, 8 },
  { "tls12-chacha20", 0xcca8, 0x0303, FALSE, K_XOR, GNUTLS_CIPHER_CHACHA20_POLY1305, 32, 12, 0, NOMAC, 0, HL_PRF_SHA256, 16 },
  { "tls12-aes128-cbc-sha256-mte", 0xc027, 0x0303, FALSE, K_CBC, GNUTLS_CIPHER_AES_128_CBC, 16, 16, 16, GNUTLS_MAC_SHA256, 32, HL_PRF_SHA256, 0 },
  { "tls12-aes128-cbc-sha256-etm", 0xc027, 0x0303, TRUE, K_CBC, GNUTLS_CIPHER_AES_128_CBC, 16, 16, 16, GNUTLS_MAC_SHA256, 32, HL_PRF_SHA256, 0 },
  { "tls12-aes256-cbc-sha384", 0xc028, 0x0303, FALSE, K_CBC, GNUTLS_CIPHER_AES_256_CBC, 32, 16, 16, GNUTLS_MAC_SHA384, 48, HL_PRF_SHA384, 0 },
  { "tls12-aes128-cbc-sha", 0x002f, 0x0303, FALSE, K_CBC, GNUTLS_CIPHER_AES_128_CBC, 16, 16, 16, GNUTLS_MAC_SHA1, 20, HL_PRF_SHA256, 0 },
  { "tls12-3des-cbc-sha", 0x000a, 0x0303, FALSE, K_CBC, GNUTLS_CIPHER_3DES_CBC, 24, 8, 8, GNUTLS_MAC_SHA1, 20, HL_PRF_SHA256, 0 },
  { "tls12-camellia128-cbc-sha", 0x0041, 0x0303, FALSE, K_CBC, GNUTLS_CIPHER_CAMELLIA_128_CBC, 16, 16, 16, GNUTLS_MAC_SHA1, 20, HL_PRF_SHA256, 0 },
  { "tls11-aes256-cbc-sha", 0xc014, 0x0302, FALSE, K_CBC, GNUTLS_CIPHER_AES_256_CBC, 32, 16, 16, GNUTLS_MAC_SHA1, 20, HL_PRF_TLS10, 0 },
  { "tls11-aes256-cbc-sha-etm", 0xc014, 0x0302, TRUE, K_CBC, GNUTLS_CIPHER_AES_256_CBC, 32, 16, 16, GNUTLS_MAC_SHA1, 20, HL_PRF_TLS10, 0 },
  { "tls10-aes256-cbc-sha-chained", 0xc014, 0x0301, FALSE, K_CBC, GNUTLS_CIPHER_AES_256_CBC, 32, 16, 16, GNUTLS_MAC_SHA1, 20, HL_PRF_TLS10, 0 },
  { "tls10-aes128-cbc-sha-etm-chained", 0xc013, 0x0301, TRUE, K_CBC, GNUTLS_CIPHER_AES_128_CBC, 16, 16, 16, GNUTLS_MAC_SHA1, 20, HL_PRF_TLS10, 0 },
  { "tls10-3des-cbc-sha-chained", 0x0016, 0x0301, FALSE, K_CBC, GNUTLS_CIPHER_3DES_CBC, 24, 8, 8, GNUTLS_MAC_SHA1, 20, HL_PRF_TLS10, 0 },
  { "ssl3-aes256-cbc-sha", 0x0039, 0x0300, FALSE, K_CBC, GNUTLS_CIPHER_AES_256_CBC, 32, 16, 16, GNUTLS_MAC_SHA1, 20, HL_PRF_SSL3, 0 },
  { "ssl3-rc4-md5", 0x0004, 0x0300, FALSE, K_STREAM, GNUTLS_CIPHER_ARCFOUR_128, 16, 0, 0, GNUTLS_MAC_MD5, 16, HL_PRF_SSL3, 0 },
  { "tls12-rc4-sha", 0x0005, 0x0303, FALSE, K_STREAM, GNUTLS_CIPHER_ARCFOUR_128, 16, 0, 0, GNUTLS_MAC_SHA1, 20, HL_PRF_SHA256, 0 },
  { "tls11-null-sha", 0xc010, 0x0302, FALSE, K_NULL, GNUTLS_CIPHER_NULL, 0, 0, 0, GNUTLS_MAC_SHA1, 20, HL_PRF_TLS10, 0 },
  { "tls12-null-sha256", 0x003b, 0x0303, FALSE, K_NULL, GNUTLS_CIPHER_NULL, 0, 0, 0, GNUTLS_MAC_SHA256, 32, HL_PRF_SHA256, 0 },
  { "tls10-null-md5", 0x0001, 0x0301, FALSE, K_NULL, GNUTLS_CIPHER_NULL, 0, 0, 0, GNUTLS_MAC_MD5, 16, HL_PRF_TLS10, 0 },
};

typedef struct {
  const Case             *c;
  guint8                  mac_key[48], key[32], iv[16];
  guint64                 seq;
  gnutls_cipher_hd_t      stream;
  gnutls_aead_cipher_hd_t aead;
} Sealer;

/* key_block: client MAC, server MAC, client key, server key, client IV, server IV */
static void
sealer_init (Sealer *s, const Case *c, const guint8 *kb, HlDirection dir)
{
  int side = dir == HL_DIR_C2S ? 0 : 1;
  gnutls_datum_t kd;

  memset (s, 0, sizeof *s);
  s->c = c;
  memcpy (s->mac_key, kb + side * c->mac_len, c->mac_len);
  memcpy (s->key, kb + 2 * c->mac_len + side * c->key_len, c->key_len);
  memcpy (s->iv, kb + 2 * c->mac_len + 2 * c->key_len + side * c->iv_len, c->iv_len);
  kd.data = s->key;
  kd.size = c->key_len;
  if (c->kind == K_STREAM)
    g_assert_cmpint (gnutls_cipher_init (&s->stream, c->cipher, &kd, NULL), ==, 0);
  if (c->kind == K_AEAD || c->kind == K_XOR)
    g_assert_cmpint (gnutls_aead_cipher_init (&s->aead, c->cipher, &kd), ==, 0);
}

static void
sealer_clear (Sealer *s)
{
  if (s->stream)
    gnutls_cipher_deinit (s->stream);
  if (s->aead)
    gnutls_aead_cipher_deinit (s->aead);
}

/* MAC of RFC 5246 6.2.3.1 (HMAC) or RFC 6101 5.2.3.1 (SSL 3.0). */
static void
seal_mac (Sealer *s, guint8 type, guint16 version, const guint8 *frag, gsize len, guint8 *out)
{
  const Case *c = s->c;
  GByteArray *b = g_byte_array_new ();
  guint8 hdr[13];

  put_u64 (hdr, s->seq);
  hdr[8] = type;
  if (c->version == 0x0300)
    {
      gnutls_digest_algorithm_t dig = c->mac == GNUTLS_MAC_MD5 ? GNUTLS_DIG_MD5 : GNUTLS_DIG_SHA1;
      guint pad = c->mac == GNUTLS_MAC_MD5 ? 48 : 40;
      guint8 pads[48], inner[20];

      hdr[9] = len >> 8;
      hdr[10] = len & 0xff;
      memset (pads, 0x36, pad);
      g_byte_array_append (b, s->mac_key, c->mac_len);
      g_byte_array_append (b, pads, pad);
      g_byte_array_append (b, hdr, 11);
      g_byte_array_append (b, frag, len);
      g_assert_cmpint (gnutls_hash_fast (dig, b->data, b->len, inner), ==, 0);
      g_byte_array_set_size (b, 0);
      memset (pads, 0x5c, pad);
      g_byte_array_append (b, s->mac_key, c->mac_len);
      g_byte_array_append (b, pads, pad);
      g_byte_array_append (b, inner, c->mac_len);
      g_assert_cmpint (gnutls_hash_fast (dig, b->data, b->len, out), ==, 0);
    }
  else
    {
      hdr[9] = version >> 8;
      hdr[10] = version & 0xff;
      hdr[11] = len >> 8;
      hdr[12] = len & 0xff;
      g_byte_array_append (b, hdr, 13);
      g_byte_array_append (b, frag, len);
      g_assert_cmpint (gnutls_hmac_fast (c->mac, s->mac_key, c->mac_len, b->data, b->len, out), ==, 0);
    }
  g_byte_array_unref (b);
}

/* Seals one record body; chained CBC carries its IV in s->iv. */
static GBytes *
seal (Sealer *s, guint8 type, const guint8 *plain, gsize len)
{
  const Case *c = s->c;
  guint16 version = c->version;
  GByteArray *rec = g_byte_array_new ();
  guint8 mac[48];

  switch (c->kind)
    {
    case K_AEAD:
    case K_XOR:
      {
        guint8 nonce[12], aad[13], explicit[8];
        guint8 *out = g_malloc (len + c->tag);
        size_t out_len = len + c->tag;

        put_u64 (aad, s->seq);
        aad[8] = type;
        aad[9] = version >> 8;
        aad[10] = version & 0xff;
        aad[11] = len >> 8;
        aad[12] = len & 0xff;
        if (c->kind == K_AEAD)
          {
            /* any 8-byte explicit nonce: here seq xor a pattern */
            put_u64 (explicit, s->seq ^ G_GUINT64_CONSTANT (0x5a5a000011112222));
            memcpy (nonce, s->iv, 4);
            memcpy (nonce + 4, explicit, 8);
            g_byte_array_append (rec, explicit, 8);
          }
        else
          {
            memcpy (nonce, s->iv, 12);
            for (int i = 0; i < 8; i++)
              nonce[4 + i] ^= (s->seq >> (56 - 8 * i)) & 0xff;
          }
        g_assert_cmpint (gnutls_aead_cipher_encrypt (s->aead, nonce, 12, aad, 13, c->tag,
                                                     plain, len, out, &out_len), ==, 0);
        g_byte_array_append (rec, out, out_len);
        g_free (out);
      }
      break;

    case K_CBC:
      {
        gboolean explicit_iv = version >= 0x0302;
        guint pad = (c->block - (len + (c->etm ? 0 : c->mac_len) + 1) % c->block) % c->block;
        GByteArray *data = g_byte_array_new ();
        guint8 iv[16];
        gnutls_cipher_hd_t h;
        gnutls_datum_t kd = { s->key, c->key_len }, ivd = { iv, c->block };

        /* TLS may pad by extra blocks; SSL 3.0 pads to at most a block. */
        if (version >= 0x0301 && s->seq % 2 == 1)
          pad += c->block;
        g_byte_array_append (data, plain, len);
        if (!c->etm)
          {
            seal_mac (s, type, version, plain, len, mac);
            g_byte_array_append (data, mac, c->mac_len);
          }
        for (guint i = 0; i <= pad; i++)
          {
            guint8 b = version == 0x0300 && i < pad ? 0xee : pad;
            g_byte_array_append (data, &b, 1);
          }
        g_assert_cmpuint (data->len % c->block, ==, 0);

        if (explicit_iv)
          {
            pattern (iv, c->block, 0x30 + s->seq);
            g_byte_array_append (rec, iv, c->block);
          }
        else
          memcpy (iv, s->iv, c->block);
        g_assert_cmpint (gnutls_cipher_init (&h, c->cipher, &kd, &ivd), ==, 0);
        g_assert_cmpint (gnutls_cipher_encrypt (h, data->data, data->len), ==, 0);
        gnutls_cipher_deinit (h);
        g_byte_array_append (rec, data->data, data->len);
        if (!explicit_iv)
          memcpy (s->iv, data->data + data->len - c->block, c->block);
        if (c->etm)
          {
            seal_mac (s, type, version, rec->data, rec->len, mac);
            g_byte_array_append (rec, mac, c->mac_len);
          }
        g_byte_array_unref (data);
      }
      break;

    case K_STREAM:
    case K_NULL:
      seal_mac (s, type, version, plain, len, mac);
      g_byte_array_append (rec, plain, len);
      g_byte_array_append (rec, mac, c->mac_len);
      if (c->kind == K_STREAM)
        g_assert_cmpint (gnutls_cipher_encrypt (s->stream, rec->data, rec->len), ==, 0);
      break;
    }
  s->seq++;
  return g_byte_array_free_to_bytes (rec);
}

static void
expect_open (HlTlsCrypto *tc, HlDirection dir, guint16 version, guint8 type, GBytes *rec,
             const guint8 *plain, gsize len)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guint8 inner = 0;
  gsize n;
  const guint8 *p = g_bytes_get_data (rec, &n);

  g_byte_array_append (out, (const guint8 *) "prefix", 6);
  g_assert_cmpint (hl_tls_crypto_decrypt (tc, dir, type, version, p, n, &inner, out), ==,
                   HL_DECRYPT_OK);
  g_assert_cmpuint (inner, ==, type);
  g_assert_cmpmem (out->data, 6, "prefix", 6);
  g_assert_cmpmem (out->data + 6, out->len - 6, plain, len);
}

static void
test_round_trip (gconstpointer data)
{
  const Case *c = data;
  static const gsize lengths[] = { 0, 1, 15, 16, 17, 100, 1000, 16384 };
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  HlTlsCrypto *tc;
  guint8 cr[32], sr[32], master[48], seed[64], kb[256], plain[16384 + 16];
  gsize kb_len = 2 * (c->mac_len + c->key_len + c->iv_len);
  gboolean stateful = c->kind == K_STREAM || (c->kind == K_CBC && c->version <= 0x0301);
  Sealer sc, ss;
  GBytes *rec;

  pattern (cr, 32, 1);
  pattern (sr, 32, 2);
  pattern (master, 48, 3);
  pattern (plain, sizeof plain, 4);
  hl_keylog_add_secret (k, "CLIENT_RANDOM", cr, master, 48);

  memcpy (seed, sr, 32);
  memcpy (seed + 32, cr, 32);
  g_assert_true (hl_tls_prf (c->prf, master, 48, "key expansion", seed, 64, kb, kb_len));
  sealer_init (&sc, c, kb, HL_DIR_C2S);
  sealer_init (&ss, c, kb, HL_DIR_S2C);

  tc = hl_tls_crypto_new (k);
  g_assert_true (hl_tls_crypto_suite_supported (c->suite));
  g_assert_true (hl_tls_crypto_set_params (tc, c->version, c->suite, cr, sr, c->etm, FALSE));
  g_assert_true (hl_tls_crypto_has_keys (tc, HL_DIR_C2S));
  g_assert_true (hl_tls_crypto_has_keys (tc, HL_DIR_S2C));
  g_assert_false (hl_tls_crypto_is_active (tc, HL_DIR_C2S));
  g_assert_false (hl_tls_crypto_is_active (tc, HL_DIR_S2C));

  hl_tls_crypto_activate (tc, HL_DIR_C2S);
  hl_tls_crypto_activate (tc, HL_DIR_S2C);
  g_assert_true (hl_tls_crypto_is_active (tc, HL_DIR_C2S));
  g_assert_cmpint (hl_tls_crypto_can_skip (tc, HL_DIR_S2C), ==, !stateful);

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      rec = seal (&sc, 23, plain, lengths[i]);
      expect_open (tc, HL_DIR_C2S, c->version, 23, rec, plain, lengths[i]);
      g_bytes_unref (rec);
      rec = seal (&ss, 22, plain + i, lengths[i]);
      expect_open (tc, HL_DIR_S2C, c->version, 22, rec, plain + i, lengths[i]);
      g_bytes_unref (rec);
    }

  /* A flipped byte fails authentication and leaves the output alone; the
   * sequence number moves on, so the next record opens.  (The record spans
   * several blocks: a CBC chain takes the IV from its last block.) */
  {
    g_autoptr (GByteArray) out = g_byte_array_new ();
    gsize n;
    guint8 *bad;

    rec = seal (&ss, 23, plain, 40);
    {
      const guint8 *p = g_bytes_get_data (rec, &n);
      bad = g_memdup2 (p, n);
    }
    bad[0] ^= 0x01;
    g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_S2C, 23, c->version, bad, n, NULL, out),
                     ==, HL_DECRYPT_AUTH_FAILED);
    g_assert_cmpuint (out->len, ==, 0);
    g_free (bad);
    g_bytes_unref (rec);
    rec = seal (&ss, 21, (const guint8 *) "\x01\x00", 2);
    expect_open (tc, HL_DIR_S2C, c->version, 21, rec, (const guint8 *) "\x01\x00", 2);
    g_bytes_unref (rec);
  }

  /* The wrong content type or version is part of the MAC/AAD (SSL 3.0 MACs
   * no version). */
  {
    g_autoptr (GByteArray) out = g_byte_array_new ();
    gsize n;
    const guint8 *p;

    rec = seal (&sc, 23, plain, 40);
    p = g_bytes_get_data (rec, &n);
    g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_C2S, 22, c->version, p, n, NULL, out),
                     ==, HL_DECRYPT_AUTH_FAILED);
    g_bytes_unref (rec);
  }
  if (c->version != 0x0300)
    {
      g_autoptr (GByteArray) out = g_byte_array_new ();
      gsize n;
      const guint8 *p;

      rec = seal (&sc, 23, plain, 40);
      p = g_bytes_get_data (rec, &n);
      g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_C2S, 23, 0x0301 + (c->version == 0x0301),
                                              p, n, NULL, out), ==, HL_DECRYPT_AUTH_FAILED);
      g_bytes_unref (rec);
    }

  /* Skipping a record keeps the sequence numbers in step. */
  if (!stateful)
    {
      rec = seal (&ss, 23, plain, 50);
      hl_tls_crypto_skip_record (tc, HL_DIR_S2C);
      g_bytes_unref (rec);
      rec = seal (&ss, 23, plain, 60);
      expect_open (tc, HL_DIR_S2C, c->version, 23, rec, plain, 60);
      g_bytes_unref (rec);
    }

  /* Short and garbage records never crash. */
  {
    g_autoptr (GByteArray) out = g_byte_array_new ();
    guint8 junk[7] = { 1, 2, 3, 4, 5, 6, 7 };

    g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_S2C, 23, c->version, junk, 1, NULL, out),
                     ==, HL_DECRYPT_MALFORMED);
    g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_S2C, 23, c->version, NULL, 0, NULL, out),
                     ==, HL_DECRYPT_MALFORMED);
    g_assert_cmpuint (out->len, ==, 0);
  }

  /* A stateful cipher that missed a record cannot open the next one; CBC
   * chains resynchronise on the record after. */
  if (stateful)
    {
      g_autoptr (GByteArray) out = g_byte_array_new ();
      gsize n;
      const guint8 *p;

      rec = seal (&sc, 23, plain, 40);
      hl_tls_crypto_skip_record (tc, HL_DIR_C2S);
      g_bytes_unref (rec);
      rec = seal (&sc, 23, plain, 40);
      p = g_bytes_get_data (rec, &n);
      g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_C2S, 23, c->version, p, n, NULL, out),
                       ==, HL_DECRYPT_NO_KEY);
      g_bytes_unref (rec);
      rec = seal (&sc, 23, plain, 40);
      if (c->kind == K_CBC)
        expect_open (tc, HL_DIR_C2S, c->version, 23, rec, plain, 40);
      else
        {
          p = g_bytes_get_data (rec, &n);
          g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_C2S, 23, c->version, p, n, NULL, out),
                           ==, HL_DECRYPT_NO_KEY);
        }
      g_bytes_unref (rec);
    }

  /* A new CCS restarts the sequence numbers with the same keys. */
  hl_tls_crypto_activate (tc, HL_DIR_S2C);
  sealer_clear (&ss);
  sealer_init (&ss, c, kb, HL_DIR_S2C);
  rec = seal (&ss, 23, plain, 33);
  expect_open (tc, HL_DIR_S2C, c->version, 23, rec, plain, 33);
  g_bytes_unref (rec);

  sealer_clear (&sc);
  sealer_clear (&ss);
  hl_tls_crypto_free (tc);
}

/* Without keys: records are protected but not readable; with keys for an
 * unknown suite: UNSUPPORTED. */
static void
test_no_keys (void)
{
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  guint8 cr[32], sr[32], master[48], rec[64] = { 0 };
  g_autoptr (GByteArray) out = g_byte_array_new ();
  HlTlsCrypto *tc;

  pattern (cr, 32, 1);
  pattern (sr, 32, 2);
  pattern (master, 48, 3);

  tc = hl_tls_crypto_new (NULL);
  g_assert_false (hl_tls_crypto_set_params (tc, 0x0303, 0xc02f, cr, sr, FALSE, FALSE));
  g_assert_false (hl_tls_crypto_has_keys (tc, HL_DIR_C2S));
  g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_C2S, 23, 0x0303, rec, 64, NULL, out), ==,
                   HL_DECRYPT_NO_KEY);
  hl_tls_crypto_activate (tc, HL_DIR_C2S);
  g_assert_true (hl_tls_crypto_is_active (tc, HL_DIR_C2S));
  g_assert_false (hl_tls_crypto_has_keys (tc, HL_DIR_C2S));
  g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_C2S, 23, 0x0303, rec, 64, NULL, out), ==,
                   HL_DECRYPT_NO_KEY);
  g_assert_cmpint (hl_tls_crypto_verify_finished (tc, HL_DIR_C2S, rec, 12), ==, -1);
  hl_tls_crypto_free (tc);

  /* TLS 1.3 without secrets: protected at once, not readable. */
  tc = hl_tls_crypto_new (k);
  g_assert_false (hl_tls_crypto_set_params (tc, 0x0304, 0x1301, cr, sr, FALSE, FALSE));
  g_assert_true (hl_tls_crypto_is_active (tc, HL_DIR_S2C));
  g_assert_false (hl_tls_crypto_has_keys (tc, HL_DIR_S2C));
  g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_S2C, 23, 0x0303, rec, 64, NULL, out), ==,
                   HL_DECRYPT_NO_KEY);
  g_assert_cmpint (hl_tls_crypto_verify_finished (tc, HL_DIR_S2C, rec, 32), ==, -1);
  hl_tls_crypto_free (tc);

  /* An export suite we do not decrypt, with its master secret known. */
  hl_keylog_add_secret (k, "CLIENT_RANDOM", cr, master, 48);
  g_assert_false (hl_tls_crypto_suite_supported (0x0003));
  tc = hl_tls_crypto_new (k);
  g_assert_true (hl_tls_crypto_set_params (tc, 0x0301, 0x0003, cr, sr, FALSE, FALSE));
  hl_tls_crypto_activate (tc, HL_DIR_S2C);
  g_assert_true (hl_tls_crypto_has_keys (tc, HL_DIR_S2C));
  g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_S2C, 23, 0x0301, rec, 64, NULL, out), ==,
                   HL_DECRYPT_UNSUPPORTED);
  g_assert_cmpuint (out->len, ==, 0);
  hl_tls_crypto_free (tc);
}

/* TLS 1.2 Finished: PRF(master, label, SHA-256(messages))[0..11]; TLS 1.0:
 * MD5 + SHA-1 with the TLS 1.0 PRF.  Messages: ClientHello, ServerHello,
 * a HelloRequest (not hashed), ClientKeyExchange. */
static void
check_finished (guint16 version, guint16 suite, HlPrfKind prf)
{
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  g_autoptr (GByteArray) t = g_byte_array_new ();
  guint8 cr[32], sr[32], master[48], hash[48], vd[12], ch[4 + 38], sh[4 + 38];
  static const guint8 hello_request[4] = { 0, 0, 0, 0 };
  static const guint8 cke[8] = { 16, 0, 0, 4, 1, 2, 3, 4 };
  gsize hlen;
  HlTlsCrypto *tc;

  pattern (cr, 32, 1);
  pattern (sr, 32, 2);
  pattern (master, 48, 3);
  hl_keylog_add_secret (k, "CLIENT_RANDOM", cr, master, 48);
  memset (ch, 0, sizeof ch);
  ch[0] = 1;
  ch[3] = 38;
  ch[4] = 3;
  ch[5] = 3;
  memcpy (ch + 6, cr, 32);
  memcpy (sh, ch, sizeof sh);
  sh[0] = 2;
  memcpy (sh + 6, sr, 32);

  tc = hl_tls_crypto_new (k);
  hl_tls_crypto_add_handshake (tc, ch, sizeof ch);
  hl_tls_crypto_add_handshake (tc, sh, sizeof sh);
  g_assert_true (hl_tls_crypto_set_params (tc, version, suite, cr, sr, FALSE, FALSE));
  hl_tls_crypto_add_handshake (tc, hello_request, sizeof hello_request);
  hl_tls_crypto_add_handshake (tc, cke, sizeof cke);
  g_byte_array_append (t, ch, sizeof ch);
  g_byte_array_append (t, sh, sizeof sh);
  g_byte_array_append (t, cke, sizeof cke);

  if (version >= 0x0303)
    {
      gnutls_digest_algorithm_t dig = prf == HL_PRF_SHA384 ? GNUTLS_DIG_SHA384 : GNUTLS_DIG_SHA256;
      g_assert_cmpint (gnutls_hash_fast (dig, t->data, t->len, hash), ==, 0);
      hlen = gnutls_hash_get_len (dig);
    }
  else
    {
      g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_MD5, t->data, t->len, hash), ==, 0);
      g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_SHA1, t->data, t->len, hash + 16), ==, 0);
      hlen = 36;
    }
  g_assert_true (hl_tls_prf (prf, master, 48, "client finished", hash, hlen, vd, 12));
  g_assert_cmpint (hl_tls_crypto_verify_finished (tc, HL_DIR_C2S, vd, 12), ==, 1);
  g_assert_cmpint (hl_tls_crypto_verify_finished (tc, HL_DIR_S2C, vd, 12), ==, 0);
  g_assert_cmpint (hl_tls_crypto_verify_finished (tc, HL_DIR_C2S, vd, 11), ==, 0);

  /* The server's Finished hashes the client's Finished too. */
  {
    guint8 fin[16] = { 20, 0, 0, 12 };

    memcpy (fin + 4, vd, 12);
    hl_tls_crypto_add_handshake (tc, fin, sizeof fin);
    g_byte_array_append (t, fin, sizeof fin);
    if (version >= 0x0303)
      g_assert_cmpint (gnutls_hash_fast (prf == HL_PRF_SHA384 ? GNUTLS_DIG_SHA384 : GNUTLS_DIG_SHA256,
                                         t->data, t->len, hash), ==, 0);
    else
      {
        g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_MD5, t->data, t->len, hash), ==, 0);
        g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_SHA1, t->data, t->len, hash + 16), ==, 0);
      }
    g_assert_true (hl_tls_prf (prf, master, 48, "server finished", hash, hlen, vd, 12));
    g_assert_cmpint (hl_tls_crypto_verify_finished (tc, HL_DIR_S2C, vd, 12), ==, 1);
  }
  hl_tls_crypto_free (tc);
}

/* An abbreviated (resumed) TLS 1.2 handshake: the server's Finished comes
 * first and hashes ClientHello + ServerHello only; the key log has the
 * resumed master secret under the new client random. */
static void
test_finished_abbreviated (void)
{
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  g_autoptr (GByteArray) t = g_byte_array_new ();
  guint8 cr[32], sr[32], master[48], hash[32], vd[12], fin[16] = { 20, 0, 0, 12 };
  guint8 ch[4 + 38] = { 1, 0, 0, 38, 3, 3 }, sh[4 + 38] = { 2, 0, 0, 38, 3, 3 };
  HlTlsCrypto *tc;

  pattern (cr, 32, 1);
  pattern (sr, 32, 2);
  pattern (master, 48, 3);
  memcpy (ch + 6, cr, 32);
  memcpy (sh + 6, sr, 32);
  hl_keylog_add_secret (k, "CLIENT_RANDOM", cr, master, 48);

  tc = hl_tls_crypto_new (k);
  hl_tls_crypto_add_handshake (tc, ch, sizeof ch);
  hl_tls_crypto_add_handshake (tc, sh, sizeof sh);
  g_assert_true (hl_tls_crypto_set_params (tc, 0x0303, 0xc02b, cr, sr, FALSE, TRUE));
  hl_tls_crypto_activate (tc, HL_DIR_S2C);

  g_byte_array_append (t, ch, sizeof ch);
  g_byte_array_append (t, sh, sizeof sh);
  g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_SHA256, t->data, t->len, hash), ==, 0);
  g_assert_true (hl_tls_prf (HL_PRF_SHA256, master, 48, "server finished", hash, 32, vd, 12));
  g_assert_cmpint (hl_tls_crypto_verify_finished (tc, HL_DIR_S2C, vd, 12), ==, 1);
  memcpy (fin + 4, vd, 12);
  hl_tls_crypto_add_handshake (tc, fin, sizeof fin);
  g_byte_array_append (t, fin, sizeof fin);

  hl_tls_crypto_activate (tc, HL_DIR_C2S);
  g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_SHA256, t->data, t->len, hash), ==, 0);
  g_assert_true (hl_tls_prf (HL_PRF_SHA256, master, 48, "client finished", hash, 32, vd, 12));
  g_assert_cmpint (hl_tls_crypto_verify_finished (tc, HL_DIR_C2S, vd, 12), ==, 1);
  hl_tls_crypto_free (tc);
}

static void
test_finished_tls12 (void)
{
  check_finished (0x0303, 0xc02f, HL_PRF_SHA256);
  check_finished (0x0303, 0xc030, HL_PRF_SHA384);
  check_finished (0x0302, 0xc014, HL_PRF_TLS10);
  check_finished (0x0301, 0x002f, HL_PRF_TLS10);
}

/* RSA key exchange: the key log maps the encrypted pre-master's first 8
 * bytes to the pre-master; master = PRF(pms, "master secret", cr + sr), or
 * with extended_master_secret PRF(pms, "extended master secret",
 * Hash(ClientHello..ClientKeyExchange)) (RFC 7627). */
static void
check_rsa (gboolean ems)
{
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  g_autoptr (GByteArray) t = g_byte_array_new ();
  guint8 cr[32], sr[32], pms[48], epms[128], master[48], seed[64], hash[32], kb[2 * (16 + 4)];
  guint8 cke[4 + 2 + 128] = { 16, 0, 0, 130, 0, 128 };
  guint8 ch[8] = { 1, 0, 0, 4, 3, 3, 0, 0 }, cert_verify[8] = { 15, 0, 0, 4, 9, 9, 9, 9 };
  g_autoptr (GString) line = g_string_new ("RSA ");
  const Case *c = &cases[0];   /* ECDHE-RSA-AES128-GCM: any AEAD suite will do */
  HlTlsCrypto *tc;
  Sealer ss;
  GBytes *rec;

  pattern (cr, 32, 1);
  pattern (sr, 32, 2);
  pattern (pms, 48, 5);
  pattern (epms, 128, 6);
  memcpy (cke + 6, epms, 128);
  for (int i = 0; i < 8; i++)
    g_string_append_printf (line, "%02x", epms[i]);
  g_string_append_c (line, ' ');
  for (int i = 0; i < 48; i++)
    g_string_append_printf (line, "%02x", pms[i]);
  hl_keylog_add_text (k, line->str, line->len);

  g_byte_array_append (t, ch, sizeof ch);
  g_byte_array_append (t, cke, sizeof cke);
  if (ems)
    {
      g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_SHA256, t->data, t->len, hash), ==, 0);
      g_assert_true (hl_tls_prf (HL_PRF_SHA256, pms, 48, "extended master secret", hash, 32,
                                 master, 48));
    }
  else
    {
      memcpy (seed, cr, 32);
      memcpy (seed + 32, sr, 32);
      g_assert_true (hl_tls_prf (HL_PRF_SHA256, pms, 48, "master secret", seed, 64, master, 48));
    }
  memcpy (seed, sr, 32);
  memcpy (seed + 32, cr, 32);
  g_assert_true (hl_tls_prf (HL_PRF_SHA256, master, 48, "key expansion", seed, 64, kb, sizeof kb));
  sealer_init (&ss, c, kb, HL_DIR_S2C);

  tc = hl_tls_crypto_new (k);
  hl_tls_crypto_add_handshake (tc, ch, sizeof ch);
  g_assert_false (hl_tls_crypto_set_params (tc, 0x0303, c->suite, cr, sr, FALSE, ems));
  g_assert_false (hl_tls_crypto_has_keys (tc, HL_DIR_S2C));
  hl_tls_crypto_add_handshake (tc, cke, sizeof cke);
  /* A CertificateVerify after the ClientKeyExchange is outside the EMS hash. */
  hl_tls_crypto_add_handshake (tc, cert_verify, sizeof cert_verify);
  /* The vector as the ClientKeyExchange carries it: 2-byte length first. */
  hl_tls_crypto_set_encrypted_premaster (tc, cke + 4, 130);
  g_assert_true (hl_tls_crypto_has_keys (tc, HL_DIR_S2C));
  hl_tls_crypto_activate (tc, HL_DIR_S2C);
  rec = seal (&ss, 23, (const guint8 *) "hello", 5);
  expect_open (tc, HL_DIR_S2C, 0x0303, 23, rec, (const guint8 *) "hello", 5);
  g_bytes_unref (rec);
  sealer_clear (&ss);
  hl_tls_crypto_free (tc);

  /* Without its length, and an unknown one. */
  tc = hl_tls_crypto_new (k);
  hl_tls_crypto_add_handshake (tc, ch, sizeof ch);
  hl_tls_crypto_set_params (tc, 0x0303, c->suite, cr, sr, FALSE, ems);
  hl_tls_crypto_add_handshake (tc, cke, sizeof cke);
  hl_tls_crypto_set_encrypted_premaster (tc, epms, 128);
  g_assert_true (hl_tls_crypto_has_keys (tc, HL_DIR_S2C));
  hl_tls_crypto_free (tc);
  tc = hl_tls_crypto_new (k);
  hl_tls_crypto_set_params (tc, 0x0303, c->suite, cr, sr, FALSE, ems);
  epms[0] ^= 1;
  hl_tls_crypto_set_encrypted_premaster (tc, epms, 128);
  g_assert_false (hl_tls_crypto_has_keys (tc, HL_DIR_S2C));
  hl_tls_crypto_free (tc);
}

static void
test_rsa_premaster (void)
{
  check_rsa (FALSE);
}

static void
test_rsa_premaster_ems (void)
{
  check_rsa (TRUE);
}

/* Renegotiation: a new ClientHello starts a new transcript and new keys,
 * but records stay under the old keys until each side's next CCS. */
static void
test_renegotiation (void)
{
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  const Case *c = &cases[0];
  guint8 cr1[32], cr2[32], sr[32], m1[48], m2[48], seed[64], kb1[40], kb2[40];
  guint8 ch1[4 + 34] = { 1, 0, 0, 34, 3, 3 }, ch2[4 + 34] = { 1, 0, 0, 34, 3, 3 };
  HlTlsCrypto *tc;
  Sealer old_s, new_s;
  GBytes *rec;

  pattern (cr1, 32, 1);
  pattern (cr2, 32, 9);
  pattern (sr, 32, 2);
  pattern (m1, 48, 3);
  pattern (m2, 48, 4);
  memcpy (ch1 + 6, cr1, 32);
  memcpy (ch2 + 6, cr2, 32);
  hl_keylog_add_secret (k, "CLIENT_RANDOM", cr1, m1, 48);
  hl_keylog_add_secret (k, "CLIENT_RANDOM", cr2, m2, 48);
  memcpy (seed, sr, 32);
  memcpy (seed + 32, cr1, 32);
  g_assert_true (hl_tls_prf (HL_PRF_SHA256, m1, 48, "key expansion", seed, 64, kb1, 40));
  memcpy (seed + 32, cr2, 32);
  g_assert_true (hl_tls_prf (HL_PRF_SHA256, m2, 48, "key expansion", seed, 64, kb2, 40));
  sealer_init (&old_s, c, kb1, HL_DIR_S2C);
  sealer_init (&new_s, c, kb2, HL_DIR_S2C);

  tc = hl_tls_crypto_new (k);
  hl_tls_crypto_add_handshake (tc, ch1, sizeof ch1);
  g_assert_true (hl_tls_crypto_set_params (tc, 0x0303, c->suite, cr1, sr, FALSE, FALSE));
  hl_tls_crypto_activate (tc, HL_DIR_S2C);
  rec = seal (&old_s, 23, (const guint8 *) "one", 3);
  expect_open (tc, HL_DIR_S2C, 0x0303, 23, rec, (const guint8 *) "one", 3);
  g_bytes_unref (rec);

  hl_tls_crypto_add_handshake (tc, ch2, sizeof ch2);
  g_assert_true (hl_tls_crypto_set_params (tc, 0x0303, c->suite, cr2, sr, FALSE, FALSE));
  rec = seal (&old_s, 22, (const guint8 *) "two", 3);
  expect_open (tc, HL_DIR_S2C, 0x0303, 22, rec, (const guint8 *) "two", 3);
  g_bytes_unref (rec);

  hl_tls_crypto_activate (tc, HL_DIR_S2C);
  rec = seal (&new_s, 23, (const guint8 *) "three", 5);
  expect_open (tc, HL_DIR_S2C, 0x0303, 23, rec, (const guint8 *) "three", 5);
  g_bytes_unref (rec);

  sealer_clear (&old_s);
  sealer_clear (&new_s);
  hl_tls_crypto_free (tc);
}

/* ======================================================================
 * TLS 1.3
 * ====================================================================== */

typedef struct {
  gnutls_aead_cipher_hd_t h;
  guint8                  iv[12];
  guint                   tag;
  guint64                 seq;
} Sealer13;

static void
sealer13_init (Sealer13 *s, guint16 suite, const guint8 *secret, gsize len)
{
  gnutls_cipher_algorithm_t alg;
  gnutls_mac_algorithm_t hash = len == 48 ? GNUTLS_MAC_SHA384 : GNUTLS_MAC_SHA256;
  guint8 key[32];
  gnutls_datum_t kd = { key, 0 };

  switch (suite)
    {
    case 0x1301: alg = GNUTLS_CIPHER_AES_128_GCM; s->tag = 16; break;
    case 0x1302: alg = GNUTLS_CIPHER_AES_256_GCM; s->tag = 16; break;
    case 0x1303: alg = GNUTLS_CIPHER_CHACHA20_POLY1305; s->tag = 16; break;
    case 0x1304: alg = GNUTLS_CIPHER_AES_128_CCM; s->tag = 16; break;
    default:     alg = GNUTLS_CIPHER_AES_128_CCM_8; s->tag = 8; break;
    }
  kd.size = gnutls_cipher_get_key_size (alg);
  g_assert_true (hl_hkdf_expand_label (hash, secret, len, "key", NULL, 0, key, kd.size));
  g_assert_true (hl_hkdf_expand_label (hash, secret, len, "iv", NULL, 0, s->iv, 12));
  g_assert_cmpint (gnutls_aead_cipher_init (&s->h, alg, &kd), ==, 0);
  s->seq = 0;
}

/* TLSInnerPlaintext = content + type + zeros; AAD = the record header. */
static GBytes *
seal13 (Sealer13 *s, guint8 type, const guint8 *plain, gsize len, gsize zeros)
{
  gsize inner_len = len + 1 + zeros, out_len = inner_len + s->tag;
  guint8 *inner = g_malloc0 (inner_len), *out = g_malloc (out_len);
  guint8 aad[5] = { 23, 3, 3, out_len >> 8, out_len & 0xff }, nonce[12];
  size_t got = out_len;

  memcpy (inner, plain, len);
  inner[len] = type;
  memcpy (nonce, s->iv, 12);
  for (int i = 0; i < 8; i++)
    nonce[4 + i] ^= (s->seq >> (56 - 8 * i)) & 0xff;
  g_assert_cmpint (gnutls_aead_cipher_encrypt (s->h, nonce, 12, aad, 5, s->tag, inner, inner_len,
                                               out, &got), ==, 0);
  g_assert_cmpuint (got, ==, out_len);
  s->seq++;
  g_free (inner);
  return g_bytes_new_take (out, out_len);
}

static void
expect_open13 (HlTlsCrypto *tc, HlDirection dir, GBytes *rec, guint8 type,
               const guint8 *plain, gsize len)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  guint8 inner = 0;
  gsize n;
  const guint8 *p = g_bytes_get_data (rec, &n);

  g_assert_cmpint (hl_tls_crypto_decrypt (tc, dir, 23, 0x0303, p, n, &inner, out), ==,
                   HL_DECRYPT_OK);
  g_assert_cmpuint (inner, ==, type);
  g_assert_cmpmem (out->data, out->len, plain, len);
}

static void
test_tls13_suite (gconstpointer data)
{
  guint16 suite = GPOINTER_TO_UINT (data);
  gsize hlen = suite == 0x1302 ? 48 : 32;
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  guint8 cr[32], sr[32], chts[48], shts[48], cats[48], sats[48], next[48], plain[3000];
  HlTlsCrypto *tc;
  Sealer13 sc, ss;
  GBytes *rec;

  pattern (cr, 32, 1);
  pattern (sr, 32, 2);
  pattern (chts, hlen, 10);
  pattern (shts, hlen, 20);
  pattern (cats, hlen, 30);
  pattern (sats, hlen, 40);
  pattern (plain, sizeof plain, 50);
  hl_keylog_add_secret (k, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr, chts, hlen);
  hl_keylog_add_secret (k, "SERVER_HANDSHAKE_TRAFFIC_SECRET", cr, shts, hlen);
  hl_keylog_add_secret (k, "CLIENT_TRAFFIC_SECRET_0", cr, cats, hlen);
  hl_keylog_add_secret (k, "SERVER_TRAFFIC_SECRET_0", cr, sats, hlen);

  tc = hl_tls_crypto_new (k);
  g_assert_true (hl_tls_crypto_set_params (tc, 0x0304, suite, cr, sr, FALSE, FALSE));
  g_assert_true (hl_tls_crypto_is_active (tc, HL_DIR_C2S));
  g_assert_true (hl_tls_crypto_is_active (tc, HL_DIR_S2C));
  g_assert_true (hl_tls_crypto_has_keys (tc, HL_DIR_S2C));
  g_assert_true (hl_tls_crypto_can_skip (tc, HL_DIR_S2C));

  sealer13_init (&ss, suite, shts, hlen);
  sealer13_init (&sc, suite, chts, hlen);
  rec = seal13 (&ss, 22, plain, 100, 0);
  expect_open13 (tc, HL_DIR_S2C, rec, 22, plain, 100);
  g_bytes_unref (rec);
  rec = seal13 (&ss, 22, plain, 2500, 300);   /* padded */
  expect_open13 (tc, HL_DIR_S2C, rec, 22, plain, 2500);
  g_bytes_unref (rec);
  rec = seal13 (&sc, 21, (const guint8 *) "\x02\x30", 2, 17);
  expect_open13 (tc, HL_DIR_C2S, rec, 21, (const guint8 *) "\x02\x30", 2);
  g_bytes_unref (rec);

  /* Content of zeros only and no type: malformed (RFC 8446 5.4). */
  {
    g_autoptr (GByteArray) out = g_byte_array_new ();
    gsize n;
    const guint8 *p;

    rec = seal13 (&ss, 0, plain, 0, 5);
    p = g_bytes_get_data (rec, &n);
    g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_S2C, 23, 0x0303, p, n, NULL, out), ==,
                     HL_DECRYPT_MALFORMED);
    g_assert_cmpuint (out->len, ==, 0);
    g_bytes_unref (rec);
  }

  /* A middlebox-compatibility CCS changes nothing in TLS 1.3. */
  hl_tls_crypto_activate (tc, HL_DIR_S2C);
  rec = seal13 (&ss, 22, plain, 36, 0);
  expect_open13 (tc, HL_DIR_S2C, rec, 22, plain, 36);
  g_bytes_unref (rec);

  /* Application traffic secrets after each side's Finished. */
  hl_tls_crypto_handshake_done (tc, HL_DIR_S2C);
  gnutls_aead_cipher_deinit (ss.h);
  sealer13_init (&ss, suite, sats, hlen);
  rec = seal13 (&ss, 23, plain, 1000, 0);
  expect_open13 (tc, HL_DIR_S2C, rec, 23, plain, 1000);
  g_bytes_unref (rec);

  /* The client is still on its handshake keys. */
  rec = seal13 (&sc, 22, plain, 36, 0);
  expect_open13 (tc, HL_DIR_C2S, rec, 22, plain, 36);
  g_bytes_unref (rec);
  hl_tls_crypto_handshake_done (tc, HL_DIR_C2S);
  gnutls_aead_cipher_deinit (sc.h);
  sealer13_init (&sc, suite, cats, hlen);
  rec = seal13 (&sc, 23, plain, 10, 0);
  expect_open13 (tc, HL_DIR_C2S, rec, 23, plain, 10);
  g_bytes_unref (rec);

  /* KeyUpdate: secret' = HKDF-Expand-Label(secret, "traffic upd", "", Hash.length) */
  rec = seal13 (&ss, 23, plain, 10, 0);
  hl_tls_crypto_skip_record (tc, HL_DIR_S2C);
  g_bytes_unref (rec);
  hl_tls_crypto_key_update (tc, HL_DIR_S2C);
  g_assert_true (hl_hkdf_expand_label (hlen == 48 ? GNUTLS_MAC_SHA384 : GNUTLS_MAC_SHA256,
                                       sats, hlen, "traffic upd", NULL, 0, next, hlen));
  gnutls_aead_cipher_deinit (ss.h);
  sealer13_init (&ss, suite, next, hlen);
  rec = seal13 (&ss, 23, plain, 77, 3);
  expect_open13 (tc, HL_DIR_S2C, rec, 23, plain, 77);
  g_bytes_unref (rec);

  /* A second update rolls again. */
  hl_tls_crypto_key_update (tc, HL_DIR_S2C);
  memcpy (sats, next, hlen);
  g_assert_true (hl_hkdf_expand_label (hlen == 48 ? GNUTLS_MAC_SHA384 : GNUTLS_MAC_SHA256,
                                       sats, hlen, "traffic upd", NULL, 0, next, hlen));
  gnutls_aead_cipher_deinit (ss.h);
  sealer13_init (&ss, suite, next, hlen);
  rec = seal13 (&ss, 23, plain, 5, 0);
  expect_open13 (tc, HL_DIR_S2C, rec, 23, plain, 5);
  g_bytes_unref (rec);

  gnutls_aead_cipher_deinit (ss.h);
  gnutls_aead_cipher_deinit (sc.h);
  hl_tls_crypto_free (tc);
}

/* ---- RFC 8448 traces through the whole API ---------------------------- */

static GByteArray *
open_hex (HlTlsCrypto *tc, HlDirection dir, const char *hex, guint8 expect_type)
{
  g_autoptr (GBytes) rec = hl_test_unhex (hex);
  GByteArray *out = g_byte_array_new ();
  guint8 inner = 0;
  gsize n;
  const guint8 *p = g_bytes_get_data (rec, &n);

  g_assert_cmpint (hl_tls_crypto_decrypt (tc, dir, 23, 0x0303, p, n, &inner, out), ==,
                   HL_DECRYPT_OK);
  g_assert_cmpuint (inner, ==, expect_type);
  return out;
}

static void
add_hex (HlTlsCrypto *tc, const char *hex)
{
  g_autoptr (GBytes) msg = hl_test_unhex (hex);
  gsize n;
  const guint8 *p = g_bytes_get_data (msg, &n);

  hl_tls_crypto_add_handshake (tc, p, n);
}

/* Splits handshake messages out of a decrypted flight, adds them, and checks
 * the Finished (the last one) before adding it. */
static guint
add_flight (HlTlsCrypto *tc, HlDirection dir, GByteArray *flight, int *finished_result)
{
  gsize pos = 0;
  guint n = 0;

  while (pos + 4 <= flight->len)
    {
      const guint8 *m = flight->data + pos;
      gsize len = 4 + ((gsize) m[1] << 16 | m[2] << 8 | m[3]);

      g_assert_cmpuint (pos + len, <=, flight->len);
      if (m[0] == 20)
        {
          guint8 *bad = g_memdup2 (m + 4, len - 4);

          bad[len - 5] ^= 0x80;
          g_assert_cmpint (hl_tls_crypto_verify_finished (tc, dir, bad, len - 4), ==, 0);
          g_free (bad);
          *finished_result = hl_tls_crypto_verify_finished (tc, dir, m + 4, len - 4);
        }
      hl_tls_crypto_add_handshake (tc, m, len);
      pos += len;
      n++;
    }
  g_assert_cmpuint (pos, ==, flight->len);
  return n;
}

static void
check_app_data (GByteArray *out)
{
  g_assert_cmpuint (out->len, ==, 50);
  for (guint i = 0; i < 50; i++)
    g_assert_cmpuint (out->data[i], ==, i);
}

static void
test_rfc8448_simple (void)
{
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  g_autoptr (GBytes) cr = hl_test_unhex (RFC8448_3_CLIENT_RANDOM);
  g_autoptr (GBytes) sr = hl_test_unhex (RFC8448_3_SERVER_RANDOM);
  g_autoptr (GBytes) cfin = hl_test_unhex (RFC8448_3_CLIENT_FINISHED);
  HlTlsCrypto *tc;
  GByteArray *out;
  int fin = -2;

  keylog_add_hex (k, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", RFC8448_3_CLIENT_RANDOM, RFC8448_3_CLIENT_HS_SECRET);
  keylog_add_hex (k, "SERVER_HANDSHAKE_TRAFFIC_SECRET", RFC8448_3_CLIENT_RANDOM, RFC8448_3_SERVER_HS_SECRET);
  keylog_add_hex (k, "CLIENT_TRAFFIC_SECRET_0", RFC8448_3_CLIENT_RANDOM, RFC8448_3_CLIENT_AP_SECRET);
  keylog_add_hex (k, "SERVER_TRAFFIC_SECRET_0", RFC8448_3_CLIENT_RANDOM, RFC8448_3_SERVER_AP_SECRET);

  tc = hl_tls_crypto_new (k);
  add_hex (tc, RFC8448_3_CLIENT_HELLO);
  g_assert_false (hl_tls_crypto_is_active (tc, HL_DIR_C2S));   /* no early_data offered */
  add_hex (tc, RFC8448_3_SERVER_HELLO);
  g_assert_true (hl_tls_crypto_set_params (tc, 0x0304, 0x1301, g_bytes_get_data (cr, NULL),
                                           g_bytes_get_data (sr, NULL), FALSE, FALSE));

  out = open_hex (tc, HL_DIR_S2C, RFC8448_3_SERVER_FLIGHT, 22);
  g_assert_cmpuint (add_flight (tc, HL_DIR_S2C, out, &fin), ==, 4);
  g_assert_cmpint (fin, ==, 1);
  g_byte_array_unref (out);
  hl_tls_crypto_handshake_done (tc, HL_DIR_S2C);

  out = open_hex (tc, HL_DIR_C2S, RFC8448_3_CLIENT_FINISHED_RECORD, 22);
  g_assert_cmpmem (out->data, out->len, g_bytes_get_data (cfin, NULL), 36);
  fin = -2;
  g_assert_cmpuint (add_flight (tc, HL_DIR_C2S, out, &fin), ==, 1);
  g_assert_cmpint (fin, ==, 1);
  g_byte_array_unref (out);
  hl_tls_crypto_handshake_done (tc, HL_DIR_C2S);

  out = open_hex (tc, HL_DIR_S2C, RFC8448_3_TICKET_RECORD, 22);
  g_assert_cmpuint (out->len, ==, 205);
  g_assert_cmpuint (out->data[0], ==, 4);
  hl_tls_crypto_add_handshake (tc, out->data, out->len);
  g_byte_array_unref (out);

  out = open_hex (tc, HL_DIR_C2S, RFC8448_3_CLIENT_APP_RECORD, 23);
  check_app_data (out);
  g_byte_array_unref (out);
  out = open_hex (tc, HL_DIR_S2C, RFC8448_3_SERVER_APP_RECORD, 23);
  check_app_data (out);
  g_byte_array_unref (out);
  out = open_hex (tc, HL_DIR_C2S, RFC8448_3_CLIENT_ALERT_RECORD, 21);
  g_assert_cmpmem (out->data, out->len, "\x01\x00", 2);
  g_byte_array_unref (out);
  out = open_hex (tc, HL_DIR_S2C, RFC8448_3_SERVER_ALERT_RECORD, 21);
  g_assert_cmpmem (out->data, out->len, "\x01\x00", 2);
  g_byte_array_unref (out);

  /* Post-handshake: no Finished to check. */
  g_assert_cmpint (hl_tls_crypto_verify_finished (tc, HL_DIR_C2S, g_bytes_get_data (cfin, NULL), 32),
                   ==, -1);
  hl_tls_crypto_free (tc);
}

/* Section 4: 0-RTT data before the ServerHello, EndOfEarlyData under the
 * early keys, then the client's handshake keys. */
static void
test_rfc8448_early_data (void)
{
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  g_autoptr (GBytes) cr = hl_test_unhex (RFC8448_4_CLIENT_RANDOM);
  g_autoptr (GBytes) sr = hl_test_unhex (RFC8448_4_SERVER_RANDOM);
  HlTlsCrypto *tc;
  GByteArray *out;
  int fin = -2;

  keylog_add_hex (k, "CLIENT_EARLY_TRAFFIC_SECRET", RFC8448_4_CLIENT_RANDOM, RFC8448_4_EARLY_SECRET);
  keylog_add_hex (k, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", RFC8448_4_CLIENT_RANDOM, RFC8448_4_CLIENT_HS_SECRET);
  keylog_add_hex (k, "SERVER_HANDSHAKE_TRAFFIC_SECRET", RFC8448_4_CLIENT_RANDOM, RFC8448_4_SERVER_HS_SECRET);
  keylog_add_hex (k, "CLIENT_TRAFFIC_SECRET_0", RFC8448_4_CLIENT_RANDOM, RFC8448_4_CLIENT_AP_SECRET);
  keylog_add_hex (k, "SERVER_TRAFFIC_SECRET_0", RFC8448_4_CLIENT_RANDOM, RFC8448_4_SERVER_AP_SECRET);

  tc = hl_tls_crypto_new (k);
  add_hex (tc, RFC8448_4_CLIENT_HELLO);
  g_assert_true (hl_tls_crypto_is_active (tc, HL_DIR_C2S));
  g_assert_false (hl_tls_crypto_is_active (tc, HL_DIR_S2C));
  g_assert_true (hl_tls_crypto_has_keys (tc, HL_DIR_C2S));
  g_assert_false (hl_tls_crypto_can_skip (tc, HL_DIR_C2S));

  /* Early data before the ServerHello: the suite is found by trial. */
  out = open_hex (tc, HL_DIR_C2S, RFC8448_4_EARLY_RECORD, 23);
  g_assert_cmpmem (out->data, out->len, "ABCDEF", 6);
  g_assert_true (hl_tls_crypto_last_was_early_data (tc));
  g_byte_array_unref (out);

  add_hex (tc, RFC8448_4_SERVER_HELLO);
  g_assert_true (hl_tls_crypto_set_params (tc, 0x0304, 0x1301, g_bytes_get_data (cr, NULL),
                                           g_bytes_get_data (sr, NULL), FALSE, FALSE));
  out = open_hex (tc, HL_DIR_S2C, RFC8448_4_SERVER_FLIGHT, 22);
  g_assert_false (hl_tls_crypto_last_was_early_data (tc));
  g_assert_cmpuint (add_flight (tc, HL_DIR_S2C, out, &fin), ==, 2);
  g_assert_cmpuint (out->data[0], ==, 8);
  g_assert_cmpint (fin, ==, 1);
  g_byte_array_unref (out);
  hl_tls_crypto_handshake_done (tc, HL_DIR_S2C);

  out = open_hex (tc, HL_DIR_C2S, RFC8448_4_EOED_RECORD, 22);
  g_assert_cmpmem (out->data, out->len, "\x05\x00\x00\x00", 4);
  g_assert_true (hl_tls_crypto_last_was_early_data (tc));
  hl_tls_crypto_add_handshake (tc, out->data, out->len);
  g_byte_array_unref (out);

  out = open_hex (tc, HL_DIR_C2S, RFC8448_4_CLIENT_FINISHED_RECORD, 22);
  g_assert_false (hl_tls_crypto_last_was_early_data (tc));
  fin = -2;
  g_assert_cmpuint (add_flight (tc, HL_DIR_C2S, out, &fin), ==, 1);
  g_assert_cmpint (fin, ==, 1);
  g_byte_array_unref (out);
  hl_tls_crypto_handshake_done (tc, HL_DIR_C2S);
  g_assert_true (hl_tls_crypto_can_skip (tc, HL_DIR_C2S));

  out = open_hex (tc, HL_DIR_C2S, RFC8448_4_CLIENT_APP_RECORD, 23);
  check_app_data (out);
  g_byte_array_unref (out);
  out = open_hex (tc, HL_DIR_S2C, RFC8448_4_SERVER_APP_RECORD, 23);
  check_app_data (out);
  g_byte_array_unref (out);
  hl_tls_crypto_free (tc);

  /* The same handshake when the ServerHello is processed before the early
   * record: the early keys are tried first, then the handshake keys. */
  tc = hl_tls_crypto_new (k);
  add_hex (tc, RFC8448_4_CLIENT_HELLO);
  add_hex (tc, RFC8448_4_SERVER_HELLO);
  g_assert_true (hl_tls_crypto_set_params (tc, 0x0304, 0x1301, g_bytes_get_data (cr, NULL),
                                           g_bytes_get_data (sr, NULL), FALSE, FALSE));
  out = open_hex (tc, HL_DIR_C2S, RFC8448_4_EARLY_RECORD, 23);
  g_assert_true (hl_tls_crypto_last_was_early_data (tc));
  g_byte_array_unref (out);
  out = open_hex (tc, HL_DIR_C2S, RFC8448_4_EOED_RECORD, 22);
  g_assert_true (hl_tls_crypto_last_was_early_data (tc));
  g_byte_array_unref (out);
  /* Without the EndOfEarlyData added, trial decryption still finds the
   * handshake keys. */
  out = open_hex (tc, HL_DIR_C2S, RFC8448_4_CLIENT_FINISHED_RECORD, 22);
  g_assert_false (hl_tls_crypto_last_was_early_data (tc));
  g_assert_cmpuint (out->data[0], ==, 20);
  g_byte_array_unref (out);
  hl_tls_crypto_free (tc);
}

/* Section 4 with no early secret in the key log: the early records cannot be
 * read, and do not disturb the client's handshake sequence numbers. */
static void
test_rfc8448_early_data_unknown (void)
{
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  g_autoptr (GBytes) cr = hl_test_unhex (RFC8448_4_CLIENT_RANDOM);
  g_autoptr (GBytes) sr = hl_test_unhex (RFC8448_4_SERVER_RANDOM);
  g_autoptr (GBytes) early = hl_test_unhex (RFC8448_4_EARLY_RECORD);
  g_autoptr (GBytes) eoed = hl_test_unhex (RFC8448_4_EOED_RECORD);
  g_autoptr (GByteArray) out = g_byte_array_new ();
  HlTlsCrypto *tc;
  GByteArray *fin;
  gsize n;
  const guint8 *p;
  guint8 inner = 0;

  keylog_add_hex (k, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", RFC8448_4_CLIENT_RANDOM, RFC8448_4_CLIENT_HS_SECRET);
  keylog_add_hex (k, "SERVER_HANDSHAKE_TRAFFIC_SECRET", RFC8448_4_CLIENT_RANDOM, RFC8448_4_SERVER_HS_SECRET);

  tc = hl_tls_crypto_new (k);
  add_hex (tc, RFC8448_4_CLIENT_HELLO);
  g_assert_true (hl_tls_crypto_is_active (tc, HL_DIR_C2S));
  g_assert_false (hl_tls_crypto_has_keys (tc, HL_DIR_C2S));

  /* The middlebox-compatibility CCS after the ClientHello passes through. */
  g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_C2S, 20, 0x0303, (const guint8 *) "\x01", 1,
                                          &inner, out), ==, HL_DECRYPT_OK);
  g_assert_cmpuint (inner, ==, 20);
  g_assert_cmpmem (out->data, out->len, "\x01", 1);
  g_byte_array_set_size (out, 0);

  p = g_bytes_get_data (early, &n);
  g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_C2S, 23, 0x0303, p, n, NULL, out), ==,
                   HL_DECRYPT_NO_KEY);
  add_hex (tc, RFC8448_4_SERVER_HELLO);
  g_assert_true (hl_tls_crypto_set_params (tc, 0x0304, 0x1301, g_bytes_get_data (cr, NULL),
                                           g_bytes_get_data (sr, NULL), FALSE, FALSE));
  /* The EndOfEarlyData under unknown early keys, after the ServerHello. */
  p = g_bytes_get_data (eoed, &n);
  g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_C2S, 23, 0x0303, p, n, NULL, out), ==,
                   HL_DECRYPT_NO_KEY);
  g_assert_cmpuint (out->len, ==, 0);
  /* The client's first handshake record still opens at sequence 0. */
  fin = open_hex (tc, HL_DIR_C2S, RFC8448_4_CLIENT_FINISHED_RECORD, 22);
  g_assert_cmpuint (fin->data[0], ==, 20);
  g_assert_false (hl_tls_crypto_last_was_early_data (tc));
  g_assert_true (hl_tls_crypto_can_skip (tc, HL_DIR_C2S));
  g_byte_array_unref (fin);
  hl_tls_crypto_free (tc);
}

/* Section 5: HelloRetryRequest; the Finished values prove the transcript
 * rule of RFC 8446 4.4.1. */
static void
test_rfc8448_hrr (void)
{
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  g_autoptr (GBytes) cr = hl_test_unhex (RFC8448_5_CLIENT_RANDOM);
  g_autoptr (GBytes) sr = hl_test_unhex (RFC8448_5_SERVER_RANDOM);
  HlTlsCrypto *tc;
  GByteArray *out;
  int fin = -2;

  keylog_add_hex (k, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", RFC8448_5_CLIENT_RANDOM, RFC8448_5_CLIENT_HS_SECRET);
  keylog_add_hex (k, "SERVER_HANDSHAKE_TRAFFIC_SECRET", RFC8448_5_CLIENT_RANDOM, RFC8448_5_SERVER_HS_SECRET);
  keylog_add_hex (k, "CLIENT_TRAFFIC_SECRET_0", RFC8448_5_CLIENT_RANDOM, RFC8448_5_CLIENT_AP_SECRET);
  keylog_add_hex (k, "SERVER_TRAFFIC_SECRET_0", RFC8448_5_CLIENT_RANDOM, RFC8448_5_SERVER_AP_SECRET);

  for (int with_rule = 1; with_rule >= 0; with_rule--)
    {
      tc = hl_tls_crypto_new (k);
      add_hex (tc, RFC8448_5_CLIENT_HELLO1);
      if (with_rule)
        hl_tls_crypto_note_hrr (tc, 0x1301);
      add_hex (tc, RFC8448_5_HRR);
      add_hex (tc, RFC8448_5_CLIENT_HELLO2);
      add_hex (tc, RFC8448_5_SERVER_HELLO);
      g_assert_true (hl_tls_crypto_set_params (tc, 0x0304, 0x1301, g_bytes_get_data (cr, NULL),
                                               g_bytes_get_data (sr, NULL), FALSE, FALSE));
      out = open_hex (tc, HL_DIR_S2C, RFC8448_5_SERVER_FLIGHT, 22);
      fin = -2;
      g_assert_cmpuint (add_flight (tc, HL_DIR_S2C, out, &fin), ==, 4);
      /* Without the message_hash rule the transcript is wrong. */
      g_assert_cmpint (fin, ==, with_rule ? 1 : 0);
      g_byte_array_unref (out);
      hl_tls_crypto_handshake_done (tc, HL_DIR_S2C);

      out = open_hex (tc, HL_DIR_C2S, RFC8448_5_CLIENT_FINISHED_RECORD, 22);
      fin = -2;
      add_flight (tc, HL_DIR_C2S, out, &fin);
      g_assert_cmpint (fin, ==, with_rule ? 1 : 0);
      g_byte_array_unref (out);
      hl_tls_crypto_handshake_done (tc, HL_DIR_C2S);

      out = open_hex (tc, HL_DIR_C2S, RFC8448_5_CLIENT_ALERT_RECORD, 21);
      g_assert_cmpmem (out->data, out->len, "\x01\x00", 2);
      g_byte_array_unref (out);
      out = open_hex (tc, HL_DIR_S2C, RFC8448_5_SERVER_ALERT_RECORD, 21);
      g_assert_cmpmem (out->data, out->len, "\x01\x00", 2);
      g_byte_array_unref (out);
      hl_tls_crypto_free (tc);
    }
}

/* ======================================================================
 * Hostile input
 * ====================================================================== */

static void
random_bytes (guint8 *p, gsize n)
{
  for (gsize i = 0; i < n; i++)
    p[i] = g_test_rand_int_range (0, 256);
}

/* Random handshake messages, records and Finished values against every
 * cipher family: nothing opens, nothing crashes (run under ASan). */
static void
test_garbage (void)
{
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  guint8 cr[32], sr[32], secret[48], buf[700];
  guint16 versions[G_N_ELEMENTS (cases) + 5], suites[G_N_ELEMENTS (cases) + 5];
  guint n = 0;

  pattern (cr, 32, 1);
  pattern (sr, 32, 2);
  pattern (secret, 48, 3);
  hl_keylog_add_secret (k, "CLIENT_RANDOM", cr, secret, 48);
  hl_keylog_add_secret (k, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", cr, secret, 32);
  hl_keylog_add_secret (k, "SERVER_HANDSHAKE_TRAFFIC_SECRET", cr, secret, 32);
  hl_keylog_add_secret (k, "CLIENT_EARLY_TRAFFIC_SECRET", cr, secret, 32);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++, n++)
    {
      versions[n] = cases[i].version;
      suites[n] = cases[i].suite;
    }
  for (guint16 s = 0x1301; s <= 0x1305; s++, n++)
    {
      versions[n] = 0x0304;
      suites[n] = s;
    }

  for (guint i = 0; i < n; i++)
    {
      HlTlsCrypto *tc = hl_tls_crypto_new (k);
      g_autoptr (GByteArray) out = g_byte_array_new ();

      /* A ClientHello with early_data for cr, then random messages. */
      {
        static const guint8 tail[] = { 0, 0, 2, 0x13, 0x01, 1, 0, 0, 4, 0, 42, 0, 0 };
        guint8 ch[4 + 2 + 32 + sizeof tail] = { 1, 0, 0, 2 + 32 + sizeof tail, 3, 3 };

        memcpy (ch + 6, cr, 32);
        memcpy (ch + 38, tail, sizeof tail);
        hl_tls_crypto_add_handshake (tc, ch, sizeof ch);
      }
      for (guint j = 0; j < 50; j++)
        {
          gsize len = g_test_rand_int_range (0, 300);

          random_bytes (buf, len);
          if (len > 0 && j % 3 == 0)
            buf[0] = 1;   /* a ClientHello of garbage */
          hl_tls_crypto_add_handshake (tc, buf, len);
          if (j == 10)
            hl_tls_crypto_note_hrr (tc, g_test_rand_int_range (0, 0x10000));
        }
      for (guint j = 0; j < 30; j++)
        {
          gsize len = g_test_rand_int_range (0, 100);

          random_bytes (buf, len);
          g_assert_cmpint (hl_tls_crypto_decrypt (tc, HL_DIR_C2S, 23, 0x0303, buf, len, NULL, out), !=,
                           HL_DECRYPT_OK);
        }
      hl_tls_crypto_set_params (tc, versions[i], suites[i], cr, sr, i % 2, i % 3 == 0);
      random_bytes (buf, 130);
      hl_tls_crypto_set_encrypted_premaster (tc, buf, 130);
      hl_tls_crypto_activate (tc, HL_DIR_C2S);
      hl_tls_crypto_activate (tc, HL_DIR_S2C);
      for (guint j = 0; j < 300; j++)
        {
          HlDirection dir = j % 2;
          gsize len = g_test_rand_int_range (0, sizeof buf);

          random_bytes (buf, len);
          g_assert_cmpint (hl_tls_crypto_decrypt (tc, dir, 21 + j % 4, 0x0300 + j % 5, buf, len,
                                                  NULL, out), !=, HL_DECRYPT_OK);
          if (j % 50 == 0)
            hl_tls_crypto_key_update (tc, dir);
          if (j % 70 == 0)
            hl_tls_crypto_skip_record (tc, dir);
          g_assert_cmpint (hl_tls_crypto_verify_finished (tc, dir, buf, MIN (len, 48)), !=, 1);
        }
      g_assert_cmpuint (out->len, ==, 0);
      hl_tls_crypto_handshake_done (tc, HL_DIR_C2S);
      hl_tls_crypto_handshake_done (tc, HL_DIR_S2C);
      g_assert_cmpint (hl_tls_crypto_verify_finished (tc, HL_DIR_S2C, NULL, 0), ==, -1);
      hl_tls_crypto_free (tc);
    }
}

/* ======================================================================
 * Suite table
 * ====================================================================== */

/* Our table agrees with GnuTLS on every suite both know. */
static void
test_suite_table_vs_gnutls (void)
{
  const char *name;
  guint8 id[2];
  gnutls_kx_algorithm_t kx;
  gnutls_cipher_algorithm_t cipher;
  gnutls_mac_algorithm_t mac;
  gnutls_protocol_t min;
  guint compared = 0;

  for (size_t i = 0; (name = gnutls_cipher_suite_info (i, id, &kx, &cipher, &mac, &min)); i++)
    {
      const HlCipherSuite *s = hl_cipher_suite_lookup (id[0] << 8 | id[1]);

      if (s == NULL)
        {
          g_test_message ("GnuTLS suite not decrypted: %s (0x%02x%02x)", name, id[0], id[1]);
          continue;
        }
      compared++;
      g_assert_cmpint (s->cipher, ==, cipher);
      g_assert_cmpuint (s->key_len, ==, gnutls_cipher_get_key_size (cipher));
      if (mac == GNUTLS_MAC_AEAD)
        g_assert_true (s->kind == HL_CIPHER_AEAD || s->kind == HL_CIPHER_AEAD_XOR);
      else
        {
          g_assert_cmpint (s->mac, ==, mac);
          g_assert_cmpuint (s->mac_len, ==, gnutls_hmac_get_len (mac));
        }
      if (s->kind == HL_CIPHER_CBC)
        g_assert_cmpuint (s->block_len, ==, gnutls_cipher_get_block_size (cipher));
      g_assert_cmpint (s->tls13, ==, (id[0] == 0x13));
    }
  g_assert_cmpuint (compared, >=, 100);

  /* No duplicate ids. */
  for (guint i = 0; i < hl_cipher_suite_count (); i++)
    g_assert_true (hl_cipher_suite_lookup (hl_cipher_suite_nth (i)->id) == hl_cipher_suite_nth (i));
}

/* Every suite negotiated in the corpus captures, and all TLS 1.3 suites. */
static void
test_corpus_suites_supported (void)
{
  static const guint16 ids[] = {
    0x0005, 0x002f, 0x0033, 0x0039, 0x009c, 0x009d, 0x009f, 0xc010, 0xc013, 0xc014,
    0xc018, 0xc027, 0xc02b, 0xc02c, 0xc02f, 0xc030,
    0x1301, 0x1302, 0x1303, 0x1304, 0x1305,
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_true (hl_tls_crypto_suite_supported (ids[i]));
  g_assert_false (hl_tls_crypto_suite_supported (0x0000));
  g_assert_false (hl_tls_crypto_suite_supported (0xffff));
}

/* ======================================================================
 * Corpus captures: replay each TLS stream (tshark "follow,tcp,raw")
 * ====================================================================== */

typedef struct {
  guint    connections;
  guint    decrypted;
  guint    not_ok;          /* any result but OK */
  guint    finished_ok;
  guint    finished_bad;
  guint    finished_unknown;
  GString *alerts;          /* readable alerts "level.desc", sorted */
  guint    app_records;     /* decrypted application data records */
  guint    key_updates;
  guint    early;
  guint    renegotiations;
  gboolean tls13;
} ReplayStats;

typedef struct {
  HlTlsCrypto *tc;
  ReplayStats *st;
  GByteArray  *rec[2];      /* unparsed record bytes */
  GByteArray  *hs[2];       /* handshake message bytes */
  gboolean     synced[2];
  gboolean     tls13;
  guint        client_hellos;
  guint8       client_random[32];
  GPtrArray   *alerts;
} Replay;

static gboolean
find_ext (HlReader *exts, guint16 want, HlReader *body)
{
  while (hl_reader_remaining (exts) >= 4)
    {
      guint16 type = hl_reader_u16 (exts);
      HlReader b = hl_reader_vec16 (exts, 0, 0xffff);

      if (type == want)
        {
          *body = b;
          return TRUE;
        }
    }
  return FALSE;
}

static void
replay_message (Replay *r, HlDirection dir, const guint8 *m, gsize len)
{
  static const guint8 hrr_random[32] = {
    0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
    0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
  };
  if (g_getenv ("HL_REPLAY_TRACE"))
    g_test_message ("%s handshake %u len %zu", dir ? "s2c" : "c2s", m[0], len);
  switch (m[0])
    {
    case 1:   /* ClientHello */
      if (len >= 4 + 2 + 32)
        memcpy (r->client_random, m + 6, 32);
      if (r->client_hellos++ > 0 && !r->tls13)
        r->st->renegotiations++;
      hl_tls_crypto_add_handshake (r->tc, m, len);
      break;

    case 2:   /* ServerHello */
      {
        HlReader rd, exts, body;
        guint16 version, suite;
        const guint8 *random;
        gboolean etm = FALSE, ems = FALSE;

        hl_reader_init (&rd, m + 4, len - 4);
        version = hl_reader_u16 (&rd);
        random = hl_reader_bytes (&rd, 32);
        hl_reader_vec8 (&rd, 0, 32);
        suite = hl_reader_u16 (&rd);
        hl_reader_u8 (&rd);
        g_assert_true (hl_reader_ok (&rd));
        if (hl_reader_remaining (&rd) >= 2)
          {
            HlReader all = hl_reader_vec16 (&rd, 0, 0xffff);

            exts = all;
            if (find_ext (&exts, 43, &body))
              version = hl_reader_u16 (&body);
            exts = all;
            etm = find_ext (&exts, 22, &body);
            exts = all;
            ems = find_ext (&exts, 23, &body);
          }
        if (memcmp (random, hrr_random, 32) == 0)
          {
            hl_tls_crypto_note_hrr (r->tc, suite);
            hl_tls_crypto_add_handshake (r->tc, m, len);
            break;
          }
        hl_tls_crypto_add_handshake (r->tc, m, len);
        r->tls13 = version >= 0x0304;
        r->st->tls13 |= r->tls13;
        hl_tls_crypto_set_params (r->tc, version, suite, r->client_random, random, etm, ems);
      }
      break;

    case 20:  /* Finished */
      if (g_getenv ("HL_REPLAY_TRACE"))
        g_test_message ("finished %s -> %d", dir ? "s2c" : "c2s", hl_tls_crypto_verify_finished (r->tc, dir, m + 4, len - 4));
      switch (hl_tls_crypto_verify_finished (r->tc, dir, m + 4, len - 4))
        {
        case 1: r->st->finished_ok++; break;
        case 0: r->st->finished_bad++; break;
        default: r->st->finished_unknown++; break;
        }
      hl_tls_crypto_add_handshake (r->tc, m, len);
      if (r->tls13)
        hl_tls_crypto_handshake_done (r->tc, dir);
      break;

    case 24:  /* KeyUpdate */
      hl_tls_crypto_add_handshake (r->tc, m, len);
      hl_tls_crypto_key_update (r->tc, dir);
      r->st->key_updates++;
      break;

    default:
      hl_tls_crypto_add_handshake (r->tc, m, len);
      break;
    }
}

static void
replay_record (Replay *r, HlDirection dir, guint8 type, guint16 version, const guint8 *body, gsize len)
{
  g_autoptr (GByteArray) plain = g_byte_array_new ();
  const guint8 *p = body;
  gsize n = len;

  if (type == 20)
    {
      if (!r->tls13)
        hl_tls_crypto_activate (r->tc, dir);
      return;
    }
  if (hl_tls_crypto_is_active (r->tc, dir))
    {
      guint8 inner = 0;
      HlDecryptResult res = hl_tls_crypto_decrypt (r->tc, dir, type, version, body, len, &inner, plain);

      if (g_getenv ("HL_REPLAY_TRACE"))
        g_test_message ("%s type %u len %zu -> %d inner %u", dir ? "s2c" : "c2s", type, len, res, inner);
      if (res != HL_DECRYPT_OK)
        {
          r->st->not_ok++;
          return;
        }
      r->st->decrypted++;
      if (hl_tls_crypto_last_was_early_data (r->tc))
        r->st->early++;
      type = inner;
      p = plain->data;
      n = plain->len;
      if (type == 23)
        r->st->app_records++;
    }

  if (type == 21 && n >= 2)
    g_ptr_array_add (r->alerts, g_strdup_printf ("%u.%u", p[0], p[1]));
  else if (type == 22)
    {
      GByteArray *hs = r->hs[dir];

      g_byte_array_append (hs, p, n);
      while (hs->len >= 4)
        {
          gsize mlen = 4 + ((gsize) hs->data[1] << 16 | hs->data[2] << 8 | hs->data[3]);

          if (hs->len < mlen)
            break;
          replay_message (r, dir, hs->data, mlen);
          g_byte_array_remove_range (hs, 0, mlen);
        }
    }
}

static void
replay_bytes (Replay *r, HlDirection dir, const guint8 *data, gsize len)
{
  GByteArray *b = r->rec[dir];

  g_byte_array_append (b, data, len);
  /* Skip a plaintext preamble (e.g. MySQL) up to the first handshake record. */
  while (!r->synced[dir] && b->len >= 3)
    {
      if (b->data[0] == 22 && b->data[1] == 3 && b->data[2] <= 4)
        r->synced[dir] = TRUE;
      else
        g_byte_array_remove_range (b, 0, 1);
    }
  while (r->synced[dir] && b->len >= 5)
    {
      gsize rlen = (gsize) b->data[3] << 8 | b->data[4];

      if (b->len < 5 + rlen)
        break;
      replay_record (r, dir, b->data[0], b->data[1] << 8 | b->data[2], b->data + 5, rlen);
      g_byte_array_remove_range (b, 0, 5 + rlen);
    }
}

static int
cmp_str_ptr (const char **a, const char **b)
{
  return strcmp (*a, *b);
}

static gboolean
have_tshark (void)
{
  g_autofree char *path = g_find_program_in_path ("tshark");
  return path != NULL;
}

/* Replays every TCP stream of a capture; FALSE (test skipped) when the
 * corpus or tshark is missing. */
static gboolean
replay_capture (const char *file, const char *keylog_file, ReplayStats *st)
{
  const char *corpus = g_getenv ("HL_CORPUS");
  g_autofree char *path = NULL, *out = NULL, *streams = NULL;
  g_autoptr (HlKeylog) k = hl_keylog_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = NULL;
  GHashTable *seen;
  Replay r = { 0 };
  int status = 0;

  memset (st, 0, sizeof *st);
  st->alerts = g_string_new (NULL);
  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("HL_CORPUS not available");
      return FALSE;
    }
  if (!have_tshark ())
    {
      g_test_skip ("tshark not installed");
      return FALSE;
    }
  path = g_build_filename (corpus, file, NULL);
  if (keylog_file)
    {
      g_autofree char *kpath = g_build_filename (corpus, keylog_file, NULL);
      g_assert_true (hl_keylog_load_file (k, kpath, &error));
      g_assert_no_error (error);
    }

  /* The stream indexes, then one follow per stream. */
  {
    const char *list_argv[] = { "tshark", "-r", path, "-Y", "tcp.len > 0", "-T", "fields",
                                "-e", "tcp.stream", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) list_argv, NULL,
                                 G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &streams, NULL, &status, &error));
    g_assert_no_error (error);
  }
  g_ptr_array_add (argv, g_strdup ("tshark"));
  g_ptr_array_add (argv, g_strdup ("-r"));
  g_ptr_array_add (argv, g_strdup (path));
  g_ptr_array_add (argv, g_strdup ("-q"));
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lines = g_strsplit (streams, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (*lines[i] && !g_hash_table_contains (seen, lines[i]))
      {
        g_hash_table_add (seen, g_strdup (lines[i]));
        g_ptr_array_add (argv, g_strdup ("-z"));
        g_ptr_array_add (argv, g_strdup_printf ("follow,tcp,raw,%s", lines[i]));
      }
  g_hash_table_unref (seen);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);

  g_strfreev (lines);
  lines = g_strsplit (out, "\n", -1);
  r.alerts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; lines[i]; i++)
    {
      const char *l = lines[i];

      if (g_str_has_prefix (l, "Filter:"))
        {
          /* a new stream */
          if (r.tc)
            hl_tls_crypto_free (r.tc);
          for (int d = 0; d < 2; d++)
            {
              if (r.rec[d])
                g_byte_array_unref (r.rec[d]);
              if (r.hs[d])
                g_byte_array_unref (r.hs[d]);
              r.rec[d] = g_byte_array_new ();
              r.hs[d] = g_byte_array_new ();
              r.synced[d] = FALSE;
            }
          r.tc = hl_tls_crypto_new (k);
          r.st = st;
          r.tls13 = FALSE;
          r.client_hellos = 0;
          st->connections++;
          continue;
        }
      if (r.tc == NULL || *l == '\0' || g_str_has_prefix (l, "Node") || g_str_has_prefix (l, "===")
          || g_str_has_prefix (l, "Follow"))
        continue;
      {
        HlDirection dir = *l == '\t' ? HL_DIR_S2C : HL_DIR_C2S;
        g_autoptr (GBytes) bytes = hl_test_unhex (l);
        gsize n;
        const guint8 *p = g_bytes_get_data (bytes, &n);

        replay_bytes (&r, dir, p, n);
      }
    }
  if (r.tc)
    hl_tls_crypto_free (r.tc);
  for (int d = 0; d < 2; d++)
    {
      if (r.rec[d])
        g_byte_array_unref (r.rec[d]);
      if (r.hs[d])
        g_byte_array_unref (r.hs[d]);
    }
  /* Streams come out of tshark in no promised order: sort the alerts. */
  g_ptr_array_sort (r.alerts, (GCompareFunc) cmp_str_ptr);
  for (guint i = 0; i < r.alerts->len; i++)
    g_string_append_printf (st->alerts, "%s%s", i ? " " : "", (char *) r.alerts->pdata[i]);
  g_ptr_array_unref (r.alerts);
  g_test_message ("%s: conns %u decrypted %u not_ok %u finished %u/%u/%u alerts \"%s\" "
                  "app %u keyupd %u early %u reneg %u",
                  file, st->connections, st->decrypted, st->not_ok, st->finished_ok,
                  st->finished_bad, st->finished_unknown, st->alerts->str, st->app_records,
                  st->key_updates, st->early, st->renegotiations);
  return TRUE;
}

typedef struct {
  const char *capture;
  const char *keylog;
  guint       decrypted;
  guint       finished_ok;
  const char *alerts;
  guint       app_records;
  guint       key_updates;
  guint       renegotiations;
  guint       not_ok;
} CorpusCase;

/* Expected figures.  Finished, alert, KeyUpdate and application data counts
 * agree with tshark 4.0 decrypting the same captures with the same key logs.
 * hotplace__tls12renogotiation: the key log lacks the second (encrypted)
 * ClientHello's secret, so the five records after the renegotiation's CCS
 * stay unreadable, as in tshark. */
static const CorpusCase corpus_cases[] = {
  /* capture, key log, decrypted, Finished ok, alerts, app data, KeyUpdates, renegotiations, not ok */
  { "snet__ssl3_0.pcap", "snet__ssl3_0.keylog", 27, 2, "1.0", 24, 0, 0, 0 },
  { "snet__tls1_0.pcap", "snet__tls1_0.keylog", 35, 2, "1.0", 32, 0, 0, 0 },
  { "snet__tls1_1.pcap", "snet__tls1_1.keylog", 17, 2, "1.0 2.70", 14, 0, 0, 0 },
  { "snet__tls1_2.pcap", "snet__tls1_2.keylog", 19, 2, "1.0", 16, 0, 0, 0 },
  { "snet__tls1_2_dhe_rsa.pcap", "snet__tls1_2_dhe_rsa.keylog", 13, 2, "", 11, 0, 0, 0 },
  { "snet__tls1.2_aes256.pcap", "snet__tls1.2_aes256.keylog", 7, 2, "2.50", 4, 0, 0, 0 },
  { "snet__tls1.3_aes128.pcap", "snet__tls1.3_aes128.keylog", 14, 2, "1.0 1.0", 5, 0, 0, 0 },
  { "snet__tls1.3_keyupdates_aes256.pcap", "snet__tls1.3_keyupdates_aes256.keylog", 20, 2, "1.0 1.0", 9, 2, 0, 0 },
  { "snet__tls1.3_session_resumption.pcap", "snet__tls1.3_session_resumption.keylog", 9, 2, "1.0 1.0", 3, 0, 0, 0 },
  { "snet__tls1.3_curl_google.pcap", "snet__tls1.3_curl_google.keylog", 26, 2, "1.0", 22, 0, 0, 0 },
  { "snet__mTLS1_RSA.pcap", "snet__mTLS1_RSA.keylog", 24, 2, "", 22, 0, 0, 0 },
  { "snet__mTLS1_2_RSA.pcap", "snet__mTLS1_2_RSA.keylog", 11, 2, "", 9, 0, 0, 0 },
  { "snet__mTLS1_3_ECDSA.pcap", "snet__mTLS1_3_ECDSA.keylog", 21, 2, "", 11, 0, 0, 0 },
  { "snet__TLS1_AECDH-AES128-SHA.pcap", "snet__TLS1_AECDH-AES128-SHA.keylog", 23, 2, "1.0", 20, 0, 0, 0 },
  { "snet__TLS1_1_ECDHE-RSA-NULL-SHA.pcap", "snet__TLS1_1_ECDHE-RSA-NULL-SHA.keylog", 13, 2, "1.0", 10, 0, 0, 0 },
  { "hotplace__tls12renogotiation.pcapng", "hotplace__tls12renogotiation.keylog", 10, 2, "", 1, 0, 1, 5 },
  { "hotplace__tls12no_renogotiation.pcapng", "hotplace__tls12no_renogotiation.keylog", 6, 2, "1.100 2.40", 1, 0, 1, 0 },
  { "hotplace__tls12etm_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256.pcapng",
    "hotplace__tls12etm_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256.keylog", 5, 2, "1.0 1.0", 1, 0, 0, 0 },
  { "hotplace__tls12mte_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256.pcapng",
    "hotplace__tls12mte_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256.keylog", 5, 2, "1.0 1.0", 1, 0, 0, 0 },
  { "hotplace__tls13_TLS_AES_128_CCM_SHA256_SecP384r1MLKEM1024.pcapng",
    "hotplace__tls13_TLS_AES_128_CCM_SHA256_SecP384r1MLKEM1024.keylog", 10, 2, "1.0 1.0", 1, 0, 0, 0 },
  { "hotplace__http1.pcapng", "hotplace__http1.keylog", 34, 3, "2.46", 22, 0, 0, 0 },
  { "hotplace__http2.pcapng", "hotplace__http2.keylog", 51, 11, "2.46 2.46 2.46", 19, 0, 0, 0 },
  { "hotplace__ubuntu20.pcap", "hotplace__ubuntu20.keylog", 13, 4, "1.0 1.0", 2, 0, 0, 0 },
  { "pcapplusplus__pcapng-example.pcapng", "pcapplusplus__pcapng-example.keylog", 44, 2, "", 42, 0, 0, 0 },
};

static void
test_corpus (gconstpointer data)
{
  const CorpusCase *cc = data;
  ReplayStats st;

  if (!replay_capture (cc->capture, cc->keylog, &st))
    return;
  g_assert_cmpuint (st.not_ok, ==, cc->not_ok);
  g_assert_cmpuint (st.finished_bad, ==, 0);
  g_assert_cmpuint (st.finished_unknown, ==, 0);
  g_assert_cmpuint (st.decrypted, ==, cc->decrypted);
  g_assert_cmpuint (st.finished_ok, ==, cc->finished_ok);
  g_assert_cmpstr (st.alerts->str, ==, cc->alerts);
  g_assert_cmpuint (st.app_records, ==, cc->app_records);
  g_assert_cmpuint (st.key_updates, ==, cc->key_updates);
  g_assert_cmpuint (st.renegotiations, ==, cc->renegotiations);
  g_string_free (st.alerts, TRUE);
}

static void
test_corpus_without_keys (void)
{
  ReplayStats st;

  /* Without a key log nothing decrypts and no encrypted Finished is read. */
  if (!replay_capture ("snet__tls1_2.pcap", NULL, &st))
    return;
  g_assert_cmpuint (st.decrypted, ==, 0);
  g_assert_cmpuint (st.finished_ok, ==, 0);
  g_assert_cmpuint (st.not_ok, ==, 19);
  g_string_free (st.alerts, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/tls-crypto/round-trip/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_round_trip);
    }
  for (guint16 s = 0x1301; s <= 0x1305; s++)
    {
      g_autofree char *path = g_strdup_printf ("/tls-crypto/tls13/0x%04x", s);
      g_test_add_data_func (path, GUINT_TO_POINTER (s), test_tls13_suite);
    }
  g_test_add_func ("/tls-crypto/no-keys", test_no_keys);
  g_test_add_func ("/tls-crypto/finished-tls12", test_finished_tls12);
  g_test_add_func ("/tls-crypto/finished-abbreviated", test_finished_abbreviated);
  g_test_add_func ("/tls-crypto/rsa-premaster", test_rsa_premaster);
  g_test_add_func ("/tls-crypto/rsa-premaster-ems", test_rsa_premaster_ems);
  g_test_add_func ("/tls-crypto/renegotiation", test_renegotiation);
  g_test_add_func ("/tls-crypto/rfc8448/simple", test_rfc8448_simple);
  g_test_add_func ("/tls-crypto/rfc8448/early-data", test_rfc8448_early_data);
  g_test_add_func ("/tls-crypto/rfc8448/early-data-unknown", test_rfc8448_early_data_unknown);
  g_test_add_func ("/tls-crypto/rfc8448/hrr", test_rfc8448_hrr);
  g_test_add_func ("/tls-crypto/garbage", test_garbage);
  g_test_add_func ("/tls-crypto/suites/vs-gnutls", test_suite_table_vs_gnutls);
  g_test_add_func ("/tls-crypto/suites/corpus", test_corpus_suites_supported);
  for (guint i = 0; i < G_N_ELEMENTS (corpus_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/tls-crypto/corpus/%s", corpus_cases[i].capture);
      g_test_add_data_func (path, &corpus_cases[i], test_corpus);
    }
  g_test_add_func ("/tls-crypto/corpus/without-keys", test_corpus_without_keys);
  return g_test_run ();
}
