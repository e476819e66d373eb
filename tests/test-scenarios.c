/* One test per recorded scenario (tests/data/scenarios.tsv, written by
 * tests/gen): the primary diagnosis id, its blame and its evidence frames
 * must be what the scenario provokes; healthy scenarios have no error.
 *
 * scenarios.tsv columns (tab-separated, # comments): name, description,
 * expected primary id ("-" = healthy), blame ("-" for healthy), evidence in
 * words, informational ids that must also be present ("handshake_ok,..."
 * or "-"), the alerts seen (words), and optionally the expected evidence
 * frames of the primary diagnosis ("4,7"). */
#include <string.h>
#include "hl-test-util.h"

typedef struct {
  char *name, *id, *blame, *info, *frames;
} Scenario;

static void
scenario_free (gpointer p)
{
  Scenario *s = p;
  g_free (s->name); g_free (s->id); g_free (s->blame); g_free (s->info); g_free (s->frames);
  g_free (s);
}

static void
test_scenario (gconstpointer data)
{
  const Scenario *sc = data;
  g_autofree char *pcap = NULL;
  g_autofree char *keylog = NULL;
  HlEngine *e;
  GPtrArray *conns;
  HlDiagnosis *primary = NULL;
  HlConnection *pconn = NULL;

  g_autofree char *pcap_name = g_strconcat (sc->name, ".pcap", NULL);
  g_autofree char *pcapng_name = g_strconcat (sc->name, ".pcapng", NULL);
  /* The generator's clients trust its test CA, so the engine does too. */
  g_autofree char *ca = g_build_filename (g_getenv ("HL_SOURCE_ROOT") ?: ".", "tests", "gen", "certs",
                                          "ca.pem", NULL);

  pcap = hl_test_data_path (pcap_name);
  if (!g_file_test (pcap, G_FILE_TEST_EXISTS))
    {
      g_free (pcap);
      pcap = hl_test_data_path (pcapng_name);
    }
  g_assert_true (g_file_test (pcap, G_FILE_TEST_EXISTS));
  keylog = hl_test_keylog_for (pcap);
  e = hl_test_run_with_ca (pcap, keylog, g_file_test (ca, G_FILE_TEST_EXISTS) ? ca : NULL);
  conns = hl_engine_get_connections (e);
  g_assert_cmpuint (conns->len, >, 0);
  for (guint i = 0; i < conns->len && !primary; i++)
    {
      HlConnection *c = g_ptr_array_index (conns, i);
      primary = hl_connection_primary_diagnosis (c);
      pconn = c;
    }
  if (g_str_equal (sc->id, "-"))
    {
      if (primary)
        g_test_message ("unexpected error %s: %s", primary->id, primary->summary);
      g_assert_null (primary);
      for (guint i = 0; i < conns->len; i++)
        {
          HlConnection *c = g_ptr_array_index (conns, i);
          gboolean ok = FALSE;
          for (guint j = 0; j < c->diagnoses->len; j++)
            ok |= g_str_equal (((HlDiagnosis *) g_ptr_array_index (c->diagnoses, j))->id, "handshake_ok") ||
                  g_str_equal (((HlDiagnosis *) g_ptr_array_index (c->diagnoses, j))->id, "session_resumed");
          if (c->tls && c->tls->server_hello)
            g_assert_true (ok);
        }
    }
  else
    {
      g_assert_nonnull (primary);
      if (!g_str_equal (primary->id, sc->id))
        g_test_message ("%s: primary %s (%s)", sc->name, primary->id, primary->summary);
      g_assert_cmpstr (primary->id, ==, sc->id);
      g_assert_cmpstr (hl_blame_to_string (primary->blame), ==, sc->blame);
      g_assert_cmpuint (primary->frames->len, >, 0);
      g_assert_nonnull (primary->summary);
      g_assert_nonnull (primary->remedy);
      if (sc->frames && *sc->frames && !g_str_equal (sc->frames, "-"))
        {
          GString *got = g_string_new (NULL);
          for (guint j = 0; j < primary->frames->len; j++)
            g_string_append_printf (got, "%s%" G_GUINT64_FORMAT, j ? "," : "",
                                    g_array_index (primary->frames, guint64, j));
          g_assert_cmpstr (got->str, ==, sc->frames);
          g_string_free (got, TRUE);
        }
      (void) pconn;
    }
  if (sc->info && *sc->info && !g_str_equal (sc->info, "-"))
    {
      g_auto(GStrv) ids = g_strsplit (sc->info, ",", -1);
      for (guint k = 0; ids[k]; k++)
        {
          gboolean found = FALSE;
          for (guint i = 0; i < conns->len && !found; i++)
            {
              HlConnection *c = g_ptr_array_index (conns, i);
              for (guint j = 0; j < c->diagnoses->len && !found; j++)
                found = g_str_equal (((HlDiagnosis *) g_ptr_array_index (c->diagnoses, j))->id,
                                     g_strstrip (ids[k]));
            }
          if (!found)
            g_test_message ("%s: expected diagnosis %s is missing", sc->name, ids[k]);
          g_assert_true (found);
        }
    }
  hl_engine_free (e);
}

int
main (int argc, char **argv)
{
  g_autofree char *path = hl_test_data_path ("scenarios.tsv");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_test_init (&argc, &argv, NULL);
  /* Every scenario runs and reports, not only up to the first failure. */
  g_test_set_nonfatal_assertions ();
  if (g_file_get_contents (path, &text, NULL, NULL))
    lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines && lines[i]; i++)
    {
      g_auto(GStrv) f = NULL;
      Scenario *s;
      g_autofree char *tname = NULL;
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (f) < 4 || g_str_equal (f[0], "name"))
        continue;
      s = g_new0 (Scenario, 1);
      s->name = g_strstrip (g_strdup (f[0]));
      s->id = g_strstrip (g_strdup (f[2]));
      s->blame = g_strstrip (g_strdup (f[3]));
      s->info = g_strv_length (f) > 5 ? g_strstrip (g_strdup (f[5])) : NULL;
      s->frames = g_strv_length (f) > 7 ? g_strstrip (g_strdup (f[7])) : NULL;
      tname = g_strdup_printf ("/scenario/%s", s->name);
      g_test_add_data_func_full (tname, s, test_scenario, scenario_free);
      n++;
    }
  if (n == 0)
    g_test_add_func ("/scenario/none", (GTestFunc) g_test_skip);
  return g_test_run ();
}
