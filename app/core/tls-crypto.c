/* tls-crypto.c: key schedule, transcript and record decryption of one
 * connection (RFC 6101, 2246, 4346, 5246, 7627, 8446). */
#include "tls-crypto.h"

#include <string.h>
#include <gnutls/crypto.h>

#include "reader.h"
#include "tls-cipher.h"
#include "tls-names.h"
#include "tls-prf.h"

#define MAX_TRANSCRIPT (8u * 1024 * 1024)
#define MAX_KEY_BLOCK  (2 * 48 + 2 * 32 + 2 * 16)
#define MASTER_LEN     48
/* Bytes of transcript kept in the connection's own struct: a TLS 1.3
 * ClientHello and ServerHello fit, so most connections never allocate
 * for it; a TLS 1.2 one with its certificates moves to the heap once. */
#define TRANSCRIPT_INLINE 1024
/* Distinct TLS 1.3 suites this build knows (tls-cipher.c), with room. */
#define MAX_OFFERED13  8

typedef struct {
  guint8 *data;        /* inline_data, or the heap once that was too small */
  gsize   len, cap;
  guint8  inline_data[TRANSCRIPT_INLINE];
} Transcript;

typedef struct {
  gboolean        active;        /* records in this direction are protected */
  gboolean        have_secret;   /* the secret behind the current keys is known */
  gboolean        hs_done;       /* TLS 1.3: on application traffic secrets */
  guint8          secret[HL_TLS_MAX_HASH_LEN];     /* TLS 1.3 current traffic secret */
  gsize           secret_len;
  guint8          hs_secret[HL_TLS_MAX_HASH_LEN];  /* TLS 1.3 handshake traffic secret */
  gsize           hs_secret_len;
  HlRecordCipher *cipher;
  guint64         seq;
} DirState;

struct _HlTlsCrypto {
  HlKeylog            *keylog;

  Transcript           transcript;
  gboolean             transcript_broken;
  gsize                cke_end;        /* transcript length after ClientKeyExchange */

  /* From the ClientHello */
  guint8               ch_random[32];
  /* the offered suites the 0-RTT trial can use: TLS 1.3 ones this build
   * knows, in offer order, each once */
  guint16              offered13[MAX_OFFERED13];
  guint                n_offered13;
  /* 0-RTT window: the ClientHello offered early_data (no HRR since) and the
   * client's handshake records have not started; c2s records in it may be
   * early data. */
  gboolean             early_offered;

  /* Negotiated */
  gboolean             params_set;
  gboolean             tls13;
  guint16              version;
  const HlCipherSuite *suite;
  guint8               client_random[32];
  guint8               server_random[32];
  gboolean             etm;
  gboolean             ems;
  gboolean             have_master;
  guint8               master[MASTER_LEN];
  gboolean             have_key_block;
  guint8               key_block[MAX_KEY_BLOCK];

  DirState             dir[2];

  /* TLS 1.3 0-RTT keys, when the key log has them */
  guint8               early_secret[HL_TLS_MAX_HASH_LEN];
  gsize                early_secret_len;
  HlRecordCipher      *early_cipher;
  guint64              early_seq;
  gboolean             last_early;
};

static const char *const hs_labels[2] = {
  "CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
};
static const char *const app_labels[2] = {
  "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0",
};

static gboolean
version_is_tls13 (guint16 version)
{
  return version >= 0x0304 || (version & 0xff00) == 0x7f00;
}

static gnutls_digest_algorithm_t
digest_of (gnutls_mac_algorithm_t mac)
{
  return mac == GNUTLS_MAC_SHA384 ? GNUTLS_DIG_SHA384 : GNUTLS_DIG_SHA256;
}

static void
transcript_init (Transcript *t)
{
  t->data = t->inline_data;
  t->len = 0;
  t->cap = sizeof t->inline_data;
}

static void
transcript_clear (Transcript *t)
{
  if (t->data != t->inline_data)
    g_free (t->data);
  transcript_init (t);
}

/* n is capped by the caller (MAX_TRANSCRIPT). */
static void
transcript_append (Transcript *t, const guint8 *p, gsize n)
{
  if (t->len + n > t->cap)
    {
      /* a whole TLS 1.2 handshake with a certificate chain at the first move */
      gsize cap = MAX (MAX (t->cap * 2, t->len + n), 4096);
      if (t->data == t->inline_data)
        {
          t->data = g_malloc (cap);
          memcpy (t->data, t->inline_data, t->len);
        }
      else
        t->data = g_realloc (t->data, cap);
      t->cap = cap;
    }
  memcpy (t->data + t->len, p, n);
  t->len += n;
}

HlTlsCrypto *
hl_tls_crypto_new (HlKeylog *keylog)
{
  HlTlsCrypto *c = g_new0 (HlTlsCrypto, 1);

  c->keylog = keylog ? hl_keylog_ref (keylog) : NULL;
  transcript_init (&c->transcript);
  return c;
}

void
hl_tls_crypto_free (HlTlsCrypto *c)
{
  if (c == NULL)
    return;
  for (int d = 0; d < 2; d++)
    hl_record_cipher_free (c->dir[d].cipher);
  hl_record_cipher_free (c->early_cipher);
  transcript_clear (&c->transcript);
  if (c->keylog)
    hl_keylog_unref (c->keylog);
  memset (c, 0, sizeof *c);
  g_free (c);
}

/* A new ClientHello after a negotiated handshake (renegotiation): a new
 * transcript and new secrets; the record keys stay until the next CCS. */
static void
reset_handshake (HlTlsCrypto *c)
{
  c->transcript.len = 0;
  c->transcript_broken = FALSE;
  c->cke_end = 0;
  c->n_offered13 = 0;
  c->early_offered = FALSE;
  c->params_set = FALSE;
  c->have_master = FALSE;
  c->have_key_block = FALSE;
  memset (c->master, 0, sizeof c->master);
  memset (c->key_block, 0, sizeof c->key_block);
}

static void
parse_client_hello (HlTlsCrypto *c, const guint8 *msg, gsize len)
{
  HlReader r, suites, exts;
  const guint8 *random;

  c->early_offered = FALSE;
  hl_reader_init (&r, msg + 4, len - 4);
  hl_reader_u16 (&r);
  random = hl_reader_bytes (&r, 32);
  hl_reader_vec8 (&r, 0, 32);
  suites = hl_reader_vec16 (&r, 2, 0xfffe);
  hl_reader_vec8 (&r, 1, 0xff);
  if (!hl_reader_ok (&r) || !hl_reader_ok (&suites))
    return;

  memcpy (c->ch_random, random, 32);
  c->n_offered13 = 0;
  while (hl_reader_remaining (&suites) >= 2)
    {
      guint16 id = hl_reader_u16 (&suites);
      const HlCipherSuite *s;
      guint i;

      if ((id >> 8) != 0x13)   /* the TLS 1.3 suites of tls-cipher.c (RFC 8446 B.4) */
        continue;
      for (i = 0; i < c->n_offered13 && c->offered13[i] != id; i++)
        ;
      if (i < c->n_offered13 || c->n_offered13 == MAX_OFFERED13)
        continue;   /* a repeat would only be tried again in vain */
      s = hl_cipher_suite_lookup (id);
      if (s && s->tls13)
        c->offered13[c->n_offered13++] = id;
    }

  if (hl_reader_remaining (&r) >= 2)
    {
      exts = hl_reader_vec16 (&r, 0, 0xffff);
      while (hl_reader_ok (&exts) && hl_reader_remaining (&exts) >= 4)
        {
          guint16 type = hl_reader_u16 (&exts);
          hl_reader_vec16 (&exts, 0, 0xffff);
          if (type == 42 && hl_reader_ok (&exts))   /* early_data */
            c->early_offered = TRUE;
        }
    }

  /* Early data follows the first ClientHello only: a second one (after
   * HRR) has no early_data extension and closes the window. */
  c->early_secret_len = 0;
  c->early_seq = 0;
  hl_record_cipher_free (c->early_cipher);
  c->early_cipher = NULL;
  if (c->early_offered && c->keylog)
    {
      gsize n;
      const guint8 *s = hl_keylog_lookup (c->keylog, "CLIENT_EARLY_TRAFFIC_SECRET", c->ch_random, &n);

      if (s && n <= sizeof c->early_secret)
        {
          memcpy (c->early_secret, s, n);
          c->early_secret_len = n;
        }
    }
}

void
hl_tls_crypto_add_handshake (HlTlsCrypto *c, const guint8 *msg, gsize len)
{
  guint8 type;

  g_return_if_fail (c != NULL);
  if (msg == NULL || len < 4)
    return;

  type = msg[0];
  if (c->params_set && c->tls13)
    {
      /* Post-handshake messages are outside the transcript. */
      if (type == HL_HS_NEW_SESSION_TICKET || type == HL_HS_KEY_UPDATE
          || (c->dir[HL_DIR_C2S].hs_done && c->dir[HL_DIR_S2C].hs_done))
        return;
    }
  else if (type == HL_HS_HELLO_REQUEST)
    return;   /* RFC 5246 7.4.1.1: not included in the hashes */

  if (type == HL_HS_CLIENT_HELLO)
    {
      if (c->params_set)
        reset_handshake (c);
      parse_client_hello (c, msg, len);
    }
  else if (type == HL_HS_END_OF_EARLY_DATA)
    c->early_offered = FALSE;

  if (c->transcript.len + len > MAX_TRANSCRIPT)
    c->transcript_broken = TRUE;
  if (c->transcript_broken)
    return;
  transcript_append (&c->transcript, msg, len);
  if (type == HL_HS_CLIENT_KEY_EXCHANGE)
    c->cke_end = c->transcript.len;
}

void
hl_tls_crypto_note_hrr (HlTlsCrypto *c, guint16 cipher_suite)
{
  const HlCipherSuite *s = hl_cipher_suite_lookup (cipher_suite);
  guint8 hash[HL_TLS_MAX_HASH_LEN];
  guint8 head[4] = { HL_HS_MESSAGE_HASH, 0, 0, 0 };
  gnutls_digest_algorithm_t dig;

  g_return_if_fail (c != NULL);
  if (c->transcript_broken)
    return;
  if (s == NULL || !s->tls13)
    {
      c->transcript_broken = TRUE;
      return;
    }

  /* RFC 8446 4.4.1: ClientHello1 becomes message_hash(Hash(ClientHello1)). */
  dig = digest_of (s->hash);
  head[3] = gnutls_hash_get_len (dig);
  if (gnutls_hash_fast (dig, c->transcript.data, c->transcript.len, hash) < 0)
    {
      c->transcript_broken = TRUE;
      return;
    }
  c->transcript.len = 0;
  transcript_append (&c->transcript, head, 4);
  transcript_append (&c->transcript, hash, head[3]);
}

/* Hash of the first upto bytes of the transcript as the Finished and EMS
 * computations of the negotiated version want it. */
static gsize
transcript_hash (HlTlsCrypto *c, gsize upto, guint8 *out)
{
  const guint8 *t = c->transcript.data;

  if (c->version <= 0x0302)
    {
      if (gnutls_hash_fast (GNUTLS_DIG_MD5, t, upto, out) < 0
          || gnutls_hash_fast (GNUTLS_DIG_SHA1, t, upto, out + 16) < 0)
        return 0;
      return 36;
    }
  if (c->suite == NULL)
    return 0;
  if (gnutls_hash_fast (digest_of (c->suite->hash), t, upto, out) < 0)
    return 0;
  return gnutls_hash_get_len (digest_of (c->suite->hash));
}

static HlPrfKind
prf_kind (HlTlsCrypto *c)
{
  if (c->version < 0x0301)
    return HL_PRF_SSL3;
  if (c->version <= 0x0302)
    return HL_PRF_TLS10;
  return c->suite && c->suite->hash == GNUTLS_MAC_SHA384 ? HL_PRF_SHA384 : HL_PRF_SHA256;
}

static gsize
key_block_len (const HlCipherSuite *s)
{
  return 2 * ((gsize) s->mac_len + s->key_len + s->iv_len);
}

/* key_block = PRF(master, "key expansion", server_random + client_random) */
static void
derive_key_block (HlTlsCrypto *c)
{
  guint8 seed[64];

  c->have_key_block = FALSE;
  if (!c->have_master || c->suite == NULL || c->suite->tls13)
    return;
  memcpy (seed, c->server_random, 32);
  memcpy (seed + 32, c->client_random, 32);
  c->have_key_block = hl_tls_prf (prf_kind (c), c->master, MASTER_LEN, "key expansion",
                                  seed, sizeof seed, c->key_block, key_block_len (c->suite));
}

static HlRecordCipher *
cipher_from_key_block (HlTlsCrypto *c, HlDirection dir)
{
  const HlCipherSuite *s = c->suite;
  const guint8 *kb = c->key_block;
  gsize ml = s->mac_len, kl = s->key_len, il = s->iv_len;
  int side = dir == HL_DIR_C2S ? 0 : 1;

  /* client MAC, server MAC, client key, server key, client IV, server IV */
  return hl_record_cipher_new (s, c->version, c->etm, kb + side * ml,
                               kb + 2 * ml + side * kl, kb + 2 * ml + 2 * kl + side * il);
}

static HlRecordCipher *
cipher_from_secret (const HlCipherSuite *s, const guint8 *secret, gsize len)
{
  guint8 key[32], iv[12];
  HlRecordCipher *rc;

  if (s == NULL || !s->tls13 || s->key_len > sizeof key)
    return NULL;
  /* RFC 8446 7.3 */
  if (!hl_hkdf_expand_label (s->hash, secret, len, "key", NULL, 0, key, s->key_len)
      || !hl_hkdf_expand_label (s->hash, secret, len, "iv", NULL, 0, iv, sizeof iv))
    return NULL;
  rc = hl_record_cipher_new (s, 0x0304, FALSE, NULL, key, iv);
  memset (key, 0, sizeof key);
  return rc;
}

/* TLS 1.3: the direction now uses secret (NULL: unknown). */
static void
install_secret (HlTlsCrypto *c, HlDirection dir, const guint8 *secret, gsize len)
{
  DirState *d = &c->dir[dir];

  hl_record_cipher_free (d->cipher);
  d->cipher = NULL;
  d->seq = 0;
  d->have_secret = FALSE;
  d->secret_len = 0;
  if (secret == NULL || len == 0 || len > sizeof d->secret)
    return;
  memmove (d->secret, secret, len);
  d->secret_len = len;
  d->have_secret = TRUE;
  d->cipher = cipher_from_secret (c->suite, d->secret, len);
}

static const guint8 *
lookup (HlTlsCrypto *c, const char *label, gsize *len)
{
  *len = 0;
  return c->keylog ? hl_keylog_lookup (c->keylog, label, c->client_random, len) : NULL;
}

gboolean
hl_tls_crypto_set_params (HlTlsCrypto *c, guint16 version, guint16 cipher_suite,
                          const guint8 client_random[32], const guint8 server_random[32],
                          gboolean encrypt_then_mac, gboolean extended_master_secret)
{
  g_return_val_if_fail (c != NULL, FALSE);

  c->params_set = TRUE;
  c->version = version;
  c->tls13 = version_is_tls13 (version);
  c->suite = hl_cipher_suite_lookup (cipher_suite);
  if (client_random)
    memcpy (c->client_random, client_random, 32);
  if (server_random)
    memcpy (c->server_random, server_random, 32);
  c->etm = encrypt_then_mac;
  c->ems = extended_master_secret;
  c->have_master = FALSE;
  c->have_key_block = FALSE;

  if (c->tls13)
    {
      gboolean found = FALSE;

      for (int i = 0; i < 2; i++)
        {
          DirState *d = &c->dir[i];
          gsize n;
          const guint8 *s = lookup (c, hs_labels[i], &n);

          d->active = TRUE;
          d->hs_done = FALSE;
          install_secret (c, i, s, n);
          d->hs_secret_len = d->secret_len;
          memcpy (d->hs_secret, d->secret, d->secret_len);
          found |= d->have_secret;
        }
      return found;
    }

  /* TLS <= 1.2 */
  c->early_offered = FALSE;
  {
    gsize n;
    const guint8 *ms = lookup (c, "CLIENT_RANDOM", &n);

    if (ms && n == MASTER_LEN)
      {
        memcpy (c->master, ms, MASTER_LEN);
        c->have_master = TRUE;
        derive_key_block (c);
      }
  }
  return c->have_master;
}

void
hl_tls_crypto_set_encrypted_premaster (HlTlsCrypto *c, const guint8 *epms, gsize len)
{
  const guint8 *pms;
  gsize pms_len = 0;
  gboolean ok;

  g_return_if_fail (c != NULL);
  if (!c->params_set || c->tls13 || c->have_master || c->keylog == NULL || epms == NULL || len < 8)
    return;
  pms = hl_keylog_lookup_rsa (c->keylog, epms, &pms_len);
  /* Also accept the TLS vector with its 2-byte length (SSL 3.0 has none). */
  if (pms == NULL && len >= 2 + 8 && ((gsize) epms[0] << 8 | epms[1]) == len - 2)
    pms = hl_keylog_lookup_rsa (c->keylog, epms + 2, &pms_len);
  if (pms == NULL)
    return;

  if (c->version < 0x0301)
    {
      guint8 seed[64];

      memcpy (seed, c->client_random, 32);
      memcpy (seed + 32, c->server_random, 32);
      ok = hl_ssl3_prf (pms, pms_len, seed, sizeof seed, c->master, MASTER_LEN);
    }
  else if (c->ems)
    {
      /* RFC 7627 4: session_hash over the messages up to ClientKeyExchange. */
      guint8 hash[HL_TLS_MAX_HASH_LEN];
      gsize hlen;

      if (c->transcript_broken)
        return;
      hlen = transcript_hash (c, c->cke_end ? c->cke_end : c->transcript.len, hash);
      ok = hlen > 0 && hl_tls_prf (prf_kind (c), pms, pms_len, "extended master secret",
                                   hash, hlen, c->master, MASTER_LEN);
    }
  else
    {
      guint8 seed[64];

      memcpy (seed, c->client_random, 32);
      memcpy (seed + 32, c->server_random, 32);
      ok = hl_tls_prf (prf_kind (c), pms, pms_len, "master secret", seed, sizeof seed,
                       c->master, MASTER_LEN);
    }
  c->have_master = ok;
  derive_key_block (c);
}

gboolean
hl_tls_crypto_has_keys (HlTlsCrypto *c, HlDirection dir)
{
  const DirState *d;

  g_return_val_if_fail (c != NULL && (dir == HL_DIR_C2S || dir == HL_DIR_S2C), FALSE);
  d = &c->dir[dir];
  if (d->have_secret || d->cipher != NULL)
    return TRUE;
  if (c->params_set && !c->tls13 && c->have_master)
    return TRUE;
  return dir == HL_DIR_C2S && c->early_offered && c->early_secret_len > 0;
}

gboolean
hl_tls_crypto_is_active (HlTlsCrypto *c, HlDirection dir)
{
  g_return_val_if_fail (c != NULL && (dir == HL_DIR_C2S || dir == HL_DIR_S2C), FALSE);
  if (dir == HL_DIR_C2S && !c->params_set && c->early_offered)
    return TRUE;
  return c->dir[dir].active;
}

void
hl_tls_crypto_activate (HlTlsCrypto *c, HlDirection dir)
{
  DirState *d;

  g_return_if_fail (c != NULL && (dir == HL_DIR_C2S || dir == HL_DIR_S2C));
  if (c->params_set && c->tls13)
    return;   /* a middlebox-compatibility CCS changes nothing */

  d = &c->dir[dir];
  hl_record_cipher_free (d->cipher);
  d->cipher = NULL;
  d->active = TRUE;
  d->seq = 0;
  d->have_secret = c->params_set && c->have_master;
  if (d->have_secret && c->have_key_block)
    d->cipher = cipher_from_key_block (c, dir);
}

void
hl_tls_crypto_handshake_done (HlTlsCrypto *c, HlDirection dir)
{
  gsize n;
  const guint8 *s;

  g_return_if_fail (c != NULL && (dir == HL_DIR_C2S || dir == HL_DIR_S2C));
  if (!c->params_set || !c->tls13)
    return;
  s = lookup (c, app_labels[dir], &n);
  install_secret (c, dir, s, n);
  c->dir[dir].hs_done = TRUE;
  if (dir == HL_DIR_C2S)
    c->early_offered = FALSE;
}

void
hl_tls_crypto_key_update (HlTlsCrypto *c, HlDirection dir)
{
  DirState *d;
  guint8 next[HL_TLS_MAX_HASH_LEN];
  gsize hlen;

  g_return_if_fail (c != NULL && (dir == HL_DIR_C2S || dir == HL_DIR_S2C));
  if (!c->params_set || !c->tls13)
    return;
  d = &c->dir[dir];
  if (!d->have_secret || c->suite == NULL)
    {
      d->seq = 0;
      return;
    }
  /* RFC 8446 7.2 */
  hlen = gnutls_hmac_get_len (c->suite->hash);
  if (!hl_hkdf_expand_label (c->suite->hash, d->secret, d->secret_len, "traffic upd", NULL, 0,
                             next, hlen))
    {
      install_secret (c, dir, NULL, 0);
      return;
    }
  install_secret (c, dir, next, hlen);
  memset (next, 0, sizeof next);
}

/* 0-RTT: the early cipher, found by trial among the offered TLS 1.3 suites
 * until the server's choice is known. */
static HlDecryptResult
decrypt_early (HlTlsCrypto *c, guint8 content_type, guint16 record_version,
               const guint8 *data, gsize len, guint8 *inner_type, GByteArray *out)
{
  HlDecryptResult res = HL_DECRYPT_NO_KEY;

  if (c->early_cipher)
    return hl_record_cipher_decrypt (c->early_cipher, c->early_seq, content_type, record_version,
                                     data, len, inner_type, out);

  for (guint i = 0; i < c->n_offered13 + 1; i++)
    {
      const HlCipherSuite *s;
      HlRecordCipher *rc;
      HlDecryptResult r;

      if (i == 0)
        s = c->params_set && c->tls13 ? c->suite : NULL;
      else
        s = hl_cipher_suite_lookup (c->offered13[i - 1]);
      if (s == NULL || !s->tls13 || gnutls_hmac_get_len (s->hash) != c->early_secret_len)
        continue;
      rc = cipher_from_secret (s, c->early_secret, c->early_secret_len);
      if (rc == NULL)
        continue;
      r = hl_record_cipher_decrypt (rc, c->early_seq, content_type, record_version,
                                    data, len, inner_type, out);
      if (r == HL_DECRYPT_OK)
        {
          c->early_cipher = rc;
          return r;
        }
      hl_record_cipher_free (rc);
      if (res == HL_DECRYPT_NO_KEY || r == HL_DECRYPT_AUTH_FAILED)
        res = r;
    }
  return res;
}

HlDecryptResult
hl_tls_crypto_decrypt (HlTlsCrypto *c, HlDirection dir, guint8 content_type,
                       guint16 record_version, const guint8 *data, gsize len,
                       guint8 *inner_type, GByteArray *out)
{
  DirState *d;
  HlDecryptResult res;
  guint8 dummy;

  g_return_val_if_fail (c != NULL && out != NULL, HL_DECRYPT_NO_KEY);
  g_return_val_if_fail (dir == HL_DIR_C2S || dir == HL_DIR_S2C, HL_DECRYPT_NO_KEY);
  if (inner_type == NULL)
    inner_type = &dummy;
  if (data == NULL)
    len = 0;
  d = &c->dir[dir];
  c->last_early = FALSE;

  /* TLS 1.3 never protects ChangeCipherSpec (RFC 8446 5): pass it through
   * without counting it. */
  if (content_type == HL_TLS_CT_CHANGE_CIPHER_SPEC
      && ((c->params_set && c->tls13) || (!c->params_set && dir == HL_DIR_C2S && c->early_offered)))
    {
      if (len)
        g_byte_array_append (out, data, len);
      *inner_type = content_type;
      return HL_DECRYPT_OK;
    }

  if (dir == HL_DIR_C2S && c->early_offered)
    {
      /* 0-RTT window: early keys first (when known), then the client's
       * handshake keys.  A record neither opens is taken for early data,
       * so the handshake sequence number stays put. */
      res = HL_DECRYPT_NO_KEY;
      if (c->early_secret_len > 0)
        {
          res = decrypt_early (c, content_type, record_version, data, len, inner_type, out);
          if (res == HL_DECRYPT_OK)
            {
              c->early_seq++;
              c->last_early = TRUE;
              return res;
            }
        }
      if (c->params_set && c->tls13 && d->cipher != NULL
          && hl_record_cipher_decrypt (d->cipher, d->seq, content_type, record_version,
                                       data, len, inner_type, out) == HL_DECRYPT_OK)
        {
          d->seq++;
          c->early_offered = FALSE;
          return HL_DECRYPT_OK;
        }
      c->early_seq++;
      return res;
    }

  if (!d->active)
    return HL_DECRYPT_NO_KEY;
  if (d->cipher == NULL)
    {
      d->seq++;
      return d->have_secret ? HL_DECRYPT_UNSUPPORTED : HL_DECRYPT_NO_KEY;
    }
  res = hl_record_cipher_decrypt (d->cipher, d->seq, content_type, record_version,
                                  data, len, inner_type, out);
  d->seq++;
  return res;
}

void
hl_tls_crypto_skip_record (HlTlsCrypto *c, HlDirection dir)
{
  DirState *d;

  g_return_if_fail (c != NULL && (dir == HL_DIR_C2S || dir == HL_DIR_S2C));
  d = &c->dir[dir];
  if (dir == HL_DIR_C2S && c->early_offered)
    {
      c->early_seq++;
      return;
    }
  if (!d->active)
    return;
  if (d->cipher)
    hl_record_cipher_skip (d->cipher);
  d->seq++;
}

gboolean
hl_tls_crypto_can_skip (HlTlsCrypto *c, HlDirection dir)
{
  g_return_val_if_fail (c != NULL && (dir == HL_DIR_C2S || dir == HL_DIR_S2C), TRUE);
  if (dir == HL_DIR_C2S && c->early_offered)
    return FALSE;
  return c->dir[dir].cipher == NULL || hl_record_cipher_can_skip (c->dir[dir].cipher);
}

gboolean
hl_tls_crypto_last_was_early_data (HlTlsCrypto *c)
{
  g_return_val_if_fail (c != NULL, FALSE);
  return c->last_early;
}

/* SSL 3.0 Finished (RFC 6101 5.6.9): MD5 and SHA-1 over the handshake,
 * the sender and the master secret with pad1/pad2. */
static gsize
ssl3_finished (HlTlsCrypto *c, HlDirection dir, guint8 *out)
{
  static const guint8 senders[2][4] = { { 'C', 'L', 'N', 'T' }, { 'S', 'R', 'V', 'R' } };
  static const struct { gnutls_digest_algorithm_t dig; gsize pad, len; } parts[2] = {
    { GNUTLS_DIG_MD5, 48, 16 }, { GNUTLS_DIG_SHA1, 40, 20 },
  };
  guint8 pad1[48], pad2[48];
  gsize off = 0;

  memset (pad1, 0x36, sizeof pad1);
  memset (pad2, 0x5c, sizeof pad2);
  for (int i = 0; i < 2; i++)
    {
      guint8 inner[20];
      gnutls_hash_hd_t h;

      if (gnutls_hash_init (&h, parts[i].dig) < 0)
        return 0;
      gnutls_hash (h, c->transcript.data, c->transcript.len);
      gnutls_hash (h, senders[dir], 4);
      gnutls_hash (h, c->master, MASTER_LEN);
      gnutls_hash (h, pad1, parts[i].pad);
      gnutls_hash_deinit (h, inner);

      if (gnutls_hash_init (&h, parts[i].dig) < 0)
        return 0;
      gnutls_hash (h, c->master, MASTER_LEN);
      gnutls_hash (h, pad2, parts[i].pad);
      gnutls_hash (h, inner, parts[i].len);
      gnutls_hash_deinit (h, out + off);
      off += parts[i].len;
    }
  return off;
}

int
hl_tls_crypto_verify_finished (HlTlsCrypto *c, HlDirection dir,
                               const guint8 *verify_data, gsize len)
{
  guint8 expect[HL_TLS_MAX_HASH_LEN], hash[HL_TLS_MAX_HASH_LEN];
  gsize expect_len, hlen;

  g_return_val_if_fail (c != NULL && (dir == HL_DIR_C2S || dir == HL_DIR_S2C), -1);
  if (!c->params_set || c->transcript_broken || verify_data == NULL)
    return -1;

  if (c->tls13)
    {
      const DirState *d = &c->dir[dir];
      guint8 finished_key[HL_TLS_MAX_HASH_LEN];

      /* Post-handshake authentication has its own transcript. */
      if (c->suite == NULL || d->hs_secret_len == 0
          || (c->dir[0].hs_done && c->dir[1].hs_done))
        return -1;
      /* RFC 8446 4.4.4 */
      hlen = transcript_hash (c, c->transcript.len, hash);
      if (hlen == 0
          || !hl_hkdf_expand_label (c->suite->hash, d->hs_secret, d->hs_secret_len, "finished",
                                    NULL, 0, finished_key, hlen)
          || gnutls_hmac_fast (c->suite->hash, finished_key, hlen, hash, hlen, expect) < 0)
        return -1;
      expect_len = hlen;
    }
  else
    {
      if (!c->have_master)
        return -1;
      if (c->version < 0x0301)
        expect_len = ssl3_finished (c, dir, expect);
      else
        {
          /* RFC 5246 7.4.9: PRF(master, label, Hash(handshake_messages))[0..11] */
          hlen = transcript_hash (c, c->transcript.len, hash);
          if (hlen == 0
              || !hl_tls_prf (prf_kind (c), c->master, MASTER_LEN,
                              dir == HL_DIR_C2S ? "client finished" : "server finished",
                              hash, hlen, expect, 12))
            return -1;
          expect_len = 12;
        }
      if (expect_len == 0)
        return -1;
    }
  return len == expect_len && memcmp (expect, verify_data, len) == 0 ? 1 : 0;
}

gboolean
hl_tls_crypto_suite_supported (guint16 cipher_suite)
{
  return hl_cipher_suite_lookup (cipher_suite) != NULL;
}
