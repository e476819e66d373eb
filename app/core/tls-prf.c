/* tls-prf.c: TLS key derivation on GnuTLS HMAC and hashes. */
#include "tls-prf.h"

#include <string.h>
#include <gnutls/crypto.h>

#define PRF_MAX_OUT 1024
#define PRF_MAX_SEED 512

gboolean
hl_tls_p_hash (gnutls_mac_algorithm_t mac, const guint8 *secret, gsize secret_len,
               const guint8 *seed, gsize seed_len, guint8 *out, gsize out_len)
{
  gsize hlen = gnutls_hmac_get_len (mac);
  guint8 a[HL_TLS_MAX_HASH_LEN], block[HL_TLS_MAX_HASH_LEN];
  gnutls_hmac_hd_t h;
  gsize done = 0;

  if (hlen == 0 || hlen > HL_TLS_MAX_HASH_LEN || out_len > PRF_MAX_OUT)
    return FALSE;
  if (gnutls_hmac_init (&h, mac, secret, secret_len) < 0)
    return FALSE;

  /* A(1) = HMAC(secret, seed) */
  if (gnutls_hmac (h, seed, seed_len) < 0)
    goto fail;
  gnutls_hmac_output (h, a);

  while (done < out_len)
    {
      gsize n = MIN (hlen, out_len - done);

      /* HMAC(secret, A(i) + seed) */
      if (gnutls_hmac (h, a, hlen) < 0 || gnutls_hmac (h, seed, seed_len) < 0)
        goto fail;
      gnutls_hmac_output (h, block);
      memcpy (out + done, block, n);
      done += n;

      /* A(i+1) = HMAC(secret, A(i)) */
      if (gnutls_hmac (h, a, hlen) < 0)
        goto fail;
      gnutls_hmac_output (h, a);
    }
  gnutls_hmac_deinit (h, NULL);
  return TRUE;

fail:
  gnutls_hmac_deinit (h, NULL);
  return FALSE;
}

gboolean
hl_ssl3_prf (const guint8 *secret, gsize secret_len, const guint8 *seed, gsize seed_len,
             guint8 *out, gsize out_len)
{
  gsize done = 0;

  if (out_len > 26 * 16)
    return FALSE;
  for (guint i = 1; done < out_len; i++)
    {
      guint8 letters[26], sha[20], md5[16];
      gnutls_hash_hd_t h;

      /* "A", "BB", "CCC", ... */
      memset (letters, 'A' + i - 1, i);
      if (gnutls_hash_init (&h, GNUTLS_DIG_SHA1) < 0)
        return FALSE;
      gnutls_hash (h, letters, i);
      gnutls_hash (h, secret, secret_len);
      gnutls_hash (h, seed, seed_len);
      gnutls_hash_deinit (h, sha);

      if (gnutls_hash_init (&h, GNUTLS_DIG_MD5) < 0)
        return FALSE;
      gnutls_hash (h, secret, secret_len);
      gnutls_hash (h, sha, sizeof sha);
      gnutls_hash_deinit (h, md5);

      memcpy (out + done, md5, MIN (16, out_len - done));
      done += MIN (16, out_len - done);
    }
  return TRUE;
}

gboolean
hl_tls_prf (HlPrfKind kind, const guint8 *secret, gsize secret_len,
            const char *label, const guint8 *seed, gsize seed_len,
            guint8 *out, gsize out_len)
{
  gsize label_len = strlen (label);
  guint8 full[PRF_MAX_SEED];

  if (kind == HL_PRF_SSL3)
    return hl_ssl3_prf (secret, secret_len, seed, seed_len, out, out_len);

  if (label_len + seed_len > sizeof full || out_len > PRF_MAX_OUT)
    return FALSE;
  memcpy (full, label, label_len);
  if (seed_len)
    memcpy (full + label_len, seed, seed_len);

  switch (kind)
    {
    case HL_PRF_SHA256:
      return hl_tls_p_hash (GNUTLS_MAC_SHA256, secret, secret_len, full, label_len + seed_len,
                            out, out_len);
    case HL_PRF_SHA384:
      return hl_tls_p_hash (GNUTLS_MAC_SHA384, secret, secret_len, full, label_len + seed_len,
                            out, out_len);
    case HL_PRF_TLS10:
      {
        /* The two halves overlap by one byte when the length is odd. */
        gsize half = (secret_len + 1) / 2;
        guint8 sha[PRF_MAX_OUT];

        if (!hl_tls_p_hash (GNUTLS_MAC_MD5, secret, half, full, label_len + seed_len, out, out_len)
            || !hl_tls_p_hash (GNUTLS_MAC_SHA1, secret + secret_len - half, half,
                               full, label_len + seed_len, sha, out_len))
          return FALSE;
        for (gsize i = 0; i < out_len; i++)
          out[i] ^= sha[i];
        return TRUE;
      }
    case HL_PRF_SSL3:
    default:
      return FALSE;
    }
}

gboolean
hl_hkdf_extract (gnutls_mac_algorithm_t mac, const guint8 *salt, gsize salt_len,
                 const guint8 *ikm, gsize ikm_len, guint8 *prk)
{
  guint8 zeros[HL_TLS_MAX_HASH_LEN] = { 0 };
  gsize hlen = gnutls_hmac_get_len (mac);

  if (hlen == 0 || hlen > HL_TLS_MAX_HASH_LEN)
    return FALSE;
  /* RFC 5869 2.2: a missing salt is HashLen zeros. */
  if (salt == NULL || salt_len == 0)
    {
      salt = zeros;
      salt_len = hlen;
    }
  return gnutls_hmac_fast (mac, salt, salt_len, ikm, ikm_len, prk) >= 0;
}

gboolean
hl_hkdf_expand (gnutls_mac_algorithm_t mac, const guint8 *prk, gsize prk_len,
                const guint8 *info, gsize info_len, guint8 *out, gsize out_len)
{
  gsize hlen = gnutls_hmac_get_len (mac);
  guint8 t[HL_TLS_MAX_HASH_LEN];
  gnutls_hmac_hd_t h;
  gsize done = 0;

  if (hlen == 0 || hlen > HL_TLS_MAX_HASH_LEN || out_len > 255 * hlen)
    return FALSE;
  if (gnutls_hmac_init (&h, mac, prk, prk_len) < 0)
    return FALSE;

  /* T(i) = HMAC(PRK, T(i-1) | info | i) */
  for (guint8 i = 1; done < out_len; i++)
    {
      gsize n = MIN (hlen, out_len - done);

      if ((i > 1 && gnutls_hmac (h, t, hlen) < 0)
          || (info_len && gnutls_hmac (h, info, info_len) < 0)
          || gnutls_hmac (h, &i, 1) < 0)
        {
          gnutls_hmac_deinit (h, NULL);
          return FALSE;
        }
      gnutls_hmac_output (h, t);
      memcpy (out + done, t, n);
      done += n;
    }
  gnutls_hmac_deinit (h, NULL);
  return TRUE;
}

gboolean
hl_hkdf_expand_label (gnutls_mac_algorithm_t mac, const guint8 *secret, gsize secret_len,
                      const char *label, const guint8 *context, gsize context_len,
                      guint8 *out, gsize out_len)
{
  static const char prefix[] = "tls13 ";
  gsize label_len = strlen (label) + sizeof prefix - 1;
  guint8 info[2 + 1 + 255 + 1 + 255];
  gsize n = 0;

  if (label_len > 255 || context_len > 255 || out_len > 0xffff)
    return FALSE;

  /* struct { uint16 length; opaque label<7..255>; opaque context<0..255>; } */
  info[n++] = out_len >> 8;
  info[n++] = out_len & 0xff;
  info[n++] = label_len;
  memcpy (info + n, prefix, sizeof prefix - 1);
  n += sizeof prefix - 1;
  memcpy (info + n, label, label_len - (sizeof prefix - 1));
  n += label_len - (sizeof prefix - 1);
  info[n++] = context_len;
  if (context_len)
    memcpy (info + n, context, context_len);
  n += context_len;

  return hl_hkdf_expand (mac, secret, secret_len, info, n, out, out_len);
}
