/* test-capture-reader.c: pcap / pcapng / gzip parsing, every truncation
 * point, corrupt structures, pipes, and the corpus against tshark. */
#include <glib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "capture-reader.h"
#include "hl-error.h"

/* ---- building captures -------------------------------------------------- */

typedef struct {
  GByteArray *b;
  gboolean    big;
  GArray     *ends;        /* gsize: offsets where a record/block ends */
  GArray     *packet_ends; /* gsize: the same for packet records only */
} Buf;

static Buf *
buf_new (gboolean big)
{
  Buf *b = g_new0 (Buf, 1);
  b->b = g_byte_array_new ();
  b->big = big;
  b->ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  b->packet_ends = g_array_new (FALSE, FALSE, sizeof (gsize));
  return b;
}

static void
buf_free (Buf *b)
{
  g_byte_array_unref (b->b);
  g_array_unref (b->ends);
  g_array_unref (b->packet_ends);
  g_free (b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Buf, buf_free)

static void
u8 (Buf *b, guint8 v)
{
  g_byte_array_append (b->b, &v, 1);
}

static void
u16 (Buf *b, guint16 v)
{
  guint8 x[2];
  if (b->big) { x[0] = v >> 8; x[1] = v; }
  else { x[0] = v; x[1] = v >> 8; }
  g_byte_array_append (b->b, x, 2);
}

static void
u32 (Buf *b, guint32 v)
{
  guint8 x[4];
  if (b->big) { x[0] = v >> 24; x[1] = v >> 16; x[2] = v >> 8; x[3] = v; }
  else { x[0] = v; x[1] = v >> 8; x[2] = v >> 16; x[3] = v >> 24; }
  g_byte_array_append (b->b, x, 4);
}

static void
raw (Buf *b, const void *p, gsize n)
{
  g_byte_array_append (b->b, p, n);
}

static void
pad (Buf *b)
{
  while (b->b->len & 3)
    u8 (b, 0);
}

static void
mark_end (Buf *b, gboolean packet)
{
  gsize at = b->b->len;
  g_array_append_val (b->ends, at);
  if (packet)
    g_array_append_val (b->packet_ends, at);
}

/* Deterministic packet bytes. */
static void
fill (guint8 *p, gsize n, guint seed)
{
  gsize i;
  for (i = 0; i < n; i++)
    p[i] = (guint8) (seed * 31 + i * 7);
}

static void
pcap_header (Buf *b, guint32 magic, guint32 snaplen, guint32 linktype)
{
  u32 (b, magic);
  u16 (b, 2);
  u16 (b, 4);
  u32 (b, 0);
  u32 (b, 0);
  u32 (b, snaplen);
  u32 (b, linktype);
  mark_end (b, FALSE);
}

static void
pcap_record (Buf *b, guint32 sec, guint32 frac, guint32 caplen, guint32 origlen, guint seed)
{
  guint8 data[2048];
  g_assert_cmpuint (caplen, <=, sizeof data);
  fill (data, caplen, seed);
  u32 (b, sec);
  u32 (b, frac);
  u32 (b, caplen);
  u32 (b, origlen);
  raw (b, data, caplen);
  mark_end (b, TRUE);
}

/* pcapng block: body is written by the caller between begin and end. */
static gsize
ng_begin (Buf *b, guint32 type)
{
  gsize start = b->b->len;
  u32 (b, type);
  u32 (b, 0);
  return start;
}

static void
ng_end (Buf *b, gsize start, gboolean packet)
{
  guint32 len;
  Buf tmp = { .big = b->big };
  pad (b);
  len = b->b->len - start + 4;
  u32 (b, len);
  tmp.b = g_byte_array_new ();
  u32 (&tmp, len);
  memcpy (b->b->data + start + 4, tmp.b->data, 4);
  g_byte_array_unref (tmp.b);
  mark_end (b, packet);
}

static void
ng_option (Buf *b, guint16 code, const void *v, guint16 len)
{
  u16 (b, code);
  u16 (b, len);
  raw (b, v, len);
  pad (b);
}

static void
ng_shb (Buf *b)
{
  gsize s = ng_begin (b, 0x0a0d0d0a);
  u32 (b, 0x1a2b3c4d);
  u16 (b, 1);
  u16 (b, 0);
  u32 (b, 0xffffffff);
  u32 (b, 0xffffffff);
  ng_option (b, 4, "test", 4);   /* shb_userappl */
  u32 (b, 0);                     /* opt_endofopt */
  ng_end (b, s, FALSE);
}

/* tsresol < 0: no option.  tsoffset 0: no option. */
static void
ng_idb (Buf *b, guint16 linktype, guint32 snaplen, int tsresol, gint64 tsoffset)
{
  gsize s = ng_begin (b, 1);
  u16 (b, linktype);
  u16 (b, 0);
  u32 (b, snaplen);
  ng_option (b, 2, "eth0", 4);   /* if_name */
  if (tsresol >= 0)
    {
      guint8 r = (guint8) tsresol;
      ng_option (b, 9, &r, 1);
    }
  if (tsoffset != 0)
    {
      u16 (b, 14);
      u16 (b, 8);
      if (b->big) { u32 (b, (guint32) ((guint64) tsoffset >> 32)); u32 (b, (guint32) tsoffset); }
      else { u32 (b, (guint32) tsoffset); u32 (b, (guint32) ((guint64) tsoffset >> 32)); }
    }
  u32 (b, 0);
  ng_end (b, s, FALSE);
}

static void
ng_epb (Buf *b, guint32 iface, guint64 ts, guint32 caplen, guint32 origlen, guint seed)
{
  guint8 data[2048];
  gsize s = ng_begin (b, 6);
  fill (data, caplen, seed);
  u32 (b, iface);
  u32 (b, (guint32) (ts >> 32));
  u32 (b, (guint32) ts);
  u32 (b, caplen);
  u32 (b, origlen);
  raw (b, data, caplen);
  pad (b);
  ng_option (b, 1, "a comment", 9);   /* opt_comment */
  u32 (b, 0);
  ng_end (b, s, TRUE);
}

static void
ng_spb (Buf *b, guint32 origlen, guint32 stored, guint seed)
{
  guint8 data[2048];
  gsize s = ng_begin (b, 3);
  fill (data, stored, seed);
  u32 (b, origlen);
  raw (b, data, stored);
  ng_end (b, s, TRUE);
}

static void
ng_pb (Buf *b, guint16 iface, guint64 ts, guint32 caplen, guint32 origlen, guint seed)
{
  guint8 data[2048];
  gsize s = ng_begin (b, 2);
  fill (data, caplen, seed);
  u16 (b, iface);
  u16 (b, 0);   /* drops */
  u32 (b, (guint32) (ts >> 32));
  u32 (b, (guint32) ts);
  u32 (b, caplen);
  u32 (b, origlen);
  raw (b, data, caplen);
  ng_end (b, s, TRUE);
}

static void
ng_dsb (Buf *b, guint32 type, const char *text)
{
  gsize s = ng_begin (b, 10);
  u32 (b, type);
  u32 (b, (guint32) strlen (text));
  raw (b, text, strlen (text));
  ng_end (b, s, FALSE);
}

static void
ng_other (Buf *b, guint32 type, gsize body)
{
  gsize s = ng_begin (b, type), i;
  for (i = 0; i < body; i++)
    u8 (b, (guint8) i);
  ng_end (b, s, FALSE);
}

/* ---- reading ------------------------------------------------------------ */

typedef struct {
  guint64 number;
  gint64  ts_ns;
  guint32 linktype, interface_id, caplen, origlen;
  guint8 *data;
  guint64 frames_before_secrets;
} Got;

typedef struct {
  GArray  *frames;     /* Got */
  GError  *error;      /* from open or next */
  gboolean opened;
  char    *format;
  guint64  offset, size, compressed_offset;
  GPtrArray *secrets;  /* GBytes, type in the first 4 bytes (host order) */
  GArray  *secrets_at; /* guint64: frames read when the secret came */
} Result;

static void
result_free (Result *res)
{
  guint i;
  for (i = 0; i < res->frames->len; i++)
    g_free (g_array_index (res->frames, Got, i).data);
  g_array_unref (res->frames);
  g_clear_error (&res->error);
  g_ptr_array_unref (res->secrets);
  g_array_unref (res->secrets_at);
  g_free (res->format);
  g_free (res);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

static void
on_secrets (guint32 type, const guint8 *data, gsize len, gpointer user_data)
{
  Result *res = user_data;
  GByteArray *b = g_byte_array_new ();
  guint64 n = res->frames->len;
  g_byte_array_append (b, (const guint8 *) &type, 4);
  g_byte_array_append (b, data, len);
  g_ptr_array_add (res->secrets, g_byte_array_free_to_bytes (b));
  g_array_append_val (res->secrets_at, n);
}

static Result *
read_reader (HlCaptureReader *r, GError *open_error)
{
  Result *res = g_new0 (Result, 1);
  HlFrame f;

  res->frames = g_array_new (FALSE, FALSE, sizeof (Got));
  res->secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  res->secrets_at = g_array_new (FALSE, FALSE, sizeof (guint64));
  if (r == NULL)
    {
      g_assert_nonnull (open_error);
      res->error = open_error;
      return res;
    }
  g_assert_null (open_error);
  res->opened = TRUE;
  hl_capture_reader_set_secrets_func (r, on_secrets, res);
  while (hl_capture_reader_next (r, &f, &res->error))
    {
      Got g = { f.number, f.ts_ns, f.linktype, f.interface_id, f.caplen, f.origlen,
                g_memdup2 (f.data, f.caplen), 0 };
      g_assert_null (res->error);
      g_array_append_val (res->frames, g);
      g_assert_cmpuint (res->frames->len, <, 10000000);
    }
  /* The end (or the error) is sticky. */
  {
    GError *again = NULL;
    g_assert_false (hl_capture_reader_next (r, &f, &again));
    if (res->error)
      {
        g_assert_nonnull (again);
        g_assert_true (again->domain == res->error->domain);
        g_assert_cmpint (again->code, ==, res->error->code);
        g_assert_cmpstr (again->message, ==, res->error->message);
        g_error_free (again);
      }
    else
      g_assert_null (again);
  }
  res->format = g_strdup (hl_capture_reader_format (r));
  res->offset = hl_capture_reader_offset (r);
  res->size = hl_capture_reader_size (r);
  res->compressed_offset = hl_capture_reader_compressed_offset (r);
  hl_capture_reader_free (r);
  return res;
}

static char *
write_tmp (const guint8 *data, gsize len)
{
  GError *error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("hl-capture-XXXXXX", &path, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) len, &error));
  g_assert_no_error (error);
  close (fd);
  return path;
}

static Result *
read_bytes (const guint8 *data, gsize len)
{
  g_autofree char *path = write_tmp (data, len);
  GError *error = NULL;
  HlCaptureReader *r = hl_capture_reader_open (path, &error);
  Result *res = read_reader (r, error);
  g_unlink (path);
  return res;
}

static Result *
read_buf (Buf *b)
{
  return read_bytes (b->b->data, b->b->len);
}

static const Got *
got (Result *res, guint i)
{
  g_assert_cmpuint (i, <, res->frames->len);
  return &g_array_index (res->frames, Got, i);
}

static void
assert_data (const Got *g, guint32 caplen, guint seed)
{
  guint8 expect[2048];
  fill (expect, caplen, seed);
  g_assert_cmpuint (g->caplen, ==, caplen);
  g_assert_cmpmem (g->data, g->caplen, expect, caplen);
}

static GByteArray *
gzip_bytes (const guint8 *data, gsize len, gsize flush_at)
{
  z_stream zs = { 0 };
  GByteArray *out = g_byte_array_new ();
  guint8 chunk[4096];
  int ret;

  g_assert_cmpint (deflateInit2 (&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
  zs.next_in = (guint8 *) data;
  /* Optionally a sync flush in the middle, as a live writer would do. */
  if (flush_at > 0 && flush_at < len)
    {
      zs.avail_in = (uInt) flush_at;
      do
        {
          zs.next_out = chunk;
          zs.avail_out = sizeof chunk;
          ret = deflate (&zs, Z_SYNC_FLUSH);
          g_assert_cmpint (ret, !=, Z_STREAM_ERROR);
          g_byte_array_append (out, chunk, sizeof chunk - zs.avail_out);
        }
      while (zs.avail_out == 0);
      len -= flush_at;
    }
  zs.avail_in = (uInt) len;
  do
    {
      zs.next_out = chunk;
      zs.avail_out = sizeof chunk;
      ret = deflate (&zs, Z_FINISH);
      g_byte_array_append (out, chunk, sizeof chunk - zs.avail_out);
    }
  while (ret != Z_STREAM_END);
  deflateEnd (&zs);
  return out;
}

/* ---- classic pcap ------------------------------------------------------- */

static void
check_pcap_variant (gboolean big, gboolean nsec)
{
  g_autoptr(Buf) b = buf_new (big);
  g_autoptr(Result) res = NULL;
  guint32 frac_unit = nsec ? 1 : 1000;

  pcap_header (b, nsec ? 0xa1b23c4d : 0xa1b2c3d4, 65535, 1);
  pcap_record (b, 1700000000, 123456, 60, 60, 1);
  pcap_record (b, 1700000001, 999999, 100, 1500, 2);
  pcap_record (b, 0xfffffff0, 0, 0, 0, 3);   /* after 2038: unsigned seconds */
  res = read_buf (b);
  g_assert_no_error (res->error);
  g_assert_cmpuint (res->frames->len, ==, 3);
  g_assert_cmpuint (got (res, 0)->number, ==, 1);
  g_assert_cmpint (got (res, 0)->ts_ns, ==, G_GINT64_CONSTANT (1700000000000000000) + 123456 * frac_unit);
  g_assert_cmpuint (got (res, 0)->linktype, ==, 1);
  g_assert_cmpuint (got (res, 0)->interface_id, ==, 0);
  g_assert_cmpuint (got (res, 0)->origlen, ==, 60);
  assert_data (got (res, 0), 60, 1);
  g_assert_cmpuint (got (res, 1)->number, ==, 2);
  g_assert_cmpint (got (res, 1)->ts_ns, ==, G_GINT64_CONSTANT (1700000001000000000) + 999999 * frac_unit);
  g_assert_cmpuint (got (res, 1)->origlen, ==, 1500);
  assert_data (got (res, 1), 100, 2);
  g_assert_cmpuint (got (res, 2)->number, ==, 3);
  g_assert_cmpint (got (res, 2)->ts_ns, ==, (gint64) 0xfffffff0 * G_GINT64_CONSTANT (1000000000));
  g_assert_cmpuint (got (res, 2)->caplen, ==, 0);
  g_assert_cmpstr (res->format, ==, nsec ? "pcap-ns" : "pcap");
  g_assert_cmpuint (res->offset, ==, b->b->len);
  g_assert_cmpuint (res->size, ==, b->b->len);
  g_assert_cmpuint (res->compressed_offset, ==, b->b->len);
}

static void
test_pcap_le_us (void)
{
  check_pcap_variant (FALSE, FALSE);
}

static void
test_pcap_be_us (void)
{
  check_pcap_variant (TRUE, FALSE);
}

static void
test_pcap_le_ns (void)
{
  check_pcap_variant (FALSE, TRUE);
}

static void
test_pcap_be_ns (void)
{
  check_pcap_variant (TRUE, TRUE);
}

static void
test_pcap_linktype_fcs_bits (void)
{
  g_autoptr(Buf) b = buf_new (FALSE);
  g_autoptr(Result) res = NULL;

  /* F bit (26) and an FCS length of 4 (bits 28-31) on Linux SLL2. */
  pcap_header (b, 0xa1b2c3d4, 262144, 0x44000000u | 276);
  pcap_record (b, 1, 2, 30, 30, 9);
  res = read_buf (b);
  g_assert_no_error (res->error);
  g_assert_cmpuint (res->frames->len, ==, 1);
  g_assert_cmpuint (got (res, 0)->linktype, ==, 276);
  g_assert_cmpint (got (res, 0)->ts_ns, ==, 1000002000);

  /* DLT_RAW values (12, 14) stored by some writers mean raw IP. */
  {
    g_autoptr(Buf) c = buf_new (TRUE);
    g_autoptr(Result) res2 = NULL;
    pcap_header (c, 0xa1b2c3d4, 65535, 14);
    pcap_record (c, 1, 2, 30, 30, 9);
    res2 = read_buf (c);
    g_assert_cmpuint (got (res2, 0)->linktype, ==, 101);
  }
}

static void
test_pcap_kuznetzov (void)
{
  g_autoptr(Buf) b = buf_new (FALSE);
  g_autoptr(Result) res = NULL;
  guint8 data[40];

  /* Patched libpcap: 8 more bytes (ifindex, protocol, pkt_type, pad). */
  pcap_header (b, 0xa1b2cd34, 65535, 1);
  fill (data, sizeof data, 4);
  u32 (b, 10); u32 (b, 20); u32 (b, 40); u32 (b, 40);
  u32 (b, 2); u16 (b, 0x0800); u8 (b, 0); u8 (b, 0);
  raw (b, data, 40);
  res = read_buf (b);
  g_assert_no_error (res->error);
  g_assert_cmpuint (res->frames->len, ==, 1);
  assert_data (got (res, 0), 40, 4);
  g_assert_cmpint (got (res, 0)->ts_ns, ==, G_GINT64_CONSTANT (10000020000));
}

static void
test_pcap_bad_version (void)
{
  g_autoptr(Buf) b = buf_new (FALSE);
  g_autoptr(Result) res = NULL;

  u32 (b, 0xa1b2c3d4); u16 (b, 3); u16 (b, 0);
  u32 (b, 0); u32 (b, 0); u32 (b, 65535); u32 (b, 1);
  res = read_buf (b);
  g_assert_false (res->opened);
  g_assert_error (res->error, HL_ERROR, HL_ERROR_CORRUPT);
  g_assert_nonnull (strstr (res->error->message, "version 3.0"));
  g_assert_nonnull (strstr (res->error->message, "byte offset 4"));
}

static void
test_pcap_caplen_limit (void)
{
  /* Exactly 256 KiB is a packet; one more byte is a corrupt record. */
  gsize big = 256 * 1024;
  g_autoptr(Buf) b = buf_new (FALSE);
  g_autoptr(Result) res = NULL;
  guint8 *data = g_malloc0 (big + 1);

  pcap_header (b, 0xa1b2c3d4, 262144, 1);
  pcap_record (b, 5, 0, 10, 10, 1);
  u32 (b, 6); u32 (b, 0); u32 (b, big); u32 (b, big);
  raw (b, data, big);
  u32 (b, 7); u32 (b, 0); u32 (b, big + 1); u32 (b, big + 1);
  raw (b, data, big + 1);
  pcap_record (b, 8, 0, 10, 10, 1);
  res = read_buf (b);
  g_assert_cmpuint (res->frames->len, ==, 2);
  g_assert_cmpuint (got (res, 1)->caplen, ==, big);
  g_assert_error (res->error, HL_ERROR, HL_ERROR_CORRUPT);
  {
    g_autofree char *at = g_strdup_printf ("byte offset %u", 24 + 26 + 16 + (guint) big + 8);
    g_assert_nonnull (strstr (res->error->message, at));
    g_assert_nonnull (strstr (res->error->message, "after frame 2"));
  }
  /* The frames read before the error are intact. */
  assert_data (got (res, 0), 10, 1);
  g_free (data);
}

/* ---- pcapng ------------------------------------------------------------- */

static Buf *
build_pcapng (gboolean big)
{
  Buf *b = buf_new (big);

  ng_shb (b);
  ng_idb (b, 1, 0, -1, 0);                    /* 0: Ethernet, microseconds */
  ng_idb (b, 113, 128, 9, 0);                 /* 1: Linux SLL, ns, snaplen 128 */
  ng_idb (b, 0, 0, 3, 0);                     /* 2: NULL, milliseconds */
  ng_idb (b, 101, 0, 0x80 | 20, 0);           /* 3: raw IP, 2^-20 s */
  ng_idb (b, 276, 0, 6, 1000);                /* 4: SLL2, µs, offset +1000 s */
  ng_other (b, 4, 12);                        /* NRB */
  ng_epb (b, 0, G_GUINT64_CONSTANT (1700000000123456), 60, 60, 1);
  ng_epb (b, 1, G_GUINT64_CONSTANT (1700000000123456789), 128, 300, 2);
  ng_dsb (b, 0x544c534b, "CLIENT_RANDOM 00 11\n");
  ng_epb (b, 2, G_GUINT64_CONSTANT (1700000000123), 40, 40, 3);
  ng_epb (b, 3, (G_GUINT64_CONSTANT (1700000000) << 20) | (1 << 19), 20, 20, 4);
  ng_other (b, 5, 20);                        /* ISB */
  ng_other (b, 0x00000bad, 16);               /* custom */
  ng_other (b, 0x40000bad, 8);                /* custom, not copied */
  ng_other (b, 0x12345678, 0);                /* unknown */
  ng_epb (b, 4, 5000000, 33, 33, 5);
  ng_spb (b, 200, 200, 6);                    /* interface 0: no snaplen */
  ng_pb (b, 1, G_GUINT64_CONSTANT (1000000000), 50, 50, 7);
  return b;
}

static void
check_pcapng (gboolean big)
{
  g_autoptr(Buf) b = build_pcapng (big);
  g_autoptr(Result) res = read_buf (b);

  g_assert_no_error (res->error);
  g_assert_cmpstr (res->format, ==, "pcapng");
  g_assert_cmpuint (res->frames->len, ==, 7);

  g_assert_cmpuint (got (res, 0)->number, ==, 1);
  g_assert_cmpuint (got (res, 0)->linktype, ==, 1);
  g_assert_cmpuint (got (res, 0)->interface_id, ==, 0);
  g_assert_cmpint (got (res, 0)->ts_ns, ==, G_GINT64_CONSTANT (1700000000123456000));
  assert_data (got (res, 0), 60, 1);

  g_assert_cmpuint (got (res, 1)->linktype, ==, 113);
  g_assert_cmpuint (got (res, 1)->interface_id, ==, 1);
  g_assert_cmpuint (got (res, 1)->origlen, ==, 300);
  g_assert_cmpint (got (res, 1)->ts_ns, ==, G_GINT64_CONSTANT (1700000000123456789));
  assert_data (got (res, 1), 128, 2);

  g_assert_cmpuint (got (res, 2)->linktype, ==, 0);
  g_assert_cmpint (got (res, 2)->ts_ns, ==, G_GINT64_CONSTANT (1700000000123000000));
  assert_data (got (res, 2), 40, 3);

  g_assert_cmpuint (got (res, 3)->linktype, ==, 101);
  g_assert_cmpint (got (res, 3)->ts_ns, ==, G_GINT64_CONSTANT (1700000000500000000));
  assert_data (got (res, 3), 20, 4);

  g_assert_cmpuint (got (res, 4)->linktype, ==, 276);
  g_assert_cmpuint (got (res, 4)->interface_id, ==, 4);
  g_assert_cmpint (got (res, 4)->ts_ns, ==, G_GINT64_CONSTANT (1005000000000));
  assert_data (got (res, 4), 33, 5);

  /* SPB: interface 0, no timestamp. */
  g_assert_cmpuint (got (res, 5)->number, ==, 6);
  g_assert_cmpuint (got (res, 5)->linktype, ==, 1);
  g_assert_cmpuint (got (res, 5)->interface_id, ==, 0);
  g_assert_cmpuint (got (res, 5)->origlen, ==, 200);
  g_assert_cmpint (got (res, 5)->ts_ns, ==, 0);
  assert_data (got (res, 5), 200, 6);

  /* Obsolete Packet Block on interface 1 (ns). */
  g_assert_cmpuint (got (res, 6)->number, ==, 7);
  g_assert_cmpuint (got (res, 6)->linktype, ==, 113);
  g_assert_cmpint (got (res, 6)->ts_ns, ==, 1000000000);
  assert_data (got (res, 6), 50, 7);

  /* The DSB arrives between frames 2 and 3, with its type and text. */
  g_assert_cmpuint (res->secrets->len, ==, 1);
  g_assert_cmpuint (g_array_index (res->secrets_at, guint64, 0), ==, 2);
  {
    gsize n;
    const guint8 *p = g_bytes_get_data (res->secrets->pdata[0], &n);
    guint32 type;
    memcpy (&type, p, 4);
    g_assert_cmphex (type, ==, 0x544c534b);
    g_assert_cmpmem (p + 4, n - 4, "CLIENT_RANDOM 00 11\n", 20);
  }
  g_assert_cmpuint (res->offset, ==, b->b->len);
}

static void
test_pcapng_le (void)
{
  check_pcapng (FALSE);
}

static void
test_pcapng_be (void)
{
  check_pcapng (TRUE);
}

static void
test_pcapng_spb_snaplen (void)
{
  g_autoptr(Buf) b = buf_new (FALSE);
  g_autoptr(Result) res = NULL;

  ng_shb (b);
  ng_idb (b, 1, 64, -1, 0);
  ng_spb (b, 100, 64, 1);    /* original 100 bytes, 64 stored */
  ng_spb (b, 30, 30, 2);     /* shorter than the snaplen */
  res = read_buf (b);
  g_assert_no_error (res->error);
  g_assert_cmpuint (res->frames->len, ==, 2);
  g_assert_cmpuint (got (res, 0)->origlen, ==, 100);
  assert_data (got (res, 0), 64, 1);
  assert_data (got (res, 1), 30, 2);
}

static void
test_pcapng_sections (void)
{
  g_autoptr(Buf) b = buf_new (FALSE);
  g_autoptr(Buf) b2 = buf_new (TRUE);
  g_autoptr(Result) res = NULL;

  /* Section 1 little endian with two interfaces; section 2 big endian with
   * one interface of another link type: interface 0 means the new one. */
  ng_shb (b);
  ng_idb (b, 1, 0, -1, 0);
  ng_idb (b, 113, 0, -1, 0);
  ng_epb (b, 1, 1000000, 10, 10, 1);
  ng_shb (b2);
  ng_idb (b2, 0, 0, 9, 0);
  ng_epb (b2, 0, 77, 12, 12, 2);
  g_byte_array_append (b->b, b2->b->data, b2->b->len);
  res = read_buf (b);
  g_assert_no_error (res->error);
  g_assert_cmpuint (res->frames->len, ==, 2);
  g_assert_cmpuint (got (res, 0)->linktype, ==, 113);
  g_assert_cmpint (got (res, 0)->ts_ns, ==, 1000000000);
  g_assert_cmpuint (got (res, 1)->number, ==, 2);
  g_assert_cmpuint (got (res, 1)->linktype, ==, 0);
  g_assert_cmpint (got (res, 1)->ts_ns, ==, 77);
  assert_data (got (res, 1), 12, 2);

  /* The new section forgets interface 1. */
  {
    g_autoptr(Buf) c = buf_new (FALSE);
    g_autoptr(Result) res2 = NULL;
    ng_shb (c);
    ng_idb (c, 1, 0, -1, 0);
    ng_idb (c, 113, 0, -1, 0);
    ng_epb (c, 1, 1, 10, 10, 1);
    ng_shb (c);
    ng_idb (c, 1, 0, -1, 0);
    ng_epb (c, 1, 1, 10, 10, 1);
    res2 = read_buf (c);
    g_assert_cmpuint (res2->frames->len, ==, 1);
    g_assert_error (res2->error, HL_ERROR, HL_ERROR_CORRUPT);
    g_assert_nonnull (strstr (res2->error->message, "interface 1"));
  }
}

static void
test_pcapng_many_interfaces (void)
{
  g_autoptr(Buf) b = buf_new (FALSE);
  g_autoptr(Result) res = NULL;
  static const guint16 types[] = { 1, 0, 113, 276, 101, 228, 229, 108, 1, 0, 1 };
  guint i;

  ng_shb (b);
  for (i = 0; i < G_N_ELEMENTS (types); i++)
    ng_idb (b, types[i], 0, -1, 0);
  for (i = G_N_ELEMENTS (types); i-- > 0;)
    ng_epb (b, i, i, 4, 4, i);
  res = read_buf (b);
  g_assert_no_error (res->error);
  g_assert_cmpuint (res->frames->len, ==, G_N_ELEMENTS (types));
  for (i = 0; i < G_N_ELEMENTS (types); i++)
    {
      guint iface = G_N_ELEMENTS (types) - 1 - i;
      g_assert_cmpuint (got (res, i)->number, ==, i + 1);
      g_assert_cmpuint (got (res, i)->interface_id, ==, iface);
      g_assert_cmpuint (got (res, i)->linktype, ==, types[iface]);
      g_assert_cmpint (got (res, i)->ts_ns, ==, (gint64) iface * 1000);
    }
}

static void
test_pcapng_big_block (void)
{
  /* A 2 MiB secrets block: larger than the initial window. */
  g_autoptr(Buf) b = buf_new (FALSE);
  g_autoptr(Result) res = NULL;
  gsize n = 2 * 1024 * 1024 + 3, i;
  char *text = g_malloc (n + 1);

  for (i = 0; i < n; i++)
    text[i] = 'a' + i % 26;
  text[n] = 0;
  ng_shb (b);
  ng_idb (b, 1, 0, -1, 0);
  ng_epb (b, 0, 1, 10, 10, 1);
  ng_dsb (b, 0x544c534b, text);
  ng_epb (b, 0, 2, 20, 20, 2);
  res = read_buf (b);
  g_assert_no_error (res->error);
  g_assert_cmpuint (res->frames->len, ==, 2);
  assert_data (got (res, 1), 20, 2);
  g_assert_cmpuint (res->secrets->len, ==, 1);
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (res->secrets->pdata[0], NULL) + 4,
                   g_bytes_get_size (res->secrets->pdata[0]) - 4, text, n);
  g_free (text);
}

/* Rewrites a 32-bit value in a built buffer (little endian buffers only). */
static void
poke32 (Buf *b, gsize at, guint32 v)
{
  g_assert_false (b->big);
  memcpy (b->b->data + at, &v, 4);
}

static void
expect_corrupt (Buf *b, guint n_frames, const char *needle, const char *offset_text)
{
  g_autoptr(Result) res = read_buf (b);

  g_assert_cmpuint (res->frames->len, ==, n_frames);
  g_assert_error (res->error, HL_ERROR, HL_ERROR_CORRUPT);
  if (g_test_verbose ())
    g_printerr ("%s\n", res->error->message);
  g_assert_nonnull (strstr (res->error->message, needle));
  if (offset_text)
    g_assert_nonnull (strstr (res->error->message, offset_text));
}

static void
test_pcapng_corrupt (void)
{
  gsize epb2;

  /* Layout: SHB (0..), IDB, EPB #1, EPB #2. */
#define SETUP()                                     \
  g_autoptr(Buf) b = buf_new (FALSE);               \
  ng_shb (b);                                       \
  ng_idb (b, 1, 0, -1, 0);                          \
  ng_epb (b, 0, 1, 10, 10, 1);                      \
  epb2 = b->b->len;                                 \
  ng_epb (b, 0, 2, 10, 10, 2)

  {
    SETUP ();
    poke32 (b, epb2 + 4, 10);   /* below 12 */
    g_autofree char *at = g_strdup_printf ("byte offset %" G_GSIZE_FORMAT, epb2 + 4);
    expect_corrupt (b, 1, "block length 10", at);
  }
  {
    SETUP ();
    poke32 (b, epb2 + 4, 50);   /* not a multiple of 4 */
    expect_corrupt (b, 1, "block length 50", NULL);
  }
  {
    SETUP ();
    poke32 (b, epb2 + 4, 0x7ffffff0);   /* absurd: must not allocate it */
    expect_corrupt (b, 1, "impossible block length", NULL);
  }
  {
    SETUP ();
    /* Trailing length differs from the leading one. */
    poke32 (b, b->b->len - 4, 44);
    expect_corrupt (b, 1, "does not match", NULL);
  }
  {
    SETUP ();
    poke32 (b, epb2 + 8, 3);   /* interface 3 does not exist */
    expect_corrupt (b, 1, "interface 3", NULL);
  }
  {
    SETUP ();
    poke32 (b, epb2 + 20, 1000);   /* captured length beyond the block */
    g_autofree char *at = g_strdup_printf ("byte offset %" G_GSIZE_FORMAT, epb2 + 20);
    expect_corrupt (b, 1, "captured length 1000", at);
  }
  {
    SETUP ();
    poke32 (b, 8, 0x11223344);   /* byte-order magic */
    expect_corrupt (b, 0, "byte-order magic", "byte offset 8");
  }
  {
    /* An option whose length runs past the block. */
    g_autoptr(Buf) b = buf_new (FALSE);
    gsize s;
    ng_shb (b);
    s = ng_begin (b, 1);
    u16 (b, 1); u16 (b, 0); u32 (b, 0);
    u16 (b, 9); u16 (b, 200);
    ng_end (b, s, FALSE);
    ng_epb (b, 0, 2, 10, 10, 2);
    expect_corrupt (b, 0, "option 9", NULL);
  }
  {
    /* Unsupported section version. */
    g_autoptr(Buf) b = buf_new (FALSE);
    ng_shb (b);
    b->b->data[12] = 2;
    expect_corrupt (b, 0, "version 2.0", "byte offset 12");
  }
  {
    /* DSB length beyond its block. */
    g_autoptr(Buf) b = buf_new (FALSE);
    gsize s;
    ng_shb (b);
    s = ng_begin (b, 10);
    u32 (b, 0x544c534b); u32 (b, 100); u32 (b, 0);
    ng_end (b, s, FALSE);
    expect_corrupt (b, 0, "secrets length 100", NULL);
  }
  {
    /* EPB with caplen over the packet limit, in a block that holds it. */
    g_autoptr(Buf) b = buf_new (FALSE);
    guint8 *zero = g_malloc0 (300000);
    gsize s;
    ng_shb (b);
    ng_idb (b, 1, 0, -1, 0);
    s = ng_begin (b, 6);
    u32 (b, 0); u32 (b, 0); u32 (b, 0); u32 (b, 300000); u32 (b, 300000);
    raw (b, zero, 300000);
    ng_end (b, s, TRUE);
    expect_corrupt (b, 0, "packet of 300000 bytes", NULL);
    g_free (zero);
  }
  {
    /* SPB before any interface. */
    g_autoptr(Buf) b = buf_new (FALSE);
    ng_shb (b);
    ng_spb (b, 10, 12, 1);
    expect_corrupt (b, 0, "interface 0", NULL);
  }
  {
    /* Timestamp resolution that cannot be represented. */
    g_autoptr(Buf) b = buf_new (FALSE);
    ng_shb (b);
    ng_idb (b, 1, 0, 25, 0);
    expect_corrupt (b, 0, "10^-25", NULL);
  }
#undef SETUP
}

/* ---- truncation at every offset ----------------------------------------- */

static gboolean
is_end (Buf *b, gsize len)
{
  guint i;
  for (i = 0; i < b->ends->len; i++)
    if (g_array_index (b->ends, gsize, i) == len)
      return TRUE;
  return FALSE;
}

static guint
packets_within (Buf *b, gsize len)
{
  guint i, n = 0;
  for (i = 0; i < b->packet_ends->len; i++)
    if (g_array_index (b->packet_ends, gsize, i) <= len)
      n++;
  return n;
}

static void
check_every_truncation (Buf *b)
{
  gsize len;
  g_autoptr(Result) full = read_buf (b);

  g_assert_no_error (full->error);
  for (len = 0; len < b->b->len; len++)
    {
      g_autoptr(Result) res = read_bytes (b->b->data, len);
      guint expect = packets_within (b, len), i;

      g_assert_cmpuint (res->frames->len, ==, expect);
      for (i = 0; i < expect; i++)
        {
          g_assert_cmpuint (got (res, i)->number, ==, i + 1);
          g_assert_cmpmem (got (res, i)->data, got (res, i)->caplen,
                           got (full, i)->data, got (full, i)->caplen);
        }
      if (len == 0)
        g_assert_error (res->error, HL_ERROR, HL_ERROR_FORMAT);
      else if (res->opened && is_end (b, len))
        g_assert_no_error (res->error);
      else
        {
          g_autofree char *at = g_strdup_printf ("byte offset %" G_GSIZE_FORMAT, len);
          g_assert_error (res->error, HL_ERROR, HL_ERROR_TRUNCATED);
          g_assert_nonnull (strstr (res->error->message, at));
          if (expect > 0)
            {
              g_autofree char *fr = g_strdup_printf ("after frame %u ", expect);
              g_assert_nonnull (strstr (res->error->message, fr));
            }
        }
    }
}

static void
test_truncated_pcap (void)
{
  g_autoptr(Buf) b = buf_new (FALSE);

  pcap_header (b, 0xa1b2c3d4, 65535, 1);
  pcap_record (b, 1, 1, 30, 30, 1);
  pcap_record (b, 2, 2, 0, 0, 2);
  pcap_record (b, 3, 3, 17, 40, 3);
  check_every_truncation (b);
}

static void
test_truncated_pcap_be_ns (void)
{
  g_autoptr(Buf) b = buf_new (TRUE);

  pcap_header (b, 0xa1b23c4d, 65535, 101);
  pcap_record (b, 1, 1, 21, 30, 1);
  pcap_record (b, 2, 2, 8, 8, 2);
  check_every_truncation (b);
}

static void
test_truncated_pcapng (void)
{
  g_autoptr(Buf) b = build_pcapng (FALSE);
  check_every_truncation (b);
}

static void
test_truncated_pcapng_be (void)
{
  g_autoptr(Buf) b = build_pcapng (TRUE);
  check_every_truncation (b);
}

static void
test_truncated_gzip (void)
{
  g_autoptr(Buf) b = build_pcapng (FALSE);
  g_autoptr(GByteArray) gz = gzip_bytes (b->b->data, b->b->len, 0);
  gsize len;

  for (len = 0; len <= gz->len; len++)
    {
      g_autoptr(Result) res = read_bytes (gz->data, len);
      guint max = b->packet_ends->len;

      g_assert_cmpuint (res->frames->len, <=, max);
      if (len == gz->len)
        {
          g_assert_no_error (res->error);
          g_assert_cmpuint (res->frames->len, ==, max);
          g_assert_cmpstr (res->format, ==, "pcapng (gzip)");
          g_assert_cmpuint (res->compressed_offset, ==, gz->len);
          g_assert_cmpuint (res->offset, ==, b->b->len);
        }
      else if (len < 2)
        g_assert_error (res->error, HL_ERROR, HL_ERROR_FORMAT);
      else
        g_assert_error (res->error, HL_ERROR, HL_ERROR_TRUNCATED);
    }
}

/* ---- gzip, pipes, stdin ------------------------------------------------- */

static void
test_gzip (void)
{
  g_autoptr(Buf) b = buf_new (TRUE);
  g_autoptr(GByteArray) gz = NULL;
  g_autoptr(Result) res = NULL;

  pcap_header (b, 0xa1b2c3d4, 65535, 1);
  pcap_record (b, 100, 5, 60, 60, 1);
  pcap_record (b, 101, 6, 70, 70, 2);
  gz = gzip_bytes (b->b->data, b->b->len, 0);
  res = read_bytes (gz->data, gz->len);
  g_assert_no_error (res->error);
  g_assert_cmpstr (res->format, ==, "pcap (gzip)");
  g_assert_cmpuint (res->frames->len, ==, 2);
  assert_data (got (res, 1), 70, 2);
  g_assert_cmpint (got (res, 1)->ts_ns, ==, G_GINT64_CONSTANT (101000006000));
  g_assert_cmpuint (res->size, ==, gz->len);
  g_assert_cmpuint (res->compressed_offset, ==, gz->len);
  g_assert_cmpuint (res->offset, ==, b->b->len);
}

static void
test_gzip_members (void)
{
  /* Two gzip members, split in the middle of a record: one stream. */
  g_autoptr(Buf) b = buf_new (FALSE);
  g_autoptr(GByteArray) gz1 = NULL, gz2 = NULL;
  g_autoptr(Result) res = NULL;
  gsize split;

  pcap_header (b, 0xa1b2c3d4, 65535, 1);
  pcap_record (b, 1, 0, 100, 100, 1);
  pcap_record (b, 2, 0, 100, 100, 2);
  split = 24 + 116 + 50;
  gz1 = gzip_bytes (b->b->data, split, 0);
  gz2 = gzip_bytes (b->b->data + split, b->b->len - split, 0);
  g_byte_array_append (gz1, gz2->data, gz2->len);
  res = read_bytes (gz1->data, gz1->len);
  g_assert_no_error (res->error);
  g_assert_cmpuint (res->frames->len, ==, 2);
  assert_data (got (res, 1), 100, 2);
}

static void
test_gzip_corrupt (void)
{
  g_autoptr(Buf) b = build_pcapng (FALSE);
  g_autoptr(GByteArray) gz = gzip_bytes (b->b->data, b->b->len, 0);
  g_autoptr(Result) res = NULL;

  gz->data[3] = 0xff;   /* reserved flag bits set: zlib refuses the header */
  res = read_bytes (gz->data, gz->len);
  g_assert_error (res->error, HL_ERROR, HL_ERROR_CORRUPT);
  g_assert_nonnull (strstr (res->error->message, "gzip"));
}

typedef struct {
  int          fd;
  const guint8 *data;
  gsize        len;
  gsize        first;   /* written at once; the rest after `go` */
  GMutex       lock;
  GCond        cond;
  gboolean     go;
} Feeder;

static gpointer
feed_thread (gpointer user_data)
{
  Feeder *f = user_data;
  gsize off = f->first;

  g_mutex_lock (&f->lock);
  while (!f->go)
    g_cond_wait (&f->cond, &f->lock);
  g_mutex_unlock (&f->lock);
  /* The rest in small pieces, to exercise partial reads. */
  while (off < f->len)
    {
      gsize n = MIN ((gsize) 7, f->len - off);
      gssize w = write (f->fd, f->data + off, n);
      if (w < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (w, >, 0);
      off += (gsize) w;
    }
  close (f->fd);
  return NULL;
}

/* Reads frame 1 while the writer still holds the pipe open (a live stream
 * must not wait for a buffer to fill), then the rest. */
static void
check_pipe_stream (const guint8 *data, gsize len, gsize first, guint n_frames,
                   gboolean truncated)
{
  int fds[2];
  Feeder f = { 0 };
  GThread *thread;
  GError *error = NULL;
  HlCaptureReader *r;
  HlFrame frame;
  guint n = 1;

  g_assert_cmpint (pipe (fds), ==, 0);
  f.fd = fds[1];
  f.data = data;
  f.len = len;
  f.first = first;
  g_mutex_init (&f.lock);
  g_cond_init (&f.cond);
  g_assert_cmpint (write (fds[1], data, first), ==, (gssize) first);
  thread = g_thread_new ("feeder", feed_thread, &f);

  r = hl_capture_reader_open_fd (fds[0], "pipe", &error);
  g_assert_no_error (error);
  g_assert_true (hl_capture_reader_next (r, &frame, &error));
  g_assert_cmpuint (frame.number, ==, 1);
  g_assert_cmpuint (hl_capture_reader_size (r), ==, 0);

  g_mutex_lock (&f.lock);
  f.go = TRUE;
  g_cond_signal (&f.cond);
  g_mutex_unlock (&f.lock);

  while (hl_capture_reader_next (r, &frame, &error))
    g_assert_cmpuint (frame.number, ==, ++n);
  g_assert_cmpuint (n, ==, n_frames);
  if (truncated)
    g_assert_error (error, HL_ERROR, HL_ERROR_TRUNCATED);
  else
    g_assert_no_error (error);
  g_clear_error (&error);
  hl_capture_reader_free (r);
  g_thread_join (thread);
  g_mutex_clear (&f.lock);
  g_cond_clear (&f.cond);
}

static void
test_pipe (void)
{
  g_autoptr(Buf) b = build_pcapng (FALSE);
  gsize first = g_array_index (b->packet_ends, gsize, 0);

  check_pipe_stream (b->b->data, b->b->len, first, 7, FALSE);
  /* A stream that just stops inside a block: an error, not a hang. */
  check_pipe_stream (b->b->data, b->b->len - 5, first, 6, TRUE);
}

static void
test_pipe_gzip (void)
{
  g_autoptr(Buf) b = build_pcapng (TRUE);
  gsize first = g_array_index (b->packet_ends, gsize, 0);
  /* Flushed after frame 1, as `gzip` fed by a live tcpdump would not be,
   * but a streaming compressor is. */
  g_autoptr(GByteArray) gz = gzip_bytes (b->b->data, b->b->len, first);
  z_stream probe = { 0 };
  gsize first_gz;

  /* Find how many compressed bytes hold the first flush: compress the
   * prefix alone with the same settings up to the sync point. */
  {
    g_autoptr(GByteArray) head = g_byte_array_new ();
    guint8 out[65536];
    g_assert_cmpint (deflateInit2 (&probe, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
    probe.next_in = b->b->data;
    probe.avail_in = (uInt) first;
    probe.next_out = out;
    probe.avail_out = sizeof out;
    g_assert_cmpint (deflate (&probe, Z_SYNC_FLUSH), ==, Z_OK);
    first_gz = sizeof out - probe.avail_out;
    deflateEnd (&probe);
    g_assert_cmpmem (gz->data, first_gz, out, first_gz);
  }
  check_pipe_stream (gz->data, gz->len, first_gz, 7, FALSE);
}

static void
test_stdin (void)
{
  g_autoptr(Buf) b = buf_new (FALSE);
  int fds[2], saved;
  GError *error = NULL;
  HlCaptureReader *r;
  HlFrame frame;

  pcap_header (b, 0xa1b2c3d4, 65535, 1);
  pcap_record (b, 1, 0, 10, 10, 1);
  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], b->b->data, b->b->len), ==, (gssize) b->b->len);
  close (fds[1]);
  saved = dup (0);
  dup2 (fds[0], 0);
  close (fds[0]);
  r = hl_capture_reader_open ("-", &error);
  g_assert_no_error (error);
  g_assert_true (hl_capture_reader_next (r, &frame, &error));
  g_assert_cmpuint (frame.caplen, ==, 10);
  g_assert_false (hl_capture_reader_next (r, &frame, &error));
  g_assert_no_error (error);
  hl_capture_reader_free (r);
  /* Freeing the reader left fd 0 open. */
  g_assert_cmpint (fcntl (0, F_GETFD), !=, -1);
  dup2 (saved, 0);
  close (saved);
}

/* ---- bad input at open -------------------------------------------------- */

static void
test_bad_magic (void)
{
  static const struct { const char *bytes; gsize len; const char *message; } cases[] = {
    { "PK\x03\x04zipzipzip", 13, "starts with 50 4b 03 04: a ZIP archive" },
    { "hello, world\n", 13, "starts with 68 65 6c 6c: looks like text" },
    { "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b", 12, "starts with 00 01 02 03)" },
    { "BZh91AY&SY", 10, "bzip2" },
    { "\xfd" "7zXZ\0\0\0\0\0", 10, "xz" },
    { "\x28\xb5\x2f\xfd\0\0\0\0", 8, "zstd" },
    { "\xff", 1, "starts with ff)" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Result) res = read_bytes ((const guint8 *) cases[i].bytes, cases[i].len);
      g_assert_false (res->opened);
      g_assert_error (res->error, HL_ERROR, HL_ERROR_FORMAT);
      g_assert_nonnull (strstr (res->error->message, "not a pcap or pcapng file"));
      if (strstr (res->error->message, cases[i].message) == NULL)
        g_error ("“%s” lacks “%s”", res->error->message, cases[i].message);
    }
}

static void
test_open_errors (void)
{
  GError *error = NULL;
  g_autoptr(Result) empty = read_bytes ((const guint8 *) "", 0);

  g_assert_error (empty->error, HL_ERROR, HL_ERROR_FORMAT);
  g_assert_nonnull (strstr (empty->error->message, "empty"));

  g_assert_null (hl_capture_reader_open ("/nonexistent/dir/x.pcap", &error));
  g_assert_error (error, HL_ERROR, HL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir/x.pcap"));
  g_clear_error (&error);

  g_assert_null (hl_capture_reader_open (g_get_tmp_dir (), &error));
  g_assert_error (error, HL_ERROR, HL_ERROR_IO);
  g_clear_error (&error);
}

/* ---- corpus ------------------------------------------------------------- */

/* Frame counts measured with `tshark -r FILE -T fields -e frame.number | wc -l`
 * (TShark 4.0.17). */
static const struct { const char *file; guint frames; } corpus_frames[] = {
  { "hotplace__handshake_failure.pcapng", 11 },
  { "hotplace__http1.pcapng", 74 },
  { "hotplace__http2.pcapng", 157 },
  { "hotplace__tls12etm_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256.pcapng", 21 },
  { "hotplace__tls12mte_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256.pcapng", 21 },
  { "hotplace__tls12no_renogotiation.pcapng", 23 },
  { "hotplace__tls12renogotiation.pcapng", 31 },
  { "hotplace__tls13_TLS_AES_128_CCM_SHA256_SecP384r1MLKEM1024.pcapng", 23 },
  { "hotplace__ubuntu20.pcap", 40 },
  { "pcapplusplus__SSL-AlertClear.pcap", 1 },
  { "pcapplusplus__example2.pcap", 4709 },
  { "pcapplusplus__four_ipv6_http_streams.pcap", 81 },
  { "pcapplusplus__many_interfaces-1.pcapng", 64 },
  { "pcapplusplus__null_loopback.pcap", 3 },
  { "pcapplusplus__one_http_stream_rst.pcap", 10 },
  { "pcapplusplus__one_tcp_rst.pcap", 2 },
  { "pcapplusplus__one_tcp_stream.pcap", 36 },
  { "pcapplusplus__one_tcp_stream_fin_rst_close_packet.pcap", 13 },
  { "pcapplusplus__pcapng-example.pcapng", 159 },
  { "pcapplusplus__sll.pcap", 518 },
  { "pcapplusplus__sll2.pcap", 3 },
  { "pcapplusplus__tcp-reassembly.pcap", 66 },
  { "pcapplusplus__tls.pcap", 44 },
  { "pcapplusplus__tls1_3.pcap", 4 },
  { "pcapplusplus__tls2.pcap", 7451 },
  { "pcapplusplus__unidirectional_tcp_stream_with_missing_packet.pcap", 14 },
  { "snet__TLS1_1_ECDHE-RSA-NULL-SHA.pcap", 34 },
  { "snet__TLS1_AECDH-AES128-SHA.pcap", 34 },
  { "snet__mTLS1_2_RSA.pcap", 30 },
  { "snet__mTLS1_3_ECDSA.pcap", 35 },
  { "snet__mTLS1_RSA.pcap", 35 },
  { "snet__ssl3_0.pcap", 41 },
  { "snet__tls1.2_aes256.pcap", 22 },
  { "snet__tls1.3_aes128-dsb.pcapng", 28 },
  { "snet__tls1.3_aes128.pcap", 28 },
  { "snet__tls1.3_curl_google.pcap", 38 },
  { "snet__tls1.3_keyupdates_aes256.pcap", 38 },
  { "snet__tls1.3_session_resumption.pcap", 22 },
  { "snet__tls1_0.pcap", 38 },
  { "snet__tls1_1.pcap", 44 },
  { "snet__tls1_2.pcap", 38 },
  { "snet__tls1_2_dhe_rsa.pcap", 31 },
};

static const char *
corpus_dir (void)
{
  const char *dir = g_getenv ("HL_CORPUS");
  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return dir;
}

static Result *
read_corpus (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GError *error = NULL;
  HlCaptureReader *r = hl_capture_reader_open (path, &error);
  return read_reader (r, error);
}

static void
test_corpus_frames (void)
{
  const char *dir = corpus_dir ();
  gsize i;
  guint checked = 0;

  if (dir == NULL)
    {
      g_test_skip ("HL_CORPUS not available");
      return;
    }
  for (i = 0; i < G_N_ELEMENTS (corpus_frames); i++)
    {
      g_autoptr(Result) res = read_corpus (dir, corpus_frames[i].file);
      guint j;

      if (g_test_verbose ())
        g_printerr ("%s: %u frames\n", corpus_frames[i].file, res->frames->len);
      g_assert_no_error (res->error);
      g_assert_cmpuint (res->frames->len, ==, corpus_frames[i].frames);
      for (j = 0; j < res->frames->len; j++)
        g_assert_cmpuint (got (res, j)->number, ==, j + 1);
      g_assert_cmpuint (res->offset, ==, res->size);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 42);

  /* Every capture in the folder is in the table. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint seen = 0;
    g_assert_nonnull (d);
    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_suffix (name, ".pcap") || g_str_has_suffix (name, ".pcapng"))
        {
          gboolean listed = FALSE;
          for (i = 0; i < G_N_ELEMENTS (corpus_frames); i++)
            listed |= strcmp (corpus_frames[i].file, name) == 0;
          if (!listed)
            g_error ("%s is not in corpus_frames", name);
          seen++;
        }
    g_assert_cmpuint (seen, ==, G_N_ELEMENTS (corpus_frames));
  }
}

static void
test_corpus_details (void)
{
  const char *dir = corpus_dir ();

  if (dir == NULL)
    {
      g_test_skip ("HL_CORPUS not available");
      return;
    }

  /* Ethernet and Linux SLL interfaces mixed: 59 + 100 frames; ns stamps. */
  {
    g_autoptr(Result) res = read_corpus (dir, "pcapplusplus__pcapng-example.pcapng");
    guint i, eth = 0, sll = 0;
    for (i = 0; i < res->frames->len; i++)
      {
        if (got (res, i)->linktype == 1) { eth++; g_assert_cmpuint (got (res, i)->interface_id, ==, 0); }
        if (got (res, i)->linktype == 113) { sll++; g_assert_cmpuint (got (res, i)->interface_id, ==, 1); }
      }
    g_assert_cmpuint (eth, ==, 59);
    g_assert_cmpuint (sll, ==, 100);
    /* tshark: frame.time_epoch 1422527998.578402281 */
    g_assert_cmpint (got (res, 0)->ts_ns, ==, G_GINT64_CONSTANT (1422527998578402281));
    g_assert_cmpuint (got (res, 0)->caplen, ==, 74);
  }
  /* 11 interfaces; packets on interface 0 (Ethernet) and 10 (NULL). */
  {
    g_autoptr(Result) res = read_corpus (dir, "pcapplusplus__many_interfaces-1.pcapng");
    guint i, if0 = 0, if10 = 0;
    for (i = 0; i < res->frames->len; i++)
      {
        const Got *g = got (res, i);
        if (g->interface_id == 0) { if0++; g_assert_cmpuint (g->linktype, ==, 1); }
        else if (g->interface_id == 10) { if10++; g_assert_cmpuint (g->linktype, ==, 0); }
        else g_assert_not_reached ();
      }
    g_assert_cmpuint (if0, ==, 62);
    g_assert_cmpuint (if10, ==, 2);
    g_assert_cmpint (got (res, 0)->ts_ns, ==, G_GINT64_CONSTANT (1439753725701607000));
  }
  /* The DSB: one TLS key log of 778 bytes, before the first packet. */
  {
    g_autoptr(Result) res = read_corpus (dir, "snet__tls1.3_aes128-dsb.pcapng");
    gsize n;
    const guint8 *p;
    guint32 type;
    g_assert_cmpuint (res->secrets->len, ==, 1);
    g_assert_cmpuint (g_array_index (res->secrets_at, guint64, 0), ==, 0);
    p = g_bytes_get_data (res->secrets->pdata[0], &n);
    memcpy (&type, p, 4);
    g_assert_cmphex (type, ==, 0x544c534b);
    g_assert_cmpuint (n - 4, ==, 778);
    g_assert_true (memcmp (p + 4, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", 31) == 0 ||
                   memcmp (p + 4, "SERVER_HANDSHAKE_TRAFFIC_SECRET", 31) == 0 ||
                   memcmp (p + 4, "CLIENT_TRAFFIC_SECRET_0", 23) == 0 ||
                   memcmp (p + 4, "SERVER_TRAFFIC_SECRET_0", 23) == 0 ||
                   memcmp (p + 4, "EXPORTER_SECRET", 15) == 0);
  }
  /* Same packets as the plain pcap. */
  {
    g_autoptr(Result) a = read_corpus (dir, "snet__tls1.3_aes128-dsb.pcapng");
    g_autoptr(Result) b = read_corpus (dir, "snet__tls1.3_aes128.pcap");
    guint i;
    g_assert_cmpuint (a->frames->len, ==, b->frames->len);
    for (i = 0; i < a->frames->len; i++)
      {
        g_assert_cmpint (got (a, i)->ts_ns, ==, got (b, i)->ts_ns);
        g_assert_cmpmem (got (a, i)->data, got (a, i)->caplen, got (b, i)->data, got (b, i)->caplen);
      }
  }
  /* Link types of the single-link files. */
  {
    static const struct { const char *file; guint32 linktype; } lt[] = {
      { "pcapplusplus__null_loopback.pcap", 0 },
      { "pcapplusplus__sll.pcap", 113 },
      { "pcapplusplus__sll2.pcap", 276 },
      { "pcapplusplus__four_ipv6_http_streams.pcap", 101 },
      { "hotplace__http1.pcapng", 0 },
      { "snet__tls1_2.pcap", 1 },
    };
    gsize i;
    for (i = 0; i < G_N_ELEMENTS (lt); i++)
      {
        g_autoptr(Result) res = read_corpus (dir, lt[i].file);
        g_assert_cmpuint (res->frames->len, >, 0);
        g_assert_cmpuint (got (res, 0)->linktype, ==, lt[i].linktype);
      }
  }
  /* The last frame of ubuntu20.pcap: tshark 1747609958.139565000. */
  {
    g_autoptr(Result) res = read_corpus (dir, "hotplace__ubuntu20.pcap");
    g_assert_cmpint (got (res, 39)->ts_ns, ==, G_GINT64_CONSTANT (1747609958139565000));
    g_assert_cmpuint (got (res, 39)->caplen, ==, 66);
  }
}

/* A file large enough for the read-ahead thread (over 8 MiB): every frame
 * comes back whole and in order, across chunk edges, also frames longer
 * than the room kept in front of a chunk; cut inside the last
 * record, the file gives every whole frame and then the truncation error
 * at the right offset; a reader freed halfway stops its thread. */
/* Frame i's length: mostly under 1.5 KB, and every 1000th about 200 KB
 * (longer than the room the window keeps in front of a chunk). */
static guint32
big_len (guint i)
{
  return i % 1000 == 999 ? 200000 + i : 60 + (i * 7919) % 1400;
}

static void
write_big_pcap (const char *path, guint frames, gsize cut)
{
  GByteArray *b = g_byte_array_new ();
  static const guint8 hdr[24] = { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                  0x00, 0x00, 0x04, 0, 1, 0, 0, 0 };
  g_autofree guint8 *payload = g_malloc (256 * 1024);

  g_byte_array_append (b, hdr, sizeof hdr);
  for (guint i = 0; i < frames; i++)
    {
      guint32 len = big_len (i);
      guint32 rec[4] = { GUINT32_TO_LE (1700000000 + i), 0, GUINT32_TO_LE (len), GUINT32_TO_LE (len) };

      for (guint32 k = 0; k < len; k++)
        payload[k] = (guint8) (i * 31 + k);
      g_byte_array_append (b, (const guint8 *) rec, sizeof rec);
      g_byte_array_append (b, payload, len);
    }
  g_assert_cmpuint (b->len, >, 8u * 1024 * 1024);
  g_assert_true (g_file_set_contents (path, (const char *) b->data, (gssize) (b->len - cut), NULL));
  g_byte_array_unref (b);
}

static void
test_read_ahead (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hl-readahead-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.pcap", NULL);
  const guint n = 12000;
  HlCaptureReader *r;
  HlFrame f;
  GError *error = NULL;
  guint i;

  write_big_pcap (path, n, 0);
  r = hl_capture_reader_open (path, &error);
  g_assert_no_error (error);
  for (i = 0; hl_capture_reader_next (r, &f, &error); i++)
    {
      guint32 len = big_len (i);
      g_assert_cmpuint (f.number, ==, i + 1);
      g_assert_cmpuint (f.caplen, ==, len);
      g_assert_cmpint (f.ts_ns, ==, (gint64) (1700000000 + i) * G_GINT64_CONSTANT (1000000000));
      for (guint32 k = 0; k < len; k++)
        if (f.data[k] != (guint8) (i * 31 + k))
          g_error ("frame %u byte %u: %u, expected %u", i + 1, k, f.data[k], (guint8) (i * 31 + k));
    }
  g_assert_no_error (error);
  g_assert_cmpuint (i, ==, n);
  g_assert_false (hl_capture_reader_next (r, &f, &error));   /* the end stays the end */
  g_assert_no_error (error);
  hl_capture_reader_free (r);

  /* cut 10 bytes before the end: the last record is incomplete */
  write_big_pcap (path, n, 10);
  r = hl_capture_reader_open (path, &error);
  g_assert_no_error (error);
  for (i = 0; hl_capture_reader_next (r, &f, &error); i++)
    ;
  g_assert_cmpuint (i, ==, n - 1);
  g_assert_error (error, HL_ERROR, HL_ERROR_TRUNCATED);
  g_assert_nonnull (strstr (error->message, "the record after frame 11999 is incomplete"));
  g_clear_error (&error);
  hl_capture_reader_free (r);

  /* freed halfway: the read-ahead thread is stopped and joined */
  r = hl_capture_reader_open (path, &error);
  g_assert_no_error (error);
  for (i = 0; i < 100 && hl_capture_reader_next (r, &f, &error); i++)
    ;
  g_assert_cmpuint (i, ==, 100);
  hl_capture_reader_free (r);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/capture-reader/pcap/le-us", test_pcap_le_us);
  g_test_add_func ("/capture-reader/pcap/be-us", test_pcap_be_us);
  g_test_add_func ("/capture-reader/pcap/le-ns", test_pcap_le_ns);
  g_test_add_func ("/capture-reader/pcap/be-ns", test_pcap_be_ns);
  g_test_add_func ("/capture-reader/pcap/linktype-fcs-bits", test_pcap_linktype_fcs_bits);
  g_test_add_func ("/capture-reader/pcap/kuznetzov", test_pcap_kuznetzov);
  g_test_add_func ("/capture-reader/pcap/bad-version", test_pcap_bad_version);
  g_test_add_func ("/capture-reader/pcap/caplen-limit", test_pcap_caplen_limit);
  g_test_add_func ("/capture-reader/pcapng/le", test_pcapng_le);
  g_test_add_func ("/capture-reader/pcapng/be", test_pcapng_be);
  g_test_add_func ("/capture-reader/pcapng/spb-snaplen", test_pcapng_spb_snaplen);
  g_test_add_func ("/capture-reader/pcapng/sections", test_pcapng_sections);
  g_test_add_func ("/capture-reader/pcapng/many-interfaces", test_pcapng_many_interfaces);
  g_test_add_func ("/capture-reader/pcapng/big-block", test_pcapng_big_block);
  g_test_add_func ("/capture-reader/pcapng/corrupt", test_pcapng_corrupt);
  g_test_add_func ("/capture-reader/truncated/pcap", test_truncated_pcap);
  g_test_add_func ("/capture-reader/truncated/pcap-be-ns", test_truncated_pcap_be_ns);
  g_test_add_func ("/capture-reader/truncated/pcapng", test_truncated_pcapng);
  g_test_add_func ("/capture-reader/truncated/pcapng-be", test_truncated_pcapng_be);
  g_test_add_func ("/capture-reader/truncated/gzip", test_truncated_gzip);
  g_test_add_func ("/capture-reader/gzip/plain", test_gzip);
  g_test_add_func ("/capture-reader/gzip/members", test_gzip_members);
  g_test_add_func ("/capture-reader/gzip/corrupt", test_gzip_corrupt);
  g_test_add_func ("/capture-reader/stream/pipe", test_pipe);
  g_test_add_func ("/capture-reader/stream/pipe-gzip", test_pipe_gzip);
  g_test_add_func ("/capture-reader/stream/stdin", test_stdin);
  g_test_add_func ("/capture-reader/read-ahead", test_read_ahead);
  g_test_add_func ("/capture-reader/open/bad-magic", test_bad_magic);
  g_test_add_func ("/capture-reader/open/errors", test_open_errors);
  g_test_add_func ("/capture-reader/corpus/frames", test_corpus_frames);
  g_test_add_func ("/capture-reader/corpus/details", test_corpus_details);
  return g_test_run ();
}
