/* test-tls-prf.c: key derivation against published test vectors. */
#include <string.h>
#include <gnutls/crypto.h>

#include "tls-prf.h"
#include "tls-cipher.h"
#include "tls-test-vectors.h"

static void
assert_bytes (const guint8 *got, gsize got_len, const char *expect_hex)
{
  g_autoptr (GBytes) expect = hl_test_unhex (expect_hex);

  g_assert_cmpmem (got, got_len, g_bytes_get_data (expect, NULL), g_bytes_get_size (expect));
}

/* TLS 1.2 PRF with SHA-256, the vector posted to the IETF TLS list
 * (msg03416), reproduced in BearSSL, Go and other test suites. */
static void
test_prf_sha256 (void)
{
  g_autoptr (GBytes) secret = hl_test_unhex ("9b be 43 6b a9 40 f0 17 b1 76 52 84 9a 71 db 35");
  g_autoptr (GBytes) seed = hl_test_unhex ("a0 ba 9f 93 6c da 31 18 27 a6 f7 96 ff d5 19 8c");
  guint8 out[100];

  g_assert_true (hl_tls_prf (HL_PRF_SHA256, g_bytes_get_data (secret, NULL), 16, "test label",
                             g_bytes_get_data (seed, NULL), 16, out, sizeof out));
  assert_bytes (out, sizeof out,
                "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
                "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
                "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
                "87347b66");
}

/* The SHA-384 vector of the same post. */
static void
test_prf_sha384 (void)
{
  g_autoptr (GBytes) secret = hl_test_unhex ("b80b733d6ceefcdc71566ea48e5567df");
  g_autoptr (GBytes) seed = hl_test_unhex ("cd665cf6a8447dd6ff8b27555edb7465");
  guint8 out[148];

  g_assert_true (hl_tls_prf (HL_PRF_SHA384, g_bytes_get_data (secret, NULL), 16, "test label",
                             g_bytes_get_data (seed, NULL), 16, out, sizeof out));
  assert_bytes (out, sizeof out,
                "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
                "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
                "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
                "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
                "91c8f3a26854308d5eaa3be85e0990703d73e56f");
}

/* TLS 1.0/1.1 PRF (MD5 xor SHA-1): the "PRF Testvector" vector (secret 48
 * bytes of 0xab, seed 64 bytes of 0xcd), as used by BearSSL's tests. */
static void
test_prf_tls10 (void)
{
  guint8 secret[48], seed[64], out[104];

  memset (secret, 0xab, sizeof secret);
  memset (seed, 0xcd, sizeof seed);
  g_assert_true (hl_tls_prf (HL_PRF_TLS10, secret, sizeof secret, "PRF Testvector",
                             seed, sizeof seed, out, sizeof out));
  assert_bytes (out, sizeof out,
                "d3d4d1e349b5d515044666d51de32bab258cb521b6b053463e354832fd976754"
                "443bcf9a296519bc289abcbc1187e4ebd31e602353776c408aafb74cbc85eff6"
                "9255f9788faa184cbb957a9819d84a5d7eb006eb459d3ae8de9810454b8b2d8f"
                "1afbc655a8c9a013");
}

/* Odd-length secrets: the halves share their middle byte (RFC 2246 5). */
static void
test_prf_tls10_odd_secret (void)
{
  guint8 secret[5] = { 1, 2, 3, 4, 5 }, out[20], md5[20], sha[20];

  g_assert_true (hl_tls_prf (HL_PRF_TLS10, secret, 5, "x", NULL, 0, out, sizeof out));
  g_assert_true (hl_tls_p_hash (GNUTLS_MAC_MD5, secret, 3, (const guint8 *) "x", 1, md5, 20));
  g_assert_true (hl_tls_p_hash (GNUTLS_MAC_SHA1, secret + 2, 3, (const guint8 *) "x", 1, sha, 20));
  for (int i = 0; i < 20; i++)
    g_assert_cmpuint (out[i], ==, md5[i] ^ sha[i]);
}

/* The SSL 3.0 expansion written out with GnuTLS hashes (RFC 6101 6.2.2):
 * block i = MD5(secret + SHA1(letters(i) + secret + seed)). */
static void
test_ssl3_prf (void)
{
  guint8 secret[48], seed[64], out[104], expect[112];

  for (int i = 0; i < 48; i++)
    secret[i] = i;
  for (int i = 0; i < 64; i++)
    seed[i] = 0x80 + i;
  g_assert_true (hl_ssl3_prf (secret, sizeof secret, seed, sizeof seed, out, sizeof out));
  for (int i = 0; i < 7; i++)
    {
      guint8 buf[7 + 48 + 64], sha[20], buf2[48 + 20];

      memset (buf, 'A' + i, i + 1);
      memcpy (buf + i + 1, secret, 48);
      memcpy (buf + i + 1 + 48, seed, 64);
      g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_SHA1, buf, i + 1 + 48 + 64, sha), ==, 0);
      memcpy (buf2, secret, 48);
      memcpy (buf2 + 48, sha, 20);
      g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_MD5, buf2, sizeof buf2, expect + 16 * i), ==, 0);
    }
  g_assert_cmpmem (out, sizeof out, expect, sizeof out);
  g_assert_false (hl_ssl3_prf (secret, 48, seed, 64, expect, 26 * 16 + 1));
}

/* RFC 5869 A.1 and A.3 */
static void
test_hkdf_rfc5869 (void)
{
  guint8 ikm[22], prk[32], okm[42];
  g_autoptr (GBytes) salt = hl_test_unhex ("000102030405060708090a0b0c");
  g_autoptr (GBytes) info = hl_test_unhex ("f0f1f2f3f4f5f6f7f8f9");

  memset (ikm, 0x0b, sizeof ikm);
  g_assert_true (hl_hkdf_extract (GNUTLS_MAC_SHA256, g_bytes_get_data (salt, NULL), 13,
                                  ikm, sizeof ikm, prk));
  assert_bytes (prk, 32, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
  g_assert_true (hl_hkdf_expand (GNUTLS_MAC_SHA256, prk, 32, g_bytes_get_data (info, NULL), 10,
                                 okm, sizeof okm));
  assert_bytes (okm, sizeof okm,
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                "34007208d5b887185865");

  /* A.3: no salt, no info */
  g_assert_true (hl_hkdf_extract (GNUTLS_MAC_SHA256, NULL, 0, ikm, sizeof ikm, prk));
  assert_bytes (prk, 32, "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
  g_assert_true (hl_hkdf_expand (GNUTLS_MAC_SHA256, prk, 32, NULL, 0, okm, sizeof okm));
  assert_bytes (okm, sizeof okm,
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                "9d201395faa4b61a96c8");

  /* Longer than 255 hash lengths is refused. */
  g_assert_false (hl_hkdf_expand (GNUTLS_MAC_SHA256, prk, 32, NULL, 0, okm, 255 * 32 + 1));
}

/* RFC 8448 section 3: the key schedule steps that use HKDF-Extract,
 * Derive-Secret and HKDF-Expand-Label. */
static void
test_hkdf_rfc8448_schedule (void)
{
  guint8 zeros[32] = { 0 }, early[32], derived[32], hs[32], empty_hash[32];
  g_autoptr (GBytes) shared = hl_test_unhex (
    "8b d4 05 4f b5 5b 9d 63 fd fb ac f9 f0 4b 9f 0d 35 e6 d6 3f 53 75 63 ef d4 62 72 90 0f 89 49 2d");
  g_autoptr (GBytes) hello_hash = hl_test_unhex (RFC8448_3_HELLO_HASH);
  guint8 shts[32];

  g_assert_true (hl_hkdf_extract (GNUTLS_MAC_SHA256, NULL, 0, zeros, 32, early));
  assert_bytes (early, 32, "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");

  g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_SHA256, "", 0, empty_hash), ==, 0);
  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, early, 32, "derived", empty_hash, 32,
                                       derived, 32));
  assert_bytes (derived, 32, "6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba");

  g_assert_true (hl_hkdf_extract (GNUTLS_MAC_SHA256, derived, 32, g_bytes_get_data (shared, NULL),
                                  32, hs));
  assert_bytes (hs, 32, "1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac");

  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, hs, 32, "s hs traffic",
                                       g_bytes_get_data (hello_hash, NULL), 32, shts, 32));
  assert_bytes (shts, 32, RFC8448_3_SERVER_HS_SECRET);
}

/* RFC 8448 section 3: traffic keys, IVs and finished keys from the
 * handshake traffic secrets. */
static void
test_expand_label_traffic_keys (void)
{
  g_autoptr (GBytes) shts = hl_test_unhex (RFC8448_3_SERVER_HS_SECRET);
  g_autoptr (GBytes) chts = hl_test_unhex (RFC8448_3_CLIENT_HS_SECRET);
  g_autoptr (GBytes) sats = hl_test_unhex (RFC8448_3_SERVER_AP_SECRET);
  guint8 key[16], iv[12], fin[32];

  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, g_bytes_get_data (shts, NULL), 32,
                                       "key", NULL, 0, key, 16));
  assert_bytes (key, 16, "3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc");
  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, g_bytes_get_data (shts, NULL), 32,
                                       "iv", NULL, 0, iv, 12));
  assert_bytes (iv, 12, "5d 31 3e b2 67 12 76 ee 13 00 0b 30");
  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, g_bytes_get_data (shts, NULL), 32,
                                       "finished", NULL, 0, fin, 32));
  assert_bytes (fin, 32, "008d3b66f816ea559f96b537e885c31fc068bf492c652f01f288a1d8cdc19fc8");

  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, g_bytes_get_data (chts, NULL), 32,
                                       "key", NULL, 0, key, 16));
  assert_bytes (key, 16, "dbfaa693d1762c5b666af5d950258d01");
  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, g_bytes_get_data (chts, NULL), 32,
                                       "iv", NULL, 0, iv, 12));
  assert_bytes (iv, 12, "5bd3c71b836e0b76bb73265f");
  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, g_bytes_get_data (chts, NULL), 32,
                                       "finished", NULL, 0, fin, 32));
  assert_bytes (fin, 32, "b80ad01015fb2f0bd65ff7d4da5d6bf83f84821d1f87fdc7d3c75b5a7b42d9c4");

  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, g_bytes_get_data (sats, NULL), 32,
                                       "key", NULL, 0, key, 16));
  assert_bytes (key, 16, "9f02283b6c9c07efc26bb9f2ac92e356");
  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, g_bytes_get_data (sats, NULL), 32,
                                       "iv", NULL, 0, iv, 12));
  assert_bytes (iv, 12, "cf782b88dd83549aadf1e984");
}

/* RFC 8448 section 3: decrypt the server's encrypted handshake record with
 * the derived key/IV (sequence 0) and check the four messages inside, then
 * the server Finished MAC over the transcript. */
static void
test_rfc8448_server_record (void)
{
  g_autoptr (GBytes) record = hl_test_unhex (RFC8448_3_SERVER_FLIGHT);
  g_autoptr (GBytes) ch = hl_test_unhex (RFC8448_3_CLIENT_HELLO);
  g_autoptr (GBytes) sh = hl_test_unhex (RFC8448_3_SERVER_HELLO);
  g_autoptr (GBytes) ee = hl_test_unhex (RFC8448_3_ENCRYPTED_EXTENSIONS);
  g_autoptr (GBytes) fin = hl_test_unhex (RFC8448_3_SERVER_FINISHED);
  g_autoptr (GBytes) hello_hash = hl_test_unhex (RFC8448_3_HELLO_HASH);
  g_autoptr (GBytes) shts = hl_test_unhex (RFC8448_3_SERVER_HS_SECRET);
  g_autoptr (GByteArray) out = g_byte_array_new ();
  g_autoptr (GByteArray) transcript = g_byte_array_new ();
  g_autoptr (HlRecordCipher) rc = NULL;
  const HlCipherSuite *suite = hl_cipher_suite_lookup (0x1301);
  guint8 key[16], iv[12], hash[32], fkey[32], mac[32];
  guint8 inner = 0;
  gsize len;
  const guint8 *p;

  g_assert_cmpuint (g_bytes_get_size (record), ==, 0x2a2);
  g_assert_cmpuint (g_bytes_get_size (ch), ==, 196);
  g_assert_cmpuint (g_bytes_get_size (sh), ==, 90);

  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, g_bytes_get_data (shts, NULL), 32,
                                       "key", NULL, 0, key, 16));
  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, g_bytes_get_data (shts, NULL), 32,
                                       "iv", NULL, 0, iv, 12));
  rc = hl_record_cipher_new (suite, 0x0304, FALSE, NULL, key, iv);
  g_assert_nonnull (rc);

  p = g_bytes_get_data (record, &len);
  g_assert_cmpint (hl_record_cipher_decrypt (rc, 0, 23, 0x0303, p, len, &inner, out), ==,
                   HL_DECRYPT_OK);
  g_assert_cmpuint (inner, ==, 22);
  /* EncryptedExtensions (40) + Certificate (445) + CertificateVerify (136) + Finished (36) */
  g_assert_cmpuint (out->len, ==, 40 + 445 + 136 + 36);
  g_assert_cmpmem (out->data, 40, g_bytes_get_data (ee, NULL), 40);
  g_assert_cmpmem (out->data + 40, 4, "\x0b\x00\x01\xb9", 4);
  g_assert_cmpmem (out->data + 485, 4, "\x0f\x00\x00\x84", 4);
  g_assert_cmpmem (out->data + 621, 36, g_bytes_get_data (fin, NULL), 36);

  /* Transcript Hash(ClientHello + ServerHello) as printed in the RFC. */
  g_byte_array_append (transcript, g_bytes_get_data (ch, NULL), 196);
  g_byte_array_append (transcript, g_bytes_get_data (sh, NULL), 90);
  g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_SHA256, transcript->data, transcript->len, hash), ==, 0);
  g_assert_cmpmem (hash, 32, g_bytes_get_data (hello_hash, NULL), 32);

  /* verify_data = HMAC(finished_key, Hash(CH..CertificateVerify)) */
  g_byte_array_append (transcript, out->data, 621);
  g_assert_cmpint (gnutls_hash_fast (GNUTLS_DIG_SHA256, transcript->data, transcript->len, hash), ==, 0);
  g_assert_true (hl_hkdf_expand_label (GNUTLS_MAC_SHA256, g_bytes_get_data (shts, NULL), 32,
                                       "finished", NULL, 0, fkey, 32));
  g_assert_cmpint (gnutls_hmac_fast (GNUTLS_MAC_SHA256, fkey, 32, hash, 32, mac), ==, 0);
  g_assert_cmpmem (mac, 32, out->data + 625, 32);

  /* The same record at sequence 1 does not authenticate. */
  g_byte_array_set_size (out, 0);
  g_assert_cmpint (hl_record_cipher_decrypt (rc, 1, 23, 0x0303, p, len, &inner, out), ==,
                   HL_DECRYPT_AUTH_FAILED);
  g_assert_cmpuint (out->len, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tls-prf/tls12-sha256", test_prf_sha256);
  g_test_add_func ("/tls-prf/tls12-sha384", test_prf_sha384);
  g_test_add_func ("/tls-prf/tls10", test_prf_tls10);
  g_test_add_func ("/tls-prf/tls10-odd-secret", test_prf_tls10_odd_secret);
  g_test_add_func ("/tls-prf/ssl3", test_ssl3_prf);
  g_test_add_func ("/tls-prf/hkdf-rfc5869", test_hkdf_rfc5869);
  g_test_add_func ("/tls-prf/hkdf-rfc8448-schedule", test_hkdf_rfc8448_schedule);
  g_test_add_func ("/tls-prf/expand-label-traffic-keys", test_expand_label_traffic_keys);
  g_test_add_func ("/tls-prf/rfc8448-server-record", test_rfc8448_server_record);
  return g_test_run ();
}
