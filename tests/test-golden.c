/* Golden reports: every capture in tests/data with a NAME.json beside it
 * must produce exactly that JSON report (byte for byte).  Regenerate with
 * tests/update-goldens.sh after reviewing the change. */
#include <string.h>
#include "hl-test-util.h"

/* NAME.json beside NAME.pcap(ng) */
static char *
golden_path_for (const char *capture)
{
  const char *dot = strrchr (capture, '.');
  g_autofree char *stem = g_strndup (capture, dot - capture);
  return g_strconcat (stem, ".json", NULL);
}

static void
test_one (gconstpointer data)
{
  const char *capture = data;
  g_autofree char *keylog = hl_test_keylog_for (capture);
  g_autofree char *golden_path = golden_path_for (capture);
  g_autofree char *golden = NULL;
  g_autofree char *got = NULL;

  got = hl_test_report_json (capture, keylog);
  if (g_getenv ("HL_UPDATE_GOLDENS"))
    {
      g_assert_true (g_file_set_contents (golden_path, got, -1, NULL));
      g_test_message ("wrote %s", golden_path);
      return;
    }
  g_assert_true (g_file_get_contents (golden_path, &golden, NULL, NULL));
  if (g_strcmp0 (got, golden) != 0)
    {
      g_autofree char *out = g_strconcat (g_getenv ("HL_BUILD_ROOT") ?: ".", "/golden-",
                                          g_path_get_basename (golden_path), NULL);
      g_file_set_contents (out, got, -1, NULL);
      g_test_message ("report differs from %s; got %s", golden_path, out);
    }
  g_assert_cmpstr (got, ==, golden);
}

/* The CLI's way (headless, rendered on the output worker as connections
 * close) gives the golden report too, and without the key log the same
 * report as the engine with field trees. */
static void
test_headless (gconstpointer data)
{
  const char *capture = data;
  g_autofree char *keylog = hl_test_keylog_for (capture);
  g_autofree char *golden_path = golden_path_for (capture);
  g_autofree char *golden = NULL;
  g_autofree char *got = hl_test_report_json_full (capture, keylog, TRUE);
  g_autofree char *plain = hl_test_report_json (capture, NULL);
  g_autofree char *headless = hl_test_report_json_full (capture, NULL, TRUE);

  g_assert_true (g_file_get_contents (golden_path, &golden, NULL, NULL));
  g_assert_cmpstr (got, ==, golden);
  g_assert_cmpstr (headless, ==, plain);

}

int
main (int argc, char **argv)
{
  g_autofree char *dir = hl_test_data_path ("");
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);
  d = g_dir_open (dir, 0, NULL);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *stem = NULL;
      g_autofree char *json = NULL;
      const char *dot = strrchr (name, '.');
      if (!dot || (strcmp (dot, ".pcap") != 0 && strcmp (dot, ".pcapng") != 0))
        continue;
      stem = g_strndup (name, dot - name);
      json = g_strconcat (dir, "/", stem, ".json", NULL);
      if (g_getenv ("HL_UPDATE_GOLDENS") || g_file_test (json, G_FILE_TEST_EXISTS))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, n, NULL);
      g_autofree char *tname = g_strdup_printf ("/golden/%s", n);
      g_autofree char *hname = g_strdup_printf ("/headless/%s", n);
      g_test_add_data_func_full (tname, g_strdup (path), test_one, g_free);
      if (!g_getenv ("HL_UPDATE_GOLDENS"))
        g_test_add_data_func_full (hname, g_strdup (path), test_headless, g_free);
    }
  if (names->len == 0)
    g_test_add_func ("/golden/none", (GTestFunc) g_test_skip);
  return g_test_run ();
}
