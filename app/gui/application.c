/* application.c: the AdwApplication: app actions, accelerators, opening files. */
#include "config.h"
#include "application.h"

#include <glib/gi18n.h>
#include "compat.h"
#include "screenshot.h"
#include "window.h"

struct _HlApplication {
  AdwApplication parent_instance;
  GPtrArray     *keylogs;   /* GFile*, from --keylog */
};

G_DEFINE_FINAL_TYPE (HlApplication, hl_application, ADW_TYPE_APPLICATION)

static HlWindow *
new_window (HlApplication *self)
{
  HlWindow *window = hl_window_new (ADW_APPLICATION (self));

  hl_screenshot_attach (window);
  return window;
}

static void
hl_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (new_window (HL_APPLICATION (app)));
  gtk_window_present (window);
}

static void
hl_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  HlApplication *self = HL_APPLICATION (app);
  g_autoptr(GPtrArray) keylogs = g_ptr_array_new ();
  g_autoptr(GPtrArray) captures = g_ptr_array_new ();

  /* Key logs (by name, and from --keylog) go with every capture; each
   * capture gets its own window. */
  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (hl_window_is_keylog_name (files[i]) ? keylogs : captures, files[i]);
  for (guint i = 0; i < self->keylogs->len; i++)
    g_ptr_array_add (keylogs, g_ptr_array_index (self->keylogs, i));
  if (captures->len == 0)
    g_ptr_array_add (captures, NULL);
  for (guint i = 0; i < captures->len; i++)
    {
      HlWindow *window = new_window (self);
      g_autoptr(GPtrArray) all = g_ptr_array_new ();

      if (g_ptr_array_index (captures, i))
        g_ptr_array_add (all, g_ptr_array_index (captures, i));
      for (guint k = 0; k < keylogs->len; k++)
        g_ptr_array_add (all, g_ptr_array_index (keylogs, k));
      hl_window_open_files (window, (GFile **) all->pdata, all->len);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static int
hl_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  HlApplication *self = HL_APPLICATION (app);
  g_autofree const char **keylogs = NULL;

  if (g_variant_dict_lookup (options, "keylog", "^a&ay", &keylogs))
    for (guint i = 0; keylogs[i]; i++)
      g_ptr_array_add (self->keylogs, g_file_new_for_commandline_arg (keylogs[i]));
  return -1;
}

static void
action_about (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  hl_compat_show_about (gtk_application_get_active_window (GTK_APPLICATION (user_data)));
}

static void
action_shortcuts (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  GtkApplication *app = user_data;
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/handshakelens/HandshakeLens/shortcuts.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts"));

  gtk_window_set_transient_for (shortcuts, gtk_application_get_active_window (app));
  gtk_window_set_application (shortcuts, app);
  gtk_window_present (shortcuts);
}

static void
action_quit (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
hl_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "about", action_about },
    { "shortcuts", action_shortcuts },
    { "quit", action_quit },
  };
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "win.open", { "<Control>o", NULL } },
    { "win.open-keylog", { "<Control>k", NULL } },
    { "win.test-server", { "<Control>t", NULL } },
    { "win.record", { "<Control>r", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.export-markdown", { "<Control>e", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (hl_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
  hl_screenshot_apply_style ();
}

static void
hl_application_finalize (GObject *object)
{
  g_ptr_array_unref (HL_APPLICATION (object)->keylogs);
  G_OBJECT_CLASS (hl_application_parent_class)->finalize (object);
}

static void
hl_application_class_init (HlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = hl_application_finalize;
  app_class->activate = hl_application_activate;
  app_class->open = hl_application_open;
  app_class->startup = hl_application_startup;
  app_class->handle_local_options = hl_application_handle_local_options;
}

static const GOptionEntry options[] = {
  { "keylog", 'k', 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("TLS key log file (SSLKEYLOGFILE format) for the captures; may be repeated"), N_("FILE") },
  { NULL }
};

gboolean
hl_application_check_args (int argc, char **argv, GError **error)
{
  g_auto(GStrv) keylogs = NULL;
  /* The window's own options, parsed into a throw-away place. */
  GOptionEntry entries[] = {
    { "keylog", 'k', 0, G_OPTION_ARG_FILENAME_ARRAY, &keylogs, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_auto(GStrv) copy = g_strdupv (argv);
  char **args = copy;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (ctx, FALSE);
  return g_option_context_parse (ctx, &argc, &args, error);
}

static void
hl_application_init (HlApplication *self)
{
  self->keylogs = g_ptr_array_new_with_free_func (g_object_unref);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[CAPTURE…]"));
}

HlApplication *
hl_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_OPEN;

  /* Screenshot runs must not hand their work to a running instance. */
  if (hl_screenshot_requested ())
    flags |= G_APPLICATION_NON_UNIQUE;
  return g_object_new (HL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/handshakelens/HandshakeLens",
                       NULL);
}
