/* pcapng-writer.c: section header, interface, secrets and packet blocks. */
#include "pcapng-writer.h"

#include <errno.h>
#include <string.h>

#include "hl-error.h"
#include "i18n.h"

#define BLOCK_SHB 0x0a0d0d0au
#define BLOCK_IDB 0x00000001u
#define BLOCK_EPB 0x00000006u
#define BLOCK_DSB 0x0000000au

#define OPT_ENDOFOPT     0
#define OPT_SHB_USERAPPL 4
#define OPT_IF_NAME      2
#define OPT_IF_TSRESOL   9

/* Keeps blocks readable by our reader and by Wireshark (which refuses
 * blocks beyond 16 MiB by default). */
#define MAX_BLOCK (16u * 1024 * 1024)
#define MAX_PACKET (256u * 1024)   /* what readers accept for one packet */

struct _HlPcapngWriter {
  FILE     *fp;
  gboolean  owns_fp;
  char     *name;
  guint     n_interfaces;
  GByteArray *block;     /* the block being built, reused */
  GError   *error;       /* first write error: sticky */
};

static void
put32 (GByteArray *b, guint32 v)
{
  g_byte_array_append (b, (const guint8 *) &v, 4);
}

static void
put16 (GByteArray *b, guint16 v)
{
  g_byte_array_append (b, (const guint8 *) &v, 2);
}

static void
pad4 (GByteArray *b)
{
  static const guint8 zero[4];
  g_byte_array_append (b, zero, (4 - (b->len & 3)) & 3);
}

static void
put_option (GByteArray *b, guint16 code, const void *value, gsize len)
{
  put16 (b, code);
  put16 (b, (guint16) len);
  g_byte_array_append (b, value, (guint) len);
  pad4 (b);
}

static void
begin_block (HlPcapngWriter *w, guint32 type)
{
  g_byte_array_set_size (w->block, 0);
  put32 (w->block, type);
  put32 (w->block, 0);   /* total length, patched in end_block */
}

static gboolean
fail (HlPcapngWriter *w, GError **error)
{
  if (w->error == NULL)
    g_set_error (&w->error, HL_ERROR, HL_ERROR_IO, _("Cannot write “%s”: %s"),
                 w->name, g_strerror (errno));
  if (error)
    *error = g_error_copy (w->error);
  return FALSE;
}

static gboolean
end_block (HlPcapngWriter *w, GError **error)
{
  guint32 total;

  pad4 (w->block);
  total = w->block->len + 4;
  put32 (w->block, total);
  memcpy (w->block->data + 4, &total, 4);
  errno = EIO;
  if (fwrite (w->block->data, 1, w->block->len, w->fp) != w->block->len)
    return fail (w, error);
  return TRUE;
}

static gboolean
check_usable (HlPcapngWriter *w, GError **error)
{
  if (w->error == NULL)
    return TRUE;
  if (error)
    *error = g_error_copy (w->error);
  return FALSE;
}

static gboolean
check_size (HlPcapngWriter *w, gsize payload, GError **error)
{
  if (payload <= MAX_BLOCK - 64)
    return TRUE;
  g_set_error (error, HL_ERROR, HL_ERROR_LIMIT,
               _("Cannot write “%s”: a block of %zu bytes is too large"),
               w->name, payload);
  return FALSE;
}

static HlPcapngWriter *
writer_start (FILE *fp, gboolean owns_fp, const char *name, const char *application, GError **error)
{
  HlPcapngWriter *w = g_new0 (HlPcapngWriter, 1);
  guint64 section_length = G_MAXUINT64;   /* -1: not specified */

  w->fp = fp;
  w->owns_fp = owns_fp;
  w->name = g_strdup (name);
  w->block = g_byte_array_sized_new (2048);

  begin_block (w, BLOCK_SHB);
  put32 (w->block, 0x1a2b3c4d);
  put16 (w->block, 1);
  put16 (w->block, 0);
  g_byte_array_append (w->block, (const guint8 *) &section_length, 8);
  if (application != NULL)
    {
      put_option (w->block, OPT_SHB_USERAPPL, application, MIN (strlen (application), 1024));
      put_option (w->block, OPT_ENDOFOPT, NULL, 0);
    }
  if (!end_block (w, error))
    {
      hl_pcapng_writer_free (w);
      return NULL;
    }
  return w;
}

HlPcapngWriter *
hl_pcapng_writer_new (FILE *fp, const char *application, GError **error)
{
  g_return_val_if_fail (fp != NULL, NULL);
  return writer_start (fp, FALSE, "pcapng", application, error);
}

HlPcapngWriter *
hl_pcapng_writer_new_for_path (const char *path, const char *application, GError **error)
{
  FILE *fp = fopen (path, "wbe");

  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, HL_ERROR, saved == EACCES ? HL_ERROR_PERMISSION : HL_ERROR_IO,
                   _("Cannot create “%s”: %s"), path, g_strerror (saved));
      return NULL;
    }
  return writer_start (fp, TRUE, path, application, error);
}

gint
hl_pcapng_writer_add_interface (HlPcapngWriter *w, guint32 linktype, guint32 snaplen,
                                const char *name, GError **error)
{
  const guint8 tsresol = 9;   /* nanoseconds */

  if (!check_usable (w, error))
    return -1;
  if (linktype > 0xffff)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_UNSUPPORTED,
                   _("Cannot write “%s”: link type %u does not fit in pcapng"), w->name, linktype);
      return -1;
    }
  begin_block (w, BLOCK_IDB);
  put16 (w->block, (guint16) linktype);
  put16 (w->block, 0);
  put32 (w->block, snaplen);
  if (name != NULL)
    put_option (w->block, OPT_IF_NAME, name, MIN (strlen (name), 256));
  put_option (w->block, OPT_IF_TSRESOL, &tsresol, 1);
  put_option (w->block, OPT_ENDOFOPT, NULL, 0);
  if (!end_block (w, error))
    return -1;
  return (gint) w->n_interfaces++;
}

gboolean
hl_pcapng_writer_write_secrets (HlPcapngWriter *w, guint32 secrets_type,
                                const guint8 *data, gsize len, GError **error)
{
  if (!check_usable (w, error) || !check_size (w, len, error))
    return FALSE;
  begin_block (w, BLOCK_DSB);
  put32 (w->block, secrets_type);
  put32 (w->block, (guint32) len);
  g_byte_array_append (w->block, data, (guint) len);
  return end_block (w, error);
}

gboolean
hl_pcapng_writer_write_tls_keylog (HlPcapngWriter *w, const char *text, gssize len,
                                   GError **error)
{
  if (len < 0)
    len = (gssize) strlen (text);
  return hl_pcapng_writer_write_secrets (w, HL_SECRETS_TYPE_TLS_KEYLOG,
                                         (const guint8 *) text, (gsize) len, error);
}

gboolean
hl_pcapng_writer_write_packet (HlPcapngWriter *w, guint32 interface_id, gint64 ts_ns,
                               const guint8 *data, guint32 caplen, guint32 origlen,
                               GError **error)
{
  guint64 ts = ts_ns < 0 ? 0 : (guint64) ts_ns;

  if (!check_usable (w, error))
    return FALSE;
  if (caplen > MAX_PACKET)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_LIMIT,
                   _("Cannot write “%s”: a packet of %u bytes is larger than %u"),
                   w->name, caplen, MAX_PACKET);
      return FALSE;
    }
  if (interface_id >= w->n_interfaces)
    {
      g_set_error (error, HL_ERROR, HL_ERROR_FAILED,
                   _("Cannot write “%s”: interface %u was not added"), w->name, interface_id);
      return FALSE;
    }
  begin_block (w, BLOCK_EPB);
  put32 (w->block, interface_id);
  put32 (w->block, (guint32) (ts >> 32));
  put32 (w->block, (guint32) ts);
  put32 (w->block, caplen);
  put32 (w->block, MAX (origlen, caplen));
  g_byte_array_append (w->block, data, caplen);
  return end_block (w, error);
}

gboolean
hl_pcapng_writer_close (HlPcapngWriter *w, GError **error)
{
  gboolean ok = w->error == NULL;

  errno = EIO;
  if (ok && fflush (w->fp) != 0)
    ok = fail (w, NULL);
  if (w->owns_fp)
    {
      errno = EIO;
      if (fclose (w->fp) != 0 && ok)
        ok = fail (w, NULL);
      w->fp = NULL;
    }
  if (!ok && error)
    *error = g_error_copy (w->error);
  hl_pcapng_writer_free (w);
  return ok;
}

void
hl_pcapng_writer_free (HlPcapngWriter *w)
{
  if (w == NULL)
    return;
  if (w->owns_fp && w->fp)
    fclose (w->fp);
  g_byte_array_unref (w->block);
  g_clear_error (&w->error);
  g_free (w->name);
  g_free (w);
}
