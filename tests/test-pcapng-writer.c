/* test-pcapng-writer.c: write pcapng files and read them back. */
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "capture-reader.h"
#include "hl-error.h"
#include "pcapng-writer.h"

typedef struct {
  GPtrArray *secrets;   /* GBytes */
  GArray    *types;     /* guint32 */
  GArray    *at;        /* guint: frames read when it came */
  guint      frames;
} Secrets;

static void
on_secrets (guint32 type, const guint8 *data, gsize len, gpointer user_data)
{
  Secrets *s = user_data;
  g_ptr_array_add (s->secrets, g_bytes_new (data, len));
  g_array_append_val (s->types, type);
  g_array_append_val (s->at, s->frames);
}

static void
secrets_init (Secrets *s)
{
  s->secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  s->types = g_array_new (FALSE, FALSE, sizeof (guint32));
  s->at = g_array_new (FALSE, FALSE, sizeof (guint));
  s->frames = 0;
}

static void
secrets_clear (Secrets *s)
{
  g_ptr_array_unref (s->secrets);
  g_array_unref (s->types);
  g_array_unref (s->at);
}

static char *
tmp_path (void)
{
  GError *error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("hl-writer-XXXXXX.pcapng", &path, &error);
  g_assert_no_error (error);
  close (fd);
  return path;
}

static void
test_roundtrip (void)
{
  g_autofree char *path = tmp_path ();
  g_autoptr(HlPcapngWriter) w = NULL;
  g_autoptr(HlCaptureReader) r = NULL;
  GError *error = NULL;
  static const char keylog[] = "CLIENT_RANDOM 0102 0304\nSERVER_HANDSHAKE_TRAFFIC_SECRET aa bb\n";
  guint8 pkt[300];
  HlFrame f;
  Secrets s;
  gsize i;

  for (i = 0; i < sizeof pkt; i++)
    pkt[i] = (guint8) (i * 3);

  w = hl_pcapng_writer_new_for_path (path, "Handshake Lens test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hl_pcapng_writer_add_interface (w, 1, 262144, "eth0", &error), ==, 0);
  g_assert_cmpint (hl_pcapng_writer_add_interface (w, 101, 0, NULL, &error), ==, 1);
  g_assert_cmpint (hl_pcapng_writer_add_interface (w, 276, 128, "any", &error), ==, 2);
  g_assert_no_error (error);
  g_assert_true (hl_pcapng_writer_write_tls_keylog (w, keylog, -1, &error));
  g_assert_true (hl_pcapng_writer_write_packet (w, 0, G_GINT64_CONSTANT (1700000000123456789), pkt, 60, 60, &error));
  g_assert_true (hl_pcapng_writer_write_packet (w, 1, G_GINT64_CONSTANT (1700000001000000001), pkt + 1, 33, 33, &error));
  g_assert_true (hl_pcapng_writer_write_secrets (w, 0x12345678, (const guint8 *) "xyz", 3, &error));
  g_assert_true (hl_pcapng_writer_write_packet (w, 2, 5, pkt, 128, 1500, &error));
  g_assert_true (hl_pcapng_writer_write_packet (w, 0, 0, pkt, 0, 0, &error));
  g_assert_true (hl_pcapng_writer_write_packet (w, 0, 7, pkt, 300, 300, &error));
  g_assert_no_error (error);
  g_assert_true (hl_pcapng_writer_close (g_steal_pointer (&w), &error));
  g_assert_no_error (error);

  secrets_init (&s);
  r = hl_capture_reader_open (path, &error);
  g_assert_no_error (error);
  hl_capture_reader_set_secrets_func (r, on_secrets, &s);
  g_assert_cmpstr (hl_capture_reader_format (r), ==, "pcapng");

  g_assert_true (hl_capture_reader_next (r, &f, &error));
  s.frames++;
  g_assert_cmpuint (f.number, ==, 1);
  g_assert_cmpuint (f.linktype, ==, 1);
  g_assert_cmpuint (f.interface_id, ==, 0);
  g_assert_cmpint (f.ts_ns, ==, G_GINT64_CONSTANT (1700000000123456789));
  g_assert_cmpmem (f.data, f.caplen, pkt, 60);
  g_assert_cmpuint (f.origlen, ==, 60);

  g_assert_true (hl_capture_reader_next (r, &f, &error));
  s.frames++;
  g_assert_cmpuint (f.linktype, ==, 101);
  g_assert_cmpint (f.ts_ns, ==, G_GINT64_CONSTANT (1700000001000000001));
  g_assert_cmpmem (f.data, f.caplen, pkt + 1, 33);

  g_assert_true (hl_capture_reader_next (r, &f, &error));
  s.frames++;
  g_assert_cmpuint (f.number, ==, 3);
  g_assert_cmpuint (f.linktype, ==, 276);
  g_assert_cmpuint (f.interface_id, ==, 2);
  g_assert_cmpint (f.ts_ns, ==, 5);
  g_assert_cmpuint (f.origlen, ==, 1500);
  g_assert_cmpmem (f.data, f.caplen, pkt, 128);

  g_assert_true (hl_capture_reader_next (r, &f, &error));
  s.frames++;
  g_assert_cmpuint (f.caplen, ==, 0);

  g_assert_true (hl_capture_reader_next (r, &f, &error));
  s.frames++;
  g_assert_cmpint (f.ts_ns, ==, 7);
  g_assert_cmpmem (f.data, f.caplen, pkt, 300);

  g_assert_false (hl_capture_reader_next (r, &f, &error));
  g_assert_no_error (error);

  /* Both secrets blocks, in place. */
  g_assert_cmpuint (s.secrets->len, ==, 2);
  g_assert_cmphex (g_array_index (s.types, guint32, 0), ==, HL_SECRETS_TYPE_TLS_KEYLOG);
  g_assert_cmpuint (g_array_index (s.at, guint, 0), ==, 0);
  g_assert_cmpmem (g_bytes_get_data (s.secrets->pdata[0], NULL), g_bytes_get_size (s.secrets->pdata[0]),
                   keylog, strlen (keylog));
  g_assert_cmphex (g_array_index (s.types, guint32, 1), ==, 0x12345678);
  g_assert_cmpuint (g_array_index (s.at, guint, 1), ==, 2);
  g_assert_cmpmem (g_bytes_get_data (s.secrets->pdata[1], NULL), 3, "xyz", 3);
  secrets_clear (&s);

  /* Every block is 4-byte aligned and the file size matches. */
  {
    g_autofree char *contents = NULL;
    gsize len;
    g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
    g_assert_cmpuint (len % 4, ==, 0);
    g_assert_cmpuint (hl_capture_reader_offset (r), ==, len);
  }
  g_unlink (path);
}

static void
test_stream_borrowed (void)
{
  /* A FILE the caller owns: the writer flushes but does not close it. */
  g_autofree char *path = tmp_path ();
  FILE *fp = fopen (path, "wb");
  HlPcapngWriter *w;
  GError *error = NULL;
  HlCaptureReader *r;
  HlFrame f;

  g_assert_nonnull (fp);
  w = hl_pcapng_writer_new (fp, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hl_pcapng_writer_add_interface (w, 0, 0, NULL, &error), ==, 0);
  g_assert_true (hl_pcapng_writer_write_packet (w, 0, 1, (const guint8 *) "\2\0\0\0", 4, 4, &error));
  g_assert_true (hl_pcapng_writer_close (w, &error));
  g_assert_cmpint (fputc ('\0', fp), ==, 0);   /* still open */
  fclose (fp);

  /* One stray byte after the last block: a truncated block, reported. */
  r = hl_capture_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (hl_capture_reader_next (r, &f, &error));
  g_assert_cmpuint (f.linktype, ==, 0);
  g_assert_false (hl_capture_reader_next (r, &f, &error));
  g_assert_error (error, HL_ERROR, HL_ERROR_TRUNCATED);
  g_clear_error (&error);
  hl_capture_reader_free (r);
  g_unlink (path);
}

static void
test_errors (void)
{
  GError *error = NULL;
  g_autofree char *path = tmp_path ();
  HlPcapngWriter *w;
  guint8 *big;

  g_assert_null (hl_pcapng_writer_new_for_path ("/nonexistent/dir/out.pcapng", NULL, &error));
  g_assert_error (error, HL_ERROR, HL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/dir/out.pcapng"));
  g_clear_error (&error);

  w = hl_pcapng_writer_new_for_path (path, NULL, &error);
  g_assert_no_error (error);
  /* No interface yet. */
  g_assert_false (hl_pcapng_writer_write_packet (w, 0, 0, (const guint8 *) "x", 1, 1, &error));
  g_assert_error (error, HL_ERROR, HL_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (hl_pcapng_writer_add_interface (w, 70000, 0, NULL, &error), ==, -1);
  g_assert_error (error, HL_ERROR, HL_ERROR_UNSUPPORTED);
  g_clear_error (&error);
  g_assert_cmpint (hl_pcapng_writer_add_interface (w, 1, 0, NULL, &error), ==, 0);
  /* Over the per-packet limit readers accept. */
  big = g_malloc0 (256 * 1024 + 1);
  g_assert_false (hl_pcapng_writer_write_packet (w, 0, 0, big, 256 * 1024 + 1, 256 * 1024 + 1, &error));
  g_assert_error (error, HL_ERROR, HL_ERROR_LIMIT);
  g_clear_error (&error);
  g_assert_true (hl_pcapng_writer_write_packet (w, 0, 0, big, 256 * 1024, 256 * 1024, &error));
  g_free (big);
  /* Those refusals did not spoil the file. */
  g_assert_true (hl_pcapng_writer_close (w, &error));
  g_assert_no_error (error);
  {
    HlCaptureReader *r = hl_capture_reader_open (path, &error);
    HlFrame f;
    g_assert_true (hl_capture_reader_next (r, &f, &error));
    g_assert_cmpuint (f.caplen, ==, 256 * 1024);
    g_assert_false (hl_capture_reader_next (r, &f, &error));
    g_assert_no_error (error);
    hl_capture_reader_free (r);
  }
  g_unlink (path);

  /* A device that is full: the failure shows up by close() at the latest. */
  if (g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      guint8 pkt[1000] = { 0 };
      gboolean ok = TRUE;
      int i;
      w = hl_pcapng_writer_new_for_path ("/dev/full", NULL, &error);
      g_assert_no_error (error);
      hl_pcapng_writer_add_interface (w, 1, 0, NULL, NULL);
      for (i = 0; i < 100 && ok; i++)
        ok = hl_pcapng_writer_write_packet (w, 0, i, pkt, sizeof pkt, sizeof pkt, NULL);
      g_assert_false (hl_pcapng_writer_close (w, &error));
      g_assert_error (error, HL_ERROR, HL_ERROR_IO);
      g_clear_error (&error);
    }
}

/* A corpus capture and its key log saved as one pcapng: same frames, and
 * the key log comes back through the DSB. */
static void
test_corpus_resave (void)
{
  const char *dir = g_getenv ("HL_CORPUS");
  g_autofree char *cap = NULL, *keylog_path = NULL, *keylog = NULL, *out = NULL;
  g_autoptr(HlCaptureReader) in = NULL, back = NULL;
  g_autoptr(HlPcapngWriter) w = NULL;
  g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GArray) stamps = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *error = NULL;
  gsize keylog_len;
  HlFrame f;
  Secrets s;
  guint n = 0;

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("HL_CORPUS not available");
      return;
    }
  cap = g_build_filename (dir, "snet__tls1.3_aes128.pcap", NULL);
  keylog_path = g_build_filename (dir, "snet__tls1.3_aes128.keylog", NULL);
  g_assert_true (g_file_get_contents (keylog_path, &keylog, &keylog_len, NULL));
  out = tmp_path ();

  in = hl_capture_reader_open (cap, &error);
  g_assert_no_error (error);
  w = hl_pcapng_writer_new_for_path (out, "test", &error);
  g_assert_no_error (error);
  g_assert_true (hl_pcapng_writer_write_tls_keylog (w, keylog, (gssize) keylog_len, &error));
  g_assert_cmpint (hl_pcapng_writer_add_interface (w, 1, 262144, NULL, &error), ==, 0);
  while (hl_capture_reader_next (in, &f, &error))
    {
      g_assert_true (hl_pcapng_writer_write_packet (w, 0, f.ts_ns, f.data, f.caplen, f.origlen, &error));
      g_ptr_array_add (frames, g_bytes_new (f.data, f.caplen));
      g_array_append_val (stamps, f.ts_ns);
    }
  g_assert_no_error (error);
  g_assert_true (hl_pcapng_writer_close (g_steal_pointer (&w), &error));
  g_assert_cmpuint (frames->len, ==, 28);

  secrets_init (&s);
  back = hl_capture_reader_open (out, &error);
  g_assert_no_error (error);
  hl_capture_reader_set_secrets_func (back, on_secrets, &s);
  while (hl_capture_reader_next (back, &f, &error))
    {
      g_assert_cmpuint (f.number, ==, n + 1);
      g_assert_cmpint (f.ts_ns, ==, g_array_index (stamps, gint64, n));
      g_assert_cmpmem (f.data, f.caplen, g_bytes_get_data (frames->pdata[n], NULL),
                       g_bytes_get_size (frames->pdata[n]));
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 28);
  g_assert_cmpuint (s.secrets->len, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (s.secrets->pdata[0], NULL), g_bytes_get_size (s.secrets->pdata[0]),
                   keylog, keylog_len);
  secrets_clear (&s);
  g_unlink (out);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pcapng-writer/roundtrip", test_roundtrip);
  g_test_add_func ("/pcapng-writer/stream-borrowed", test_stream_borrowed);
  g_test_add_func ("/pcapng-writer/errors", test_errors);
  g_test_add_func ("/pcapng-writer/corpus-resave", test_corpus_resave);
  return g_test_run ();
}
