/* Helpers shared by the C tests that run the whole engine on a capture. */
#pragma once
#include <glib.h>
#include <stdio.h>
#include "engine.h"
#include "report.h"

static inline void
hl_test_report_add (HlConnection *conn, gpointer report)
{
  hl_report_add (report, conn);
}

static inline char *
hl_test_render (HlConnection *conn, gpointer report)
{
  return hl_report_render (report, conn);
}

static inline void
hl_test_write (const char *text, gpointer report)
{
  hl_report_write (report, text);
}

/* Runs a capture (with an optional key log) through the engine and returns
 * the JSON report.  headless: made the way the CLI makes it (no field
 * trees, the output worker, each connection rendered when it closes);
 * else with field trees, in the reading thread. */
static inline char *
hl_test_report_json_full (const char *capture, const char *keylog, gboolean headless)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&buf, &len);
  HlEngine *e = hl_engine_new ();
  HlReport *r = hl_report_new (HL_REPORT_JSON, out);
  g_autoptr(GError) error = NULL;

  if (keylog)
    g_assert_true (hl_keylog_load_file (hl_engine_get_keylog (e), keylog, NULL));
  if (headless)
    {
      hl_engine_set_keep_fields (e, FALSE);
      hl_engine_set_output_thread (e, TRUE);
      hl_engine_set_render_func (e, hl_test_render, hl_test_write, r);
    }
  else
    hl_engine_set_done_func (e, hl_test_report_add, r);
  hl_engine_process_file (e, capture, NULL, &error);
  hl_report_end (r, hl_engine_get_stats (e), error);
  hl_report_free (r);
  hl_engine_free (e);
  fclose (out);
  return buf;
}

/* ... exactly as `handshake-lens --report=json` prints it */
static inline char *
hl_test_report_json (const char *capture, const char *keylog)
{
  return hl_test_report_json_full (capture, keylog, FALSE);
}

/* Retained connections of a capture (free with g_ptr_array_unref and
 * hl_engine_free of *engine_out). */
static inline HlEngine *
hl_test_run_with_ca (const char *capture, const char *keylog, const char *ca_file)
{
  HlEngine *e = hl_engine_new ();
  if (ca_file)
    hl_engine_set_ca_file (e, ca_file);
  if (keylog)
    g_assert_true (hl_keylog_load_file (hl_engine_get_keylog (e), keylog, NULL));
  hl_engine_set_retain (e, TRUE);
  hl_engine_process_file (e, capture, NULL, NULL);
  return e;
}

static inline HlEngine *
hl_test_run (const char *capture, const char *keylog)
{
  return hl_test_run_with_ca (capture, keylog, NULL);
}

static inline char *
hl_test_data_path (const char *name)
{
  const char *dir = g_getenv ("HL_TEST_DATA");
  return g_build_filename (dir ? dir : "tests/data", name, NULL);
}

/* NAME.keylog beside NAME.pcap(ng), or NULL. */
static inline char *
hl_test_keylog_for (const char *capture)
{
  const char *dot = strrchr (capture, '.');
  g_autofree char *stem = g_strndup (capture, dot ? (gsize) (dot - capture) : strlen (capture));
  char *k = g_strconcat (stem, ".keylog", NULL);
  if (g_file_test (k, G_FILE_TEST_EXISTS))
    return k;
  g_free (k);
  return NULL;
}
