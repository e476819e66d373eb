/* test-gui-locale.c: the window speaks German under LANGUAGE=de.
 *
 * Uses the catalogues meson builds into <build>/po (HL_LOCALEDIR), as an
 * uninstalled run would, and looks for translated text in the widget tree:
 * labels, status pages, buttons and tooltips. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "cli.h"
#include "diagnosis-banner.h"
#include "window.h"
#include "gui-test-util.h"

/* ---- collecting what the window shows ---- */

static void
add_string (GPtrArray *out, const char *s)
{
  if (s != NULL && *s != '\0')
    g_ptr_array_add (out, g_strdup (s));
}

static void
collect (GtkWidget *widget, GPtrArray *out)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  add_string (out, tooltip);
  if (GTK_IS_LABEL (widget))
    add_string (out, gtk_label_get_text (GTK_LABEL (widget)));
  else if (ADW_IS_STATUS_PAGE (widget))
    {
      add_string (out, adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      add_string (out, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }
  else if (ADW_IS_WINDOW_TITLE (widget))
    add_string (out, adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
  else if (GTK_IS_EDITABLE (widget) && GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *placeholder = NULL;
      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      add_string (out, placeholder);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect (child, out);
}

static gboolean
shows (GPtrArray *strings, const char *text)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (g_ptr_array_index (strings, i), text))
      return TRUE;
  return FALSE;
}

/* ---- tests ---- */

/* The first page a person sees: title, description, buttons, tooltips. */
static void
test_welcome (void)
{
  HlWindow *window = new_window ();
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  const char *german[] = {
    "Sehen, wie eine Verbindung zustande kommt",                       /* status page title */
    "Öffnen Sie einen Mitschnitt, testen Sie einen Server, oder beginnen Sie mit einem Beispiel.",
    "Mitschnitt öffnen …",                                              /* button, mnemonic removed */
    "Eine Mitschnittdatei öffnen (Strg+O)",                             /* tooltip */
  };
  const char *english[] = {
    "See How a Connection Is Made",
    "Open a capture, test a server, or start with an example.",
    "Open a capture file (Ctrl+O)",
  };

  g_assert_cmpstr (hl_window_get_page (window), ==, "welcome");
  collect (GTK_WIDGET (window), strings);
  g_assert_cmpuint (strings->len, >, 10);
  for (guint i = 0; i < G_N_ELEMENTS (german); i++)
    {
      if (!shows (strings, german[i]))
        g_test_message ("missing German text: %s", german[i]);
      g_assert_true (shows (strings, german[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (english); i++)
    g_assert_false (shows (strings, english[i]));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A failed connection: the banner's own words are German, and so is the
 * diagnosis from the catalog when the engine finds one. */
static void
test_banner (void)
{
  const char *data = g_getenv ("HL_TEST_DATA");
  g_autofree char *path = NULL, *keylog_path = NULL, *text = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) keylogs = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *list;
  HlWindow *window;
  gboolean done = FALSE;
  gint64 end;
  gulong id;

  path = g_build_filename (data ? data : ".", "cert_expired.pcap", NULL);
  keylog_path = g_build_filename (data ? data : ".", "cert_expired.keylog", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("tests/data/cert_expired.pcap is missing");
      return;
    }
  file = g_file_new_for_path (path);
  if (g_file_test (keylog_path, G_FILE_TEST_EXISTS))
    g_ptr_array_add (keylogs, g_file_new_for_path (keylog_path));

  window = new_window ();
  id = g_signal_connect (window, "load-finished", G_CALLBACK (on_finished), &done);
  hl_window_open (window, file, keylogs);
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (window, id);
  g_assert_true (done);
  spin (100);

  list = hl_window_get_connection_list (window);
  if (g_list_model_get_n_items (list) == 0)
    {
      g_test_skip ("the engine in this tree finds no connection in cert_expired.pcap");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  hl_window_select_connection (window, 1);
  spin (100);
  if (!gtk_widget_get_visible (GTK_WIDGET (hl_window_get_banner (window))))
    {
      g_test_skip ("no diagnosis for cert_expired.pcap in this tree");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  text = hl_diagnosis_banner_get_text (hl_window_get_banner (window));
  g_test_message ("banner: %s", text);
  /* The catalog's title and summary of certificate_expired, and the
   * banner's own labels. */
  g_assert_nonnull (strstr (text, "Serverzertifikat abgelaufen"));
  g_assert_nonnull (strstr (text, "Das Serverzertifikat für server.test ist am "));
  g_assert_nonnull (strstr (text, "Wer handeln muss: "));
  g_assert_nonnull (strstr (text, "Abhilfe: "));
  g_assert_null (strstr (text, "Who should act"));
  g_assert_null (strstr (text, "expired on"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  const char *build = g_getenv ("HL_BUILD_ROOT");

  /* German before anything reads the environment: gettext follows
   * LANGUAGE as long as the locale is not plain "C" (the tests run with
   * LC_ALL=C.UTF-8). */
  g_setenv ("LANGUAGE", "de", TRUE);
  if (build)
    {
      g_autofree char *schemas = g_build_filename (build, "data", NULL);
      g_autofree char *locale = g_build_filename (build, "po", NULL);
      g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
      g_setenv ("HL_LOCALEDIR", locale, TRUE);
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  hl_cli_init_i18n ();
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 0;
    }
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/gui-locale/welcome", test_welcome);
  g_test_add_func ("/gui-locale/banner", test_banner);
  return g_test_run ();
}
