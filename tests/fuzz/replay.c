/* Replays fuzz inputs without libFuzzer: every file named on the command
 * line, or every file in a directory named there.  Used by the tests to run
 * the seed corpora and the regression inputs under ASan/UBSan.  TAP output. */
#include "fuzz-common.h"

static int n_run;

static void
run_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return;
  LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
  n_run++;
}

int
main (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;
          while (dir && (name = g_dir_read_name (dir)))
            g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
          for (guint j = 0; j < names->len; j++)
            run_file (g_ptr_array_index (names, j));
        }
      else
        run_file (argv[i]);
    }
  printf ("1..1\nok 1 - %d inputs replayed without a sanitizer finding\n", n_run);
  return 0;
}
