/* tls-extensions.c: TLS extension blocks (see tls-extensions.h). */
#include "tls-extensions.h"

#include <string.h>

#include "tls-format-private.h"
#include "tls-names.h"

/* Lists longer than this are summarised rather than listed field by field. */
#define MAX_LIST_FIELDS 64

enum {
  EXT_SERVER_NAME = 0, EXT_MAX_FRAGMENT_LENGTH = 1, EXT_STATUS_REQUEST = 5,
  EXT_SUPPORTED_GROUPS = 10, EXT_EC_POINT_FORMATS = 11, EXT_SIGNATURE_ALGORITHMS = 13,
  EXT_HEARTBEAT = 15, EXT_ALPN = 16, EXT_PADDING = 21, EXT_ENCRYPT_THEN_MAC = 22,
  EXT_EXTENDED_MASTER_SECRET = 23, EXT_COMPRESS_CERTIFICATE = 27, EXT_RECORD_SIZE_LIMIT = 28,
  EXT_SESSION_TICKET = 35, EXT_PRE_SHARED_KEY = 41, EXT_EARLY_DATA = 42,
  EXT_SUPPORTED_VERSIONS = 43, EXT_COOKIE = 44, EXT_PSK_KEY_EXCHANGE_MODES = 45,
  EXT_CERTIFICATE_AUTHORITIES = 47, EXT_POST_HANDSHAKE_AUTH = 49,
  EXT_SIGNATURE_ALGORITHMS_CERT = 50, EXT_KEY_SHARE = 51, EXT_RENEGOTIATION_INFO = 0xff01,
};

void
hl_tls_extensions_init (HlTlsExtensions *ext, HlTlsExtWhere where)
{
  memset (ext, 0, sizeof *ext);
  ext->where = where;
}

void
hl_tls_extensions_clear (HlTlsExtensions *ext)
{
  g_clear_pointer (&ext->alpn, g_free);
}

static gboolean
in_client_hello (const HlTlsExtensions *ext)
{
  return ext->where == HL_TLS_EXT_IN_CLIENT_HELLO;
}

static gboolean
in_server_hello (const HlTlsExtensions *ext)
{
  return ext->where == HL_TLS_EXT_IN_SERVER_HELLO || ext->where == HL_TLS_EXT_IN_HELLO_RETRY_REQUEST;
}


/* A list of 16-bit code points: one child per entry, appended to `out`. */
typedef const char *(*NameFunc16) (guint16);

static void
code16_list (HlReader *list, HlField *parent, const char *item, NameFunc16 name, HlTlsCodes *out)
{
  guint max_fields = hl_field_discarding () ? 0 : MAX_LIST_FIELDS;
  guint n = 0;

  /* room for the whole list at once, not one step per doubling */
  if (out)
    hl_tls_codes_reserve (out, (guint) (hl_reader_remaining (list) / 2));
  while (hl_reader_remaining (list) >= 2)
    {
      guint32 o = off (list);
      guint16 v = hl_reader_u16 (list);
      if (out)
        hl_tls_codes_append (out, v);
      if (n++ < max_fields)
        {
          HlField *f = hl_field_add (parent, item, NULL, o, 2);
          f->value = hl_tls_format_code16 (name ? name (v) : NULL, v);
        }
    }
  if (n > MAX_LIST_FIELDS)   /* (skipped by hl_field_add_printf when discarding) */
    hl_field_add_printf (parent, off (list), 0, "more", "%u more", n - MAX_LIST_FIELDS);
  if (hl_reader_remaining (list) != 0)
    hl_reader_fail (list, "odd length in a list of 16-bit values");
}

static const char *
version_name16 (guint16 v)
{
  return hl_tls_version_name (v);
}

static gboolean
is_printable (guint8 c)
{
  return c >= 0x20 && c < 0x7f && c != '\\';
}

/* Printable ASCII as is, other bytes (and backslashes) as "\xNN": the
 * length of that text, then the text (NUL-terminated) at out, returning
 * its end. */
static gsize
printable_len (const guint8 *p, gsize len)
{
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    n += is_printable (p[i]) ? 1 : 4;
  return n;
}

static char *
printable_write (const guint8 *p, gsize len, char *q)
{
  static const char digits[] = "0123456789abcdef";

  for (gsize i = 0; i < len; i++)
    {
      if (is_printable (p[i]))
        *q++ = (char) p[i];
      else
        {
          *q++ = '\\';
          *q++ = 'x';
          *q++ = digits[p[i] >> 4];
          *q++ = digits[p[i] & 15];
        }
    }
  *q = '\0';
  return q;
}

static char *
printable_string (const guint8 *p, gsize len)
{
  char *out = g_malloc (printable_len (p, len) + 1);

  printable_write (p, len, out);
  return out;
}

/* ---- the lists of a hello ------------------------------------------------ */

static void
codes_init (HlTlsCodes *c)
{
  c->data = c->inline_data;
  c->len = 0;
  c->cap = HL_TLS_INLINE_CODES;
}

static void
codes_free (HlTlsCodes *c)
{
  if (c->data != c->inline_data)
    g_free (c->data);
}

void
hl_tls_hello_lists_init (HlTlsHelloLists *l)
{
  codes_init (&l->supported_versions);
  codes_init (&l->cipher_suites);
  codes_init (&l->compression_methods);
  codes_init (&l->extensions);
  codes_init (&l->supported_groups);
  codes_init (&l->key_share_groups);
  codes_init (&l->signature_algorithms);
  l->alpn = l->alpn_inline;
  l->n_alpn = 0;
  l->alpn_cap = HL_TLS_INLINE_STRINGS;
  l->has_sni = FALSE;
  l->sni.bytes = NULL;
  l->sni.len = 0;
}

/* The heap parts; l is not used after. */
static void
hello_lists_free (HlTlsHelloLists *l)
{
  codes_free (&l->supported_versions);
  codes_free (&l->cipher_suites);
  codes_free (&l->compression_methods);
  codes_free (&l->extensions);
  codes_free (&l->supported_groups);
  codes_free (&l->key_share_groups);
  codes_free (&l->signature_algorithms);
  if (l->alpn != l->alpn_inline)
    g_free (l->alpn);
}

void
hl_tls_codes_reserve (HlTlsCodes *c, guint n)
{
  guint need = c->len + n;

  if (need <= c->cap)
    return;
  need = MAX (need, c->cap * 2);
  if (c->data == c->inline_data)
    {
      c->data = g_new (guint16, need);
      memcpy (c->data, c->inline_data, c->len * sizeof (guint16));
    }
  else
    c->data = g_renew (guint16, c->data, need);
  c->cap = need;
}

void
hl_tls_codes_append (HlTlsCodes *c, guint16 v)
{
  if (c->len == c->cap)
    hl_tls_codes_reserve (c, 1);
  c->data[c->len++] = v;
}

static void
alpn_append (HlTlsHelloLists *l, const guint8 *bytes, gsize len)
{
  if (l->n_alpn == l->alpn_cap)
    {
      /* each entry took at least 2 bytes of the message */
      guint cap = l->alpn_cap * 2;
      if (l->alpn == l->alpn_inline)
        {
          l->alpn = g_new (HlTlsWireString, cap);
          memcpy (l->alpn, l->alpn_inline, sizeof l->alpn_inline);
        }
      else
        l->alpn = g_renew (HlTlsWireString, l->alpn, cap);
      l->alpn_cap = cap;
    }
  l->alpn[l->n_alpn].bytes = bytes;
  l->alpn[l->n_alpn].len = len;
  l->n_alpn++;
}

/* Copies a list into the block at *at (advanced past it). */
static void
carve_codes (HlU16List *list, const HlTlsCodes *c, guint8 **at)
{
  list->len = c->len;
  list->data = NULL;
  if (c->len == 0)
    return;
  memcpy (*at, c->data, c->len * sizeof (guint16));
  list->data = (const guint16 *) *at;
  *at += c->len * sizeof (guint16);
}

HlClientHelloInfo *
hl_tls_hello_lists_finish_client (HlTlsHelloLists *l, const HlClientHelloInfo *fixed)
{
  /* block: the summary, the ALPN pointers, the 16-bit lists, the
   * compression methods, then the strings; pointers first keeps them
   * aligned (the summary's size is a multiple of a pointer's alignment) */
  gsize size = sizeof (HlClientHelloInfo) + l->n_alpn * sizeof (char *);
  HlClientHelloInfo *ch;
  const char **alpn;
  guint8 *at;
  char *text;

  size += (gsize) 2 * (l->supported_versions.len + l->cipher_suites.len + l->extensions.len +
                       l->supported_groups.len + l->key_share_groups.len +
                       l->signature_algorithms.len);
  size += l->compression_methods.len;
  for (guint i = 0; i < l->n_alpn; i++)
    size += printable_len (l->alpn[i].bytes, l->alpn[i].len) + 1;
  if (l->has_sni)
    size += printable_len (l->sni.bytes, l->sni.len) + 1;

  ch = g_malloc (size);
  memcpy (ch, fixed, sizeof *ch);
  alpn = (const char **) (ch + 1);
  at = (guint8 *) (alpn + l->n_alpn);
  carve_codes (ch->supported_versions, &l->supported_versions, &at);
  carve_codes (ch->cipher_suites, &l->cipher_suites, &at);
  carve_codes (ch->extensions, &l->extensions, &at);
  carve_codes (ch->supported_groups, &l->supported_groups, &at);
  carve_codes (ch->key_share_groups, &l->key_share_groups, &at);
  carve_codes (ch->signature_algorithms, &l->signature_algorithms, &at);
  ch->compression_methods->len = l->compression_methods.len;
  ch->compression_methods->data = l->compression_methods.len ? at : NULL;
  for (guint i = 0; i < l->compression_methods.len; i++)
    *at++ = (guint8) l->compression_methods.data[i];

  text = (char *) at;
  ch->alpn->len = l->n_alpn;
  ch->alpn->data = l->n_alpn ? alpn : NULL;
  for (guint i = 0; i < l->n_alpn; i++)
    {
      alpn[i] = text;
      text = printable_write (l->alpn[i].bytes, l->alpn[i].len, text) + 1;
    }
  ch->sni = NULL;
  if (l->has_sni)
    {
      ch->sni = text;
      text = printable_write (l->sni.bytes, l->sni.len, text) + 1;
    }
  g_assert ((gsize) (text - (char *) ch) == size);
  hello_lists_free (l);
  return ch;
}

HlServerHelloInfo *
hl_tls_hello_lists_finish_server (HlTlsHelloLists *l, const HlServerHelloInfo *fixed)
{
  HlServerHelloInfo *sh = g_malloc (sizeof *sh + l->extensions.len * sizeof (guint16));
  guint8 *at = (guint8 *) (sh + 1);

  memcpy (sh, fixed, sizeof *sh);
  carve_codes (sh->extensions, &l->extensions, &at);
  hello_lists_free (l);
  return sh;
}

/* ---- individual extensions ---------------------------------------------- */

static void
parse_server_name (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  HlReader list;

  if (!in_client_hello (ext))
    return;   /* the server's acknowledgement is empty */
  list = hl_reader_vec16 (r, 1, 0xffff);
  while (hl_reader_remaining (&list) > 0)
    {
      guint32 o = off (&list);
      guint8 type = hl_reader_u8 (&list);
      HlReader name = hl_reader_vec16 (&list, 1, 0xffff);
      gsize len = hl_reader_remaining (&name);
      const guint8 *p = hl_reader_bytes (&name, len);
      g_autofree char *host = NULL;

      if (p == NULL)
        {
          hl_reader_take_error (&list, &name);
          break;
        }
      if (type == 0)
        {
          if (!hl_field_discarding ())
            host = printable_string (p, len);
          hl_field_add (f, "host_name", host, o, (guint32) (3 + len));
          if (ext->lists && !ext->lists->has_sni)
            {
              /* made printable with the summary */
              ext->lists->has_sni = TRUE;
              ext->lists->sni.bytes = p;
              ext->lists->sni.len = len;
            }
        }
      else if (!hl_field_discarding ())
        {
          host = printable_string (p, len);
          hl_field_add_printf (f, o, (guint32) (3 + len), "server_name", "type %u: %s", type, host);
        }
    }
  hl_reader_take_error (r, &list);
}

static void
parse_status_request (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  guint32 o;
  guint8 type;

  if (ext->client_hello)
    ext->client_hello->has_status_request = TRUE;
  if (hl_reader_remaining (r) == 0)
    return;
  o = off (r);
  type = hl_reader_u8 (r);
  hl_field_add_printf (f, o, 1, "status_type", "%s (%u)", type == 1 ? "ocsp" : "unknown", type);
  if (ext->where == HL_TLS_EXT_IN_CERTIFICATE)
    {
      HlReader resp = hl_reader_vec24 (r, 1, 0xffffff);
      hl_field_add_printf (f, o + 1, 3 + sub_len (&resp), "ocsp_response", "%u bytes", sub_len (&resp));
      hl_reader_skip (&resp, hl_reader_remaining (&resp));
      hl_reader_take_error (r, &resp);
    }
  else if (type == 1)
    {
      HlReader ids = hl_reader_vec16 (r, 0, 0xffff);
      HlReader exts;
      hl_field_add_printf (f, o + 1, 2 + sub_len (&ids), "responder_id_list", "%u bytes", sub_len (&ids));
      hl_reader_skip (&ids, hl_reader_remaining (&ids));
      exts = hl_reader_vec16 (r, 0, 0xffff);
      hl_field_add_printf (f, off (r) - sub_len (&exts) - 2, 2 + sub_len (&exts), "request_extensions",
                           "%u bytes", sub_len (&exts));
      hl_reader_skip (&exts, hl_reader_remaining (&exts));
    }
  else
    hl_reader_skip (r, hl_reader_remaining (r));
}

static void
parse_supported_groups (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  HlReader list = hl_reader_vec16 (r, 2, 0xfffe);
  code16_list (&list, f, "named_group", hl_tls_group_name,
               ext->lists && in_client_hello (ext) ? &ext->lists->supported_groups : NULL);
  hl_reader_take_error (r, &list);
}

static void
parse_ec_point_formats (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  static const char * const names[] = { "uncompressed", "ansiX962_compressed_prime", "ansiX962_compressed_char2" };
  HlReader list = hl_reader_vec8 (r, 1, 0xff);
  while (hl_reader_remaining (&list) > 0)
    {
      guint32 o = off (&list);
      guint8 v = hl_reader_u8 (&list);
      HlField *p = hl_field_add (f, "ec_point_format", NULL, o, 1);
      p->value = hl_tls_format_code8 (v < G_N_ELEMENTS (names) ? names[v] : NULL, v);
    }
  hl_reader_take_error (r, &list);
}

static void
parse_signature_algorithms (HlTlsExtensions *ext, HlReader *r, HlField *f, gboolean cert)
{
  HlReader list = hl_reader_vec16 (r, 2, 0xfffe);
  code16_list (&list, f, "signature_scheme", hl_tls_sigalg_name,
               !cert && ext->lists && in_client_hello (ext) ? &ext->lists->signature_algorithms : NULL);
  hl_reader_take_error (r, &list);
}

static void
parse_alpn (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  HlReader list = hl_reader_vec16 (r, 2, 0xffff);
  while (hl_reader_remaining (&list) > 0)
    {
      guint32 o = off (&list);
      HlReader name = hl_reader_vec8 (&list, 1, 0xff);
      gsize len = hl_reader_remaining (&name);
      const guint8 *p = hl_reader_bytes (&name, len);
      gboolean first_selected;
      char *proto = NULL;

      if (p == NULL)
        {
          hl_reader_take_error (&list, &name);
          break;
        }
      first_selected = !in_client_hello (ext) && ext->alpn == NULL;
      if (first_selected || !hl_field_discarding ())
        proto = printable_string (p, len);
      hl_field_add (f, "protocol", proto, o, (guint32) (1 + len));
      if (ext->lists && in_client_hello (ext))
        alpn_append (ext->lists, p, len);   /* made printable with the summary */
      if (first_selected)
        ext->alpn = g_steal_pointer (&proto);
      g_free (proto);
    }
  hl_reader_take_error (r, &list);
}

static void
parse_session_ticket (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  gsize len = hl_reader_remaining (r);
  if (ext->client_hello)
    {
      ext->client_hello->has_session_ticket = TRUE;
      ext->client_hello->session_ticket_nonempty = len > 0;
    }
  if (len > 0)
    {
      hl_field_add_printf (f, off (r), (guint32) len, "ticket", "%" G_GSIZE_FORMAT " bytes", len);
      ext->ticket_offset = off (r);
      ext->ticket_length = (guint32) len;
    }
  hl_reader_skip (r, len);
}

static void
parse_pre_shared_key (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  if (in_client_hello (ext))
    {
      HlReader ids = hl_reader_vec16 (r, 7, 0xffff);
      HlReader binders;
      guint n = 0, nb = 0;
      guint32 o = off (r) - sub_len (&ids) - 2, blen;

      if (ext->client_hello)
        ext->client_hello->has_psk = TRUE;
      while (hl_reader_remaining (&ids) > 0)
        {
          HlReader id = hl_reader_vec16 (&ids, 1, 0xffff);
          hl_reader_skip (&id, hl_reader_remaining (&id));
          hl_reader_u32 (&ids);   /* obfuscated_ticket_age */
          hl_reader_take_error (&ids, &id);
          n++;
        }
      hl_field_add_printf (f, o, off (r) - o, "identities", "%u", n);
      hl_reader_take_error (r, &ids);
      o = off (r);
      binders = hl_reader_vec16 (r, 33, 0xffff);
      blen = sub_len (&binders);
      while (hl_reader_remaining (&binders) > 0)
        {
          HlReader b = hl_reader_vec8 (&binders, 32, 0xff);
          hl_reader_skip (&b, hl_reader_remaining (&b));
          hl_reader_take_error (&binders, &b);
          nb++;
        }
      hl_field_add_printf (f, o, 2 + blen, "binders", "%u", nb);
      hl_reader_take_error (r, &binders);
    }
  else if (in_server_hello (ext))
    {
      guint32 o = off (r);
      guint16 sel = hl_reader_u16 (r);
      if (ext->server_hello)
        ext->server_hello->has_psk = TRUE;
      hl_field_add_printf (f, o, 2, "selected_identity", "%u", sel);
    }
}

static void
parse_early_data (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  ext->early_data = TRUE;
  if (ext->client_hello)
    ext->client_hello->has_early_data = TRUE;
  if (ext->where == HL_TLS_EXT_IN_NEW_SESSION_TICKET)
    {
      guint32 o = off (r);
      ext->max_early_data = hl_reader_u32 (r);
      hl_field_add_printf (f, o, 4, "max_early_data_size", "%u", ext->max_early_data);
    }
}

static void
parse_supported_versions (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  if (in_client_hello (ext))
    {
      HlReader list = hl_reader_vec8 (r, 2, 0xfe);
      code16_list (&list, f, "version", version_name16,
                   ext->lists ? &ext->lists->supported_versions : NULL);
      hl_reader_take_error (r, &list);
    }
  else
    {
      guint32 o = off (r);
      guint16 v = hl_reader_u16 (r);
      HlField *sv = hl_field_add (f, "selected_version", NULL, o, 2);
      sv->value = hl_tls_format_version (v);
      if (ext->server_hello)
        ext->server_hello->selected_version = v;
    }
}

static void
parse_cookie (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  HlReader c = hl_reader_vec16 (r, 1, 0xffff);
  hl_field_add_printf (f, off (r) - sub_len (&c) - 2, 2 + sub_len (&c), "cookie", "%u bytes", sub_len (&c));
  hl_reader_skip (&c, hl_reader_remaining (&c));
  hl_reader_take_error (r, &c);
}

static void
parse_psk_modes (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  HlReader list = hl_reader_vec8 (r, 1, 0xff);
  while (hl_reader_remaining (&list) > 0)
    {
      guint32 o = off (&list);
      guint8 v = hl_reader_u8 (&list);
      HlField *m = hl_field_add (f, "psk_key_exchange_mode", NULL, o, 1);
      m->value = hl_tls_format_code8 (v == 0 ? "psk_ke" : v == 1 ? "psk_dhe_ke" : NULL, v);
    }
  hl_reader_take_error (r, &list);
}

static void
parse_certificate_authorities (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  HlReader list = hl_reader_vec16 (r, 3, 0xffff);
  guint n = 0;
  guint32 len = sub_len (&list);
  guint32 o = off (r) - len - 2;
  while (hl_reader_remaining (&list) > 0)
    {
      HlReader dn = hl_reader_vec16 (&list, 1, 0xffff);
      hl_reader_skip (&dn, hl_reader_remaining (&dn));
      hl_reader_take_error (&list, &dn);
      n++;
    }
  hl_field_add_printf (f, o, 2 + len, "authorities", "%u distinguished names", n);
  hl_reader_take_error (r, &list);
}

static void
parse_key_share (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  if (ext->where == HL_TLS_EXT_IN_HELLO_RETRY_REQUEST)
    {
      guint32 o = off (r);
      guint16 g = hl_reader_u16 (r);
      HlField *sg = hl_field_add (f, "selected_group", NULL, o, 2);
      sg->value = hl_tls_format_code16 (hl_tls_group_name (g), g);
      if (ext->server_hello)
        ext->server_hello->key_share_group = g;
      return;
    }
  if (in_client_hello (ext))
    {
      HlReader list = hl_reader_vec16 (r, 0, 0xffff);
      while (hl_reader_remaining (&list) > 0)
        {
          guint32 o = off (&list);
          guint16 g = hl_reader_u16 (&list);
          HlReader key = hl_reader_vec16 (&list, 1, 0xffff);
          g_autofree char *gname = hl_tls_format_code16 (hl_tls_group_name (g), g);
          if (!hl_reader_ok (&list))
            break;
          hl_field_add_printf (f, o, 4 + sub_len (&key), "key_share_entry", "%s, key %u bytes",
                               gname, sub_len (&key));
          hl_reader_skip (&key, hl_reader_remaining (&key));
          if (ext->lists)
            hl_tls_codes_append (&ext->lists->key_share_groups, g);
        }
      hl_reader_take_error (r, &list);
    }
  else
    {
      guint32 o = off (r);
      guint16 g = hl_reader_u16 (r);
      HlReader key = hl_reader_vec16 (r, 1, 0xffff);
      g_autofree char *gname = hl_tls_format_code16 (hl_tls_group_name (g), g);
      hl_field_add_printf (f, o, 4 + sub_len (&key), "key_share_entry", "%s, key %u bytes",
                           gname, sub_len (&key));
      hl_reader_skip (&key, hl_reader_remaining (&key));
      hl_reader_take_error (r, &key);
      if (ext->server_hello)
        ext->server_hello->key_share_group = g;
    }
}

static void
parse_renegotiation_info (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  HlReader v = hl_reader_vec8 (r, 0, 0xff);
  hl_field_add_printf (f, off (r) - sub_len (&v) - 1, 1 + sub_len (&v), "renegotiated_connection",
                       "%u bytes", sub_len (&v));
  hl_reader_skip (&v, hl_reader_remaining (&v));
  hl_reader_take_error (r, &v);
  if (ext->client_hello)
    ext->client_hello->has_reneg_info = TRUE;
  if (ext->server_hello)
    ext->server_hello->has_reneg_info = TRUE;
}

static void
parse_u16_value (HlReader *r, HlField *f, const char *name)
{
  guint32 o = off (r);
  guint16 v = hl_reader_u16 (r);
  hl_field_add_printf (f, o, 2, name, "%u", v);
}

static void
parse_compress_certificate (HlTlsExtensions *ext, HlReader *r, HlField *f)
{
  static const char * const names[] = { NULL, "zlib", "brotli", "zstd" };
  HlReader list = hl_reader_vec8 (r, 2, 0xfe);
  while (hl_reader_remaining (&list) >= 2)
    {
      guint32 o = off (&list);
      guint16 v = hl_reader_u16 (&list);
      HlField *a = hl_field_add (f, "algorithm", NULL, o, 2);
      a->value = hl_tls_format_code16 (v < G_N_ELEMENTS (names) ? names[v] : NULL, v);
    }
  hl_reader_take_error (r, &list);
}

static void
parse_extension_body (HlTlsExtensions *ext, guint16 type, HlReader *r, HlField *f)
{
  switch (type)
    {
    case EXT_SERVER_NAME: parse_server_name (ext, r, f); break;
    case EXT_MAX_FRAGMENT_LENGTH:
      {
        guint32 o = off (r);
        guint8 v = hl_reader_u8 (r);
        hl_field_add_printf (f, o, 1, "max_fragment_length", "2^%u", v >= 1 && v <= 4 ? 8 + v : 0);
      }
      break;
    case EXT_STATUS_REQUEST: parse_status_request (ext, r, f); break;
    case EXT_SUPPORTED_GROUPS: parse_supported_groups (ext, r, f); break;
    case EXT_EC_POINT_FORMATS: parse_ec_point_formats (ext, r, f); break;
    case EXT_SIGNATURE_ALGORITHMS: parse_signature_algorithms (ext, r, f, FALSE); break;
    case EXT_SIGNATURE_ALGORITHMS_CERT: parse_signature_algorithms (ext, r, f, TRUE); break;
    case EXT_HEARTBEAT:
      {
        guint32 o = off (r);
        guint8 v = hl_reader_u8 (r);
        hl_field_add_printf (f, o, 1, "mode", "%s (%u)", v == 1 ? "peer_allowed_to_send" :
                             v == 2 ? "peer_not_allowed_to_send" : "unknown", v);
      }
      break;
    case EXT_ALPN: parse_alpn (ext, r, f); break;
    case EXT_PADDING:
      hl_field_add_printf (f, off (r), (guint32) hl_reader_remaining (r), "padding", "%" G_GSIZE_FORMAT " bytes",
                           hl_reader_remaining (r));
      hl_reader_skip (r, hl_reader_remaining (r));
      break;
    case EXT_ENCRYPT_THEN_MAC:
      if (ext->client_hello)
        ext->client_hello->has_etm = TRUE;
      if (ext->server_hello)
        ext->server_hello->has_etm = TRUE;
      break;
    case EXT_EXTENDED_MASTER_SECRET:
      if (ext->client_hello)
        ext->client_hello->has_ems = TRUE;
      if (ext->server_hello)
        ext->server_hello->has_ems = TRUE;
      break;
    case EXT_COMPRESS_CERTIFICATE: parse_compress_certificate (ext, r, f); break;
    case EXT_RECORD_SIZE_LIMIT: parse_u16_value (r, f, "record_size_limit"); break;
    case EXT_SESSION_TICKET: parse_session_ticket (ext, r, f); break;
    case EXT_PRE_SHARED_KEY: parse_pre_shared_key (ext, r, f); break;
    case EXT_EARLY_DATA: parse_early_data (ext, r, f); break;
    case EXT_SUPPORTED_VERSIONS: parse_supported_versions (ext, r, f); break;
    case EXT_COOKIE: parse_cookie (ext, r, f); break;
    case EXT_PSK_KEY_EXCHANGE_MODES: parse_psk_modes (ext, r, f); break;
    case EXT_CERTIFICATE_AUTHORITIES: parse_certificate_authorities (ext, r, f); break;
    case EXT_POST_HANDSHAKE_AUTH: break;
    case EXT_KEY_SHARE: parse_key_share (ext, r, f); break;
    case EXT_RENEGOTIATION_INFO: parse_renegotiation_info (ext, r, f); break;
    default:
      /* unparsed: the length field says it all */
      hl_reader_skip (r, hl_reader_remaining (r));
      return;
    }
  if (hl_reader_ok (r) && hl_reader_remaining (r) > 0)
    hl_reader_fail (r, "extension has bytes after its content");
}

/* Extensions in a block, as the parse loop will see them. */
static guint
count_extensions (HlReader list)
{
  guint n = 0;

  while (hl_reader_remaining (&list) > 0)
    {
      HlReader body;
      hl_reader_u16 (&list);
      body = hl_reader_vec16 (&list, 0, 0xffff);
      (void) body;
      if (!hl_reader_ok (&list))
        break;
      n++;
    }
  return n;
}

gboolean
hl_tls_extensions_parse (HlTlsExtensions *ext, HlReader *r, HlField *parent)
{
  guint32 start = off (r);
  HlReader list = hl_reader_vec16 (r, 0, 0xffff);
  HlReader first_bad = { 0 };
  HlTlsCodes *types = NULL;
  gboolean discarding = hl_field_discarding ();
  HlField *block;

  if (!hl_reader_ok (r))
    return FALSE;
  block = hl_field_add_printf (parent, start, 2 + sub_len (&list), "extensions", "%u bytes", sub_len (&list));
  if (ext->lists && (in_client_hello (ext) || in_server_hello (ext)))
    {
      types = &ext->lists->extensions;
      hl_tls_codes_reserve (types, count_extensions (list));
    }

  while (hl_reader_remaining (&list) > 0)
    {
      guint32 o = off (&list);
      guint16 type = hl_reader_u16 (&list);
      HlReader body = hl_reader_vec16 (&list, 0, 0xffff);
      g_autofree char *tname = NULL;
      HlField *f;

      if (!hl_reader_ok (&list))
        break;
      if (!discarding)
        tname = hl_tls_format_code16 (hl_tls_extension_name (type), type);
      if (types)
        hl_tls_codes_append (types, type);

      f = hl_field_add (block, "extension", tname, o, 4 + sub_len (&body));
      if (!discarding)
        {
          hl_field_add (f, "type", tname, o, 2);
          hl_field_add_printf (f, o + 2, 2, "length", "%u", sub_len (&body));
        }
      if (hl_tls_is_grease (type))
        {
          hl_reader_skip (&body, hl_reader_remaining (&body));
          continue;
        }
      parse_extension_body (ext, type, &body, f);
      if (!hl_reader_ok (&body) && first_bad.error == NULL)
        first_bad = body;
    }
  if (ext->server_hello && ext->alpn && ext->server_hello->alpn == NULL &&
      ext->where != HL_TLS_EXT_IN_HELLO_RETRY_REQUEST)
    ext->server_hello->alpn = g_steal_pointer (&ext->alpn);
  hl_reader_take_error (r, &list);
  hl_reader_take_error (r, &first_bad);
  return hl_reader_ok (r);
}
