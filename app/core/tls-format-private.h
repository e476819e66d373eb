/* tls-format-private.h: how TLS code points read in field trees.
 *
 * "x25519 (0x001d)", "GREASE (0x0a0a)", "0x1234" when the name is unknown.
 */
#pragma once
#include <glib.h>
#include <string.h>
#include "tls-names.h"

#include "reader.h"
#include "field.h"

G_BEGIN_DECLS

/* Offset of the reader's cursor, as a field offset. */
static inline guint32
off (const HlReader *r)
{
  return (guint32) hl_reader_offset (r);
}

/* Bytes a sub-reader covers, as a field length. */
static inline guint32
sub_len (const HlReader *sub)
{
  return (guint32) (sub->end - sub->pos);
}

static inline char *
hl_tls_format_code16 (const char *name, guint16 value)
{
  if (hl_field_discarding ())   /* only field values use these */
    return NULL;
  if (hl_tls_is_grease (value))
    return g_strdup_printf ("GREASE (0x%04x)", value);
  if (name && *name && *name != '?')
    return g_strdup_printf ("%s (0x%04x)", name, value);
  return g_strdup_printf ("0x%04x", value);
}

static inline char *
hl_tls_format_code8 (const char *name, guint8 value)
{
  if (hl_field_discarding ())   /* only field values use these */
    return NULL;
  if (name && *name && *name != '?')
    return g_strdup_printf ("%s (%u)", name, value);
  return g_strdup_printf ("%u", value);
}

static inline char *
hl_tls_format_version (guint16 version)
{
  if (hl_field_discarding ())   /* only field values use these */
    return NULL;
  const char *name = hl_tls_version_name (version);
  if (name && *name && *name != '?' && !g_str_has_prefix (name, "0x"))
    return g_strdup_printf ("%s (0x%04x)", name, version);
  return hl_tls_format_code16 (NULL, version);
}

static inline char *
hl_tls_format_cipher_suite (guint16 id)
{
  if (hl_field_discarding ())   /* only field values use these */
    return NULL;
  return hl_tls_format_code16 (hl_tls_cipher_suite_name (id), id);
}

/* Up to max bytes as hex, "…" when longer. */
static inline char *
hl_tls_format_hex (const guint8 *p, gsize len, gsize max)
{
  if (hl_field_discarding ())   /* only field values use these */
    return NULL;
  static const char digits[] = "0123456789abcdef";
  gsize n = MIN (len, max);
  char *out = g_malloc (n * 2 + sizeof "…");
  char *q = out;
  for (gsize i = 0; i < n; i++)
    {
      *q++ = digits[p[i] >> 4];
      *q++ = digits[p[i] & 15];
    }
  if (len > max)
    {
      memcpy (q, "…", sizeof "…" - 1);
      q += sizeof "…" - 1;
    }
  *q = '\0';
  return out;
}

static inline char *
hl_tls_format_bytes (gsize len)
{
  if (hl_field_discarding ())   /* only field values use these */
    return NULL;
  return g_strdup_printf (len == 1 ? "%" G_GSIZE_FORMAT " byte" : "%" G_GSIZE_FORMAT " bytes", len);
}

G_END_DECLS
