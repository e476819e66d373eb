/* tls-handshake.c: handshake message parsers with field trees (see tls-handshake.h). */
#include "tls-handshake.h"

#include <string.h>

#include "certificate.h"
#include "reader.h"
#include "tls-extensions.h"
#include "tls-format-private.h"
#include "tls-names.h"

/* Wire types of the messages parsed here (tls-names.h has the full list). */
enum {
  HS_HELLO_REQUEST = 0, HS_CLIENT_HELLO = 1, HS_SERVER_HELLO = 2, HS_NEW_SESSION_TICKET = 4,
  HS_END_OF_EARLY_DATA = 5, HS_ENCRYPTED_EXTENSIONS = 8, HS_CERTIFICATE = 11,
  HS_SERVER_KEY_EXCHANGE = 12, HS_CERTIFICATE_REQUEST = 13, HS_SERVER_HELLO_DONE = 14,
  HS_CERTIFICATE_VERIFY = 15, HS_CLIENT_KEY_EXCHANGE = 16, HS_FINISHED = 20,
  HS_CERTIFICATE_STATUS = 22, HS_KEY_UPDATE = 24, HS_COMPRESSED_CERTIFICATE = 25,
};

const char *
hl_tls_handshake_name (guint8 type, gboolean hrr)
{
  if (hrr)
    return "hello_retry_request";
  return hl_tls_handshake_type_name (type);
}

/* The session parses, applies and frees one message at a time: the struct
 * of the last one freed on a thread is kept for the next, which saves a
 * malloc/free pair per message (freed at the thread's end). */
static GPrivate spare_handshake = G_PRIVATE_INIT (g_free);

void
hl_tls_handshake_free (HlTlsHandshake *hs)
{
  if (hs == NULL)
    return;
  hl_field_free (hs->fields);
  hl_client_hello_info_free (hs->client_hello);
  hl_server_hello_info_free (hs->server_hello);
  g_clear_pointer (&hs->certificates, g_ptr_array_unref);
  if (g_private_get (&spare_handshake) == NULL)
    g_private_set (&spare_handshake, hs);
  else
    g_free (hs);
}

/* A length-prefixed opaque field: "name: N bytes" (hex of the first bytes). */
static HlReader
opaque_field (HlReader *r, HlField *parent, const char *name, int prefix, gsize min, gsize max)
{
  guint32 o = off (r);
  HlReader v = prefix == 1 ? hl_reader_vec8 (r, min, max) :
               prefix == 2 ? hl_reader_vec16 (r, min, max) :
               hl_reader_vec24 (r, min, max);
  if (hl_reader_ok (r))
    {
      guint32 len = sub_len (&v);
      g_autofree char *hex = hl_tls_format_hex (hl_reader_peek (&v), len, 16);
      hl_field_add_printf (parent, o, (guint32) prefix + len, name, len ? "%u bytes: %s" : "%u bytes%s",
                           len, len ? hex : "");
    }
  return v;
}

static void
version_field (HlReader *r, HlField *parent, const char *name, guint16 *out)
{
  guint32 o = off (r);
  guint16 v = hl_reader_u16 (r);
  if (hl_reader_ok (r))
    {
      HlField *f = hl_field_add (parent, name, NULL, o, 2);
      f->value = hl_tls_format_version (v);
    }
  if (out)
    *out = v;
}

static void
random_field (HlReader *r, HlField *parent, guint8 out[32])
{
  guint32 o = off (r);
  if (hl_reader_copy (r, out, 32))
    {
      g_autofree char *hex = hl_tls_format_hex (out, 32, 32);
      hl_field_add (parent, "random", hex, o, 32);
    }
}

static void
session_id_field (HlReader *r, HlField *parent, guint8 *len_out, guint8 out[32])
{
  HlReader sid = opaque_field (r, parent, "session_id", 1, 0, 32);
  gsize len = hl_reader_remaining (&sid);
  if (hl_reader_copy (&sid, out, len))
    *len_out = (guint8) len;
}

static void
end_of_body (HlReader *body, const char *what)
{
  if (hl_reader_ok (body) && hl_reader_remaining (body) > 0)
    hl_reader_fail (body, what);
}

/* ---- hellos ---------------------------------------------------------------- */

static void
cipher_suite_list (HlReader *list, HlField *f, HlClientHelloInfo *ch, HlTlsHelloLists *lists)
{
  gboolean fields = !hl_field_discarding ();

  /* room for the whole list at once */
  hl_tls_codes_reserve (&lists->cipher_suites, (guint) (hl_reader_remaining (list) / 2));
  while (hl_reader_remaining (list) >= 2)
    {
      guint32 o = off (list);
      guint16 id = hl_reader_u16 (list);
      if (fields)
        {
          HlField *cs = hl_field_add (f, "cipher_suite", NULL, o, 2);
          cs->value = hl_tls_format_cipher_suite (id);
        }
      hl_tls_codes_append (&lists->cipher_suites, id);
      if (id == 0x5600)
        ch->fallback_scsv = TRUE;
      else if (id == 0x00ff)
        ch->reneg_scsv = TRUE;
    }
  if (hl_reader_remaining (list) != 0)
    hl_reader_fail (list, "cipher_suites has an odd length");
}

static void
client_hello_body (HlTlsHandshake *hs, HlReader *body, HlField *root, HlClientHelloInfo *ch,
                   HlTlsHelloLists *lists)
{
  HlReader list;
  HlField *f;
  guint32 o;

  version_field (body, root, "legacy_version", &ch->legacy_version);
  random_field (body, root, ch->random);
  session_id_field (body, root, &ch->session_id_len, ch->session_id);

  o = off (body);
  list = hl_reader_vec16 (body, 2, 0xfffe);
  if (!hl_reader_ok (body))
    return;
  f = hl_field_add_printf (root, o, 2 + sub_len (&list), "cipher_suites", "%u suites", sub_len (&list) / 2);
  cipher_suite_list (&list, f, ch, lists);
  hl_reader_take_error (body, &list);

  o = off (body);
  list = hl_reader_vec8 (body, 1, 0xff);
  if (!hl_reader_ok (body))
    return;
  f = hl_field_add_printf (root, o, 1 + sub_len (&list), "compression_methods", "%u methods", sub_len (&list));
  hl_tls_codes_reserve (&lists->compression_methods, sub_len (&list));
  while (hl_reader_remaining (&list) > 0)
    {
      guint32 mo = off (&list);
      guint8 m = hl_reader_u8 (&list);
      HlField *mf = hl_field_add (f, "compression_method", NULL, mo, 1);
      mf->value = hl_tls_format_code8 (m == 0 ? "null" : m == 1 ? "DEFLATE" : NULL, m);
      hl_tls_codes_append (&lists->compression_methods, m);
    }

  if (hl_reader_remaining (body) > 0)
    {
      HlTlsExtensions ext;
      hl_tls_extensions_init (&ext, HL_TLS_EXT_IN_CLIENT_HELLO);
      ext.client_hello = ch;
      ext.lists = lists;
      hl_tls_extensions_parse (&ext, body, root);
      hs->data_offset = ext.ticket_offset;
      hs->data_length = ext.ticket_length;
      hl_tls_extensions_clear (&ext);
    }
  end_of_body (body, "bytes after the extensions");
}

/* The fields and the summary (hs->client_hello, also when malformed). */
static void
parse_client_hello (HlTlsHandshake *hs, HlReader *body, HlField *root)
{
  HlClientHelloInfo ch = { 0 };
  HlTlsHelloLists lists;

  hl_tls_hello_lists_init (&lists);
  client_hello_body (hs, body, root, &ch, &lists);
  hs->client_hello = hl_tls_hello_lists_finish_client (&lists, &ch);
}

static void
server_hello_body (HlTlsHandshake *hs, HlReader *body, HlField *root, HlServerHelloInfo *sh,
                   HlTlsHelloLists *lists)
{
  guint32 o;

  version_field (body, root, "legacy_version", &sh->legacy_version);
  random_field (body, root, sh->random);
  if (hl_reader_ok (body) && memcmp (sh->random, HL_TLS_HRR_RANDOM, 32) == 0)
    {
      hs->hrr = TRUE;
      hl_field_add (root, "hello_retry_request", "random is the HelloRetryRequest value", 6, 32);
    }
  session_id_field (body, root, &sh->session_id_len, sh->session_id);
  o = off (body);
  sh->cipher_suite = hl_reader_u16 (body);
  if (hl_reader_ok (body))
    {
      HlField *f = hl_field_add (root, "cipher_suite", NULL, o, 2);
      f->value = hl_tls_format_cipher_suite (sh->cipher_suite);
    }
  o = off (body);
  sh->compression_method = hl_reader_u8 (body);
  if (hl_reader_ok (body))
    {
      HlField *f = hl_field_add (root, "compression_method", NULL, o, 1);
      f->value = hl_tls_format_code8 (sh->compression_method == 0 ? "null" :
                                      sh->compression_method == 1 ? "DEFLATE" : NULL,
                                      sh->compression_method);
    }
  if (hl_reader_ok (body) && hl_reader_remaining (body) > 0)
    {
      HlTlsExtensions ext;
      hl_tls_extensions_init (&ext, hs->hrr ? HL_TLS_EXT_IN_HELLO_RETRY_REQUEST : HL_TLS_EXT_IN_SERVER_HELLO);
      ext.server_hello = sh;
      ext.lists = lists;
      hl_tls_extensions_parse (&ext, body, root);
      hl_tls_extensions_clear (&ext);
    }
  end_of_body (body, "bytes after the extensions");
}

/* The fields and the summary (hs->server_hello, also when malformed). */
static void
parse_server_hello (HlTlsHandshake *hs, HlReader *body, HlField *root)
{
  HlServerHelloInfo sh = { 0 };
  HlTlsHelloLists lists;

  hl_tls_hello_lists_init (&lists);
  server_hello_body (hs, body, root, &sh, &lists);
  hs->server_hello = hl_tls_hello_lists_finish_server (&lists, &sh);
}

static void
parse_encrypted_extensions (HlTlsHandshake *hs, HlReader *body, HlField *root)
{
  HlServerHelloInfo sh = { 0 };
  HlTlsExtensions ext;

  hl_tls_extensions_init (&ext, HL_TLS_EXT_IN_ENCRYPTED_EXTENSIONS);
  ext.server_hello = &sh;
  hl_tls_extensions_parse (&ext, body, root);
  hs->early_data = ext.early_data;
  hl_tls_extensions_clear (&ext);
  /* only the ALPN is for the session, and most have none */
  if (sh.alpn)
    hs->server_hello = g_memdup2 (&sh, sizeof sh);
  end_of_body (body, "bytes after the extensions");
}

/* ---- certificates ---------------------------------------------------------- */

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
  if (dt == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, t);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M:%S UTC");
}

static void
certificate_entry (HlTlsHandshake *hs, HlReader *list, HlField *parent)
{
  guint32 o = off (list);
  HlReader der = hl_reader_vec24 (list, 1, 0xffffff);
  guint32 len = sub_len (&der);
  HlField *f;

  if (!hl_reader_ok (list))
    return;
  hs->n_certificates++;
  f = hl_field_add_printf (parent, o, 3 + len, "certificate", "%u bytes", len);
  if (len > HL_TLS_MAX_CERTIFICATE_SIZE || hs->certificates->len >= HL_TLS_MAX_CERTIFICATES)
    {
      hs->certificates_capped = TRUE;
      hl_field_add (f, "not_parsed", len > HL_TLS_MAX_CERTIFICATE_SIZE ? "larger than 64 KiB" :
                    "more than 16 certificates", o, 3 + len);
      return;
    }
  {
    HlCertificate *cert = hl_certificate_new_from_der (hl_reader_peek (&der), len);
    g_ptr_array_add (hs->certificates, cert);
    if (cert->parse_error)
      hl_field_add (f, "parse_error", cert->parse_error, o + 3, len);
    else if (!hl_field_discarding ())   /* the rest is only for the fields */
      {
        g_autofree char *nb = format_time (cert->not_before);
        g_autofree char *na = format_time (cert->not_after);
        g_free (f->value);
        f->value = g_strdup (cert->subject_cn ? cert->subject_cn :
                             cert->subject_dn ? cert->subject_dn : "");
        hl_field_add (f, "subject", cert->subject_dn, o + 3, len);
        hl_field_add (f, "issuer", cert->issuer_dn, o + 3, len);
        hl_field_add (f, "not_before", nb, o + 3, len);
        hl_field_add (f, "not_after", na, o + 3, len);
        if (cert->serial_hex)
          hl_field_add (f, "serial_number", cert->serial_hex, o + 3, len);
        if (cert->key_algorithm)
          hl_field_add_printf (f, o + 3, len, "public_key", "%s %u bits", cert->key_algorithm, cert->key_bits);
        if (cert->signature_algorithm)
          hl_field_add (f, "signature_algorithm", cert->signature_algorithm, o + 3, len);
      }
  }
}

static void
parse_certificate (HlTlsHandshake *hs, HlReader *body, HlField *root, const HlTlsHandshakeContext *ctx)
{
  HlReader list;
  HlField *f;
  guint32 o;

  hs->certificates = g_ptr_array_new_with_free_func ((GDestroyNotify) hl_certificate_unref);
  if (ctx->tls13)
    {
      HlReader rc = opaque_field (body, root, "certificate_request_context", 1, 0, 255);
      hl_reader_skip (&rc, hl_reader_remaining (&rc));
    }
  o = off (body);
  list = hl_reader_vec24 (body, 0, 0xffffff);
  if (!hl_reader_ok (body))
    return;
  f = hl_field_add_printf (root, o, 3 + sub_len (&list), "certificate_list", "%u bytes", sub_len (&list));
  while (hl_reader_remaining (&list) > 0)
    {
      certificate_entry (hs, &list, f);
      if (ctx->tls13 && hl_reader_ok (&list))
        {
          HlTlsExtensions ext;
          /* (no children when field trees are discarded) */
          HlField *last = hl_field_n_children (f) ? hl_field_child (f, hl_field_n_children (f) - 1) : f;
          hl_tls_extensions_init (&ext, HL_TLS_EXT_IN_CERTIFICATE);
          hl_tls_extensions_parse (&ext, &list, last);
          hl_tls_extensions_clear (&ext);
        }
    }
  hl_field_add_printf (root, o, 3, "certificates", "%u", hs->n_certificates);
  hl_reader_take_error (body, &list);
  end_of_body (body, "bytes after the certificate list");
}

static void
parse_compressed_certificate (HlTlsHandshake *hs, HlReader *body, HlField *root)
{
  static const char * const names[] = { NULL, "zlib", "brotli", "zstd" };
  guint32 o = off (body);
  guint16 alg = hl_reader_u16 (body);
  guint32 ulen;
  HlReader c;

  if (hl_reader_ok (body))
    {
      HlField *f = hl_field_add (root, "algorithm", NULL, o, 2);
      f->value = hl_tls_format_code16 (alg < G_N_ELEMENTS (names) ? names[alg] : NULL, alg);
    }
  o = off (body);
  ulen = hl_reader_u24 (body);
  if (hl_reader_ok (body))
    hl_field_add_printf (root, o, 3, "uncompressed_length", "%u", ulen);
  c = opaque_field (body, root, "compressed_certificate_message", 3, 1, 0xffffff);
  hl_reader_skip (&c, hl_reader_remaining (&c));
  end_of_body (body, "bytes after the compressed certificate");
}

/* ---- key exchange -------------------------------------------------------- */

/* A digitally-signed struct that must end the body: TLS 1.2 has the
 * algorithm first, earlier versions only the vector. */
static gboolean
signature_fits (const HlReader *body, gboolean with_alg)
{
  HlReader t = *body;
  if (with_alg)
    hl_reader_u16 (&t);
  {
    HlReader s = hl_reader_vec16 (&t, 0, 0xffff);
    (void) s;
  }
  return hl_reader_ok (&t) && hl_reader_remaining (&t) == 0;
}

/* The digitally-signed tail of ServerKeyExchange and CertificateVerify:
 * [algorithm] signature<0..2^16-1>.  The expected layout follows the
 * version, but the one that fits the bytes wins (old stacks disagree). */
static void
digitally_signed (HlReader *body, HlField *root, gboolean with_alg, const char *alg_field)
{
  if (!signature_fits (body, with_alg) && signature_fits (body, !with_alg))
    with_alg = !with_alg;
  if (with_alg)
    {
      guint32 o = off (body);
      guint16 alg = hl_reader_u16 (body);
      if (hl_reader_ok (body))
        {
          HlField *f = hl_field_add (root, alg_field, NULL, o, 2);
          f->value = hl_tls_format_code16 (hl_tls_sigalg_name (alg), alg);
        }
    }
  {
    HlReader sig = opaque_field (body, root, "signature", 2, 0, 0xffff);
    hl_reader_skip (&sig, hl_reader_remaining (&sig));
  }
}

static void
signature_fields (HlReader *body, HlField *root, const HlTlsHandshakeContext *ctx)
{
  if (hl_reader_remaining (body) == 0)
    return;   /* anonymous key exchange */
  digitally_signed (body, root, ctx->version >= 0x0303 || ctx->version == 0, "signature_algorithm");
}

static gboolean
looks_like_ecdhe_params (const HlReader *body)
{
  HlReader t = *body;
  if (hl_reader_u8 (&t) != 3)   /* named_curve */
    return FALSE;
  hl_reader_u16 (&t);
  {
    HlReader pt = hl_reader_vec8 (&t, 1, 0xff);
    (void) pt;
  }
  if (!hl_reader_ok (&t))
    return FALSE;
  return hl_reader_remaining (&t) == 0 || signature_fits (&t, TRUE) || signature_fits (&t, FALSE);
}

static void
parse_server_key_exchange (HlTlsHandshake *hs, HlReader *body, HlField *root,
                           const HlTlsHandshakeContext *ctx)
{
  if (looks_like_ecdhe_params (body))
    {
      guint32 o = off (body);
      guint16 group;
      HlReader pt;
      HlField *f;

      hs->kex = HL_TLS_KEX_ECDHE;
      hl_reader_u8 (body);
      hl_field_add (root, "curve_type", "named_curve (3)", o, 1);
      group = hl_reader_u16 (body);
      f = hl_field_add (root, "named_curve", NULL, o + 1, 2);
      f->value = hl_tls_format_code16 (hl_tls_group_name (group), group);
      pt = opaque_field (body, root, "public_key", 1, 1, 0xff);
      hl_reader_skip (&pt, hl_reader_remaining (&pt));
    }
  else
    {
      HlReader v;
      hs->kex = HL_TLS_KEX_DHE;
      v = opaque_field (body, root, "dh_p", 2, 1, 0xffff);
      hl_reader_skip (&v, hl_reader_remaining (&v));
      v = opaque_field (body, root, "dh_g", 2, 1, 0xffff);
      hl_reader_skip (&v, hl_reader_remaining (&v));
      v = opaque_field (body, root, "dh_Ys", 2, 1, 0xffff);
      hl_reader_skip (&v, hl_reader_remaining (&v));
    }
  signature_fields (body, root, ctx);
  end_of_body (body, "bytes after the signature");
}

static void
parse_client_key_exchange (HlTlsHandshake *hs, HlReader *body, HlField *root,
                           const HlTlsHandshakeContext *ctx)
{
  gsize len = hl_reader_remaining (body);
  const guint8 *p = hl_reader_peek (body);
  HlTlsKex kex = ctx->kex;
  HlReader v;

  if (kex == HL_TLS_KEX_UNKNOWN && len >= 1)
    {
      /* by its shape: an EC point has a 1-byte length, RSA and DH values 2 */
      if ((gsize) p[0] + 1 == len)
        kex = HL_TLS_KEX_ECDHE;
      else if (len >= 2 && (((gsize) p[0] << 8) | p[1]) + 2 == len)
        kex = HL_TLS_KEX_RSA;
    }
  switch (kex)
    {
    case HL_TLS_KEX_ECDHE:
      v = opaque_field (body, root, "ecdh_Yc", 1, 1, 0xff);
      hl_reader_skip (&v, hl_reader_remaining (&v));
      break;
    case HL_TLS_KEX_DHE:
      v = opaque_field (body, root, "dh_Yc", 2, 1, 0xffff);
      hl_reader_skip (&v, hl_reader_remaining (&v));
      break;
    case HL_TLS_KEX_RSA:
    case HL_TLS_KEX_UNKNOWN:
    default:
      if (ctx->version == 0x0300)
        {
          /* SSL 3.0: the encrypted pre-master has no length prefix */
          hs->data_offset = off (body);
          hs->data_length = (guint32) len;
          hl_field_add_printf (root, off (body), (guint32) len, "encrypted_pre_master_secret", "%" G_GSIZE_FORMAT " bytes", len);
          hl_reader_skip (body, len);
        }
      else
        {
          v = opaque_field (body, root, "encrypted_pre_master_secret", 2, 1, 0xffff);
          if (hl_reader_ok (body))
            {
              hs->data_offset = off (&v);
              hs->data_length = sub_len (&v);
            }
          hl_reader_skip (&v, hl_reader_remaining (&v));
        }
      break;
    }
  end_of_body (body, "bytes after the key exchange value");
}

static void
parse_certificate_request (HlTlsHandshake *hs, HlReader *body, HlField *root,
                           const HlTlsHandshakeContext *ctx)
{
  if (ctx->tls13)
    {
      HlTlsExtensions ext;
      HlReader rc = opaque_field (body, root, "certificate_request_context", 1, 0, 255);
      hl_reader_skip (&rc, hl_reader_remaining (&rc));
      hl_tls_extensions_init (&ext, HL_TLS_EXT_IN_CERTIFICATE_REQUEST);
      hl_tls_extensions_parse (&ext, body, root);
      hl_tls_extensions_clear (&ext);
    }
  else
    {
      guint32 o = off (body);
      HlReader types = hl_reader_vec8 (body, 1, 0xff);
      HlReader cas;
      guint n = 0;
      HlField *f;

      if (!hl_reader_ok (body))
        return;
      f = hl_field_add_printf (root, o, 1 + sub_len (&types), "certificate_types", "%u", sub_len (&types));
      while (hl_reader_remaining (&types) > 0)
        {
          guint32 to = off (&types);
          guint8 t = hl_reader_u8 (&types);
          static const char * const names[] = { NULL, "rsa_sign", "dss_sign", "rsa_fixed_dh", "dss_fixed_dh",
                                                 "rsa_ephemeral_dh", "dss_ephemeral_dh" };
          HlField *tf = hl_field_add (f, "certificate_type", NULL, to, 1);
          tf->value = hl_tls_format_code8 (t < G_N_ELEMENTS (names) ? names[t] : t == 64 ? "ecdsa_sign" : NULL, t);
        }
      if (ctx->version >= 0x0303 || ctx->version == 0)
        {
          /* TLS 1.2 adds supported_signature_algorithms; tell by the shape
           * when the version is unknown */
          HlReader t = *body;
          HlReader a = hl_reader_vec16 (&t, 2, 0xfffe);
          HlReader c = hl_reader_vec16 (&t, 0, 0xffff);
          (void) a; (void) c;
          if (ctx->version >= 0x0303 || (hl_reader_ok (&t) && hl_reader_remaining (&t) == 0))
            {
              guint32 ao = off (body);
              HlReader algs = hl_reader_vec16 (body, 2, 0xfffe);
              if (hl_reader_ok (body))
                {
                  f = hl_field_add_printf (root, ao, 2 + sub_len (&algs), "supported_signature_algorithms",
                                           "%u", sub_len (&algs) / 2);
                  while (hl_reader_remaining (&algs) >= 2)
                    {
                      guint32 so = off (&algs);
                      guint16 s = hl_reader_u16 (&algs);
                      HlField *sf = hl_field_add (f, "signature_scheme", NULL, so, 2);
                      sf->value = hl_tls_format_code16 (hl_tls_sigalg_name (s), s);
                    }
                }
            }
        }
      o = off (body);
      cas = hl_reader_vec16 (body, 0, 0xffff);
      if (!hl_reader_ok (body))
        return;
      {
        guint32 cas_len = sub_len (&cas);
        while (hl_reader_remaining (&cas) > 0)
          {
            HlReader dn = hl_reader_vec16 (&cas, 1, 0xffff);
            hl_reader_skip (&dn, hl_reader_remaining (&dn));
            hl_reader_take_error (&cas, &dn);
            n++;
          }
        hl_field_add_printf (root, o, 2 + cas_len, "certificate_authorities", "%u distinguished names", n);
      }
      hl_reader_take_error (body, &cas);
    }
  end_of_body (body, "bytes after the certificate authorities");
}

static void
parse_certificate_verify (HlTlsHandshake *hs, HlReader *body, HlField *root,
                          const HlTlsHandshakeContext *ctx)
{
  digitally_signed (body, root, ctx->tls13 || ctx->version >= 0x0303 || ctx->version == 0, "algorithm");
  end_of_body (body, "bytes after the signature");
}

static void
parse_finished (HlTlsHandshake *hs, HlReader *body, HlField *root)
{
  gsize len = hl_reader_remaining (body);
  g_autofree char *hex = hl_tls_format_hex (hl_reader_peek (body), len, 48);

  hs->data_offset = off (body);
  hs->data_length = (guint32) len;
  hl_field_add (root, "verify_data", hex, off (body), (guint32) len);
  hl_reader_skip (body, len);
}

static void
parse_new_session_ticket (HlTlsHandshake *hs, HlReader *body, HlField *root,
                          const HlTlsHandshakeContext *ctx)
{
  guint32 o = off (body);
  guint32 lifetime = hl_reader_u32 (body);
  HlReader t;

  if (!hl_reader_ok (body))
    return;
  hl_field_add_printf (root, o, 4, ctx->tls13 ? "ticket_lifetime" : "ticket_lifetime_hint", "%u s", lifetime);
  if (ctx->tls13)
    {
      HlReader nonce;
      o = off (body);
      hl_field_add_printf (root, o, 4, "ticket_age_add", "%u", hl_reader_u32 (body));
      nonce = opaque_field (body, root, "ticket_nonce", 1, 0, 255);
      hl_reader_skip (&nonce, hl_reader_remaining (&nonce));
    }
  t = opaque_field (body, root, "ticket", 2, ctx->tls13 ? 1 : 0, 0xffff);
  if (hl_reader_ok (body))
    {
      hs->data_offset = off (&t);
      hs->data_length = sub_len (&t);
    }
  hl_reader_skip (&t, hl_reader_remaining (&t));
  if (ctx->tls13 && hl_reader_ok (body))
    {
      HlTlsExtensions ext;
      hl_tls_extensions_init (&ext, HL_TLS_EXT_IN_NEW_SESSION_TICKET);
      hl_tls_extensions_parse (&ext, body, root);
      hs->early_data = ext.early_data;
      hl_tls_extensions_clear (&ext);
    }
  end_of_body (body, "bytes after the ticket");
}

static void
parse_certificate_status (HlTlsHandshake *hs, HlReader *body, HlField *root)
{
  guint32 o = off (body);
  guint8 type = hl_reader_u8 (body);
  HlReader resp;

  if (!hl_reader_ok (body))
    return;
  hl_field_add_printf (root, o, 1, "status_type", "%s (%u)", type == 1 ? "ocsp" : "unknown", type);
  resp = opaque_field (body, root, "ocsp_response", 3, 1, 0xffffff);
  hl_reader_skip (&resp, hl_reader_remaining (&resp));
  end_of_body (body, "bytes after the OCSP response");
}

static void
parse_key_update (HlTlsHandshake *hs, HlReader *body, HlField *root)
{
  guint32 o = off (body);
  guint8 req = hl_reader_u8 (body);

  if (!hl_reader_ok (body))
    return;
  hs->key_update_request = req;
  hl_field_add_printf (root, o, 1, "request_update", "%s (%u)",
                       req == 0 ? "update_not_requested" : req == 1 ? "update_requested" : "invalid", req);
  if (req > 1)
    hl_reader_fail (body, "request_update is neither 0 nor 1");
  end_of_body (body, "bytes after request_update");
}

/* ---- entry points ------------------------------------------------------------ */

static HlTlsHandshake *
handshake_new (guint8 type)
{
  HlTlsHandshake *hs = g_private_get (&spare_handshake);

  if (hs)
    {
      g_private_set (&spare_handshake, NULL);
      memset (hs, 0, sizeof *hs);
    }
  else
    hs = g_new0 (HlTlsHandshake, 1);
  hs->type = type;
  hs->key_update_request = -1;
  return hs;
}

static void
take_error (HlTlsHandshake *hs, const HlReader *r)
{
  if (hs->error == NULL && r->error)
    {
      hs->error = r->error;
      hs->error_offset = r->error_offset;
    }
}

HlTlsHandshake *
hl_tls_handshake_parse (const guint8 *msg, gsize len, const HlTlsHandshakeContext *ctx)
{
  HlReader r, body;
  HlTlsHandshake *hs;
  guint8 type;
  guint32 length;
  HlField *root;

  hl_reader_init (&r, msg, len);
  type = hl_reader_u8 (&r);
  length = hl_reader_u24 (&r);
  hs = handshake_new (type);
  hs->length = length;
  root = hs->fields = hl_field_new ("handshake", NULL, 0, (guint32) len);
  if (!hl_reader_ok (&r))
    {
      take_error (hs, &r);
      return hs;
    }
  if (!hl_field_discarding ())
    hl_field_add (root, "msg_type", NULL, 0, 1)->value = hl_tls_format_code8 (hl_tls_handshake_type_name (type), type);
  hl_field_add_printf (root, 1, 3, "length", "%u", length);
  body = hl_reader_sub (&r, length);
  if (!hl_reader_ok (&r))
    {
      /* truncated: parse what is there */
      hl_reader_init (&body, msg, len);
      hl_reader_skip (&body, 4);
      take_error (hs, &r);
    }
  else if (hl_reader_remaining (&r) > 0)
    {
      hl_reader_fail (&r, "bytes after the message");
      take_error (hs, &r);
    }

  switch (type)
    {
    case HS_CLIENT_HELLO: parse_client_hello (hs, &body, root); break;
    case HS_SERVER_HELLO: parse_server_hello (hs, &body, root); break;
    case HS_ENCRYPTED_EXTENSIONS: parse_encrypted_extensions (hs, &body, root); break;
    case HS_CERTIFICATE: parse_certificate (hs, &body, root, ctx); break;
    case HS_COMPRESSED_CERTIFICATE: parse_compressed_certificate (hs, &body, root); break;
    case HS_SERVER_KEY_EXCHANGE: parse_server_key_exchange (hs, &body, root, ctx); break;
    case HS_CLIENT_KEY_EXCHANGE: parse_client_key_exchange (hs, &body, root, ctx); break;
    case HS_CERTIFICATE_REQUEST: parse_certificate_request (hs, &body, root, ctx); break;
    case HS_CERTIFICATE_VERIFY: parse_certificate_verify (hs, &body, root, ctx); break;
    case HS_FINISHED: parse_finished (hs, &body, root); break;
    case HS_NEW_SESSION_TICKET: parse_new_session_ticket (hs, &body, root, ctx); break;
    case HS_CERTIFICATE_STATUS: parse_certificate_status (hs, &body, root); break;
    case HS_KEY_UPDATE: parse_key_update (hs, &body, root); break;
    case HS_HELLO_REQUEST:
    case HS_SERVER_HELLO_DONE:
    case HS_END_OF_EARLY_DATA:
      end_of_body (&body, "this message has no body");
      break;
    default:
      if (hl_reader_remaining (&body) > 0)
        hl_field_add_printf (root, off (&body), (guint32) hl_reader_remaining (&body), "data",
                             "%" G_GSIZE_FORMAT " bytes", hl_reader_remaining (&body));
      break;
    }
  if (!hl_field_discarding ())
    {
      g_free (root->value);
      root->value = g_strdup (hs->hrr ? "hello_retry_request" : hl_tls_handshake_type_name (type));
    }
  take_error (hs, &body);
  return hs;
}

HlTlsHandshake *
hl_tls_handshake_parse_ssl2_client_hello (const guint8 *data, gsize len)
{
  HlTlsHandshake *hs = handshake_new (HS_CLIENT_HELLO);
  HlClientHelloInfo info = { 0 }, *ch = &info;
  HlTlsHelloLists lists;
  HlReader r, specs, sid, challenge;
  guint16 specs_len, sid_len, ch_len;
  HlField *root, *f;
  guint8 msg_type;

  hs->ssl2_format = TRUE;
  hl_tls_hello_lists_init (&lists);
  ch->ssl2_format = TRUE;
  hs->length = (guint32) len;
  root = hs->fields = hl_field_new ("handshake", "client_hello (SSLv2 format)", 0, (guint32) len);
  hl_reader_init (&r, data, len);

  msg_type = hl_reader_u8 (&r);
  if (hl_reader_ok (&r))
    hl_field_add_printf (root, 0, 1, "msg_type", "SSLv2 CLIENT-HELLO (%u)", msg_type);
  version_field (&r, root, "version", &ch->legacy_version);
  specs_len = hl_reader_u16 (&r);
  sid_len = hl_reader_u16 (&r);
  ch_len = hl_reader_u16 (&r);
  if (hl_reader_ok (&r))
    {
      hl_field_add_printf (root, 3, 2, "cipher_spec_length", "%u", specs_len);
      hl_field_add_printf (root, 5, 2, "session_id_length", "%u", sid_len);
      hl_field_add_printf (root, 7, 2, "challenge_length", "%u", ch_len);
    }
  if (hl_reader_ok (&r) && (specs_len % 3 != 0 || specs_len == 0))
    hl_reader_fail (&r, "cipher_spec_length is not a non-zero multiple of 3");
  if (hl_reader_ok (&r) && (sid_len > 32 || ch_len < 16 || ch_len > 32))
    hl_reader_fail (&r, "session_id or challenge length out of range");

  specs = hl_reader_sub (&r, specs_len);
  f = hl_field_add_printf (root, 9, specs_len, "cipher_specs", "%u specs", specs_len / 3);
  while (hl_reader_ok (&r) && hl_reader_remaining (&specs) >= 3)
    {
      guint32 o = off (&specs);
      guint32 spec = hl_reader_u24 (&specs);
      if (spec <= 0xffff)
        {
          guint16 id = (guint16) spec;
          HlField *cs = hl_field_add (f, "cipher_suite", NULL, o, 3);
          cs->value = hl_tls_format_cipher_suite (id);
          hl_tls_codes_append (&lists.cipher_suites, id);
          if (id == 0x5600)
            ch->fallback_scsv = TRUE;
          else if (id == 0x00ff)
            ch->reneg_scsv = TRUE;
        }
      else
        hl_field_add_printf (f, o, 3, "cipher_spec", "SSLv2 0x%06x", spec);
    }
  sid = hl_reader_sub (&r, sid_len);
  if (hl_reader_ok (&r))
    {
      ch->session_id_len = (guint8) sid_len;
      hl_reader_copy (&sid, ch->session_id, sid_len);
      if (sid_len)
        hl_field_add_printf (root, off (&r) - sid_len, sid_len, "session_id", "%u bytes", sid_len);
    }
  challenge = hl_reader_sub (&r, ch_len);
  if (hl_reader_ok (&r))
    {
      g_autofree char *hex = hl_tls_format_hex (hl_reader_peek (&challenge), ch_len, 32);
      /* RFC 5246 E.2: the challenge, right-aligned, is the random */
      hl_reader_copy (&challenge, ch->random + 32 - ch_len, ch_len);
      hl_field_add (root, "challenge", hex, off (&r) - ch_len, ch_len);
    }
  if (hl_reader_ok (&r) && hl_reader_remaining (&r) > 0)
    hl_reader_fail (&r, "bytes after the challenge");
  take_error (hs, &r);
  hs->client_hello = hl_tls_hello_lists_finish_client (&lists, ch);
  return hs;
}
